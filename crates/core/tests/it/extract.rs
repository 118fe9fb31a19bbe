//! Integration tests: extract. Measure suggestions on the seed issue's articles (rejoined
//! as the importer will store them) and on unseen articles of other papers and phrasings.

use std::path::PathBuf;

use chrono::NaiveDate;
use policy_ledger_core::export::json::{Document, FORMAT, VERSION};
use policy_ledger_core::extract::{parse_period, suggest_into, suggest_issue};
use policy_ledger_core::model::{Article, Bound, Issue, MeasureInput, MeasureStatus, MeasureValue};
use policy_ledger_core::store::{MeasureQuery, MeasureTree};
use policy_ledger_core::Store;
use rust_decimal::Decimal;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

/// A fixture file: `# key: value` header lines (publication, date, headline, byline,
/// dateline, subheading, caption), then one body paragraph per line.
struct Fixture {
    publication: Option<String>,
    date: Option<NaiveDate>,
    article: Article,
}

fn load(name: &str, id: i64) -> Fixture {
    let text = std::fs::read_to_string(fixture_dir().join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    let mut f = Fixture {
        publication: None,
        date: None,
        article: Article {
            id,
            issue_id: 1,
            seq: id as u32,
            headline: String::new(),
            subheadings: vec![],
            byline: None,
            dateline: None,
            text: String::new(),
            captions: vec![],
            layout_notes: vec![],
        },
    };
    let mut paragraphs = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let (k, v) = rest.split_once(": ").expect("header is `# key: value`");
            let v = v.to_string();
            match k {
                "publication" => f.publication = Some(v),
                "date" => f.date = Some(v.parse().expect("fixture date")),
                "headline" => f.article.headline = v,
                "byline" => f.article.byline = Some(v),
                "dateline" => f.article.dateline = Some(v),
                "subheading" => f.article.subheadings.push(v),
                "caption" => f.article.captions.push(v),
                other => panic!("unknown fixture header {other}"),
            }
        } else if !line.trim().is_empty() {
            paragraphs.push(line.trim().to_string());
        }
    }
    f.article.text = paragraphs.join("\n");
    f
}

const SEED: &[&str] = &[
    "seed_01_xinhua_letter.txt",
    "seed_02_meeting_report.txt",
    "seed_03_commentary.txt",
    "seed_04_liling_package.txt",
    "seed_05_signing.txt",
    "seed_06_sidelights.txt",
    "seed_07_car_lottery.txt",
];

fn issue_of(articles: Vec<Article>, publication: &str, date: Option<NaiveDate>) -> Issue {
    Issue {
        id: 1,
        publication: publication.into(),
        date,
        date_evidence: None,
        source_name: "fixture.txt".into(),
        sha256: format!("{:064x}", articles.len()),
        imported_at: "2026-01-01T00:00:00Z".into(),
        articles,
    }
}

/// The seed issue: Zhuzhou Daily, 25 April 2020, its seven articles.
fn seed_issue() -> Issue {
    let articles = SEED
        .iter()
        .enumerate()
        .map(|(i, n)| load(n, i as i64 + 1).article)
        .collect();
    issue_of(articles, "株洲日报", Some(d("2020-04-25")))
}

/// One unseen article as its own issue.
fn unseen_issue(name: &str) -> Issue {
    let f = load(name, 1);
    issue_of(
        vec![f.article],
        f.publication
            .as_deref()
            .expect("unseen fixtures name their paper"),
        f.date,
    )
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn trees_of_article(issue: &Issue, article_id: i64) -> Vec<MeasureTree> {
    suggest_issue(issue)
        .into_iter()
        .filter(|t| t.measure.sources.iter().any(|s| s.article_id == article_id))
        .collect()
}

/// Every span quotes exactly the characters of its article it claims to cover.
fn assert_grounded(issue: &Issue, m: &MeasureInput) {
    assert!(!m.sources.is_empty(), "{} has evidence", m.title);
    for s in &m.sources {
        let a = issue
            .articles
            .iter()
            .find(|a| a.id == s.article_id)
            .expect("span's article");
        let quoted: String = a
            .text
            .chars()
            .skip(s.start as usize)
            .take((s.end - s.start) as usize)
            .collect();
        assert_eq!(
            quoted, s.quote,
            "span {}..{} of {}",
            s.start, s.end, m.title
        );
    }
    assert_eq!(m.status, MeasureStatus::Suggested);
    assert!(m.suggestion_key.is_some());
    m.validate().expect("suggestions pass the model's rules");
    assert!(
        m.sources.iter().skip(1).all(|s| s != &m.sources[0]),
        "the anchor is listed once, first"
    );
}

fn child_with<'a>(tree: &'a MeasureTree, text: &str) -> &'a MeasureInput {
    tree.children
        .iter()
        .find(|c| c.sources.iter().any(|s| s.quote.contains(text)) || c.title.contains(text))
        .unwrap_or_else(|| {
            panic!(
                "an item about {text}; items: {:#?}",
                tree.children.iter().map(|c| &c.title).collect::<Vec<_>>()
            )
        })
}

#[test]
fn seed_lottery_is_one_measure_with_amount_and_invoice_period() {
    let issue = seed_issue();
    let trees = trees_of_article(&issue, 7);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert_grounded(&issue, m);
    assert_eq!(
        m.value,
        Some(MeasureValue::Amount {
            amount: dec("3000000"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(m.effective_from, Some(d("2020-04-10")));
    assert_eq!(
        m.expires_on,
        Some(d("2020-06-04")),
        "24时 is the end of 4 June"
    );
    assert!(!m.effective_inferred && !m.expires_inferred);
    assert!(
        m.issuer.as_deref().is_some_and(|i| i.starts_with("株洲市")),
        "{:?}",
        m.issuer
    );
    assert_eq!(m.category.as_deref(), Some("consumption"));
    assert!(
        m.beneficiaries.contains(&"购车消费者".to_string()),
        "{:?}",
        m.beneficiaries
    );
    assert!(trees[0].children.is_empty());
}

#[test]
fn seed_liling_package_has_items_inheriting_issuer_and_expiry() {
    let issue = seed_issue();
    let trees = trees_of_article(&issue, 4);
    assert_eq!(trees.len(), 1, "one package: {trees:#?}");
    let pkg = &trees[0];
    assert_grounded(&issue, &pkg.measure);
    assert_eq!(pkg.measure.title, "支持外贸企业十二条");
    assert_eq!(pkg.measure.issuer.as_deref(), Some("醴陵市"));
    assert_eq!(pkg.measure.expires_on, Some(d("2020-12-31")));
    assert_eq!(pkg.measure.effective_from, None, "近日 fixes no date");
    assert!(pkg.measure.beneficiaries.contains(&"外贸企业".to_string()));
    assert!(
        pkg.children.len() >= 8,
        "items: {:#?}",
        pkg.children.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    for c in &pkg.children {
        assert_grounded(&issue, c);
        assert_eq!(
            c.issuer.as_deref(),
            Some("醴陵市"),
            "{} inherits the issuer",
            c.title
        );
        assert_eq!(
            c.expires_on,
            Some(d("2020-12-31")),
            "{} inherits the expiry",
            c.title
        );
        assert!(c.notes.contains("inherited"), "{}", c.notes);
    }
    assert!(
        pkg.children.iter().all(|c| !c.title.contains("进出口总额")),
        "a statistic is no item: {:#?}",
        pkg.children.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    let value = |text: &str| child_with(pkg, text).value.clone();
    assert_eq!(
        value("电价"),
        Some(MeasureValue::Percentage {
            percent: dec("95"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        value("天然气"),
        Some(MeasureValue::ChangePerUnit {
            amount: dec("-0.4"),
            currency: "CNY".into(),
            unit: "立方米".into()
        })
    );
    assert_eq!(
        value("水价"),
        Some(MeasureValue::UnitPrice {
            amount: dec("3.64"),
            currency: "CNY".into(),
            unit: None
        })
    );
    assert_eq!(
        value("贷款利率"),
        Some(MeasureValue::PercentChange {
            percent: dec("-15"),
            bound: Bound::AtLeast
        })
    );
    assert_eq!(
        value("百分点"),
        Some(MeasureValue::PercentagePoints {
            points: dec("-0.5"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        child_with(pkg, "展位费").category.as_deref(),
        Some("subsidy")
    );
    assert_eq!(
        child_with(pkg, "人员费用").category.as_deref(),
        Some("subsidy")
    );
    assert_eq!(
        child_with(pkg, "通关").category.as_deref(),
        Some("trade_facilitation")
    );
    assert_eq!(
        child_with(pkg, "贷款利率").category.as_deref(),
        Some("finance_credit")
    );
    assert_eq!(
        child_with(pkg, "电价").category.as_deref(),
        Some("price_tariff")
    );
    assert_eq!(
        child_with(pkg, "百分点").beneficiaries,
        vec!["小微企业".to_string()],
        "an item naming its own beneficiaries keeps them"
    );
    // The 2020 in 《2020年湖南省重点境外展会目录》 names a document, not a period.
    assert_eq!(child_with(pkg, "展位费").effective_from, None);
    // The summary after …… is not an item.
    assert!(pkg.children.iter().all(|c| !c.title.contains("真金白银")));
}

#[test]
fn seed_articles_without_measures_yield_nothing() {
    let issue = seed_issue();
    for (id, what) in [
        (1, "the Xinhua letter"),
        (2, "the meeting report's directives"),
        (3, "the commentary"),
        (5, "the signing ceremony"),
        (6, "the meeting sidelights and their statistics"),
    ] {
        let trees = trees_of_article(&issue, id);
        assert!(
            trees.is_empty(),
            "{what}: {:#?}",
            trees.iter().map(|t| &t.measure.title).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        suggest_issue(&issue).len(),
        2,
        "the package and the lottery"
    );
}

#[test]
fn suggestions_are_deterministic() {
    let issue = seed_issue();
    assert_eq!(suggest_issue(&issue), suggest_issue(&issue));
    let keys: Vec<_> = suggest_issue(&issue)
        .iter()
        .flat_map(|t| std::iter::once(&t.measure).chain(&t.children))
        .map(|m| m.suggestion_key.clone().unwrap())
        .collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "keys are distinct");
}

#[test]
fn unseen_voucher_article_reads_amount_issuer_and_period() {
    let issue = unseen_issue("unseen_changsha_vouchers.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert_grounded(&issue, m);
    assert_eq!(
        m.value,
        Some(MeasureValue::Amount {
            amount: dec("120000000"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(m.issuer.as_deref(), Some("长沙市商务局"));
    assert_eq!(
        (m.effective_from, m.expires_on),
        (Some(d("2020-05-09")), Some(d("2020-05-31")))
    );
    assert!(m.effective_inferred, "the year comes from the issue date");
    assert_eq!(m.category.as_deref(), Some("consumption"));
}

#[test]
fn unseen_numbered_package_items_keep_their_own_dates() {
    let issue = unseen_issue("unseen_xiangtan_package.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    assert_grounded(&issue, &pkg.measure);
    assert_eq!(
        pkg.measure.title,
        "关于支持小微企业应对疫情共渡难关的若干措施"
    );
    assert_eq!(pkg.measure.issuer.as_deref(), Some("湘潭县人民政府"));
    assert_eq!(
        pkg.measure.effective_from,
        Some(d("2020-03-10")),
        "自发布之日起 = issue date"
    );
    assert_eq!(pkg.measure.expires_on, Some(d("2020-12-31")));
    assert_eq!(
        pkg.children.len(),
        6,
        "{:#?}",
        pkg.children.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    let rent = child_with(pkg, "租金");
    assert_eq!(
        (rent.effective_from, rent.expires_on),
        (Some(d("2020-02-01")), Some(d("2020-04-30")))
    );
    let tax = child_with(pkg, "减半征收");
    assert_eq!(
        (tax.effective_from, tax.expires_on),
        (Some(d("2020-02-01")), Some(d("2020-06-30")))
    );
    assert_eq!(
        tax.value,
        Some(MeasureValue::PercentChange {
            percent: dec("-50"),
            bound: Bound::Exact
        })
    );
    assert_eq!(tax.category.as_deref(), Some("tax_fee_relief"));
    let refund = child_with(pkg, "失业保险费");
    assert_eq!(
        refund.value,
        Some(MeasureValue::Percentage {
            percent: dec("50"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (refund.effective_from, refund.expires_on),
        (Some(d("2020-03-10")), Some(d("2020-12-31"))),
        "上年度 is what is refunded, not when: the package's dates apply"
    );
    let fund = child_with(pkg, "转贷资金");
    assert_eq!(
        fund.value,
        Some(MeasureValue::Amount {
            amount: dec("20000000"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        child_with(pkg, "吸纳就业").category.as_deref(),
        Some("employment")
    );
    for c in &pkg.children {
        assert_grounded(&issue, c);
        assert_eq!(c.issuer.as_deref(), Some("湘潭县人民政府"));
    }
}

#[test]
fn unseen_price_cut_crosses_the_year_end() {
    let issue = unseen_issue("unseen_liuzhou_gas_price.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert_grounded(&issue, m);
    assert_eq!(
        m.value,
        Some(MeasureValue::ChangePerUnit {
            amount: dec("-0.25"),
            currency: "CNY".into(),
            unit: "立方米".into()
        })
    );
    assert_eq!(
        (m.effective_from, m.expires_on),
        (Some(d("2020-12-01")), Some(d("2021-02-28")))
    );
    assert_eq!(m.issuer.as_deref(), Some("柳州市发展和改革委员会"));
    assert_eq!(m.category.as_deref(), Some("price_tariff"));
}

#[test]
fn unseen_discount_runs_from_today_for_three_months() {
    let issue = unseen_issue("unseen_changde_tickets.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert_grounded(&issue, m);
    assert_eq!(
        m.value,
        Some(MeasureValue::Percentage {
            percent: dec("80"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (m.effective_from, m.expires_on),
        (Some(d("2020-05-15")), Some(d("2020-08-14")))
    );
    assert_eq!(m.issuer.as_deref(), Some("常德市人民政府"));
}

#[test]
fn unseen_meeting_with_directives_and_statistics_yields_nothing() {
    let issue = unseen_issue("unseen_hengyang_meeting.txt");
    let trees = suggest_issue(&issue);
    assert!(trees.is_empty(), "{trees:#?}");
}

fn store_with(issue: &Issue) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import_document(&Document {
            format: FORMAT.into(),
            version: VERSION,
            issues: vec![issue.clone()],
            measures: vec![],
        })
        .unwrap();
    store
}

#[test]
fn suggesting_twice_creates_nothing_new_and_keeps_the_analysts_edits() {
    let issue = seed_issue();
    let mut store = store_with(&issue);
    let first = suggest_into(&mut store, issue.id).unwrap();
    assert!(first.created >= 10, "{first:?}");
    assert_eq!(first.skipped, 0);
    assert_eq!(first.created, first.suggested);

    // The analyst confirms one suggestion after editing it, and rejects another.
    let edited_id = first.created_ids[0];
    let mut input = MeasureInput::from_measure(&store.get_measure(edited_id).unwrap());
    input.title = "醴陵市支持外贸企业十二条（已核对）".into();
    input.status = MeasureStatus::Confirmed;
    store.update_measure(edited_id, &input).unwrap();
    let rejected_id = first.created_ids[1];
    store
        .set_status(&[rejected_id], MeasureStatus::Rejected)
        .unwrap();

    let second = suggest_into(&mut store, issue.id).unwrap();
    assert_eq!(second.created, 0, "{second:?}");
    assert_eq!(second.skipped, first.suggested);
    let edited = store.get_measure(edited_id).unwrap();
    assert_eq!(edited.title, "醴陵市支持外贸企业十二条（已核对）");
    assert_eq!(edited.status, MeasureStatus::Confirmed);
    assert_eq!(
        store.get_measure(rejected_id).unwrap().status,
        MeasureStatus::Rejected
    );
    let all = store.query_measures(&MeasureQuery::default()).unwrap();
    assert_eq!(all.total, first.created);
}

#[test]
fn stored_suggestions_keep_their_package_structure_and_spans() {
    let issue = seed_issue();
    let mut store = store_with(&issue);
    suggest_into(&mut store, issue.id).unwrap();
    let all = store.all_measures().unwrap();
    let pkg = all
        .iter()
        .find(|m| m.title == "支持外贸企业十二条")
        .expect("package stored");
    let items: Vec<_> = all.iter().filter(|m| m.parent_id == Some(pkg.id)).collect();
    assert!(items.len() >= 8);
    for m in &all {
        assert_eq!(m.status, MeasureStatus::Suggested);
        let stored = store.get_measure(m.id).unwrap();
        assert!(!stored.sources.is_empty(), "{} keeps its spans", m.title);
        let body = &issue
            .articles
            .iter()
            .find(|a| a.id == stored.sources[0].article_id)
            .unwrap()
            .text;
        for s in &stored.sources {
            let quoted: String = body
                .chars()
                .skip(s.start as usize)
                .take((s.end - s.start) as usize)
                .collect();
            assert_eq!(quoted, s.quote);
        }
    }
    // One undo removes the whole run.
    store.undo().unwrap();
    assert!(store.all_measures().unwrap().is_empty());
}

/// `date_phrases.tsv`: phrase, expected start, expected end ("-" = unknown).
fn date_phrases() -> Vec<(String, Option<NaiveDate>, Option<NaiveDate>)> {
    let text = std::fs::read_to_string(fixture_dir().join("date_phrases.tsv")).unwrap();
    let date = |s: &str| (s != "-").then(|| d(s));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "three columns: {l}");
            (cols[0].to_string(), date(cols[1]), date(cols[2]))
        })
        .collect()
}

#[test]
fn unseen_date_phrases_resolve() {
    let reference = d("2020-04-25");
    let mut failures = Vec::new();
    for (phrase, start, end) in date_phrases() {
        let p = parse_period(&phrase, reference);
        if (p.start, p.end) != (start, end) {
            failures.push(format!(
                "{phrase}: got {:?}..{:?}, want {start:?}..{end:?}",
                p.start, p.end
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Throughput of the period normaliser, printed (run with `--ignored --nocapture`, ideally
/// in an optimised build). Compare with JioNLP's `parse_time` on the same phrases.
#[test]
#[ignore = "benchmark: prints figures"]
fn bench_parse_period() {
    let reference = d("2020-04-25");
    let phrases: Vec<String> = date_phrases().into_iter().map(|(p, _, _)| p).collect();
    let rounds = 2000;
    let start = std::time::Instant::now();
    let mut known = 0usize;
    for _ in 0..rounds {
        for p in &phrases {
            known += usize::from(!parse_period(std::hint::black_box(p), reference).is_unknown());
        }
    }
    let per = start.elapsed().as_secs_f64() / (rounds * phrases.len()) as f64;
    println!(
        "parse_period: {} phrases x {rounds}: {:.2} us/phrase ({} recognised per round)",
        phrases.len(),
        per * 1e6,
        known / rounds
    );
    let issue = seed_issue();
    let start = std::time::Instant::now();
    let n = 50;
    for _ in 0..n {
        std::hint::black_box(suggest_issue(&issue));
    }
    println!(
        "suggest_issue on the seed issue ({} chars): {:.2} ms/issue",
        issue
            .articles
            .iter()
            .map(|a| a.text.chars().count())
            .sum::<usize>(),
        start.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}

#[test]
fn unseen_items_listed_after_a_colon_in_the_announcement() {
    let issue = unseen_issue("unseen_suzhou_numbered_package.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    assert_eq!(
        pkg.measure.title,
        "关于进一步支持中小企业共渡难关的若干措施"
    );
    assert_eq!(pkg.measure.issuer.as_deref(), Some("苏州市人民政府办公室"));
    assert_eq!(
        (pkg.measure.effective_from, pkg.measure.expires_on),
        // 自印发之日起施行 counts from 2月29日, the day the announcement says it was issued.
        (Some(d("2020-02-29")), Some(d("2020-12-31"))),
        "the items' own dates are not the package's"
    );
    let titles: Vec<_> = pkg.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 4, "{titles:#?}");
    assert!(
        titles.iter().all(|t| !t.contains("上述措施")),
        "a sentence about the whole package is not an item: {titles:#?}"
    );
    assert!(titles
        .iter()
        .all(|t| !t.starts_with("一是") && !t.starts_with("二是")));
    let tax = child_with(pkg, "房产税");
    assert_eq!(
        (tax.effective_from, tax.expires_on),
        (Some(d("2020-03-01")), Some(d("2020-05-31")))
    );
    let cap = child_with(pkg, "不高于");
    assert_eq!(
        cap.value,
        Some(MeasureValue::Rate {
            percent: dec("3.85"),
            bound: Bound::AtMost
        })
    );
    assert_eq!(cap.expires_on, Some(d("2020-12-31")));
    assert_eq!(
        child_with(pkg, "贴息").value,
        Some(MeasureValue::Percentage {
            percent: dec("50"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        child_with(pkg, "失业保险费").category.as_deref(),
        Some("employment")
    );
    for c in &pkg.children {
        assert_grounded(&issue, c);
    }
}

#[test]
fn unseen_article_with_two_measures_gives_two_suggestions_and_skips_statistics() {
    let issue = unseen_issue("unseen_hefei_two_measures.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 2, "{trees:#?}");
    let (car, appliances) = (&trees[0].measure, &trees[1].measure);
    assert_eq!(
        car.value,
        Some(MeasureValue::Amount {
            amount: dec("3000"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (car.effective_from, car.expires_on),
        (Some(d("2020-06-10")), Some(d("2020-08-31")))
    );
    assert!(
        car.beneficiaries.contains(&"个人消费者".to_string()),
        "{:?}",
        car.beneficiaries
    );
    assert_eq!(
        appliances.value,
        Some(MeasureValue::Percentage {
            percent: dec("10"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (appliances.effective_from, appliances.expires_on),
        (Some(d("2020-06-15")), Some(d("2020-07-15")))
    );
    assert_eq!(appliances.category.as_deref(), Some("consumption"));
    for m in [car, appliances] {
        assert_eq!(m.issuer.as_deref(), Some("合肥市商务局"));
        assert_grounded(&issue, m);
    }
}

#[test]
fn unseen_payout_report_yields_nothing() {
    let trees = suggest_issue(&unseen_issue("unseen_shaoyang_report.txt"));
    assert!(trees.is_empty(), "{trees:#?}");
}

#[test]
fn issue_without_a_date_keeps_absolute_dates_and_leaves_relative_ones_unknown() {
    let mut issue = seed_issue();
    issue.date = None;
    let lottery = &trees_of_article(&issue, 7)[0].measure;
    assert_eq!(
        (lottery.effective_from, lottery.expires_on),
        (Some(d("2020-04-10")), Some(d("2020-06-04"))),
        "the year is written in the text"
    );
    let package = &trees_of_article(&issue, 4)[0].measure;
    assert_eq!(package.expires_on, None, "今年 needs the issue date");
}

/// If the importer cannot split an issue into articles, the whole issue is one article:
/// the package must stop where its items stop, and the lottery must still be found.
#[test]
fn unsplit_issue_still_yields_the_package_and_the_lottery_only() {
    let mut paragraphs = Vec::new();
    for (i, n) in SEED.iter().enumerate() {
        let a = load(n, i as i64 + 1).article;
        paragraphs.push(a.headline.clone());
        paragraphs.push(a.text.clone());
    }
    let mut article = load(SEED[0], 1).article;
    article.headline = String::new();
    article.text = paragraphs.join("\n");
    let issue = issue_of(vec![article], "株洲日报", Some(d("2020-04-25")));
    let trees = suggest_issue(&issue);
    let titles: Vec<_> = trees.iter().map(|t| t.measure.title.as_str()).collect();
    assert_eq!(trees.len(), 2, "{titles:#?}");
    let pkg = &trees[0];
    assert_eq!(pkg.measure.title, "支持外贸企业十二条");
    assert_eq!(pkg.measure.expires_on, Some(d("2020-12-31")));
    let split = trees_of_article(&seed_issue(), 4);
    assert_eq!(
        pkg.children.len(),
        split[0].children.len(),
        "the same items as when split"
    );
    assert!(
        pkg.children
            .iter()
            .all(|c| !c.title.contains("抽奖") && !c.title.contains("入驻")),
        "{:#?}",
        pkg.children.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    let lottery = &trees[1].measure;
    assert_eq!(
        (lottery.effective_from, lottery.expires_on),
        (Some(d("2020-04-10")), Some(d("2020-06-04")))
    );
    for t in &trees {
        assert_grounded(&issue, &t.measure);
    }
}

#[test]
fn unseen_national_notice_names_a_central_issuer() {
    let issue = unseen_issue("unseen_national_power_price.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert_grounded(&issue, m);
    assert_eq!(m.issuer.as_deref(), Some("国家发展改革委"));
    assert_eq!(
        m.value,
        Some(MeasureValue::Percentage {
            percent: dec("95"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (m.effective_from, m.expires_on),
        (Some(d("2020-02-01")), Some(d("2020-06-30")))
    );
    assert_eq!(m.category.as_deref(), Some("price_tariff"));
}

#[test]
fn unseen_package_items_that_state_only_a_price_or_a_ceiling_are_kept() {
    // Items without an enacting verb ("按…的90%收取", "最高30万元") still carry a typed value;
    // the directive after them is not an item.
    let issue = unseen_issue("unseen_hengyang_fee_items.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    let titles: Vec<&str> = pkg.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:#?}");
    let water = child_with(pkg, "用水、用气价格");
    assert_eq!(
        water.value,
        Some(MeasureValue::Percentage {
            percent: dec("90"),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (water.effective_from, water.expires_on),
        (Some(d("2021-04-01")), Some(d("2022-03-31"))),
        "the package's dates"
    );
    let loan = child_with(pkg, "创业担保贷款");
    assert_eq!(
        loan.value,
        Some(MeasureValue::Amount {
            amount: dec("300000"),
            currency: "CNY".into(),
            bound: Bound::AtMost
        })
    );
    assert!(titles.iter().all(|t| !t.contains("宣传")), "{titles:#?}");
    assert_eq!(
        titles[0], "阶段性降低失业保险费率至0.5%，执行期限至2022年4月30日",
        "the lead-in “措施明确，” is not part of the item"
    );
    for c in &pkg.children {
        assert_grounded(&issue, c);
    }
}

#[test]
fn unseen_numbered_item_headings_name_the_item_their_body_states() {
    // `（一）加大房租减免力度` on its own line names an item; the paragraph under it states it.
    // One item per heading, titled by the heading, with the value and dates of its body.
    let issue = unseen_issue("unseen_yichang_item_headings.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    assert_eq!(pkg.measure.title, "宜昌市助企纾困若干措施");
    assert_eq!(pkg.measure.issuer.as_deref(), Some("宜昌市人民政府"));
    let titles: Vec<&str> = pkg.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        ["加大房租减免力度", "实施社保费缓缴", "强化信贷支持"]
    );
    let rent = &pkg.children[0];
    assert!(
        rent.sources[0].quote.contains("免收6个月租金"),
        "the item's span takes in its body: {:?}",
        rent.sources[0].quote
    );
    assert_eq!(
        (rent.effective_from, rent.expires_on),
        (Some(d("2023-01-01")), Some(d("2023-12-31"))),
        "“2023年免收…” is the item's own year"
    );
    assert_eq!(rent.category.as_deref(), Some("tax_fee_relief"));
    let deferral = &pkg.children[1];
    assert_eq!(deferral.expires_on, Some(d("2023-06-30")));
    assert_eq!(
        pkg.measure.expires_on, None,
        "a sentence of an item (“根据通知，缓缴期限至…”) does not date the package"
    );
    assert_eq!(pkg.measure.effective_from, Some(d("2023-02-16")));
    assert_eq!(
        pkg.children[2].value,
        Some(MeasureValue::Percentage {
            percent: dec("50"),
            bound: Bound::Exact
        })
    );
    for c in &pkg.children {
        assert_grounded(&issue, c);
    }
}

#[test]
fn unseen_package_published_at_a_press_conference_is_the_citys() {
    // `我市举行新闻发布会，正式发布《…若干政策》`: no enacting verb, but publishing a titled
    // document announces a package; `我市` is its issuer; `政策自…起实施，有效期两年` dates it;
    // the plan after it (`下一步，将开通…`) is no item.
    let issue = unseen_issue("unseen_nantong_published_policy.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    assert_eq!(pkg.measure.title, "南通市支持青年人才就业创业若干政策");
    assert_eq!(pkg.measure.issuer.as_deref(), Some("南通市"));
    assert_eq!(
        (pkg.measure.effective_from, pkg.measure.expires_on),
        (Some(d("2022-02-01")), Some(d("2024-01-31")))
    );
    let titles: Vec<&str> = pkg.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:#?}");
    assert!(
        titles[0].starts_with("来通就业"),
        "lead-in cut: {titles:#?}"
    );
    assert_eq!(
        pkg.children[0].value,
        Some(MeasureValue::Amount {
            amount: dec("800"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        pkg.children[1].value,
        Some(MeasureValue::Amount {
            amount: dec("200000"),
            currency: "CNY".into(),
            bound: Bound::AtMost
        })
    );
    for c in &pkg.children {
        assert_eq!(c.expires_on, Some(d("2024-01-31")), "{}", c.title);
        assert_grounded(&issue, c);
    }
}

#[test]
fn unseen_trial_measure_takes_its_figure_from_the_documents_content() {
    // `我市将在全市范围内试行…办法，试行期两年` enacts on trial (not a plan: it has a period);
    // `办法规定，…按每人每年200元标准给予保费补助` states what the document holds: the figure of
    // the same measure, not a second one.
    let issue = unseen_issue("unseen_shijiazhuang_trial.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let m = &trees[0].measure;
    assert!(m.title.contains("试行"), "{}", m.title);
    assert_eq!(
        m.value,
        Some(MeasureValue::Amount {
            amount: dec("200"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    // `试行期两年` with no start anywhere in the article: the term is noted, its dates are
    // unknown (session 8; they used to count from the issue date, a start the text never
    // states).
    assert_eq!((m.effective_from, m.expires_on), (None, None));
    assert!(
        m.notes.contains("a term of 2 year(s) with no stated start"),
        "{}",
        m.notes
    );
    assert_grounded(&issue, m);
}

#[test]
fn unseen_trial_rules_are_a_package_issued_by_a_party_office() {
    // `《…实施细则（试行）》`: the bracketed status does not hide the kind of document; the
    // issuer is the party committee's office (`市委人才工作领导小组办公室`), not nobody.
    let issue = unseen_issue("unseen_liuyang_trial_rules.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let pkg = &trees[0];
    assert_eq!(pkg.measure.title, "浏阳市人才安居实施细则（试行）");
    assert_eq!(
        pkg.measure.issuer.as_deref(),
        Some("浏阳市委人才工作领导小组办公室")
    );
    assert_eq!(
        (pkg.measure.effective_from, pkg.measure.expires_on),
        (Some(d("2021-03-01")), Some(d("2024-02-29")))
    );
    assert_eq!(pkg.children.len(), 3);
    for c in &pkg.children {
        assert_eq!(c.issuer, pkg.measure.issuer, "{}", c.title);
        assert_grounded(&issue, c);
    }
}

#[test]
fn unseen_item_heading_over_a_directive_is_no_item() {
    // `二是加强组织领导。各地要成立工作专班，确保…`: a heading whose body only gives orders.
    let issue = unseen_issue("unseen_item_heading_directive.txt");
    let trees = suggest_issue(&issue);
    assert_eq!(trees.len(), 1, "{trees:#?}");
    let titles: Vec<&str> = trees[0].children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["减免房屋租金", "降低融资成本"]);
}

#[test]
fn unseen_further_subsidy_shares_the_period_and_the_budget_is_no_measure() {
    // `此外，…每辆车再给予1000元补贴` is a second measure of the same instrument: it runs as
    // long as the first. `补贴资金总额2000万元，用完即止` is their budget, not a third measure.
    // `按车辆发票价格的2%` is a base of payment, not a regulated price.
    let issue = unseen_issue("unseen_changde_car_subsidy.txt");
    let trees = suggest_issue(&issue);
    let titles: Vec<&str> = trees.iter().map(|t| t.measure.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:#?}");
    let (first, second) = (&trees[0].measure, &trees[1].measure);
    assert_eq!(first.category.as_deref(), Some("subsidy"));
    assert_eq!(
        (first.effective_from, first.expires_on),
        (Some(d("2020-08-20")), Some(d("2020-12-31")))
    );
    assert_eq!(
        second.value,
        Some(MeasureValue::Amount {
            amount: dec("1000"),
            currency: "CNY".into(),
            bound: Bound::Exact
        })
    );
    assert_eq!(
        (second.effective_from, second.expires_on),
        (first.effective_from, first.expires_on)
    );
    for t in &trees {
        assert_grounded(&issue, &t.measure);
    }
}

// --- Session 8 (unseen3) ---

#[test]
fn a_relief_term_counts_from_the_start_the_article_states_or_stays_unknown() {
    // (article text, effective_from, expires_on) in an issue of 2020-04-25.
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        // No start anywhere: the issue date is no start; the term is only noted.
        (
            "对承租国有房屋的小微企业减免租金，减免期限为3个月。",
            None,
            None,
        ),
        // A start stated in another sentence.
        (
            "自2020年3月1日起，我市开展援企行动。对承租国有房屋的小微企业减免租金，减免期限为3个月。",
            Some("2020-03-01"),
            Some("2020-05-31"),
        ),
        // From the day the document was issued, as the article gives it.
        (
            "3月6日，市政府印发《援企稳岗若干措施》。对承租国有房屋的小微企业减免租金，减免期限为3个月。",
            Some("2020-03-06"),
            Some("2020-06-05"),
        ),
        // From the day the notice was issued (the issue's own day, stated, not guessed).
        (
            "本通知自印发之日起施行。对困难企业，社会保险费缓缴期限为6个月。",
            Some("2020-04-25"),
            Some("2020-10-24"),
        ),
        // The term in a sentence of its own, a condition of the measure before it.
        (
            "对承租国有房屋的小微企业减免租金。减免期限为3个月。",
            None,
            None,
        ),
        // A term with its own start is unchanged.
        (
            "自5月1日起，对小微企业减免租金，减免期限为3个月。",
            Some("2020-05-01"),
            Some("2020-07-31"),
        ),
    ];
    for &(text, from, to) in cases {
        let article = Article {
            id: 1,
            issue_id: 1,
            seq: 0,
            headline: "我市帮扶小微企业".into(),
            subheadings: vec![],
            byline: None,
            dateline: None,
            text: text.into(),
            captions: vec![],
            layout_notes: vec![],
        };
        let issue = issue_of(vec![article], "株洲日报", Some(d("2020-04-25")));
        let trees = suggest_issue(&issue);
        let m = trees
            .iter()
            .flat_map(|t| std::iter::once(&t.measure).chain(&t.children))
            .find(|m| m.title.contains("减免") || m.title.contains("缓缴"))
            .unwrap_or_else(|| panic!("{text}: {trees:#?}"));
        assert_eq!(
            (m.effective_from, m.expires_on),
            (from.map(d), to.map(d)),
            "{text}"
        );
        if from.is_none() {
            assert!(m.notes.contains("with no stated start"), "{}", m.notes);
            assert!(!m.effective_inferred && !m.expires_inferred, "{text}");
        }
        assert_grounded(&issue, m);
    }
}
