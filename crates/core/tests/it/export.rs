//! Integration tests: export (.ics, CSV, printable HTML) from a real store.
//!
//! Golden files live in `tests/fixtures/export/`; run with `UPDATE_GOLDEN=1` to rewrite them
//! after an intended change, then read the diff before committing.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::Command;

use chrono::{DateTime, NaiveDate, Utc};
use policy_ledger_core::export::{
    self, csv as csv_export, ics, CalendarOptions, EventKind, EventLayout, ExportContext,
    ExportFormat, ExportOptions, MeasureFilter, MissingDate,
};
use policy_ledger_core::import::{ParsedArticle, ParsedIssue};
use policy_ledger_core::model::{
    Bound, Measure, MeasureInput, MeasureStatus, MeasureValue, SourceSpan,
};
use policy_ledger_core::store::InsertOutcome;
use policy_ledger_core::Store;
use rust_decimal::Decimal;

const TRADE_HEADLINE: &str = "醴陵出台十二条措施支持外贸企业稳订单拓市场";
const TRADE_TEXT: &str = "为帮助外贸企业渡过难关，醴陵市近日出台支持外贸企业发展的十二条措施。\n\
企业生产用电按原电价的95%结算，非居民用气价格每立方米下降0.4元，综合水价按3.64元/立方米执行。\n\
企业参加境外展会的，按展位费给予补助。以上政策执行至2020年12月31日。";
const LOTTERY_HEADLINE: &str = "我市拿出300万元开展购车抽奖活动";
const LOTTERY_TEXT: &str =
    "市商务局介绍，凡在2020年4月10日0时至6月4日24时期间购买新车并取得发票的消费者，\
均可参加抽奖，奖金总额300万元。";

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn fixed_stamp() -> DateTime<Utc> {
    "2020-04-26T01:02:03Z".parse().unwrap()
}

/// A span quoting `needle` in `text` (offsets in characters, as the store counts them).
fn span(article_id: i64, text: &str, needle: &str) -> SourceSpan {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let start = text[..byte].chars().count() as u32;
    SourceSpan {
        article_id,
        start,
        end: start + needle.chars().count() as u32,
        quote: needle.into(),
    }
}

/// The measures of the test ledger, by a short name.
struct Ledger {
    store: Store,
    ids: HashMap<&'static str, i64>,
}

impl Ledger {
    fn measure(&self, name: &str) -> Measure {
        self.store.get_measure(self.ids[name]).unwrap()
    }
}

/// A ledger with one issue of two articles and measures covering every case the exports
/// must handle: a package with items, a lottery, an undated measure, an unreviewed
/// suggestion, and one whose text is hostile (markup, formulas, TEXT delimiters).
fn ledger() -> Ledger {
    let mut store = Store::open_in_memory().unwrap();
    let parsed = ParsedIssue {
        publication: Some("株洲日报".into()),
        date: Some(d("2020-04-25")),
        date_evidence: Some("test".into()),
        encoding: "UTF-8".into(),
        format: "text".into(),
        articles: vec![
            ParsedArticle {
                headline: TRADE_HEADLINE.into(),
                text: TRADE_TEXT.into(),
                ..Default::default()
            },
            ParsedArticle {
                headline: LOTTERY_HEADLINE.into(),
                text: LOTTERY_TEXT.into(),
                ..Default::default()
            },
        ],
        warnings: vec![],
    };
    let issue = match store.insert_issue(&parsed, "zzrb-2020-04-25.txt").unwrap() {
        InsertOutcome::Inserted { issue_id, .. } => issue_id,
        other => panic!("{other:?}"),
    };
    let articles = store.list_articles(Some(issue)).unwrap();
    let (trade, lottery) = (articles[0].id, articles[1].id);
    let mut ids = HashMap::new();

    let base = |title: &str| MeasureInput {
        title: title.into(),
        issuer: Some("醴陵市".into()),
        category: Some("外贸".into()),
        beneficiaries: vec!["外贸企业".into()],
        effective_from: Some(d("2020-04-25")),
        effective_inferred: true,
        expires_on: Some(d("2020-12-31")),
        status: MeasureStatus::Confirmed,
        ..Default::default()
    };
    let package = store
        .create_measure(&MeasureInput {
            sources: vec![span(
                trade,
                TRADE_TEXT,
                "醴陵市近日出台支持外贸企业发展的十二条措施",
            )],
            ..base("支持外贸企业发展十二条措施")
        })
        .unwrap();
    ids.insert("package", package.id);
    let power = store
        .create_measure(&MeasureInput {
            parent_id: Some(package.id),
            value: Some(MeasureValue::Percentage {
                percent: dec("95"),
                bound: Bound::Exact,
            }),
            sources: vec![span(trade, TRADE_TEXT, "企业生产用电按原电价的95%结算")],
            ..base("企业用电按原电价95%结算")
        })
        .unwrap();
    ids.insert("power", power.id);
    let gas = store
        .create_measure(&MeasureInput {
            parent_id: Some(package.id),
            value: Some(MeasureValue::ChangePerUnit {
                amount: dec("-0.4"),
                currency: "CNY".into(),
                unit: "立方米".into(),
            }),
            sources: vec![span(trade, TRADE_TEXT, "非居民用气价格每立方米下降0.4元")],
            ..base("非居民用气价格下调")
        })
        .unwrap();
    ids.insert("gas", gas.id);
    let booth = store
        .create_measure(&MeasureInput {
            parent_id: Some(package.id),
            effective_from: None,
            effective_inferred: false,
            expires_on: None,
            sources: vec![span(
                trade,
                TRADE_TEXT,
                "企业参加境外展会的，按展位费给予补助",
            )],
            ..base("境外展会展位费补助")
        })
        .unwrap();
    ids.insert("undated", booth.id);
    let lottery_m = store
        .create_measure(&MeasureInput {
            title: "购车抽奖补贴".into(),
            issuer: Some("株洲市".into()),
            category: Some("促消费".into()),
            beneficiaries: vec!["购车消费者".into()],
            value: Some(MeasureValue::Amount {
                amount: dec("3000000"),
                currency: "CNY".into(),
                bound: Bound::Exact,
            }),
            effective_from: Some(d("2020-04-10")),
            expires_on: Some(d("2020-06-04")),
            status: MeasureStatus::Confirmed,
            sources: vec![span(
                lottery,
                LOTTERY_TEXT,
                "凡在2020年4月10日0时至6月4日24时期间购买新车并取得发票的消费者",
            )],
            ..Default::default()
        })
        .unwrap();
    ids.insert("lottery", lottery_m.id);
    let suggestion = store
        .create_measure(&MeasureInput {
            status: MeasureStatus::Suggested,
            ..base("综合水价3.64元每立方米")
        })
        .unwrap();
    ids.insert("suggested", suggestion.id);
    let hostile = store
        .create_measure(&MeasureInput {
            title: "展会补贴<script>alert('x')</script>; 第二项, 第三项\\".into(),
            issuer: Some("@醴陵市".into()),
            category: Some("外贸,展会".into()),
            beneficiaries: vec!["=1+1".into(), "-0.4".into()],
            value: Some(MeasureValue::Text {
                text: "<b>加粗</b> & 更多".into(),
            }),
            effective_from: Some(d("2020-05-01")),
            expires_on: Some(d("2020-05-31")),
            notes: "=HYPERLINK(\"http://evil.example\",\"点我\")\n第二行".into(),
            ..Default::default()
        })
        .unwrap();
    ids.insert("hostile", hostile.id);
    Ledger { store, ids }
}

/// Measures with their random uids and clock times replaced, so golden files are stable.
/// Everything else comes from the store as written.
fn pinned_measures(store: &Store) -> Vec<Measure> {
    let mut all = store.all_measures().unwrap();
    for m in &mut all {
        m.uid = format!("00000000-0000-4000-8000-{:012}", m.id);
        m.created_at = "2020-04-25T09:00:00.000Z".into();
        m.updated_at = format!("2020-04-25T10:00:{:02}.000Z", m.id);
    }
    all
}

fn pinned_render(store: &Store, format: ExportFormat, opts: &ExportOptions) -> Vec<u8> {
    let all = pinned_measures(store);
    let ctx = ExportContext::from_store(store, &all).unwrap();
    export::render(&all, &ctx, format, opts).bytes
}

fn fixed_options() -> ExportOptions {
    ExportOptions {
        calendar: CalendarOptions {
            dtstamp: Some(fixed_stamp()),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Compare with a golden file, or rewrite it under `UPDATE_GOLDEN=1`. On a mismatch the
/// message shows the first differing line with its neighbours.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = fixture_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} is missing ({e}); run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (exp, act) = (
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual),
    );
    let (el, al): (Vec<&str>, Vec<&str>) = (exp.split('\n').collect(), act.split('\n').collect());
    let first = el
        .iter()
        .zip(&al)
        .position(|(a, b)| a != b)
        .unwrap_or(el.len().min(al.len()));
    let mut msg = format!(
        "{name} differs from the golden file at line {} (expected {} lines, got {}):\n",
        first + 1,
        el.len(),
        al.len()
    );
    for i in first.saturating_sub(2)..(first + 3) {
        if let Some(l) = el.get(i) {
            msg.push_str(&format!("- {:4} {l:?}\n", i + 1));
        }
        if let Some(l) = al.get(i) {
            msg.push_str(&format!("+ {:4} {l:?}\n", i + 1));
        }
    }
    msg.push_str("Rewrite with UPDATE_GOLDEN=1 if the change is intended.");
    panic!("{msg}");
}

/// A minimal reader of our own output: unfold, split events, unescape nothing.
/// (The strict, independent check is scripts/validate_ics.py.)
fn events(text: &str) -> Vec<HashMap<String, String>> {
    let unfolded = text.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut cur: Option<HashMap<String, String>> = None;
    let mut in_alarm = false;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => cur = Some(HashMap::new()),
            "END:VEVENT" => out.push(cur.take().unwrap()),
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            _ => {
                if let (Some(ev), Some((k, v))) = (cur.as_mut(), line.split_once(':')) {
                    let key = if in_alarm {
                        format!("VALARM/{k}")
                    } else {
                        k.to_string()
                    };
                    ev.insert(key, v.to_string());
                }
            }
        }
    }
    out
}

fn event_by_uid<'a>(evs: &'a [HashMap<String, String>], uid: &str) -> &'a HashMap<String, String> {
    evs.iter()
        .find(|e| e["UID"] == uid)
        .unwrap_or_else(|| panic!("no event {uid}"))
}

fn ics_text(store: &Store, opts: &ExportOptions) -> (String, export::ExportReport) {
    let out = export::export_to(store, ExportFormat::Ics, opts).unwrap();
    (String::from_utf8(out.bytes).unwrap(), out.report)
}

#[test]
fn calendar_matches_golden_file_for_validity_spans() {
    let l = ledger();
    assert_golden(
        "span.ics",
        &pinned_render(&l.store, ExportFormat::Ics, &fixed_options()),
    );
}

#[test]
fn calendar_matches_golden_file_for_milestones_reminders_and_alarms() {
    let l = ledger();
    let mut opts = fixed_options();
    opts.calendar.layout = EventLayout::Both;
    opts.calendar.reminder_days = Some(7);
    opts.calendar.name = "醴陵·株洲 政策日历".into();
    opts.calendar.refresh_hours = 6;
    assert_golden(
        "milestones_reminders.ics",
        &pinned_render(&l.store, ExportFormat::Ics, &opts),
    );
}

#[test]
fn csv_matches_golden_file() {
    let l = ledger();
    assert_golden(
        "measures.csv",
        &pinned_render(&l.store, ExportFormat::Csv, &fixed_options()),
    );
}

#[test]
fn printable_calendar_matches_golden_file() {
    let l = ledger();
    assert_golden(
        "calendar.html",
        &pinned_render(&l.store, ExportFormat::Html, &fixed_options()),
    );
}

#[test]
fn validity_span_is_all_day_with_an_exclusive_end() {
    let l = ledger();
    let (text, _) = ics_text(&l.store, &fixed_options());
    let evs = events(&text);
    let table = [
        ("power", "20200425", "20210101"),
        ("lottery", "20200410", "20200605"),
        ("hostile", "20200501", "20200601"),
    ];
    for (name, start, end) in table {
        let m = l.measure(name);
        let ev = event_by_uid(&evs, &format!("{}-validity", m.uid));
        assert_eq!(ev["DTSTART;VALUE=DATE"], start, "{name}");
        assert_eq!(
            ev["DTEND;VALUE=DATE"], end,
            "{name}: DTEND is the day after expiry"
        );
        assert_eq!(ev["TRANSP"], "TRANSPARENT");
        assert_eq!(ev["X-MICROSOFT-CDO-ALLDAYEVENT"], "TRUE");
        assert_eq!(ev["DTSTAMP"], "20200426T010203Z");
    }
}

#[test]
fn calendar_header_names_the_calendar_and_its_refresh_interval() {
    let l = ledger();
    let mut opts = fixed_options();
    opts.calendar.name = "外贸, 消费; 政策".into();
    opts.calendar.refresh_hours = 12;
    let (text, _) = ics_text(&l.store, &opts);
    let head: Vec<&str> = text
        .split("BEGIN:VEVENT")
        .next()
        .unwrap()
        .split("\r\n")
        .collect();
    for want in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "NAME:外贸\\, 消费\\; 政策",
        "X-WR-CALNAME:外贸\\, 消费\\; 政策",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ] {
        assert!(head.contains(&want), "header lacks {want:?}: {head:?}");
    }
    assert!(head.iter().any(|l| l.starts_with("PRODID:")));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn summary_and_description_carry_issuer_value_beneficiaries_quote_and_source() {
    let l = ledger();
    let (text, _) = ics_text(&l.store, &fixed_options());
    let evs = events(&text);
    let lottery = l.measure("lottery");
    let ev = event_by_uid(&evs, &format!("{}-validity", lottery.uid));
    assert_eq!(ev["SUMMARY"], "【株洲市】购车抽奖补贴");
    let desc = &ev["DESCRIPTION"];
    for want in [
        "内容：300万元",
        "对象：购车消费者",
        "有效期：2020-04-10 至 2020-06-04",
        "原文：「凡在2020年4月10日0时至6月4日24时期间购买新车并取得发票的消费者」",
        &format!("出处：株洲日报 2020-04-25《{LOTTERY_HEADLINE}》"),
    ] {
        assert!(desc.contains(want), "DESCRIPTION lacks {want:?}: {desc}");
    }
    assert_eq!(ev["CATEGORIES"], "促消费");
    let power = l.measure("power");
    let desc = &event_by_uid(&evs, &format!("{}-validity", power.uid))["DESCRIPTION"];
    assert!(
        desc.contains("所属政策：支持外贸企业发展十二条措施"),
        "{desc}"
    );
    assert!(
        desc.contains("2020-04-25（推断）"),
        "an inferred date says so: {desc}"
    );
}

#[test]
fn uids_are_stable_across_two_exports_and_unique_within_one() {
    let l = ledger();
    let mut opts = ExportOptions::default();
    opts.calendar.layout = EventLayout::Both;
    opts.calendar.reminder_days = Some(3);
    let uids = |text: &str| -> Vec<String> {
        events(text).into_iter().map(|e| e["UID"].clone()).collect()
    };
    let first = uids(&ics_text(&l.store, &opts).0);
    let second = uids(&ics_text(&l.store, &opts).0);
    assert_eq!(first, second, "the same ledger must give the same UIDs");
    let unique: HashSet<&String> = first.iter().collect();
    assert_eq!(unique.len(), first.len(), "UIDs must be unique: {first:?}");
    let power = l.measure("power");
    for suffix in ["validity", "takes-effect", "expires", "reminder-3d"] {
        let uid = format!("{}-{suffix}", power.uid);
        assert!(first.contains(&uid), "missing {uid}");
    }
}

#[test]
fn editing_a_measure_raises_sequence_and_changes_last_modified() {
    let mut l = ledger();
    let opts = fixed_options();
    let lottery = l.measure("lottery");
    let uid = format!("{}-validity", lottery.uid);
    let (before, _) = ics_text(&l.store, &opts);
    let before = event_by_uid(&events(&before), &uid).clone();

    // LAST-MODIFIED has one-second resolution.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut input = MeasureInput::from_measure(&lottery);
    input.expires_on = Some(d("2020-06-30"));
    l.store.update_measure(lottery.id, &input).unwrap();

    let (after, _) = ics_text(&l.store, &opts);
    let after = event_by_uid(&events(&after), &uid).clone();
    let seq = |e: &HashMap<String, String>| e["SEQUENCE"].parse::<u32>().unwrap();
    assert_eq!(seq(&after), seq(&before) + 1);
    assert_ne!(after["LAST-MODIFIED"], before["LAST-MODIFIED"]);
    assert!(after["LAST-MODIFIED"] > before["LAST-MODIFIED"]);
    assert_eq!(
        after["DTEND;VALUE=DATE"], "20200701",
        "the edit reaches the event"
    );
    assert_eq!(after["UID"], before["UID"], "an edit keeps the UID");
}

#[test]
fn measure_without_dates_is_left_out_and_reported_never_given_a_date() {
    let l = ledger();
    let mut opts = fixed_options();
    opts.calendar.layout = EventLayout::Both;
    opts.calendar.reminder_days = Some(7);
    let (text, report) = ics_text(&l.store, &opts);
    let undated = l.measure("undated");
    assert!(
        !text.contains(&undated.uid),
        "no event may be made up for an undated measure"
    );
    let mut left: Vec<(EventKind, MissingDate)> = report
        .left_out
        .iter()
        .filter(|o| o.measure_id == undated.id)
        .map(|o| (o.event, o.missing))
        .collect();
    left.sort_by_key(|(k, _)| k.as_str());
    assert_eq!(
        left,
        [
            (EventKind::Expires, MissingDate::Both),
            (EventKind::Reminder, MissingDate::Both),
            (EventKind::Span, MissingDate::Both),
            (EventKind::TakesEffect, MissingDate::Both),
        ]
    );
    assert_eq!(
        report.left_out.len(),
        4,
        "only the undated measure lacks dates"
    );
    // package, power, gas, undated, lottery, hostile are confirmed; the suggestion is not.
    assert_eq!(report.considered, 7);
    assert_eq!(report.selected, 6);
    assert_eq!(report.exported, 5);
    assert_eq!(report.filtered_out.status, 1);
    assert_eq!(report.events as usize, events(&text).len());
}

#[test]
fn a_known_date_still_gives_its_milestone_when_the_other_is_unknown() {
    let mut l = ledger();
    let power = l.measure("power");
    let mut input = MeasureInput::from_measure(&power);
    input.expires_on = None;
    l.store.update_measure(power.id, &input).unwrap();
    let mut opts = fixed_options();
    opts.calendar.layout = EventLayout::Both;
    let (text, report) = ics_text(&l.store, &opts);
    let uids: Vec<String> = events(&text)
        .into_iter()
        .map(|e| e["UID"].clone())
        .collect();
    assert!(uids.contains(&format!("{}-takes-effect", power.uid)));
    assert!(!uids.contains(&format!("{}-validity", power.uid)));
    assert!(!uids.contains(&format!("{}-expires", power.uid)));
    let reasons: Vec<_> = report
        .left_out
        .iter()
        .filter(|o| o.measure_id == power.id)
        .map(|o| (o.event, o.missing))
        .collect();
    assert_eq!(
        reasons,
        [
            (EventKind::Span, MissingDate::ExpiresOn),
            (EventKind::Expires, MissingDate::ExpiresOn)
        ]
    );
}

#[test]
fn reminders_fall_n_days_before_expiry_with_one_alarm_per_measure() {
    let l = ledger();
    let mut opts = fixed_options();
    opts.calendar.reminder_days = Some(7);
    let (text, _) = ics_text(&l.store, &opts);
    let evs = events(&text);
    let lottery = l.measure("lottery");
    let rem = event_by_uid(&evs, &format!("{}-reminder-7d", lottery.uid));
    assert_eq!(rem["DTSTART;VALUE=DATE"], "20200528");
    assert_eq!(rem["DTEND;VALUE=DATE"], "20200529");
    assert_eq!(rem["VALARM/TRIGGER"], "PT9H");
    assert!(
        rem["SUMMARY"].starts_with("7天后到期："),
        "{}",
        rem["SUMMARY"]
    );
    let span = event_by_uid(&evs, &format!("{}-validity", lottery.uid));
    assert!(
        !span.contains_key("VALARM/TRIGGER"),
        "the alarm sits on the reminder event only"
    );

    // Without reminder events, the alarm moves to the span, relative to its exclusive end:
    // DTEND 2020-06-05 − 7 days 15 hours = 2020-05-28 09:00.
    opts.calendar.reminder_events = false;
    let (text, _) = ics_text(&l.store, &opts);
    let evs = events(&text);
    let span = event_by_uid(&evs, &format!("{}-validity", lottery.uid));
    assert_eq!(span["VALARM/TRIGGER;RELATED=END"], "-P7DT15H");
    assert_eq!(span["VALARM/ACTION"], "DISPLAY");
    assert!(!text.contains("-reminder-"));
}

#[test]
fn filters_select_by_status_issuer_category_package_and_window() {
    let l = ledger();
    let count = |filter: MeasureFilter| -> (u32, export::FilteredOut) {
        let opts = ExportOptions {
            filter,
            ..fixed_options()
        };
        let r = export::export_to(&l.store, ExportFormat::Csv, &opts)
            .unwrap()
            .report;
        (r.selected, r.filtered_out)
    };
    assert_eq!(count(MeasureFilter::default()).0, 6);
    assert_eq!(count(MeasureFilter::everything()).0, 7);
    let (n, out) = count(MeasureFilter {
        issuers: vec!["株洲市".into()],
        ..Default::default()
    });
    assert_eq!((n, out.issuer), (1, 5));
    let (n, _) = count(MeasureFilter {
        package: Some(l.ids["package"]),
        ..Default::default()
    });
    assert_eq!(n, 4, "the package and its three items");
    let (n, out) = count(MeasureFilter {
        from: Some(d("2020-06-10")),
        until: Some(d("2020-06-30")),
        ..Default::default()
    });
    assert_eq!(n, 3, "the 十二条 package, power and gas run until December");
    assert_eq!(
        out.outside_window, 2,
        "the lottery and the May fair ended before"
    );
    assert_eq!(out.no_date_for_window, 1);
}

/// Property-style: titles and notes of random CJK, ASCII, emoji and TEXT delimiters never
/// produce a line over 75 octets, and unfolding + unescaping gives the text back exactly.
#[test]
fn folding_never_splits_a_utf8_character_and_round_trips_any_text() {
    let alphabet: Vec<char> =
        "政策台账醴陵株洲外贸企业用电按原价结算补贴𠀀𪚥😀é ,;\\\nabcXYZ0123456789"
            .chars()
            .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: reproducible, no extra dependency.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let template = ledger().measure("lottery");
    let mut measures = Vec::new();
    let mut titles = Vec::new();
    for i in 0..400 {
        let len = (next() % 200) as usize + 1;
        let title: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let title = title.trim().to_string();
        if title.is_empty() {
            continue;
        }
        let mut m = template.clone();
        m.uid = format!("prop-{i}");
        m.issuer = None;
        m.title = title.clone();
        titles.push((m.uid.clone(), title));
        measures.push(m);
    }
    let out = ics::write_calendar(
        &measures,
        &ExportContext::default(),
        &CalendarOptions {
            dtstamp: Some(fixed_stamp()),
            ..Default::default()
        },
    );
    for line in out.text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
    let by_uid: HashMap<String, String> = events(&out.text)
        .into_iter()
        .map(|e| (e["UID"].clone(), e["SUMMARY"].clone()))
        .collect();
    for (uid, title) in titles {
        let summary = &by_uid[&format!("{uid}-validity")];
        assert_eq!(&unescape(summary), &title, "{uid}");
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {s:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn csv_starts_with_a_bom_unless_asked_not_to_and_reads_back_with_every_column() {
    let l = ledger();
    let with = export::export_to(&l.store, ExportFormat::Csv, &fixed_options()).unwrap();
    assert!(with.bytes.starts_with(b"\xEF\xBB\xBF"), "BOM by default");
    let mut opts = fixed_options();
    opts.csv.bom = false;
    let without = export::export_to(&l.store, ExportFormat::Csv, &opts).unwrap();
    assert!(without.bytes.starts_with(b"id,uid,"));

    let mut r = ::csv::Reader::from_reader(&without.bytes[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv_export::COLUMNS);
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let lottery = rows
        .iter()
        .find(|r| &r[col("title")] == "购车抽奖补贴")
        .unwrap();
    assert_eq!(&lottery[col("value_number")], "3000000");
    assert_eq!(&lottery[col("effective_from")], "2020-04-10");
    assert_eq!(&lottery[col("expires_on")], "2020-06-04");
    assert!(lottery[col("source_citations")].contains(LOTTERY_HEADLINE));
    let gas = rows
        .iter()
        .find(|r| &r[col("title")] == "非居民用气价格下调")
        .unwrap();
    assert_eq!(
        &gas[col("value_number")],
        "-0.4",
        "a negative number stays a number"
    );
    assert_eq!(&gas[col("package_title")], "支持外贸企业发展十二条措施");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let l = ledger();
    let out = export::export_to(&l.store, ExportFormat::Csv, &fixed_options()).unwrap();
    let mut r = ::csv::Reader::from_reader(&out.bytes[3..]);
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let hostile = rows
        .iter()
        .find(|r| r[col("title")].starts_with("展会补贴"))
        .unwrap();
    assert!(hostile[col("notes")].starts_with("'=HYPERLINK"));
    assert_eq!(&hostile[col("issuer")], "'@醴陵市");
    assert!(hostile[col("beneficiaries")].starts_with("'=1+1"));
    for row in &rows {
        for cell in row {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '@'))
                    && (first != Some('-') || csv_export::is_plain_number(cell)),
                "unsafe cell {cell:?}"
            );
        }
    }
}

#[test]
fn printable_calendar_escapes_imported_text_and_has_no_script() {
    let l = ledger();
    let out = export::export_to(&l.store, ExportFormat::Html, &fixed_options()).unwrap();
    let html = String::from_utf8(out.bytes).unwrap();
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no script may reach the page"
    );
    assert!(html.contains("展会补贴&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;加粗&lt;/b&gt; &amp; 更多"));
    assert!(!html.contains("<b>"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "self-contained"
    );
    assert!(html.contains("@media print") && html.contains("break-before: page"));
}

#[test]
fn printable_calendar_has_a_grid_per_month_and_lists_the_measures_in_force() {
    let l = ledger();
    let mut opts = fixed_options();
    opts.filter.until = Some(d("2020-07-31"));
    let html = String::from_utf8(
        export::export_to(&l.store, ExportFormat::Html, &opts)
            .unwrap()
            .bytes,
    )
    .unwrap();
    let months: Vec<&str> = html
        .split("<section class=\"month\">\n<h2>")
        .skip(1)
        .map(|s| s.split("</h2>").next().unwrap())
        .collect();
    assert_eq!(months, ["2020年4月", "2020年5月", "2020年6月", "2020年7月"]);
    let june = html.split("<h2>2020年6月</h2>").nth(1).unwrap();
    let june = june.split("</section>").next().unwrap();
    assert!(
        june.contains("本月有效的政策（4）"),
        "package, power, gas, lottery"
    );
    assert!(
        june.contains("到期 【株洲市】购车抽奖补贴"),
        "the lottery ends on 4 June"
    );
    assert!(!june.contains("展会补贴"), "the May fair is over by June");
    assert!(
        !html.contains("境外展会展位费补助"),
        "a window leaves out what it cannot place"
    );

    let unwindowed = export::export_to(&l.store, ExportFormat::Html, &fixed_options()).unwrap();
    let html = String::from_utf8(unwindowed.bytes).unwrap();
    let undated = html.split("<section class=\"undated\">").nth(1).unwrap();
    assert!(
        undated.contains("境外展会展位费补助"),
        "without a window the undated measure is listed apart"
    );
}

#[test]
fn export_writes_the_file_atomically() {
    let l = ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.ics");
    let out = export::export_to(&l.store, ExportFormat::Ics, &fixed_options()).unwrap();
    export::write_atomically(&path, &out.bytes).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), out.bytes);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["policy.ics"], "no temporary file is left");
}

#[test]
fn json_export_is_the_whole_interchange_document() {
    let l = ledger();
    let out = export::export_to(&l.store, ExportFormat::Json, &fixed_options()).unwrap();
    let doc = export::json::parse(std::str::from_utf8(&out.bytes).unwrap()).unwrap();
    assert_eq!(
        doc.measures.len(),
        7,
        "filters do not apply to the interchange document"
    );
    assert_eq!(out.report.exported, 7);
}

/// `scripts/validate_ics.py` when python3 has `icalendar` and `vobject`; `None` (skip) when
/// not, unless `POLICY_LEDGER_REQUIRE_PY=1` (set in CI after
/// `pip install -r scripts/requirements-test.txt`), which turns the skip into a failure.
fn python_validator() -> Option<PathBuf> {
    let required = std::env::var("POLICY_LEDGER_REQUIRE_PY").is_ok_and(|v| v == "1");
    let probe = Command::new("python3")
        .args(["-c", "import icalendar, vobject"])
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        let why = match &probe {
            Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
            Err(e) => e.to_string(),
        };
        assert!(
            !required,
            "POLICY_LEDGER_REQUIRE_PY=1 but python3 with icalendar and vobject is unavailable: {why}"
        );
        eprintln!("skipped: python3 with icalendar + vobject not available ({why})");
        return None;
    }
    Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/validate_ics.py"))
}

/// The validator must catch the classic faults, or its approval means nothing.
#[test]
fn independent_parser_rejects_broken_calendars() {
    let Some(script) = python_validator() else {
        return;
    };
    let l = ledger();
    let good = export::export_to(&l.store, ExportFormat::Ics, &fixed_options())
        .unwrap()
        .bytes;
    let good = String::from_utf8(good).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lottery = l.measure("lottery");
    let broken = [
        // The icalendar crate's all_day(): DTEND equal to DTSTART.
        (
            "same_day_end",
            good.replace("DTEND;VALUE=DATE:20200605", "DTEND;VALUE=DATE:20200410"),
        ),
        ("lf_only", good.replace("\r\n", "\n")),
        ("unfolded", good.replace("\r\n ", "")),
        (
            "duplicate_uid",
            good.replace(
                &format!("{}-validity", lottery.uid),
                &format!("{}-validity", l.measure("power").uid),
            ),
        ),
        (
            "no_dtstamp",
            good.replace("DTSTAMP:20200426T010203Z\r\n", ""),
        ),
    ];
    for (name, text) in broken {
        assert_ne!(text, good, "{name}: the fault was not injected");
        let path = dir.path().join(format!("{name}.ics"));
        std::fs::write(&path, text).unwrap();
        let run = Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            !run.status.success(),
            "{name}: the validator accepted a broken calendar"
        );
    }
}

/// Strict, independent parsing with Python's `icalendar` and `vobject`.
#[test]
fn independent_parser_accepts_every_event_with_the_right_dates() {
    let Some(script) = python_validator() else {
        return;
    };
    let l = ledger();
    let dir = tempfile::tempdir().unwrap();
    let mut opts = fixed_options();
    opts.filter = MeasureFilter::everything();
    opts.calendar.layout = EventLayout::Both;
    opts.calendar.reminder_days = Some(7);
    let path = dir.path().join("ledger.ics");
    let out = export::export_to(&l.store, ExportFormat::Ics, &opts).unwrap();
    export::write_atomically(&path, &out.bytes).unwrap();

    let run = Command::new("python3")
        .arg(&script)
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "validate_ics.py rejected the calendar:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let parsed = parsed["events"].as_array().unwrap();
    assert_eq!(parsed.len() as u32, out.report.events);

    // Every event's dates as the independent parser read them, against the measures.
    let measures = l.store.all_measures().unwrap();
    for ev in parsed {
        let uid = ev["uid"].as_str().unwrap();
        let m = measures
            .iter()
            .find(|m| uid.starts_with(&m.uid))
            .unwrap_or_else(|| panic!("{uid} belongs to no measure"));
        let start: NaiveDate = ev["dtstart"].as_str().unwrap().parse().unwrap();
        let end: NaiveDate = ev["dtend"].as_str().unwrap().parse().unwrap();
        let (want_start, want_last) = match &uid[m.uid.len() + 1..] {
            "validity" => (m.effective_from.unwrap(), m.expires_on.unwrap()),
            "takes-effect" => (m.effective_from.unwrap(), m.effective_from.unwrap()),
            "expires" => (m.expires_on.unwrap(), m.expires_on.unwrap()),
            "reminder-7d" => {
                let r = m.expires_on.unwrap() - chrono::Days::new(7);
                (r, r)
            }
            other => panic!("unexpected event kind {other}"),
        };
        assert_eq!(start, want_start, "{uid}");
        assert_eq!(end, want_last.succ_opt().unwrap(), "{uid}: exclusive DTEND");
        assert_eq!(ev["sequence"].as_u64().unwrap(), m.revision as u64, "{uid}");
    }
}
