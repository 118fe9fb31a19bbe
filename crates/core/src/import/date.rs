//! The issue's date and publication, inferred with the evidence shown to the analyst.
//!
//! Date, strongest evidence first:
//! 1. the file name (`2020-04-25`, `20200425`, `2020年4月25日`);
//! 2. a masthead date line kept as page furniture (`2020年4月25日 星期六`);
//! 3. the article leads. A daily reports the previous day: a lead that opens with a date
//!    (`株洲日报讯 4月24日，…`, `4月24日，…`) or a wire dateline (`新华社北京4月24日电`) dates
//!    an event the paper prints the next morning. The issue date is the day after the newest
//!    such date. Dates deeper in the text are not used: they are as often deadlines
//!    (`持续至今年12月31日`) as past events. A lead date without a year takes the year most
//!    often written in the issue (`2020年`); with no year anywhere, no date is inferred.
//!
//! Publication: the paper named in its own datelines and bylines (`株洲日报讯`,
//! `株洲日报记者`), by majority; wire services (`新华社…电`) are not the publication.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};
use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static NAME_SEPARATED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|\D)((?:19|20)\d{2})\s*[-_.年/]\s*(\d{1,2})\s*[-_.月/]\s*(\d{1,2})(?:\D|$)")
});
static NAME_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\D)((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$)"));
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"));
/// A masthead date in Chinese numerals: `二〇二四年七月十二日`.
static HAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日",
    )
});

/// `二〇二四` → 2024 (digit by digit); `十二` → 12, `二十三` → 23 (a count up to 39).
fn han_number(text: &str, digit_by_digit: bool) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .find(c)
            .map(|b| (b / 3) as u32)
            .or(match c {
                '○' | '零' => Some(0),
                _ => None,
            })
    };
    if digit_by_digit {
        return text.chars().try_fold(0, |n, c| Some(n * 10 + digit(c)?));
    }
    match text.split_once('十') {
        None => digit(text.chars().next()?).filter(|_| text.chars().count() == 1),
        Some((tens, ones)) => {
            let tens = if tens.is_empty() {
                1
            } else {
                digit(tens.chars().next()?)?
            };
            let ones = if ones.is_empty() {
                0
            } else {
                digit(ones.chars().next()?)?
            };
            Some(tens * 10 + ones)
        }
    }
}

static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"));
static WIRE_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})月(\d{1,2})日[电電]"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)\d{2})\s*年"));
static OWN_PAPER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\p{Han}{2,8}?(?:[日晚早商][报報]|都市[报報]|[报報]))(?:[讯訊]|[记記]者|首席[记記]者)")
});

/// What date inference needs from an article.
pub(crate) struct ArticleEvidence<'a> {
    pub dateline: Option<&'a str>,
    pub byline: Option<&'a str>,
    /// The first paragraph of the body (dateline removed).
    pub lead: &'a str,
    pub text: &'a str,
    pub headline: &'a str,
}

/// The inferred date and the evidence for it, in the analyst's words.
pub(crate) fn infer_date(
    file_name: &str,
    masthead: &[String],
    articles: &[ArticleEvidence<'_>],
) -> Option<(NaiveDate, String)> {
    if let Some(d) = date_in_file_name(file_name) {
        return Some((d, format!("file name “{file_name}”")));
    }
    for line in masthead {
        if let Some(d) = FULL_DATE
            .captures(line)
            .and_then(|c| ymd(&c[1], &c[2], &c[3]))
        {
            return Some((d, format!("masthead “{line}”")));
        }
        if let Some(d) = HAN_DATE.captures(line).and_then(|c| {
            NaiveDate::from_ymd_opt(
                han_number(&c[1], true)? as i32,
                han_number(&c[2], false)?,
                han_number(&c[3], false)?,
            )
        }) {
            return Some((d, format!("masthead “{line}”")));
        }
    }
    infer_from_leads(articles)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

pub(crate) fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    [&*NAME_SEPARATED, &*NAME_COMPACT]
        .iter()
        .flat_map(|r| r.captures_iter(stem))
        .find_map(|c| ymd(&c[1], &c[2], &c[3]))
}

fn infer_from_leads(articles: &[ArticleEvidence<'_>]) -> Option<(NaiveDate, String)> {
    // (year if written, month, day, quoted evidence)
    let mut events: Vec<(Option<i32>, u32, u32, String)> = Vec::new();
    for a in articles {
        if let Some(dl) = a.dateline {
            if let Some(c) = WIRE_DATE.captures(dl) {
                events.push((None, c[1].parse().ok()?, c[2].parse().ok()?, dl.to_string()));
            }
        }
        if let Some(c) = LEAD_DATE.captures(a.lead) {
            let quote: String = a.lead.chars().take(12).collect();
            let quote = match a.dateline {
                Some(dl) => format!("{dl} {quote}…"),
                None => format!("{quote}…"),
            };
            events.push((
                c.get(1).and_then(|y| y.as_str().parse().ok()),
                c[2].parse().ok()?,
                c[3].parse().ok()?,
                quote,
            ));
        }
    }
    let year = written_year(articles);
    let mut dated: Vec<(NaiveDate, String)> = events
        .into_iter()
        .filter_map(|(y, m, d, quote)| {
            NaiveDate::from_ymd_opt(y.or(year)?, m, d).map(|date| (date, quote))
        })
        .collect();
    let newest = dated.iter().map(|(d, _)| *d).max()?;
    dated.retain(|(d, _)| *d == newest);
    let issue = newest.checked_add_days(Days::new(1))?;
    let quotes: Vec<String> = dated.into_iter().map(|(_, q)| format!("“{q}”")).collect();
    let year_note = match year {
        Some(y) if y == newest.year() => format!("; year {y} as written in the issue"),
        _ => String::new(),
    };
    Some((
        issue,
        format!(
            "the day after {}, the newest date in the article leads ({}){}",
            newest.format("%Y-%m-%d"),
            quotes.join(", "),
            year_note
        ),
    ))
}

/// The year written most often (`2020年`), the later one on a tie. Years that end a range
/// or a deadline (`至2023年12月31日`, `到2025年`) point past the issue and are counted only
/// when no other year is written: a notice of November 2022 running `即日起至2023年12月31日`
/// is dated by its `自2022年11月1日起`.
fn written_year(articles: &[ArticleEvidence<'_>]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    let mut ahead: BTreeMap<i32, usize> = BTreeMap::new();
    for a in articles {
        for text in [a.headline, a.text] {
            for c in YEAR.captures_iter(text) {
                let Ok(y) = c[1].parse() else { continue };
                let before = text[..c.get(0).map_or(0, |m| m.start())].trim_end();
                let ends_range = before.ends_with(['至', '到', '～', '~', '—', '-']);
                let tally = if ends_range { &mut ahead } else { &mut counts };
                *tally.entry(y).or_default() += 1;
            }
        }
    }
    let counts = if counts.is_empty() { ahead } else { counts };
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// A masthead line that names the paper: `湘潭晚报 2021年3月2日 星期二`.
static MASTHEAD_PAPER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\p{Han}{2,8}(?:[报報]))(?:\s*\d{4}\s*年|$)"));

/// The paper named on the masthead, else the one named most often in its own datelines
/// and bylines.
pub(crate) fn infer_publication(
    masthead: &[String],
    articles: &[ArticleEvidence<'_>],
) -> Option<String> {
    if let Some(c) = masthead.iter().find_map(|l| MASTHEAD_PAPER.captures(l)) {
        return Some(c[1].to_string());
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in articles {
        for text in [a.dateline, a.byline].into_iter().flatten() {
            if let Some(c) = OWN_PAPER.captures(text.trim_start_matches(['（', '('])) {
                if !c[1].starts_with("本") {
                    *counts.entry(c[1].to_string()).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence<'a>(
        dateline: Option<&'a str>,
        lead: &'a str,
        text: &'a str,
    ) -> ArticleEvidence<'a> {
        ArticleEvidence {
            dateline,
            byline: None,
            lead,
            text,
            headline: "",
        }
    }

    #[test]
    fn file_name_dates_table() {
        let cases = [
            ("株洲日报_2020-04-25.txt", Some((2020, 4, 25))),
            ("zzrb20200425a1.html", Some((2020, 4, 25))),
            ("2020年4月5日.docx", Some((2020, 4, 5))),
            ("000_d490296900429d54.txt", None),
            ("issue-20201345.txt", None),
        ];
        for (name, want) in cases {
            let want = want.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(date_in_file_name(name), want, "{name}");
        }
    }

    #[test]
    fn issue_is_the_day_after_the_newest_lead_date() {
        let a = [
            evidence(
                Some("新华社北京4月24日电"),
                "在第五个中国航天日到来之际",
                "2020年",
            ),
            evidence(
                Some("本报讯"),
                "4月23日，会议召开。",
                "持续至今年12月31日。2020年",
            ),
        ];
        let (date, why) = infer_date("x.txt", &[], &a).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2020, 4, 25).unwrap());
        assert!(why.contains("新华社北京4月24日电"), "{why}");
        assert!(
            !why.contains("12月31日"),
            "deadlines are not evidence: {why}"
        );
    }

    #[test]
    fn a_deadline_year_does_not_date_the_issue_when_another_year_is_written() {
        let a = [evidence(
            Some("新华社杭州11月3日电"),
            "日前印发通知",
            "自2022年11月1日起缓缴，措施即日起至2023年12月31日执行。",
        )];
        let (date, _) = infer_date("x.txt", &[], &a).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2022, 11, 4).unwrap());
        // A deadline's year is still better than none.
        let only = [evidence(
            None,
            "11月3日，印发通知。",
            "有效期至2023年12月31日。",
        )];
        let (date, _) = infer_date("x.txt", &[], &only).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 11, 4).unwrap());
    }

    #[test]
    fn a_lead_date_without_any_year_gives_no_date() {
        let a = [evidence(None, "4月23日，会议召开。", "没有年份。")];
        assert_eq!(infer_date("x.txt", &[], &a), None);
    }

    #[test]
    fn a_masthead_date_in_chinese_numerals_dates_the_issue() {
        let masthead = ["二〇二四年七月十二日 星期五".to_string()];
        assert_eq!(
            infer_date("x.txt", &masthead, &[]).unwrap().0,
            NaiveDate::from_ymd_opt(2024, 7, 12).unwrap()
        );
        let masthead = ["二〇二五年十二月三十一日".to_string()];
        assert_eq!(
            infer_date("x.txt", &masthead, &[]).unwrap().0,
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
    }

    #[test]
    fn file_name_beats_the_masthead_which_beats_the_leads() {
        let a = [evidence(None, "2019年4月23日，会议召开。", "")];
        let masthead = ["2019年5月1日 星期三".to_string()];
        assert_eq!(
            infer_date("2019-06-01.txt", &masthead, &a).unwrap().0,
            NaiveDate::from_ymd_opt(2019, 6, 1).unwrap()
        );
        assert_eq!(
            infer_date("x.txt", &masthead, &a).unwrap().0,
            NaiveDate::from_ymd_opt(2019, 5, 1).unwrap()
        );
        assert_eq!(
            infer_date("x.txt", &[], &a).unwrap().0,
            NaiveDate::from_ymd_opt(2019, 4, 24).unwrap()
        );
    }

    #[test]
    fn the_paper_is_named_by_its_own_datelines_not_by_wire_services() {
        let mk = |dl: &'static str, by: Option<&'static str>| ArticleEvidence {
            dateline: Some(dl),
            byline: by,
            lead: "",
            text: "",
            headline: "",
        };
        let a = [
            mk("新华社北京4月24日电", None),
            mk("株洲日报讯", Some("株洲日报记者 刘芳")),
            mk("本报讯", None),
        ];
        assert_eq!(infer_publication(&[], &a).as_deref(), Some("株洲日报"));
        assert_eq!(infer_publication(&[], &[mk("本报讯", None)]), None);
        let masthead = ["湘潭晚报 2021年3月2日 星期二".to_string()];
        assert_eq!(
            infer_publication(&masthead, &[mk("本报讯", None)]).as_deref(),
            Some("湘潭晚报")
        );
    }
}
