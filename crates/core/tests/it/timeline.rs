//! Integration tests: the timeline (grouping, window, clipping, open ends, marker, expiring
//! soon, caps) on an in-memory ledger.

use chrono::NaiveDate;
use policy_ledger_core::import::{ParsedArticle, ParsedIssue};
use policy_ledger_core::model::{MeasureInput, MeasureStatus, SourceSpan};
use policy_ledger_core::store::{
    InsertOutcome, MeasureTree, Timeline, TimelineBar, TimelineGroup, TimelineGrouping,
    TimelineQuery,
};
use policy_ledger_core::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn od(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| d(s))
}

/// A measure with an issuer and dates ("" = unknown).
fn m(title: &str, issuer: Option<&str>, from: &str, until: &str) -> MeasureInput {
    MeasureInput {
        title: title.into(),
        issuer: issuer.map(Into::into),
        effective_from: od(from),
        expires_on: od(until),
        status: MeasureStatus::Confirmed,
        ..Default::default()
    }
}

fn ledger(measures: &[MeasureInput]) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for input in measures {
        s.create_measure(input).unwrap();
    }
    s
}

fn query() -> TimelineQuery {
    TimelineQuery::default()
}

fn at(s: &Store, q: &TimelineQuery) -> Timeline {
    s.timeline_on(q, d("2020-05-01")).unwrap()
}

fn group<'a>(t: &'a Timeline, label: Option<&str>) -> &'a TimelineGroup {
    t.groups
        .iter()
        .find(|g| g.label.as_deref() == label)
        .unwrap_or_else(|| panic!("no group {label:?} in {:#?}", t.groups))
}

fn bar<'a>(t: &'a Timeline, title: &str) -> &'a TimelineBar {
    t.groups
        .iter()
        .flat_map(|g| &g.bars)
        .find(|b| b.title == title)
        .unwrap_or_else(|| panic!("no bar {title}"))
}

fn titles(g: &TimelineGroup) -> Vec<&str> {
    g.bars.iter().map(|b| b.title.as_str()).collect()
}

#[test]
fn measures_are_grouped_by_issuer_largest_first_with_the_unknown_issuer_last() {
    let s = ledger(&[
        m("a1", Some("醴陵市"), "2020-04-01", "2020-12-31"),
        m("b1", Some("株洲市"), "2020-04-10", "2020-06-04"),
        m("a2", Some("醴陵市"), "2020-05-01", ""),
        m("x", None, "2020-01-01", "2020-02-01"),
        m("x2", None, "", ""),
        m("x3", None, "", "2020-03-01"),
    ]);
    let t = at(&s, &query());
    let labels: Vec<Option<&str>> = t.groups.iter().map(|g| g.label.as_deref()).collect();
    assert_eq!(labels, [Some("醴陵市"), Some("株洲市"), None]);
    assert_eq!(t.groups_total, 3);
    assert_eq!(t.matched, 6);
    let unknown = group(&t, None);
    assert_eq!((unknown.count, unknown.undated), (3, 1));
    assert_eq!(
        titles(unknown),
        ["x", "x3"],
        "undated measures are counted, not drawn; bars by start day"
    );
    assert_eq!(t.undated, 1);
    assert_eq!(titles(group(&t, Some("醴陵市"))), ["a1", "a2"]);
}

#[test]
fn grouping_by_category_uses_the_category() {
    let mut a = m("a", Some("醴陵市"), "2020-04-01", "2020-12-31");
    a.category = Some("price_tariff".into());
    let mut b = m("b", Some("株洲市"), "2020-04-01", "2020-12-31");
    b.category = Some("price_tariff".into());
    let s = ledger(&[a, b, m("c", Some("株洲市"), "2020-04-01", "")]);
    let t = at(
        &s,
        &TimelineQuery {
            group_by: TimelineGrouping::Category,
            ..query()
        },
    );
    assert_eq!(group(&t, Some("price_tariff")).count, 2);
    assert_eq!(group(&t, None).count, 1);
}

#[test]
fn the_fitted_window_covers_every_date_in_whole_months() {
    let s = ledger(&[
        m("a", None, "2020-04-10", "2020-06-04"),
        m("b", None, "", "2020-12-31"),
        m("c", None, "2020-03-15", ""),
    ]);
    let t = at(&s, &query());
    assert_eq!(
        (t.window.from, t.window.until),
        (d("2020-03-01"), d("2020-12-31"))
    );
    assert_eq!(t.window.days, 306);
    assert!(t.window.fitted && !t.window.clamped);
    let a = bar(&t, "a");
    // 2020-04-10 is day 40 after 2020-03-01; the end is exclusive (the day after 06-04).
    assert_eq!((a.start_day, a.end_day), (40, 96));
    let months: Vec<u32> = t.ticks.iter().map(|t| t.month).collect();
    assert_eq!(months, (3..=12).collect::<Vec<_>>());
    assert_eq!(t.ticks[1].day, 31, "April starts 31 days after 1 March");
}

#[test]
fn without_dated_measures_the_window_surrounds_the_marker() {
    let s = ledger(&[m("undated", None, "", "")]);
    let t = at(&s, &query());
    assert!(t.window.from < d("2020-05-01") && t.window.until > d("2020-05-01"));
    assert!(t.marker.day.is_some());
    assert_eq!(t.undated, 1);
    assert!(t.groups[0].bars.is_empty());
}

#[test]
fn bars_are_clipped_to_an_explicit_window_and_outside_ones_counted() {
    let s = ledger(&[
        m("across", None, "2019-12-01", "2021-03-31"),
        m("inside", None, "2020-02-01", "2020-02-01"),
        m("before", None, "2019-01-01", "2019-12-31"),
        m("after", None, "2021-01-01", ""),
        m("open before", None, "", "2019-06-30"),
    ]);
    let t = at(
        &s,
        &TimelineQuery {
            from: Some(d("2020-01-01")),
            until: Some(d("2020-12-31")),
            ..query()
        },
    );
    assert!(!t.window.fitted);
    assert_eq!(t.window.days, 366, "2020 is a leap year");
    let across = bar(&t, "across");
    assert_eq!((across.start_day, across.end_day), (0, 366));
    assert!(across.starts_before && across.ends_after);
    assert!(!across.open_start && !across.open_end);
    let inside = bar(&t, "inside");
    assert_eq!(
        (inside.start_day, inside.end_day),
        (31, 32),
        "one day is one day wide"
    );
    assert!(!inside.starts_before && !inside.ends_after);
    assert_eq!(t.outside, 3);
    assert_eq!(t.groups[0].outside, 3);
    assert_eq!(titles(&t.groups[0]), ["across", "inside"]);
}

#[test]
fn unknown_bounds_are_open_and_reach_the_window_edge() {
    let s = ledger(&[
        m("no expiry", None, "2020-06-01", ""),
        m("no start", None, "", "2020-06-30"),
    ]);
    let q = TimelineQuery {
        from: Some(d("2020-01-01")),
        until: Some(d("2020-12-31")),
        ..query()
    };
    let t = at(&s, &q);
    let open_end = bar(&t, "no expiry");
    assert!(open_end.open_end && !open_end.open_start && !open_end.ends_after);
    assert_eq!((open_end.start_day, open_end.end_day), (152, 366));
    let open_start = bar(&t, "no start");
    assert!(open_start.open_start && !open_start.open_end && !open_start.starts_before);
    assert_eq!((open_start.start_day, open_start.end_day), (0, 182));
}

#[test]
fn the_marker_is_today_unless_chosen_and_has_no_offset_outside_the_window() {
    let s = ledger(&[m("a", None, "2020-01-01", "2020-12-31")]);
    let t = s.timeline_on(&query(), d("2020-03-01")).unwrap();
    assert_eq!(t.marker.date, d("2020-03-01"));
    assert!(t.marker.today);
    assert_eq!(t.marker.day, Some(60));

    let chosen = TimelineQuery {
        marker: Some(d("2020-05-01")),
        ..query()
    };
    let t = s.timeline_on(&chosen, d("2020-03-01")).unwrap();
    assert_eq!(
        (t.marker.date, t.marker.day, t.marker.today),
        (d("2020-05-01"), Some(121), false)
    );

    let t = s.timeline_on(&query(), d("2026-11-27")).unwrap();
    assert_eq!(
        t.marker.day, None,
        "today after the data stays outside the fitted window"
    );
    assert_eq!(t.window.until, d("2020-12-31"));

    let later = TimelineQuery {
        marker: Some(d("2021-03-15")),
        ..query()
    };
    let t = s.timeline_on(&later, d("2026-11-27")).unwrap();
    assert_eq!(
        t.window.until,
        d("2021-03-31"),
        "a chosen marker widens the fitted window to its month"
    );
    assert_eq!(t.marker.day, Some(439));

    // The real clock: whatever today is, the marker says it is today.
    let t = s.timeline(&query()).unwrap();
    assert!(t.marker.today);
    assert_eq!(t.marker.date, chrono::Local::now().date_naive());
}

#[test]
fn expiring_soon_runs_from_the_marker_day_to_exactly_n_days_after() {
    let s = ledger(&[
        m("past", None, "2020-01-01", "2020-04-30"),
        m("today", None, "", "2020-05-01"),
        m("in 30 days", None, "2020-01-01", "2020-05-31"),
        m("in 31 days", None, "2020-01-01", "2020-06-01"),
        m("in 10 days", None, "2020-01-01", "2020-05-11"),
        m("no expiry", None, "2020-01-01", ""),
        m("undated", None, "", ""),
    ]);
    let q = TimelineQuery {
        marker: Some(d("2020-05-01")),
        expiring_within_days: Some(30),
        ..query()
    };
    let t = at(&s, &q);
    let listed: Vec<(&str, u32)> = t
        .expiring
        .iter()
        .map(|e| (e.title.as_str(), e.days_left))
        .collect();
    assert_eq!(
        listed,
        [("today", 0), ("in 10 days", 10), ("in 30 days", 30)]
    );
    assert_eq!(t.expiring_total, 3);
    assert_eq!(t.expiring_within_days, 30);

    let t = at(
        &s,
        &TimelineQuery {
            expiring_within_days: Some(31),
            ..q.clone()
        },
    );
    assert_eq!(t.expiring.last().unwrap().title, "in 31 days");
    let t = at(
        &s,
        &TimelineQuery {
            expiring_within_days: None,
            ..q
        },
    );
    assert_eq!(t.expiring_within_days, 30, "the default is 30 days");
}

#[test]
fn rejected_measures_are_left_out_unless_asked_for() {
    let mut rejected = m("rejected", None, "2020-01-01", "2020-05-10");
    rejected.status = MeasureStatus::Rejected;
    let mut suggested = m("suggested", None, "2020-01-01", "2020-05-10");
    suggested.status = MeasureStatus::Suggested;
    let s = ledger(&[
        rejected,
        suggested,
        m("confirmed", None, "2020-01-01", "2020-05-10"),
    ]);
    let t = at(&s, &query());
    assert_eq!(titles(&t.groups[0]), ["suggested", "confirmed"]);
    assert_eq!(t.expiring_total, 2);
    let t = at(
        &s,
        &TimelineQuery {
            statuses: vec![MeasureStatus::Rejected],
            ..query()
        },
    );
    assert_eq!(titles(&t.groups[0]), ["rejected"]);
    assert_eq!(t.expiring[0].status, MeasureStatus::Rejected);
}

#[test]
fn the_text_filter_narrows_bars_and_the_expiring_list() {
    let s = ledger(&[
        m("电价优惠", Some("醴陵市"), "2020-01-01", "2020-05-10"),
        m("购车补贴", Some("株洲市"), "2020-01-01", "2020-05-10"),
    ]);
    let t = at(
        &s,
        &TimelineQuery {
            text: Some("电价".into()),
            ..query()
        },
    );
    assert_eq!(t.matched, 1);
    assert_eq!(t.expiring.len(), 1);
    assert_eq!(t.expiring[0].title, "电价优惠");
}

#[test]
fn a_package_and_its_items_form_one_group_named_after_the_package() {
    let mut s = Store::open_in_memory().unwrap();
    let mut package = m(
        "支持外贸企业十二条",
        Some("醴陵市"),
        "2020-04-25",
        "2020-12-31",
    );
    package.status = MeasureStatus::Rejected; // filtered out, still names the group
    s.create_measure_trees(
        "test",
        &[MeasureTree {
            measure: package,
            children: vec![
                m("电价95%", Some("醴陵市"), "2020-04-25", "2020-12-31"),
                m("贷款利率下浮", Some("醴陵市"), "", "2020-12-31"),
            ],
        }],
    )
    .unwrap();
    s.create_measure_trees(
        "test",
        &[MeasureTree {
            measure: m("购车补贴", Some("株洲市"), "2020-04-10", "2020-06-04"),
            children: vec![m("抽奖", Some("株洲市"), "2020-04-10", "2020-06-04")],
        }],
    )
    .unwrap();
    s.create_measure(&m("单独措施", None, "2020-05-01", ""))
        .unwrap();

    let q = TimelineQuery {
        group_by: TimelineGrouping::Package,
        ..query()
    };
    let t = at(&s, &q);
    let labels: Vec<Option<&str>> = t.groups.iter().map(|g| g.label.as_deref()).collect();
    assert_eq!(labels, [Some("支持外贸企业十二条"), Some("购车补贴"), None]);
    let twelve = group(&t, Some("支持外贸企业十二条"));
    assert_eq!(twelve.count, 2, "the rejected package itself is not drawn");
    assert!(twelve.package_id.is_some());
    assert_eq!(twelve.key, twelve.package_id.map(|p| p.to_string()));
    let car = group(&t, Some("购车补贴"));
    assert_eq!(titles(car), ["购车补贴", "抽奖"]);
    assert!(car.bars[0].is_package && !car.bars[1].is_package);
    assert_eq!(car.bars[1].parent_id, car.package_id);

    // Grouped by issuer, the package is still marked as one and leads its issuer's bars.
    let t = at(&s, &query());
    let zhuzhou = group(&t, Some("株洲市"));
    assert_eq!(titles(zhuzhou), ["购车补贴", "抽奖"]);
    assert!(zhuzhou.bars[0].is_package);

    // With every status, the package's own bar leads its group.
    let t = at(
        &s,
        &TimelineQuery {
            statuses: MeasureStatus::ALL.to_vec(),
            ..q
        },
    );
    let twelve = group(&t, Some("支持外贸企业十二条"));
    assert_eq!(twelve.bars[0].title, "支持外贸企业十二条");
    assert!(twelve.bars[0].is_package);
}

#[test]
fn bars_per_group_are_capped_keeping_those_nearest_the_marker() {
    let s = ledger(&[
        m("jan", None, "2020-01-01", "2020-01-31"),
        m("mar", None, "2020-03-01", "2020-03-31"),
        m("may", None, "2020-05-01", "2020-05-31"),
        m("jul", None, "2020-07-01", "2020-07-31"),
        m("dec", None, "2020-12-01", "2020-12-31"),
    ]);
    let t = at(
        &s,
        &TimelineQuery {
            marker: Some(d("2020-05-15")),
            bars_per_group: Some(3),
            ..query()
        },
    );
    let g = &t.groups[0];
    assert_eq!(titles(g), ["mar", "may", "jul"]);
    assert_eq!(g.bars_cut, 2);
    assert_eq!(g.count, 5);
}

#[test]
fn groups_are_paged() {
    let s = ledger(&[
        m("a", Some("A"), "2020-01-01", ""),
        m("a2", Some("A"), "2020-01-01", ""),
        m("a3", Some("A"), "2020-01-01", ""),
        m("b", Some("B"), "2020-01-01", ""),
        m("b2", Some("B"), "2020-01-01", ""),
        m("c", Some("C"), "2020-01-01", ""),
    ]);
    let page = |offset| {
        at(
            &s,
            &TimelineQuery {
                group_offset: offset,
                group_limit: Some(2),
                ..query()
            },
        )
    };
    let first = page(0);
    assert_eq!(first.groups_total, 3);
    let labels = |t: &Timeline| {
        t.groups
            .iter()
            .map(|g| g.label.clone().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(labels(&first), ["A", "B"]);
    let second = page(2);
    assert_eq!(labels(&second), ["C"]);
    assert_eq!(second.group_offset, 2);
    assert_eq!(second.matched, 6, "counts cover every group, not the page");
}

#[test]
fn bad_windows_and_limits_are_refused_with_a_sentence() {
    let s = ledger(&[]);
    let cases = [
        TimelineQuery {
            from: Some(d("2020-05-01")),
            until: Some(d("2020-04-30")),
            ..query()
        },
        TimelineQuery {
            from: Some(d("1900-01-01")),
            until: Some(d("2100-01-01")),
            ..query()
        },
        TimelineQuery {
            expiring_within_days: Some(100_000),
            ..query()
        },
        TimelineQuery {
            group_limit: Some(0),
            ..query()
        },
    ];
    for q in cases {
        let err = s.timeline_on(&q, d("2020-05-01")).unwrap_err();
        assert_eq!(err.code(), "invalid", "{q:?}: {err}");
    }
}

#[test]
fn bars_and_expiring_entries_know_the_article_they_were_read_from() {
    let mut s = Store::open_in_memory().unwrap();
    let body = "该支持政策将持续至今年12月31日。";
    let InsertOutcome::Inserted { issue_id, .. } = s
        .insert_issue(
            &ParsedIssue {
                publication: Some("株洲日报".into()),
                date: Some(d("2020-04-25")),
                date_evidence: None,
                encoding: "UTF-8".into(),
                format: "text".into(),
                articles: vec![ParsedArticle {
                    headline: "h".into(),
                    text: body.into(),
                    ..Default::default()
                }],
                warnings: vec![],
            },
            "a.txt",
        )
        .unwrap()
    else {
        panic!("inserted")
    };
    let article = s.list_articles(Some(issue_id)).unwrap().remove(0);
    let mut sourced = m("sourced", None, "2020-04-25", "2020-05-20");
    sourced.sources = vec![SourceSpan {
        article_id: article.id,
        start: 0,
        end: 4,
        quote: "该支持政".into(),
    }];
    s.create_measure(&sourced).unwrap();
    s.create_measure(&m("typed in", None, "2020-04-25", "2020-05-20"))
        .unwrap();
    let t = at(&s, &query());
    let b = bar(&t, "sourced");
    assert_eq!(
        (b.article_id, b.issue_id),
        (Some(article.id), Some(issue_id))
    );
    let e = t.expiring.iter().find(|e| e.title == "sourced").unwrap();
    assert_eq!(
        (e.article_id, e.issue_id),
        (Some(article.id), Some(issue_id))
    );
    assert_eq!(bar(&t, "typed in").article_id, None);
}
