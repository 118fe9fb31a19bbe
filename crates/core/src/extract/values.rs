//! Typed values of measures: amounts (`300万元`), percentages (`95%`, `九五折`), relative
//! changes (`下调15%以上`), percentage points (`下降0.5个百分点`), unit prices (`水价3.64元`)
//! and changes per unit (`下降0.4元/立方米`).
//!
//! The sign of a change comes from the verb just before the number in the same clause
//! (`下调`, `下降`, `降低`... negative; `上调`, `提高`, `增加`... positive); a verb followed by
//! `至` / `到` / `为` / `按` states a new level, not a change (`降至3%`, `减按15%` are levels).

use rust_decimal::Decimal;

use super::numbers::{
    arabic_digit, at, chinese_digit, eat, parse_decimal, parse_int, starts_number, Words,
};
use crate::model::{Bound, MeasureValue};

/// A value found in a text, with its char span (the verb and bound words included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundValue {
    pub start: usize,
    pub end: usize,
    pub value: MeasureValue,
}

/// Every value in `text`, in order.
pub fn find_values(text: &str) -> Vec<FoundValue> {
    let cs: Vec<char> = text.chars().collect();
    scan_values(&cs, 0, cs.len())
}

const DOWN: &[&str] = &[
    "下调", "下降", "降低", "下浮", "减少", "压减", "让利", "优惠", "减免", "降", "减",
];
const UP: &[&str] = &[
    "上调", "提高", "增加", "增长", "上涨", "上浮", "提升", "增", "涨",
];
const AT_MOST_BEFORE: Words =
    Words::new(&["不超过", "不高于", "最高", "最多", "上限为", "上限", "封顶"]);
const AT_LEAST_BEFORE: Words = Words::new(&["不低于", "不少于", "至少", "最低", "超过", "高于"]);
const AT_LEAST_AFTER: Words = Words::new(&["及以上", "以上"]);
const AT_MOST_AFTER: Words = Words::new(&["以内", "以下", "封顶"]);

/// Counters that make `5万人` or `1.2亿元`-less figures a count, not money.
const COUNTERS: &[char] = &[
    '人', '名', '户', '家', '台', '辆', '笔', '次', '件', '吨', '个', '张', '套', '条', '项', '份',
    '只', '头', '本', '部', '座', '所', '间', '株', '千', '平', '亩', '立', '余', '多', '度', '块',
    '瓶', '支', '箱', '批', '例', '单', '美', '欧', '港', '日',
];

/// Units that measure a quantity (energy, volume, weight, area, freight), longest first: a
/// sum "per" one of these is a rate per unit (`每千瓦时0.2元`).
const MEASURED_UNITS: Words = Words::new(&[
    "立方米",
    "千瓦时",
    "平方米",
    "吨公里",
    "立方",
    "公斤",
    "千克",
    "平米",
    "kWh",
    "m³",
    "吨",
    "度",
    "方",
    "升",
    "斤",
    "亩",
]);

/// Units that count (`人`, `户`, `月`), longest first: `每户补贴5000元` stays an amount.
const COUNTED_UNITS: Words = Words::new(&[
    "人次", "小时", "人", "户", "辆", "台", "次", "月", "年", "天", "个", "件", "张", "套",
]);

/// Whether `unit` (as [`unit_at`] read it) measures a quantity.
fn is_measured(unit: &str) -> bool {
    let cs: Vec<char> = unit.chars().collect();
    MEASURED_UNITS.eat(&cs, 0) == Some(cs.len())
}

/// A rent or fee waived for a number of months: `免收3个月租金`, `免除六个月房租`,
/// `免交3个月摊位费`. No typed kind holds "months of rent", so the words themselves are the value
/// (`text`), grounded in their span; the period, when stated, is read as dates elsewhere.
fn months_waived_at(cs: &[char], i: usize, to: usize) -> Option<FoundValue> {
    const WAIVE: &[&str] = &["免收", "免除", "免交", "免缴", "减免", "免"];
    // Called at every character of every sentence: most start no waiver word.
    if !matches!(cs[i], '免' | '减') {
        return None;
    }
    if let Some(v) = rent_free_months(cs, i, to) {
        return Some(v);
    }
    let w = WAIVE.iter().find(|w| at(cs, i, w))?;
    let (n, j) = parse_int(cs, i + w.chars().count())?;
    let j = eat(cs, j, &["个月"])?;
    if n == 0 || j > to {
        return None;
    }
    // The fee named just before: `房租减免三个月`, `物业费免收3个月`.
    if let Some(start) = fee_before(cs, i) {
        return Some(FoundValue {
            start,
            end: j,
            value: MeasureValue::Text {
                text: cs[start..j].iter().collect(),
            },
        });
    }
    let j = eat(cs, j, &["的"]).unwrap_or(j);
    // The fee named within a few characters, before any clause break: `租金`, `…费`.
    let end = (j..(j + 6).min(to))
        .take_while(|&k| !is_clause_break(cs[k]))
        .find_map(|k| {
            if at(cs, k, "租金") || at(cs, k, "房租") {
                Some(k + 2)
            } else if cs[k] == '费' {
                Some(k + 1)
            } else {
                None
            }
        })?;
    Some(FoundValue {
        start: i,
        end,
        value: MeasureValue::Text {
            text: cs[i..end].iter().collect(),
        },
    })
}

/// Where the fee named right before a waiver word `i` starts: `租金`, `房租`, or a fee of
/// two characters and `费` (`物业费`, `摊位费`; a longer name is quoted from its last two).
fn fee_before(cs: &[char], i: usize) -> Option<usize> {
    if i >= 2 && (at(cs, i - 2, "租金") || at(cs, i - 2, "房租")) {
        return Some(i - 2);
    }
    if i >= 2 && cs[i - 1] == '费' {
        let lo = i.saturating_sub(3);
        let start = (lo..i - 1)
            .rev()
            .take_while(|&k| !is_clause_break(cs[k]) && !"的对给予和、及与".contains(cs[k]))
            .last()?;
        return Some(start);
    }
    None
}

/// A rent-free period counted in months: `3个月免租期`, `免租期3个月`, `免租期为六个月`.
fn rent_free_months(cs: &[char], i: usize, to: usize) -> Option<FoundValue> {
    if !at(cs, i, "免租期") {
        return None;
    }
    let after = i + 3;
    // Before: the count and 个月 right before 免租期.
    if i >= 3 && at(cs, i - 2, "个月") {
        let start = (0..i - 2)
            .rev()
            .take_while(|&k| {
                arabic_digit(cs[k]).is_some() || chinese_digit(cs[k]).is_some() || cs[k] == '十'
            })
            .last()?;
        return Some(FoundValue {
            start,
            end: after,
            value: MeasureValue::Text {
                text: cs[start..after].iter().collect(),
            },
        });
    }
    let j = eat(cs, after, &["为", "是"]).unwrap_or(after);
    let (n, j) = parse_int(cs, j)?;
    let end = eat(cs, j, &["个月"])?;
    if n == 0 || end > to {
        return None;
    }
    Some(FoundValue {
        start: i,
        end,
        value: MeasureValue::Text {
            text: cs[i..end].iter().collect(),
        },
    })
}

/// Free use of a facility or service normally paid for: `免费开放`, `首2小时免费停放`,
/// `免费乘坐`. No typed kind holds it; the words are the value (`text`). An allowance before
/// them (`首2小时`) stays in the quoted sentence.
fn free_use_at(cs: &[char], i: usize, to: usize) -> Option<FoundValue> {
    const USES: &[&str] = &["开放", "停放", "停车", "乘坐", "游览", "入园", "使用"];
    // Called at every character of every sentence: most are no 免.
    if cs[i] != '免' || cs.get(i + 1) != Some(&'费') {
        return None;
    }
    let end = eat(cs, i + 2, USES).filter(|&e| e <= to)?;
    Some(FoundValue {
        start: i,
        end,
        value: MeasureValue::Text {
            text: cs[i..end].iter().collect(),
        },
    })
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '\n' | '！' | '？'
    )
}

/// Values in `cs[from..to]`.
pub(crate) fn scan_values(cs: &[char], from: usize, to: usize) -> Vec<FoundValue> {
    let mut out = Vec::new();
    let mut i = from;
    let mut title_depth = 0u32;
    while i < to {
        let c = cs[i];
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            _ => {}
        }
        if title_depth > 0 {
            i += 1;
            continue;
        }
        if let Some(v) = months_waived_at(cs, i, to).or_else(|| free_use_at(cs, i, to)) {
            i = v.end;
            out.push(v);
            continue;
        }
        if at(cs, i, "减半") {
            out.push(FoundValue {
                start: i,
                end: i + 2,
                value: MeasureValue::PercentChange {
                    percent: Decimal::from(-50),
                    bound: Bound::Exact,
                },
            });
            i += 2;
            continue;
        }
        // `奖励金额翻一番`: doubled; `翻两番`: four times.
        if c == '翻' {
            let doubled = [("翻一番", 2), ("翻番", 2), ("翻两番", 4), ("翻二番", 4)]
                .iter()
                .find(|(w, _)| at(cs, i, w));
            if let Some(&(w, f)) = doubled {
                let n = w.chars().count();
                out.push(FoundValue {
                    start: i,
                    end: i + n,
                    value: MeasureValue::Multiple {
                        factor: Decimal::from(f),
                        bound: Bound::Exact,
                    },
                });
                i += n;
                continue;
            }
        }
        // `门票实行半价优惠`: the price is half the usual one.
        if at(cs, i, "半价") {
            out.push(FoundValue {
                start: i,
                end: i + 2,
                value: MeasureValue::Percentage {
                    percent: Decimal::from(50),
                    bound: Bound::Exact,
                },
            });
            i += 2;
            continue;
        }
        let glued =
            i > from && (cs[i - 1].is_ascii_alphanumeric() || cs[i - 1] == '.' || cs[i - 1] == '×');
        if starts_number(c) && !glued {
            if let Some(v) = value_at(cs, i, from, to) {
                i = v.end.max(i + 1);
                out.push(range_from_below(cs, from, v));
                continue;
            }
            // Skip the rest of this number so its digits are not read again.
            let mut j = i + 1;
            while j < to && (arabic_digit(cs[j]).is_some() || cs[j] == '.') {
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// A sum stated as a range with its unit written once (`每辆3000—5000元`, `每亩补贴50至80元`,
/// `日工资标准为150至200元`): the value is the upper figure as a ceiling (`at_most`; a unit
/// price, which has no bound, keeps the upper figure), and its span starts at the lower
/// figure so the evidence quotes the whole range. Other values pass unchanged.
fn range_from_below(cs: &[char], from: usize, mut v: FoundValue) -> FoundValue {
    let upper = match &v.value {
        MeasureValue::Amount { amount, .. } | MeasureValue::UnitPrice { amount, .. } => *amount,
        _ => return v,
    };
    let Some(sep) = (v.start > from + 1).then(|| v.start - 1) else {
        return v;
    };
    if !matches!(cs[sep], '至' | '到' | '—' | '–' | '－' | '-' | '～' | '~') {
        return v;
    }
    let sep = if cs[sep] == '—' && sep > from && cs[sep - 1] == '—' {
        sep - 1
    } else {
        sep
    };
    let mut a = sep;
    while a > from && (arabic_digit(cs[a - 1]).is_some() || cs[a - 1] == '.') {
        a -= 1;
    }
    let lower: String = cs[a..sep]
        .iter()
        .filter_map(|&c| match arabic_digit(c) {
            Some(d) => char::from_digit(d, 10),
            None => (c == '.').then_some('.'),
        })
        .collect();
    let glued = a > from && (cs[a - 1].is_ascii_alphanumeric() || cs[a - 1] == '.');
    // The figure before `至` must be a bare number below the upper one (`2023年5月1日至` is no
    // lower figure: it ends in `日`).
    match lower.parse::<Decimal>() {
        Ok(low) if a < sep && !glued && low < upper => {}
        _ => return v,
    }
    v.start = a;
    if let MeasureValue::Amount { bound, .. } = &mut v.value {
        if *bound == Bound::Exact {
            *bound = Bound::AtMost;
        }
    }
    v
}

/// The change verb ending right before `i` (within the clause, a few chars back), its start,
/// its sign, and whether a level word (`至`, `到`, `为`) sits between it and the number.
fn verb_before(cs: &[char], i: usize, from: usize) -> Option<(usize, i32, bool)> {
    let lo = i.saturating_sub(8).max(from);
    let mut k = i;
    while k > lo {
        k -= 1;
        if is_clause_break(cs[k]) {
            return None;
        }
        for (words, sign) in [(DOWN, -1), (UP, 1)] {
            for w in words {
                let n = w.chars().count();
                // `增量`, `增值税`, `减量`: nouns, not a change.
                let noun = n == 1 && matches!(cs.get(k + 1), Some('量' | '值'));
                if !noun && k + 1 >= n && at(cs, k + 1 - n, w) && k + 1 - n >= from {
                    let between = &cs[k + 1..i];
                    // `减按15%征收`: reduced to a level, as `降至` says.
                    let level = between
                        .iter()
                        .any(|&c| matches!(c, '至' | '到' | '为' | '按'));
                    return Some((k + 1 - n, sign, level));
                }
            }
        }
    }
    None
}

fn bound_before(cs: &[char], i: usize, from: usize) -> Option<(usize, Bound)> {
    let mut lo = i.saturating_sub(6).max(from);
    if let Some(b) = (lo..i).rev().find(|&k| is_clause_break(cs[k])) {
        lo = b + 1;
    }
    // Left to right, so 不超过 is read before the 超过 inside it.
    for s in lo..i {
        if let Some(e) = AT_MOST_BEFORE.eat(cs, s) {
            if e <= i {
                return Some((s, Bound::AtMost));
            }
        }
        if let Some(e) = AT_LEAST_BEFORE.eat(cs, s) {
            if e <= i {
                return Some((s, Bound::AtLeast));
            }
        }
    }
    None
}

/// A bound word after the figure, skipping a parenthesis (`30万元（含30万元）以内`).
fn bound_after(cs: &[char], j: usize) -> Option<(usize, Bound)> {
    let mut k = j;
    if matches!(cs.get(k), Some('（') | Some('(')) {
        let close = cs[k..]
            .iter()
            .take(20)
            .position(|&c| c == '）' || c == ')')?;
        k += close + 1;
    }
    if let Some(e) = AT_LEAST_AFTER.eat(cs, k) {
        return Some((e, Bound::AtLeast));
    }
    if let Some(e) = AT_MOST_AFTER.eat(cs, k) {
        return Some((e, Bound::AtMost));
    }
    None
}

fn unit_at(cs: &[char], i: usize) -> Option<(String, usize)> {
    // The longer of a measured and a counted reading (`人次` before `人`).
    let e = MEASURED_UNITS.eat(cs, i).max(COUNTED_UNITS.eat(cs, i))?;
    Some((cs[i..e].iter().collect(), e))
}

/// Whether `cue` holds at one of the `window` characters before `i`, within the clause.
fn cue_before(
    cs: &[char],
    i: usize,
    from: usize,
    window: usize,
    cue: impl Fn(usize) -> bool,
) -> bool {
    let lo = i.saturating_sub(window).max(from);
    (lo..i)
        .rev()
        .take_while(|&k| !is_clause_break(cs[k]))
        .any(cue)
}

/// A price word shortly before the figure: `水价3.64元`, `收费标准为5元`.
fn price_cue_before(cs: &[char], i: usize, from: usize) -> bool {
    cue_before(cs, i, from, 6, |k| {
        cs[k] == '价' || at(cs, k, "单价") || at(cs, k, "收费")
    })
}

/// A rate named shortly before the figure in the same clause: `费率0.5%`, `征收率1%`,
/// `贴息比例为50%`.
fn rate_word_before(cs: &[char], i: usize, from: usize) -> bool {
    cue_before(cs, i, from, 8, |k| cs[k] == '率' || at(cs, k, "比例"))
}

/// The level a change starts from, not a value: `由3%` in `征收率由3%降至1%`, `从6%下调到5%`,
/// `由50万元提高至60万元`.
fn old_level_of_a_change(cs: &[char], start: usize, end: usize, to: usize) -> bool {
    // `由最高20万元提高至30万元`: a bound word may stand between `由` and the figure.
    let start = ["最高", "最低", "最多", "不超过", "不低于"]
        .iter()
        .find_map(|w| {
            let n = w.chars().count();
            (start >= n && at(cs, start - n, w)).then(|| start - n)
        })
        .unwrap_or(start);
    // `由200元提高到300元`, and with the unit between (`由每人每月200元`, `从每千瓦时0.8元`).
    let from_word = start > 0 && matches!(cs[start - 1], '由' | '从')
        || (start.saturating_sub(16)..start).rev().any(|k| {
            matches!(cs[k], '由' | '从')
                && cs.get(k + 1) == Some(&'每')
                && !cs[k + 1..start].iter().any(|&c| is_clause_break(c))
        });
    from_word
        && (end..(end + 4).min(to)).any(|k| {
            [DOWN, UP]
                .iter()
                .any(|words| words.iter().any(|w| at(cs, k, w)))
                || at(cs, k, "调整")
        })
}

/// `每立方米` before the figure (`每吨下降10元`). A time after `每` (`每月`, `每年`, `每天`) says
/// how often a sum is paid, not what it is paid for: the unit is the one before it
/// (`每人每月提高20元` → 人), else none (session 11).
fn per_unit_before(cs: &[char], i: usize, from: usize) -> Option<String> {
    let lo = i.saturating_sub(8).max(from);
    for s in (lo..i).rev() {
        if is_clause_break(cs[s]) {
            return None;
        }
        if cs[s] == '每' {
            let unit = unit_at(cs, s + 1).map(|(u, _)| u);
            if unit
                .as_deref()
                .is_some_and(|u| matches!(u, "月" | "年" | "天" | "日" | "周" | "小时"))
            {
                continue;
            }
            return unit;
        }
    }
    None
}

/// Whether the clause after a change (ending at `j`) restates it as a change of levels:
/// `，由每人每月123元提高到143元`, `，从5元提高到6元`.
fn restated_as_levels(cs: &[char], j: usize, to: usize) -> bool {
    let Some(c) = (j..to.min(j + 12)).find(|&k| is_clause_break(cs[k])) else {
        return false;
    };
    if !matches!(cs[c], '，' | ',') || !matches!(cs.get(c + 1), Some('由' | '从')) {
        return false;
    }
    let end = (c + 1..to).find(|&k| is_clause_break(cs[k])).unwrap_or(to);
    (c + 2..end).any(|k| {
        at(cs, k, "调整")
            || UP.iter().chain(DOWN).any(|w| {
                at(cs, k, w) && matches!(cs.get(k + w.chars().count()), Some('至' | '到' | '为'))
            })
    })
}

/// The unit of the old level in `由每千瓦时0.8元下调至0.6元`, for the new level at `i`: `由` or
/// `从` then `每<unit>` earlier in the clause, and a change verb with `至`/`到` just before `i`.
fn level_change_unit(cs: &[char], i: usize, from: usize) -> Option<String> {
    let lo = i.saturating_sub(20).max(from);
    for s in (lo..i).rev() {
        if is_clause_break(cs[s]) {
            return None;
        }
        if matches!(cs[s], '由' | '从') && cs.get(s + 1) == Some(&'每') {
            return unit_at(cs, s + 2)
                .map(|(u, _)| u)
                .filter(|u| is_measured(u));
        }
    }
    None
}

fn value_at(cs: &[char], i: usize, from: usize, to: usize) -> Option<FoundValue> {
    // Discounts written in Chinese digits: 九五折 → 95, 八折 → 80.
    if let Some(d1) = chinese_digit(cs[i]) {
        let d2 = cs.get(i + 1).and_then(|&c| chinese_digit(c));
        let (percent, e) = match d2 {
            Some(d2) if cs.get(i + 2) == Some(&'折') => (d1 * 10 + d2, i + 3),
            None if cs.get(i + 1) == Some(&'折') => (d1 * 10, i + 2),
            _ => (0, 0),
        };
        if e > 0 && d1 > 0 {
            return Some(FoundValue {
                start: i,
                end: e,
                value: MeasureValue::Percentage {
                    percent: Decimal::from(percent),
                    bound: Bound::Exact,
                },
            });
        }
    }
    let (v, j) = parse_decimal(cs, i)?;
    if j > to {
        return None;
    }
    let verb = verb_before(cs, i, from);
    let before = bound_before(cs, i, from);
    let mut start = i;
    if let Some((s, _, _)) = verb {
        start = start.min(s);
    }
    if let Some((s, _)) = before {
        start = start.min(s);
    }
    let change_sign = verb.filter(|v| !v.2).map(|v| v.1);
    // `每人每月提高20元，由每人每月123元提高到143元`: a change the next clause restates as
    // levels; the new level (143元) is the value, read there (session 11).
    if change_sign.is_some() && restated_as_levels(cs, j, to) {
        return None;
    }
    let at_level = verb.is_some_and(|v| v.2)
        // `气价由每立方米2.90元调整为3.05元`: a new level without a sign.
        || (i >= from + 3 && at(cs, i - 3, "调整") && matches!(cs[i - 1], '为' | '到' | '至'));
    // The new level of a ceiling is a ceiling: `最高贷款额度提高至80万元`, `补贴上限调整为5000元`.
    let ceiling = at_level
        && before.is_none()
        && verb.is_some_and(|(s, _, _)| {
            let clause = (from..s)
                .rev()
                .find(|&k| is_clause_break(cs[k]))
                .map_or(from, |k| k + 1);
            super::classify::contains_any(cs, clause, s, &["最高", "上限", "限额"])
        });
    let bound_of = |j: usize| -> (Bound, usize) {
        if let Some((e, b)) = bound_after(cs, j) {
            return (b, e);
        }
        let b = before.map(|b| b.1);
        (
            b.unwrap_or(if ceiling { Bound::AtMost } else { Bound::Exact }),
            j,
        )
    };
    let signed = |x: Decimal| match change_sign {
        Some(s) if s < 0 => -x,
        _ => x,
    };

    // Discounts in Arabic digits: 8.5折, 95折.
    if cs.get(j) == Some(&'折') {
        let percent = if v < Decimal::from(10) {
            v * Decimal::from(10)
        } else {
            v
        };
        return Some(FoundValue {
            start: i,
            end: j + 1,
            value: MeasureValue::Percentage {
                percent: percent.normalize(),
                bound: Bound::Exact,
            },
        });
    }
    // A multiple of a reference: `提高到原来的1.5倍`, `按实际缴纳社保费的2倍`, `最高额度的1.5倍`,
    // `2倍以上`. `倍增`, `倍数` are words of their own.
    if cs.get(j) == Some(&'倍') && !matches!(cs.get(j + 1), Some('增' | '数')) {
        // The bound stands after the factor or before the reference (`不超过实缴金额的3倍`);
        // `最高额度的1.5倍` names the reference (the highest amount), not a ceiling.
        let clause = (from..i)
            .rev()
            .find(|&k| matches!(cs[k], '，' | '。' | '；' | ',' | ';'))
            .map_or(from, |k| k + 1);
        let (bound, e) = match bound_after(cs, j + 1) {
            Some((e, b)) => (b, e),
            None if super::classify::contains_any(cs, clause, i, &["不超过", "不高于", "最多"]) => {
                (Bound::AtMost, j + 1)
            }
            None if super::classify::contains_any(cs, clause, i, &["不低于", "至少"]) => {
                (Bound::AtLeast, j + 1)
            }
            None => (Bound::Exact, j + 1),
        };
        return Some(FoundValue {
            start,
            end: e,
            value: MeasureValue::Multiple {
                factor: v.normalize(),
                bound,
            },
        });
    }
    // Percentage points.
    if let Some(e) = eat(cs, j, &["个百分点", "百分点"]) {
        let (bound, e) = bound_of(e);
        return Some(FoundValue {
            start,
            end: e,
            value: MeasureValue::PercentagePoints {
                points: signed(v),
                bound,
            },
        });
    }
    // Percent: 95%, or 百分之十五 just before (handled by the caller reading 百 as a unit? no:
    // 百分之 is matched here when the number follows it).
    let pct_end =
        eat(cs, j, &["%", "％"]).or_else(|| (i >= 3 && at(cs, i - 3, "百分之")).then_some(j));
    if let Some(e) = pct_end {
        let start = if i >= 3 && at(cs, i - 3, "百分之") {
            start.min(i - 3)
        } else {
            start
        };
        let figure = if i >= 3 && at(cs, i - 3, "百分之") {
            i - 3
        } else {
            i
        };
        if old_level_of_a_change(cs, figure, e, to) {
            return None;
        }
        let (bound, e) = bound_of(e);
        // `按原电价的95%`: a share of a reference. `费率降至0.5%`, `利率为3.85%`: a rate's level.
        let of_reference = figure > from && cs[figure - 1] == '的';
        let value = match change_sign {
            // `按增量部分的10%给予补助`: a share of a reference, whatever verb stands before it.
            Some(_) if of_reference => MeasureValue::Percentage { percent: v, bound },
            Some(_) => MeasureValue::PercentChange {
                percent: signed(v),
                bound,
            },
            None if !of_reference && (at_level || rate_word_before(cs, figure, from)) => {
                MeasureValue::Rate { percent: v, bound }
            }
            None => MeasureValue::Percentage { percent: v, bound },
        };
        return Some(FoundValue {
            start,
            end: e,
            value,
        });
    }
    // Money.
    let currency_end = eat(cs, j, &["美元", "欧元", "港元", "元"]);
    let multiplied = j > i && matches!(cs[j - 1], '万' | '亿');
    let (currency, k) = match currency_end {
        Some(e) => {
            let cur = match cs[j] {
                '美' => "USD",
                '欧' => "EUR",
                '港' => "HKD",
                _ => "CNY",
            };
            (cur, e)
        }
        // 1.2亿 without 元: money unless a counter follows (1.2亿人次).
        None if multiplied
            && cs[j - 1] == '亿'
            && !cs.get(j).is_some_and(|c| COUNTERS.contains(c)) =>
        {
            ("CNY", j)
        }
        None => return None,
    };
    let currency = currency.to_string();
    // Per unit: 元/立方米, 元每吨.
    let per = if matches!(cs.get(k), Some('/') | Some('／') | Some('每')) {
        unit_at(cs, k + 1)
    } else {
        None
    };
    let (unit, k) = match per {
        Some((u, e)) => (Some(u), e),
        // 每吨下降10元 is a change per unit; 每户补贴5000元 stays an amount.
        None if change_sign.is_some() || price_cue_before(cs, i, from) => {
            (per_unit_before(cs, i, from), k)
        }
        // 每千瓦时补贴0.2元, 每亩补贴100元: a sum per measured quantity, not per head.
        None => match per_unit_before(cs, i, from) {
            Some(u) if is_measured(&u) => (Some(u), k),
            // `由每千瓦时0.8元下调至0.6元`: the new level keeps the old one's unit.
            _ if at_level => match level_change_unit(cs, i, from) {
                Some(u) => (Some(u), k),
                None => (None, k),
            },
            _ => (None, k),
        },
    };
    // `由每千瓦时0.8元下调至0.6元`: the old level, whatever its unit.
    if old_level_of_a_change(cs, i, k, to) {
        return None;
    }
    if let Some(unit) = unit.clone() {
        if let Some(sign) = change_sign {
            let amount = if sign < 0 { -v } else { v };
            return Some(FoundValue {
                start,
                end: k,
                value: MeasureValue::ChangePerUnit {
                    amount,
                    currency,
                    unit,
                },
            });
        }
        return Some(FoundValue {
            start,
            end: k,
            value: MeasureValue::UnitPrice {
                amount: v,
                currency,
                unit: Some(unit),
            },
        });
    }
    if !multiplied && price_cue_before(cs, i, from) && change_sign.is_none() {
        return Some(FoundValue {
            start,
            end: k,
            value: MeasureValue::UnitPrice {
                amount: v,
                currency,
                unit: None,
            },
        });
    }
    let (bound, e) = bound_of(k);
    Some(FoundValue {
        start,
        end: e,
        value: MeasureValue::Amount {
            amount: v,
            currency,
            bound,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn first(text: &str) -> MeasureValue {
        find_values(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("a value in {text}"))
            .value
    }

    #[test]
    fn values_are_typed_signed_and_bounded() {
        use Bound::*;
        let amount = |a: &str, b| MeasureValue::Amount {
            amount: dec(a),
            currency: "CNY".into(),
            bound: b,
        };
        let multiple = |f: &str, b| MeasureValue::Multiple {
            factor: dec(f),
            bound: b,
        };
        let cases: Vec<(&str, MeasureValue)> = vec![
            ("安排了300万元支持资金", amount("3000000", Exact)),
            // Multiples (session 8).
            ("补贴标准提高到原来的1.5倍", multiple("1.5", Exact)),
            ("按实际缴纳社保费的2倍给予补贴", multiple("2", Exact)),
            ("奖励金额翻一番", multiple("2", Exact)),
            ("贷款额度提高至最高额度的1.5倍", multiple("1.5", Exact)),
            ("最高不超过实缴金额的3倍", multiple("3", AtMost)),
            ("授信金额532.55亿元", amount("53255000000", Exact)),
            ("总投资1.2亿", amount("120000000", Exact)),
            ("设立三百万元专项资金", amount("3000000", Exact)),
            ("每户最高补贴5000元", amount("5000", AtMost)),
            // The new level of a ceiling is a ceiling; of any other amount, the amount.
            ("最高贷款额度提高至80万元", amount("800000", AtMost)),
            ("补贴上限由3000元提高到5000元", amount("5000", AtMost)),
            ("贷款额度提高至80万元", amount("800000", Exact)),
            ("给予不超过2万元的奖励", amount("20000", AtMost)),
            ("30万元（含30万元）以内", amount("300000", AtMost)),
            (
                "按原到户电价水平的95%结算",
                MeasureValue::Percentage {
                    percent: dec("95"),
                    bound: Exact,
                },
            ),
            (
                "贷款利率下调15%以上",
                MeasureValue::PercentChange {
                    percent: dec("-15"),
                    bound: AtLeast,
                },
            ),
            (
                "收费标准上调10%",
                MeasureValue::PercentChange {
                    percent: dec("10"),
                    bound: Exact,
                },
            ),
            (
                "降至3%",
                MeasureValue::Rate {
                    percent: dec("3"),
                    bound: Exact,
                },
            ),
            (
                "阶段性降低失业保险费率至0.5%",
                MeasureValue::Rate {
                    percent: dec("0.5"),
                    bound: Exact,
                },
            ),
            (
                "小规模纳税人增值税征收率由3%降至1%",
                MeasureValue::Rate {
                    percent: dec("1"),
                    bound: Exact,
                },
            ),
            (
                "企业所得税税率减按15%征收",
                MeasureValue::Rate {
                    percent: dec("15"),
                    bound: Exact,
                },
            ),
            (
                "贷款利率不超过3.85%",
                MeasureValue::Rate {
                    percent: dec("3.85"),
                    bound: AtMost,
                },
            ),
            (
                "电价按现行标准的90%收取",
                MeasureValue::Percentage {
                    percent: dec("90"),
                    bound: Exact,
                },
            ),
            (
                "按实际支出的百分之五十给予补贴",
                MeasureValue::Percentage {
                    percent: dec("50"),
                    bound: Exact,
                },
            ),
            (
                "增幅不超过5%",
                MeasureValue::PercentChange {
                    percent: dec("5"),
                    bound: AtMost,
                },
            ),
            (
                "综合融资成本同比下降0.5个百分点",
                MeasureValue::PercentagePoints {
                    points: dec("-0.5"),
                    bound: Exact,
                },
            ),
            (
                "贴息比例提高1个百分点",
                MeasureValue::PercentagePoints {
                    points: dec("1"),
                    bound: Exact,
                },
            ),
            (
                "执行综合水价3.64元标准",
                MeasureValue::UnitPrice {
                    amount: dec("3.64"),
                    currency: "CNY".into(),
                    unit: None,
                },
            ),
            (
                "居民用水价格为2.5元/吨",
                MeasureValue::UnitPrice {
                    amount: dec("2.5"),
                    currency: "CNY".into(),
                    unit: Some("吨".into()),
                },
            ),
            (
                "非居民用天然气终端销售价格整体下降0.4元/立方米",
                MeasureValue::ChangePerUnit {
                    amount: dec("-0.4"),
                    currency: "CNY".into(),
                    unit: "立方米".into(),
                },
            ),
            (
                "每千瓦时0.2元的电费补贴",
                MeasureValue::UnitPrice {
                    amount: dec("0.2"),
                    currency: "CNY".into(),
                    unit: Some("千瓦时".into()),
                },
            ),
            (
                "种粮农民每亩补贴100元",
                MeasureValue::UnitPrice {
                    amount: dec("100"),
                    currency: "CNY".into(),
                    unit: Some("亩".into()),
                },
            ),
            ("每户补贴5000元", amount("5000", Exact)),
            // The old level with its unit before it is no value either; the new level keeps
            // a measured unit.
            (
                "护理补贴标准由每人每月200元提高到300元",
                amount("300", Exact),
            ),
            // The new level of a ceiling (`最高` in the old level) is a ceiling.
            ("贷款额度由最高20万元提高至30万元", amount("300000", AtMost)),
            (
                "扣除标准由每个婴幼儿（子女）每月1000元提高到2000元",
                amount("2000", Exact),
            ),
            // Session 11: a change the next clause restates as levels gives the new level; a
            // time after `每` is no unit of a change; `调整为` sets a level keeping its unit.
            (
                "高龄津贴每人每月增加30元，由每人每月100元提高到130元",
                amount("130", Exact),
            ),
            (
                "供暖价格由每平方米22元调整为24元",
                MeasureValue::UnitPrice {
                    amount: dec("24"),
                    currency: "CNY".into(),
                    unit: Some("平方米".into()),
                },
            ),
            // A share of a reference, even after a change word.
            (
                "按增量部分的10%给予补助",
                MeasureValue::Percentage {
                    percent: dec("10"),
                    bound: Exact,
                },
            ),
            (
                "充电服务费上限由每千瓦时0.8元下调至0.6元",
                MeasureValue::UnitPrice {
                    amount: dec("0.6"),
                    currency: "CNY".into(),
                    unit: Some("千瓦时".into()),
                },
            ),
            // Where a change starts is no value: the level it reaches is (a ceiling's level:
            // a ceiling).
            (
                "住房公积金贷款最高额度由50万元提高至60万元",
                amount("600000", AtMost),
            ),
            (
                "对个体工商户免收3个月租金，减半收取6个月租金",
                MeasureValue::Text {
                    text: "免收3个月租金".into(),
                },
            ),
            (
                "全市A级景区门票免费开放至12月31日，其他景区推出半价优惠",
                MeasureValue::Text {
                    text: "免费开放".into(),
                },
            ),
            (
                "对外地游客车辆实行首2小时免费停放",
                MeasureValue::Text {
                    text: "免费停放".into(),
                },
            ),
            (
                "免除六个月的摊位管理费",
                MeasureValue::Text {
                    text: "免除六个月的摊位管理费".into(),
                },
            ),
            (
                "对承租户房租减免三个月",
                MeasureValue::Text {
                    text: "房租减免三个月".into(),
                },
            ),
            (
                "商户物业费免收2个月",
                MeasureValue::Text {
                    text: "物业费免收2个月".into(),
                },
            ),
            (
                "给予入驻企业6个月免租期",
                MeasureValue::Text {
                    text: "6个月免租期".into(),
                },
            ),
            (
                "免租期为三个月",
                MeasureValue::Text {
                    text: "免租期为三个月".into(),
                },
            ),
            ("每人每月发放500元", amount("500", Exact)),
            (
                "每千瓦时降低0.05元",
                MeasureValue::ChangePerUnit {
                    amount: dec("-0.05"),
                    currency: "CNY".into(),
                    unit: "千瓦时".into(),
                },
            ),
            (
                "九五折",
                MeasureValue::Percentage {
                    percent: dec("95"),
                    bound: Exact,
                },
            ),
            (
                "门票八折优惠",
                MeasureValue::Percentage {
                    percent: dec("80"),
                    bound: Exact,
                },
            ),
            (
                "8.5折",
                MeasureValue::Percentage {
                    percent: dec("85"),
                    bound: Exact,
                },
            ),
            (
                "A级景区门票实行半价优惠",
                MeasureValue::Percentage {
                    percent: dec("50"),
                    bound: Exact,
                },
            ),
            (
                "房产税减半征收",
                MeasureValue::PercentChange {
                    percent: dec("-50"),
                    bound: Exact,
                },
            ),
            (
                "出口额达513亿美元",
                MeasureValue::Amount {
                    amount: dec("51300000000"),
                    currency: "USD".into(),
                    bound: Exact,
                },
            ),
        ];
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = find_values(text).into_iter().next().map(|f| f.value);
            if got.as_ref() != Some(&want) {
                failures.push(format!("{text}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn counts_and_times_are_not_values() {
        for text in [
            "1.7万余名党员干部",
            "累计发放贷款1235.5万笔",
            "实行“7×24小时”通关服务",
            "共有51家汽车4S店",
        ] {
            assert!(
                find_values(text).is_empty(),
                "{text}: {:?}",
                find_values(text)
            );
        }
    }

    #[test]
    fn a_range_with_its_unit_written_once_is_its_upper_figure_as_a_ceiling() {
        let amount = |a: &str, bound| MeasureValue::Amount {
            amount: dec(a),
            currency: "CNY".into(),
            bound,
        };
        // (text, value, quoted span)
        let cases: Vec<(&str, MeasureValue, &str)> = vec![
            (
                "给予每辆3000—5000元补贴",
                amount("5000", Bound::AtMost),
                "3000—5000元",
            ),
            (
                "日工资标准为150至200元",
                amount("200", Bound::AtMost),
                "150至200元",
            ),
            (
                "每亩补贴50至80元",
                MeasureValue::UnitPrice {
                    amount: dec("80"),
                    currency: "CNY".into(),
                    unit: Some("亩".into()),
                },
                "50至80元",
            ),
            // Not a range: a date before `至`, a lone figure.
            ("5月1日至6000元", amount("6000", Bound::Exact), "6000元"),
            ("补贴5000元", amount("5000", Bound::Exact), "5000元"),
        ];
        for (text, want, quote) in cases {
            let v = find_values(text).into_iter().next().expect(text);
            let quoted: String = text.chars().skip(v.start).take(v.end - v.start).collect();
            assert_eq!((v.value, quoted.as_str()), (want, quote), "{text}");
        }
    }

    #[test]
    fn span_covers_verb_figure_and_bound() {
        let text = "鼓励金融机构贷款利率下调15%以上，推动";
        let v = &find_values(text)[0];
        let quoted: String = text.chars().skip(v.start).take(v.end - v.start).collect();
        assert_eq!(quoted, "下调15%以上");
        assert!(matches!(first(text), MeasureValue::PercentChange { .. }));
    }
}
