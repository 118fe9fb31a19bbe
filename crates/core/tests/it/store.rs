//! Integration tests: the store (measures, spans, change log, JSON interchange).

use chrono::NaiveDate;
use policy_ledger_core::export::json;
use policy_ledger_core::import::{ParsedArticle, ParsedIssue};
use policy_ledger_core::model::{Bound, MeasureInput, MeasureStatus, MeasureValue, SourceSpan};
use policy_ledger_core::store::{
    ActionKind, ActionSummary, InsertOutcome, MeasureQuery, MeasureSort, MeasureTree,
};
use policy_ledger_core::Store;

const BODY: &str = "醴陵市出台《支持外贸企业十二条》。一般工商业电价，统一按原到户电价水平的95%结算；该支持政策将持续至今年12月31日。";

fn issue(text: &str) -> ParsedIssue {
    ParsedIssue {
        publication: Some("株洲日报".into()),
        date: NaiveDate::from_ymd_opt(2020, 4, 25),
        date_evidence: Some("test".into()),
        encoding: "UTF-8".into(),
        format: "text".into(),
        articles: vec![ParsedArticle {
            headline: "醴陵出台“十二条”支持外贸企业".into(),
            byline: Some("株洲日报记者 李逸峰".into()),
            text: text.into(),
            ..Default::default()
        }],
        warnings: vec![],
    }
}

fn store_with_article() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let InsertOutcome::Inserted { issue_id, .. } =
        store.insert_issue(&issue(BODY), "a.txt").unwrap()
    else {
        panic!("first insert must store the issue")
    };
    let article = store.list_articles(Some(issue_id)).unwrap().remove(0);
    (store, article.id)
}

/// A span over `needle` in BODY, offsets in characters.
fn span(article_id: i64, needle: &str) -> SourceSpan {
    let byte = BODY.find(needle).expect("needle in body");
    let start = BODY[..byte].chars().count() as u32;
    SourceSpan {
        article_id,
        start,
        end: start + needle.chars().count() as u32,
        quote: needle.into(),
    }
}

fn d(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

fn electricity(article_id: i64) -> MeasureInput {
    MeasureInput {
        title: "电价按原到户电价95%结算".into(),
        issuer: Some("醴陵市".into()),
        category: Some("price_tariff".into()),
        beneficiaries: vec!["外贸企业".into()],
        value: Some(MeasureValue::Percentage {
            percent: 95.into(),
            bound: Bound::Exact,
        }),
        expires_on: d("2020-12-31"),
        sources: vec![span(article_id, "统一按原到户电价水平的95%结算")],
        ..Default::default()
    }
}

#[test]
fn measure_with_span_round_trips_through_the_store() {
    let (mut store, aid) = store_with_article();
    let m = store.create_measure(&electricity(aid)).unwrap();
    let back = store.get_measure(m.id).unwrap();
    assert_eq!(back, m, "what was saved is what is read back");
    assert_eq!(back.sources[0].quote, "统一按原到户电价水平的95%结算");
    assert_eq!(
        uuid::Uuid::parse_str(&back.uid).unwrap().get_version_num(),
        4
    );
}

#[test]
fn span_that_does_not_quote_the_article_is_refused_and_nothing_is_saved() {
    let (mut store, aid) = store_with_article();
    let mut input = electricity(aid);
    input.sources[0].start += 1;
    input.sources[0].end += 1;
    let err = store.create_measure(&input).unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    assert_eq!(
        store.all_measures().unwrap().len(),
        0,
        "a refused measure leaves no row behind"
    );
}

#[test]
fn span_past_the_end_of_the_article_is_refused() {
    let (mut store, aid) = store_with_article();
    let n = BODY.chars().count() as u32;
    let mut input = electricity(aid);
    input.sources = vec![SourceSpan {
        article_id: aid,
        start: n - 1,
        end: n + 1,
        quote: "。x".into(),
    }];
    assert_eq!(store.create_measure(&input).unwrap_err().code(), "invalid");
}

#[test]
fn expiry_before_effective_is_refused_on_edit_and_the_measure_is_unchanged() {
    let (mut store, aid) = store_with_article();
    let m = store.create_measure(&electricity(aid)).unwrap();
    let mut input = MeasureInput::from_measure(&m);
    input.effective_from = d("2021-01-01");
    let err = store.update_measure(m.id, &input).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        store.get_measure(m.id).unwrap(),
        m,
        "a refused edit changes nothing"
    );
}

#[test]
fn undo_and_redo_say_what_they_did_in_parts_an_interface_can_translate() {
    let (mut store, aid) = store_with_article();
    let m = store.create_measure(&electricity(aid)).unwrap();
    let mut input = MeasureInput::from_measure(&m);
    input.title = "电价按95%结算（修订）".into();
    store.update_measure(m.id, &input).unwrap();
    let other = store.create_measure(&electricity(aid)).unwrap();
    store
        .set_status(&[m.id, other.id], MeasureStatus::Confirmed)
        .unwrap();
    store.delete_measure(other.id).unwrap();

    let summaries: Vec<ActionSummary> = (0..4).map(|_| store.undo().unwrap().action).collect();
    let kinds: Vec<ActionKind> = summaries.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ActionKind::Delete,
            ActionKind::SetStatus,
            ActionKind::Create,
            ActionKind::Edit
        ]
    );
    assert_eq!(summaries[0].subject.as_deref(), Some(other.title.as_str()));
    assert_eq!(
        (summaries[1].count, summaries[1].status),
        (Some(2), Some(MeasureStatus::Confirmed))
    );
    assert_eq!(
        summaries[3].subject.as_deref(),
        Some(m.title.as_str()),
        "an edit is named by the title it had before"
    );
    let redone = store.redo().unwrap();
    assert_eq!(redone.action.kind, ActionKind::Edit);
    assert_eq!(redone.label, format!("edit “{}”", m.title));
}

#[test]
fn labels_the_store_did_not_write_are_other_and_keep_their_text() {
    for label in [
        "",
        "renamed things",
        "create without quotes",
        "mark many measure(s) confirmed",
        "mark 2 measure(s) maybe",
    ] {
        assert_eq!(
            ActionSummary::from_label(label),
            ActionSummary::default(),
            "{label:?}"
        );
    }
    let s = ActionSummary::from_label("suggest measures for 株洲日报 3");
    assert_eq!(s.kind, ActionKind::Suggest);
    let s = ActionSummary::from_label("create “带“引号”的标题”");
    assert_eq!(s.subject.as_deref(), Some("带“引号”的标题"));
}

#[test]
fn edit_raises_revision_and_undo_redo_walk_the_change_log() {
    let (mut store, aid) = store_with_article();
    let m = store.create_measure(&electricity(aid)).unwrap();
    let mut input = MeasureInput::from_measure(&m);
    input.expires_on = d("2021-06-30");
    let edited = store.update_measure(m.id, &input).unwrap();
    assert_eq!(edited.revision, 1);
    assert_eq!(edited.expires_on, d("2021-06-30"));

    store.undo().unwrap();
    let undone = store.get_measure(m.id).unwrap();
    assert_eq!(
        undone.expires_on,
        d("2020-12-31"),
        "undo restores the old expiry"
    );
    assert!(
        undone.revision > edited.revision,
        "an undo is a change for calendar clients"
    );

    store.redo().unwrap();
    assert_eq!(store.get_measure(m.id).unwrap().expires_on, d("2021-06-30"));

    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(
        store.all_measures().unwrap().len(),
        0,
        "undoing the creation removes the measure"
    );
    assert_eq!(store.undo().unwrap_err().code(), "nothing_to_do");
    store.redo().unwrap();
    assert_eq!(
        store.get_measure(m.id).unwrap().uid,
        m.uid,
        "redo brings back the same measure"
    );
}

#[test]
fn a_new_action_clears_the_redo_stack() {
    let (mut store, aid) = store_with_article();
    let m = store.create_measure(&electricity(aid)).unwrap();
    store.undo().unwrap();
    store
        .create_measure(&MeasureInput {
            title: "另一条".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(store.redo().unwrap_err().code(), "nothing_to_do");
    assert!(store.get_measure(m.id).is_err());
}

#[test]
fn deleting_a_package_deletes_its_items_and_undo_restores_all() {
    let (mut store, aid) = store_with_article();
    let tree = MeasureTree {
        measure: MeasureInput {
            title: "支持外贸企业十二条".into(),
            expires_on: d("2020-12-31"),
            ..Default::default()
        },
        children: vec![
            electricity(aid),
            MeasureInput {
                title: "7×24小时通关".into(),
                ..Default::default()
            },
        ],
    };
    let created = store.create_measure_trees("suggest", &[tree]).unwrap();
    assert_eq!(created.len(), 3);
    let parent = created[0].id;
    assert!(created[1..].iter().all(|c| c.parent_id == Some(parent)));

    let gone = store.delete_measure(parent).unwrap();
    assert_eq!(gone.len(), 3);
    assert!(store.all_measures().unwrap().is_empty());
    store.undo().unwrap();
    let back = store.all_measures().unwrap();
    assert_eq!(
        back.len(),
        3,
        "undo of a delete restores the package and its items"
    );
    assert_eq!(
        back,
        created
            .iter()
            .map(|m| store.get_measure(m.id).unwrap())
            .collect::<Vec<_>>()
    );
}

#[test]
fn suggestions_with_a_known_key_are_not_created_again() {
    let (mut store, aid) = store_with_article();
    let mut input = electricity(aid);
    input.status = MeasureStatus::Suggested;
    input.suggestion_key = Some("rule:electricity:1".into());
    let tree = MeasureTree {
        measure: input,
        children: vec![],
    };
    assert_eq!(
        store
            .create_measure_trees("suggest", std::slice::from_ref(&tree))
            .unwrap()
            .len(),
        1
    );
    let id = store.all_measures().unwrap()[0].id;
    store.set_status(&[id], MeasureStatus::Rejected).unwrap();
    assert_eq!(
        store
            .create_measure_trees("suggest", &[tree])
            .unwrap()
            .len(),
        0
    );
    let all = store.all_measures().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].status,
        MeasureStatus::Rejected,
        "the analyst's rejection stands"
    );
}

#[test]
fn query_filters_by_in_force_date_text_and_status_and_pages() {
    let (mut store, aid) = store_with_article();
    for (title, from, to) in [
        ("A 2020春", "2020-03-01", "2020-04-30"),
        ("B 2020全年", "2020-01-01", "2020-12-31"),
        ("C 2021", "2021-01-01", "2021-12-31"),
        ("D 开放式", "2020-04-10", ""),
    ] {
        store
            .create_measure(&MeasureInput {
                title: title.into(),
                effective_from: d(from),
                expires_on: if to.is_empty() { None } else { d(to) },
                sources: if title.starts_with('B') {
                    vec![span(aid, "电价")]
                } else {
                    vec![]
                },
                ..Default::default()
            })
            .unwrap();
    }
    let titles = |q: MeasureQuery| -> Vec<String> {
        store
            .query_measures(&q)
            .unwrap()
            .rows
            .into_iter()
            .map(|m| m.title)
            .collect()
    };
    assert_eq!(
        titles(MeasureQuery {
            in_force_on: d("2020-05-01"),
            ..Default::default()
        }),
        ["B 2020全年", "D 开放式"]
    );
    assert_eq!(
        titles(MeasureQuery {
            text: Some("电价".into()),
            ..Default::default()
        }),
        ["B 2020全年"]
    );
    assert_eq!(
        titles(MeasureQuery {
            sort: MeasureSort::ExpiresOn,
            descending: true,
            ..Default::default()
        }),
        ["D 开放式", "C 2021", "B 2020全年", "A 2020春"]
    );
    let page = store
        .query_measures(&MeasureQuery {
            limit: 2,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(
        page.rows
            .iter()
            .map(|m| m.title.as_str())
            .collect::<Vec<_>>(),
        ["B 2020全年", "C 2021"]
    );
    assert!(titles(MeasureQuery {
        statuses: vec![MeasureStatus::Rejected],
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn a_measure_under_a_missing_parent_is_refused_and_nothing_is_saved() {
    let (mut store, _) = store_with_article();
    let package = store
        .create_measure(&MeasureInput {
            title: "十二条".into(),
            ..Default::default()
        })
        .unwrap();
    let item = |parent| MeasureInput {
        title: "电价优惠".into(),
        parent_id: Some(parent),
        ..Default::default()
    };
    let err = store.create_measure(&item(package.id + 1000)).unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(store.all_measures().unwrap().len(), 1);
    let child = store.create_measure(&item(package.id)).unwrap();
    assert_eq!(child.parent_id, Some(package.id));
}

#[test]
fn total_counts_every_match_whatever_page_is_asked_for() {
    // The total comes from the same pass as the page (count(*) OVER ()), so it must not
    // depend on which page is asked for, including pages past the end and empty results.
    let (mut store, _) = store_with_article();
    let expiries = [
        "2020-06-30",
        "",
        "2020-03-31",
        "2021-01-01",
        "2020-03-31",
        "",
    ];
    for (i, to) in expiries.iter().enumerate() {
        store
            .create_measure(&MeasureInput {
                title: format!("补贴{i}"),
                expires_on: if to.is_empty() { None } else { d(to) },
                ..Default::default()
            })
            .unwrap();
    }
    store
        .create_measure(&MeasureInput {
            title: "其他".into(),
            ..Default::default()
        })
        .unwrap();
    // Sorted by expiry ascending, unknown expiry last, ties by id.
    let all: Vec<String> = [2, 4, 0, 3, 1, 5]
        .iter()
        .map(|i| format!("补贴{i}"))
        .collect();
    // (text, offset, limit, total, titles on the page)
    type Case<'a> = (Option<&'a str>, u32, u32, u32, &'a [String]);
    let cases: [Case; 8] = [
        (Some("补贴"), 0, 2, 6, &all[0..2]),
        (Some("补贴"), 2, 2, 6, &all[2..4]),
        (Some("补贴"), 4, 200, 6, &all[4..6]),
        (Some("补贴"), 6, 2, 6, &[]),
        (Some("补贴"), 40, 2, 6, &[]),
        (Some("补贴"), 3, 0, 6, &all[3..6]),
        (Some("冰雪"), 0, 2, 0, &[]),
        (Some("冰雪"), 4, 2, 0, &[]),
    ];
    for (text, offset, limit, total, titles) in cases {
        let page = store
            .query_measures(&MeasureQuery {
                text: text.map(Into::into),
                sort: MeasureSort::ExpiresOn,
                offset,
                limit,
                ..Default::default()
            })
            .unwrap();
        let got: Vec<&str> = page.rows.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(
            (page.total, got),
            (total, titles.iter().map(String::as_str).collect::<Vec<_>>()),
            "{text:?} offset {offset} limit {limit}"
        );
    }
    // Descending: unknown expiry first, ties by id descending; the total is unchanged.
    let page = store
        .query_measures(&MeasureQuery {
            text: Some("补贴".into()),
            sort: MeasureSort::ExpiresOn,
            descending: true,
            limit: 3,
            ..Default::default()
        })
        .unwrap();
    let got: Vec<&str> = page.rows.iter().map(|m| m.title.as_str()).collect();
    assert_eq!((page.total, got), (6, vec!["补贴5", "补贴1", "补贴3"]));
}

#[test]
fn the_same_issue_twice_is_a_duplicate() {
    let (mut store, _) = store_with_article();
    let again = store.insert_issue(&issue(BODY), "b.txt").unwrap();
    assert!(matches!(again, InsertOutcome::Duplicate { .. }));
    assert_eq!(store.list_issues().unwrap().len(), 1);
}

#[test]
fn article_text_cannot_change_after_import() {
    let (store, aid) = store_with_article();
    // Only the store can write; reach the raw file through a second connection.
    drop(store);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.sqlite3");
    let mut s = Store::open(&path).unwrap();
    s.insert_issue(&issue(BODY), "a.txt").unwrap();
    drop(s);
    let c = rusqlite_connection(&path);
    let err = c
        .execute("UPDATE articles SET body = 'x' WHERE id = ?1", [aid])
        .unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn json_export_import_export_is_byte_identical() {
    let (mut store, aid) = store_with_article();
    let tree = MeasureTree {
        measure: MeasureInput {
            title: "支持外贸企业十二条".into(),
            expires_on: d("2020-12-31"),
            ..Default::default()
        },
        children: vec![electricity(aid)],
    };
    store.create_measure_trees("suggest", &[tree]).unwrap();
    let first = json::to_string(&json::document(&store).unwrap());

    let mut empty = Store::open_in_memory().unwrap();
    empty
        .import_document(&json::parse(&first).unwrap())
        .unwrap();
    let second = json::to_string(&json::document(&empty).unwrap());
    assert_eq!(first, second);
    assert!(
        first.contains("\"expires_on\": \"2020-12-31\""),
        "dates are YYYY-MM-DD on the wire"
    );
}

#[test]
fn json_import_refuses_bad_documents_and_writes_nothing() {
    let (mut store, aid) = store_with_article();
    store.create_measure(&electricity(aid)).unwrap();
    let good = json::to_string(&json::document(&store).unwrap());
    let cases: Vec<(&str, String)> = vec![
        (
            "wrong version",
            good.replace("\"version\": 1", "\"version\": 2"),
        ),
        (
            "wrong format",
            good.replace("\"format\": \"policy-ledger\"", "\"format\": \"other\""),
        ),
        ("invalid date", good.replace("2020-12-31", "2020-02-30")),
        (
            "span outside article",
            good.replace("\"quote\": \"统一", "\"quote\": \"X统一"),
        ),
        ("missing key", good.replace("\"title\":", "\"titel\":")),
        ("not json", "{".to_string()),
    ];
    for (why, text) in cases {
        let mut empty = Store::open_in_memory().unwrap();
        let result = json::parse(&text).and_then(|doc| empty.import_document(&doc));
        assert!(result.is_err(), "{why} must be refused");
        assert!(
            empty.list_issues().unwrap().is_empty(),
            "{why}: nothing written"
        );
        assert!(
            empty.all_measures().unwrap().is_empty(),
            "{why}: nothing written"
        );
    }
    // Importing into the ledger it came from clashes on ids.
    let err = store
        .import_document(&json::parse(&good).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
}

/// The measures whose title, issuer, notes or a quote contain `text` (ASCII case folded, as
/// SQL LIKE): what the table's text filter must return, computed without SQL.
fn like_oracle(store: &Store, text: &str) -> Vec<i64> {
    let fold = |s: &str| s.to_ascii_lowercase();
    let needle = fold(text);
    store
        .all_measures()
        .unwrap()
        .into_iter()
        .filter(|m| {
            fold(&m.title).contains(&needle)
                || m.issuer
                    .as_deref()
                    .is_some_and(|i| fold(i).contains(&needle))
                || fold(&m.notes).contains(&needle)
                || m.sources.iter().any(|s| fold(&s.quote).contains(&needle))
        })
        .map(|m| m.id)
        .collect()
}

fn text_query_ids(store: &Store, text: &str) -> (u32, Vec<i64>) {
    let page = store
        .query_measures(&MeasureQuery {
            text: Some(text.into()),
            ..Default::default()
        })
        .unwrap();
    (page.total, page.rows.iter().map(|m| m.id).collect())
}

#[test]
fn text_filter_through_the_pair_index_matches_a_plain_substring_scan() {
    // Deterministic pseudo-random measures built from words that overlap across their
    // boundaries (外贸 + 企业 → 贸企), so queries straddle words and fields.
    let words = [
        "外贸",
        "企业",
        "电价",
        "支持",
        "醴陵市",
        "十二条",
        "补贴",
        "结算",
        "降低",
        "Gas",
        "5G",
        "天然气",
        "一般工商业",
        "95%",
    ];
    let quotes = [
        "统一按原到户电价水平的95%结算",
        "支持外贸企业十二条",
        "醴陵市出台",
        "一般工商业电价",
    ];
    let mut seed: u64 = 20200425;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let (mut store, aid) = store_with_article();
    for i in 0..300 {
        let mut title = String::new();
        for _ in 0..1 + next(4) {
            title.push_str(words[next(words.len())]);
        }
        let input = MeasureInput {
            title,
            issuer: (next(3) > 0).then(|| words[next(words.len())].to_string()),
            notes: if next(4) == 0 {
                format!("{}{}", words[next(words.len())], words[next(words.len())])
            } else {
                String::new()
            },
            sources: (0..next(3))
                .map(|_| span(aid, quotes[next(quotes.len())]))
                .collect(),
            ..Default::default()
        };
        store.create_measure(&input).unwrap();
        // Edits, deletes, undo and redo along the way (undo may take a measure away).
        let ids: Vec<i64> = store.all_measures().unwrap().iter().map(|m| m.id).collect();
        match i % 10 {
            3 => {
                let id = ids[next(ids.len())];
                let m = store.get_measure(id).unwrap();
                let edit = MeasureInput {
                    title: format!("{}{}", words[next(words.len())], m.title),
                    issuer: m.issuer,
                    notes: words[next(words.len())].to_string(),
                    ..Default::default()
                };
                store.update_measure(id, &edit).unwrap();
            }
            5 => {
                store.delete_measure(ids[next(ids.len())]).unwrap();
            }
            7 => {
                store.undo().unwrap();
                if next(2) == 0 {
                    store.redo().unwrap();
                }
            }
            _ => {}
        }
    }
    let imported = {
        let doc = json::document(&store).unwrap();
        let mut empty = Store::open_in_memory().unwrap();
        empty.import_document(&doc).unwrap();
        empty
    };
    let queries = [
        "外贸企业",
        "贸企",
        "企业",
        "电价",
        "价结",
        "醴陵市出台",
        "十二条",
        "95%结算",
        "工商业电价",
        "天然气补贴",
        "gas天然",
        "冰雪",
        "支持 外贸",
    ];
    for (which, s) in [("edited", &store), ("imported", &imported)] {
        for q in queries {
            let want = like_oracle(s, q);
            let (total, got) = text_query_ids(s, q);
            assert_eq!(got, want, "{which}: {q}");
            assert_eq!(total as usize, want.len(), "{which}: total for {q}");
        }
    }
    assert!(
        !like_oracle(&store, "贸企").is_empty() && !like_oracle(&store, "电价").is_empty(),
        "the generated ledger must exercise the index"
    );
}

#[test]
fn article_citations_name_the_paper_and_date_and_skip_unknown_ids() {
    let (store, aid) = store_with_article();
    let cites = store.article_citations(&[aid, aid + 1000, aid]).unwrap();
    assert_eq!(cites.len(), 1, "duplicates merged, unknown ids left out");
    assert_eq!(cites[0].id, aid);
    assert_eq!(cites[0].publication, "株洲日报");
    assert_eq!(cites[0].issue_date, d("2020-04-25"));
    assert_eq!(cites[0].headline, "醴陵出台“十二条”支持外贸企业");
    assert!(store.article_citations(&[]).unwrap().is_empty());
}
