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

/// A word list for [`Words::eat`], with the set of its words' first characters.
///
/// The issuer and value scanners ask "does one of these words start here?" at every
/// character of a sentence; most characters start none of the words, and [`eat`] finds that
/// out only after comparing each word (the national-body scan alone was 7 % of an import's
/// instructions; docs/performance.md, session 3). One bit test rejects those positions here.
pub(crate) struct Words {
    pub(crate) list: &'static [&'static str],
    /// Bit `c % 256` is set when some word starts with the character `c`. Other characters
    /// share the bit, so a set bit only means "maybe": [`eat`] decides.
    firsts: [u64; 4],
    /// Some word is empty, so a word starts everywhere (the filter is off).
    has_empty: bool,
}

impl Words {
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        let mut firsts = [0u64; 4];
        let mut has_empty = false;
        let mut k = 0;
        while k < list.len() {
            match first_scalar(list[k].as_bytes()) {
                Some(c) => {
                    let bit = (c % 256) as usize;
                    firsts[bit / 64] |= 1 << (bit % 64);
                }
                None => has_empty = true,
            }
            k += 1;
        }
        Words {
            list,
            firsts,
            has_empty,
        }
    }

    /// `false` only when no word can start with `c`.
    #[inline]
    fn may_start_with(&self, c: char) -> bool {
        let bit = (c as u32 % 256) as usize;
        self.has_empty || self.firsts[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Exactly `eat(cs, i, self.list)`, without comparing any word where none can start.
    #[inline]
    pub(crate) fn eat(&self, cs: &[char], i: usize) -> Option<usize> {
        match cs.get(i) {
            Some(&c) if !self.may_start_with(c) => None,
            _ => eat(cs, i, self.list),
        }
    }
}

/// The first Unicode scalar value of the UTF-8 `bytes` (a `str`'s), `None` if empty. A
/// `const fn` so [`Words`] tables are built at compile time.
const fn first_scalar(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() {
        return None;
    }
    let b0 = bytes[0] as u32;
    Some(if b0 < 0x80 {
        b0
    } else if b0 < 0xE0 {
        ((b0 & 0x1F) << 6) | cont(bytes, 1)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12) | (cont(bytes, 1) << 6) | cont(bytes, 2)
    } else {
        ((b0 & 0x07) << 18) | (cont(bytes, 1) << 12) | (cont(bytes, 2) << 6) | cont(bytes, 3)
    })
}

/// The payload bits of the UTF-8 continuation byte `bytes[k]`.
const fn cont(bytes: &[u8], k: usize) -> u32 {
    (bytes[k] as u32) & 0x3F
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
    fn first_scalars_are_the_first_chars() {
        for w in ["", "a", "é", "国务院", "m³", "～", "𠮷野家", "–"] {
            assert_eq!(
                first_scalar(w.as_bytes()),
                w.chars().next().map(u32::from),
                "{w:?}"
            );
        }
    }

    /// The fast path must answer exactly what the plain scan answers, at every position of
    /// texts that contain the words, their prefixes, characters sharing a first-character
    /// bit with them (`c % 256`), and at the end of the text.
    #[test]
    fn word_lists_eat_what_the_plain_scan_eats() {
        const LISTS: &[&[&str]] = &[
            &["国务院办公厅", "国务院", "财政部", "税务总局"],
            &["立方米", "立方", "kWh", "m³", "吨", "-", "～"],
            &["及以上", "以上"],
            &["", "至"],
            &[],
        ];
        // 国 (U+56FD) and 埽 (U+57FD) share a bit: 埽 must fall through to the plain scan.
        let texts = [
            "国务院办公厅印发；国务院、财政部和税务总局联合发布",
            "埽务院 国务 立方 立方米3 kWh m³ - ～ 以上及以上及以",
            "",
            "国",
            "至于至",
        ];
        for list in LISTS {
            let words = Words::new(list);
            for text in texts {
                let cs = chars(text);
                for i in 0..=cs.len() + 1 {
                    assert_eq!(
                        words.eat(&cs, i),
                        eat(&cs, i, list),
                        "{list:?} in {text:?} at {i}"
                    );
                }
            }
        }
    }

    /// A word's own first character always passes the filter, and most others do not.
    #[test]
    fn no_word_is_rejected_by_its_first_character() {
        let list: &'static [&'static str] = &["国务院", "财政部", "上限为", "截至", "m³"];
        let words = Words::new(list);
        for w in list {
            let c = w.chars().next().expect("non-empty");
            assert!(words.may_start_with(c), "{w}");
        }
        let rejected = ('\u{4e00}'..='\u{9fff}')
            .filter(|&c| !words.may_start_with(c))
            .count();
        assert!(
            rejected > 20_000,
            "the filter rejects most characters ({rejected})"
        );
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
