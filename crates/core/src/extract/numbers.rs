//! Numbers as Chinese newspapers write them: Arabic digits (ASCII or full-width, with an
//! optional decimal part and thousands commas) and Chinese numerals (`三十一`, `二〇二〇`,
//! `两千`, `一百零五`, `三百万`).
//!
//! Everything works on a slice of `char`s and a start index, and returns the parsed value
//! with the index just past it, so callers can keep scanning without re-allocating.

use rust_decimal::Decimal;

/// `true` when `cs[i..]` starts with `s`.
pub(crate) fn at(cs: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(n, c)| cs.get(i + n) == Some(&c))
}

/// The UTF-8 bytes of `cs[i]` (empty past the end), for [`may_start`].
///
/// The date and value scanners ask "does one of these words start here?" at every
/// character of an article; comparing this encoding with each word's first bytes is a few
/// byte compares, where [`at`] would decode each word's first character
/// (docs/performance.md, session 2).
#[inline]
pub(crate) fn first_bytes<'b>(cs: &[char], i: usize, buf: &'b mut [u8; 4]) -> &'b [u8] {
    match cs.get(i) {
        Some(c) => c.encode_utf8(buf).as_bytes(),
        None => &[],
    }
}

/// `false` only when `w` cannot be at a position whose [`first_bytes`] are `first`: UTF-8 is
/// prefix-free, so a non-empty word starts with that character iff its bytes start with
/// them. A pre-filter for [`at`], never a replacement.
#[inline]
pub(crate) fn may_start(w: &str, first: &[u8]) -> bool {
    // At most four bytes: compared inline rather than through a call to memcmp.
    let w = w.as_bytes();
    w.is_empty() || (w.len() >= first.len() && first.iter().zip(w).all(|(a, b)| a == b))
}

/// The index just past the first of `words` that `cs[i..]` starts with. List longer words
/// before their prefixes.
pub(crate) fn eat(cs: &[char], i: usize, words: &[&str]) -> Option<usize> {
    let mut buf = [0u8; 4];
    let first = first_bytes(cs, i, &mut buf);
    words
        .iter()
        .find(|w| may_start(w, first) && at(cs, i, w))
        .map(|w| i + w.chars().count())
}

/// Value of an Arabic digit, ASCII or full-width.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese digit (`〇` / `零` are 0, `两` is 2).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    }
}

/// Whether `c` can start a number of either script.
pub(crate) fn starts_number(c: char) -> bool {
    arabic_digit(c).is_some() || chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// Arabic digits at `i` (no sign, no decimal part). Returns the value and the digit count.
pub(crate) fn parse_arabic_int(cs: &[char], i: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    let mut j = i;
    while let Some(d) = cs.get(j).and_then(|&c| arabic_digit(c)) {
        v = v.checked_mul(10)?.checked_add(d as u64)?;
        j += 1;
    }
    (j > i).then_some((v, j))
}

/// An integer below 万 in Chinese numerals at `i`: positional (`三十一`, `一百零五`, `十二`)
/// or digit by digit (`二〇二〇`). Stops before a digit that cannot continue the number, so
/// `十四五` reads as 14 followed by `五`.
pub(crate) fn parse_chinese_small(cs: &[char], i: usize) -> Option<(u64, usize)> {
    // Digit by digit: two or more digits with no unit between them (years such as 二〇二〇).
    let mut j = i;
    let mut digits: u64 = 0;
    while let Some(d) = cs.get(j).and_then(|&c| chinese_digit(c)) {
        digits = digits.saturating_mul(10).saturating_add(d as u64);
        j += 1;
    }
    if j - i >= 2 {
        return Some((digits, j));
    }
    // Positional.
    let mut total: u64 = 0;
    let mut num: Option<u64> = None;
    let mut j = i;
    let mut last_unit = u64::MAX;
    while let Some(&c) = cs.get(j) {
        if let Some(d) = chinese_digit(c) {
            if d == 0 && j > i {
                // 一百零五: the 零 only marks a skipped place.
                j += 1;
                continue;
            }
            if num.is_some() {
                break; // two digits in a row inside a positional number: the number ended
            }
            num = Some(d as u64);
        } else if let Some(u) = chinese_unit(c) {
            if u >= last_unit {
                break;
            }
            total += num.unwrap_or(1) * u;
            num = None;
            last_unit = u;
        } else {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    // 一百零五: the 零 left num at 0 and the 五 replaced it; a trailing digit after a unit
    // counts as units, except after 百/千 where `三百五` conventionally means 350.
    let tail = num.unwrap_or(0);
    let tail = match (last_unit, num.is_some()) {
        (100, true) | (1000, true) if !cs[i..j].iter().any(|&c| c == '零' || c == '〇') => {
            tail * last_unit / 10
        }
        _ => tail,
    };
    Some((total + tail, j))
}

/// An integer in either script at `i` (no 万/亿).
pub(crate) fn parse_int(cs: &[char], i: usize) -> Option<(u64, usize)> {
    parse_arabic_int(cs, i).or_else(|| parse_chinese_small(cs, i))
}

/// A decimal number at `i`: Arabic with optional thousands commas and decimal part
/// (`1,235.5`, `０．５`), or Chinese numerals; then optional 万 / 亿 multipliers
/// (`300万` → 3000000, `532.55亿` → 53255000000, `三百万` → 3000000, `一亿二千万`).
pub(crate) fn parse_decimal(cs: &[char], i: usize) -> Option<(Decimal, usize)> {
    let (mut value, mut j) = if let Some((int, mut j)) = parse_arabic_int(cs, i) {
        let mut int = int;
        // Thousands separators: a comma followed by exactly three digits.
        while cs.get(j) == Some(&',')
            && (1..=3).all(|k| cs.get(j + k).and_then(|&c| arabic_digit(c)).is_some())
            && cs.get(j + 4).and_then(|&c| arabic_digit(c)).is_none()
        {
            let (g, nj) = parse_arabic_int(cs, j + 1)?;
            int = int.checked_mul(1000)?.checked_add(g)?;
            j = nj;
        }
        let mut v = Decimal::from(int);
        if matches!(cs.get(j), Some('.') | Some('．'))
            && cs.get(j + 1).and_then(|&c| arabic_digit(c)).is_some()
        {
            let mut k = j + 1;
            let mut scale = 0u32;
            let mut frac: i64 = 0;
            while let Some(d) = cs.get(k).and_then(|&c| arabic_digit(c)) {
                if scale < 12 {
                    frac = frac * 10 + d as i64;
                    scale += 1;
                }
                k += 1;
            }
            v += Decimal::new(frac, scale);
            j = k;
        }
        (v, j)
    } else {
        let (v, j) = parse_chinese_small(cs, i)?;
        let mut v = Decimal::from(v);
        let mut j = j;
        // 三点五 → 3.5
        if cs.get(j) == Some(&'点') && cs.get(j + 1).and_then(|&c| chinese_digit(c)).is_some() {
            let mut k = j + 1;
            let mut scale = 0u32;
            let mut frac: i64 = 0;
            while let Some(d) = cs.get(k).and_then(|&c| chinese_digit(c)) {
                if scale < 12 {
                    frac = frac * 10 + d as i64;
                    scale += 1;
                }
                k += 1;
            }
            v += Decimal::new(frac, scale);
            j = k;
        }
        (v, j)
    };
    // Multipliers, possibly stacked (万亿) or followed by more digits (一亿二千万).
    loop {
        match cs.get(j) {
            Some('万') => {
                value = value.checked_mul(Decimal::from(10_000))?;
                j += 1;
            }
            Some('亿') => {
                value = value.checked_mul(Decimal::from(100_000_000))?;
                j += 1;
                if let Some((rest, nj)) = parse_chinese_small(cs, j) {
                    if cs.get(nj) == Some(&'万') {
                        value = value
                            .checked_add(Decimal::from(rest).checked_mul(Decimal::from(10_000))?)?;
                        j = nj + 1;
                    }
                }
            }
            _ => break,
        }
    }
    Some((value.normalize(), j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn chinese_integers_read_as_written() {
        let cases = [
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("三十一", 31),
            ("一百零五", 105),
            ("三百", 300),
            ("两千", 2000),
            ("一千二百", 1200),
            ("二〇二〇", 2020),
            ("二零二一", 2021),
            ("九", 9),
        ];
        for (s, want) in cases {
            let cs = chars(s);
            assert_eq!(parse_int(&cs, 0), Some((want, cs.len())), "{s}");
        }
    }

    #[test]
    fn positional_number_stops_before_a_second_digit() {
        let cs = chars("十四五");
        assert_eq!(parse_int(&cs, 0), Some((14, 2)));
    }

    #[test]
    fn decimals_with_multipliers() {
        let cases = [
            ("300万", "3000000"),
            ("532.55亿", "53255000000"),
            ("1.2亿", "120000000"),
            ("三百万", "3000000"),
            ("1,235.5", "1235.5"),
            ("０．５", "0.5"),
            ("3.64", "3.64"),
            ("一亿二千万", "120000000"),
            ("三点五", "3.5"),
        ];
        for (s, want) in cases {
            let cs = chars(s);
            let (v, j) = parse_decimal(&cs, 0).unwrap_or_else(|| panic!("{s} parses"));
            assert_eq!(v.to_string(), want, "{s}");
            assert_eq!(j, cs.len(), "{s} fully consumed");
        }
    }
}
