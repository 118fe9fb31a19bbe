//! Integration tests: whole issues of policy notices written for session 8 (fixtures in
//! `tests/fixtures/import/lead8/`), imported and suggested as the app does: tiered subsidies,
//! levels changed from an old level with its unit, shares given by the verb after them, people
//! as beneficiaries, a bureau quoted as the news' source, and news that yields nothing.

use chrono::NaiveDate;
use policy_ledger_core::extract::suggest_into;
use policy_ledger_core::import::{parse_file, ImportOptions};
use policy_ledger_core::model::{Measure, MeasureValue};
use policy_ledger_core::store::InsertOutcome;
use policy_ledger_core::Store;
use rust_decimal::Decimal;

use super::import::fixture;

fn suggested(name: &str) -> (Vec<String>, Vec<Measure>) {
    let name = format!("lead8/{name}");
    let issue = parse_file(&name, &fixture(&name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name} should import: {e}"));
    let headlines = issue.articles.iter().map(|a| a.headline.clone()).collect();
    let mut store = Store::open_in_memory().unwrap();
    let InsertOutcome::Inserted { issue_id, .. } = store.insert_issue(&issue, &name).unwrap()
    else {
        panic!("{name} is new");
    };
    suggest_into(&mut store, issue_id).unwrap();
    (headlines, store.all_measures().unwrap())
}

fn d(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn with<'a>(all: &'a [Measure], text: &str) -> &'a Measure {
    all.iter()
        .find(|m| m.sources[0].quote.contains(text))
        .unwrap_or_else(|| panic!("a measure quoting {text}: {:#?}", titles(all)))
}

fn titles(all: &[Measure]) -> Vec<&str> {
    all.iter().map(|m| m.title.as_str()).collect()
}

fn amount(m: &Measure) -> Option<Decimal> {
    match &m.value {
        Some(MeasureValue::Amount { amount, .. }) => Some(*amount),
        _ => None,
    }
}

#[test]
fn tiered_car_subsidies_give_each_tier_its_own_amount() {
    let (headlines, all) = suggested("xiangjiang_2023-06-12.txt");
    assert_eq!(
        headlines,
        [
            "市政府出台六条措施促进新能源汽车消费",
            "我市举办第三届夏季马拉松",
            "养老服务补贴标准提高"
        ]
    );
    let package = all
        .iter()
        .find(|m| m.title == "关于促进新能源汽车消费的若干措施")
        .unwrap_or_else(|| panic!("the package: {:#?}", titles(&all)));
    assert_eq!(
        (package.effective_from, package.expires_on),
        (d("2023-06-15"), d("2023-12-31"))
    );
    // The price tier only qualifies the car: what each tier gets is the value.
    for (tier, want) in [
        ("10万元以下的每辆补贴3000元", "3000"),
        ("10万元（含）至20万元的每辆补贴5000元", "5000"),
        ("20万元以上的每辆补贴8000元", "8000"),
    ] {
        let m = with(&all, tier);
        assert_eq!(amount(m), Some(dec(want)), "{}", m.title);
        assert_eq!(m.parent_id, Some(package.id));
    }
    // A fee's new level keeps the old level's unit; it is a tariff.
    let fee = with(&all, "充电服务费上限");
    assert_eq!(
        fee.value,
        Some(MeasureValue::UnitPrice {
            amount: dec("0.6"),
            currency: "CNY".into(),
            unit: Some("千瓦时".into()),
        })
    );
    assert_eq!(fee.category.as_deref(), Some("price_tariff"));
    // The care allowance: the new level, the bureau the reporter heard it from, the people.
    let care = with(&all, "护理补贴标准");
    assert_eq!(amount(care), Some(dec("300")));
    assert_eq!(care.issuer.as_deref(), Some("湘江市民政局"));
    assert!(
        care.beneficiaries.iter().any(|b| b == "失能老年人"),
        "{:?}",
        care.beneficiaries
    );
    assert_eq!(care.effective_from, d("2023-07-01"));
    // A sports report gives nothing.
    assert!(!all.iter().any(|m| m.sources[0].quote.contains("马拉松")));
}

#[test]
fn job_measures_keep_their_heads_and_shares() {
    let (_, all) = suggested("jiangcheng_2022-05-20.txt");
    let package = all.iter().find(|m| m.parent_id.is_none()).unwrap();
    assert_eq!(
        package.issuer.as_deref(),
        Some("江城市人力资源和社会保障局")
    );
    // 自印发之日起施行: from the day the announcement says it was issued (19 May), not the
    // paper's date.
    assert_eq!(
        (package.effective_from, package.expires_on),
        (d("2022-05-19"), d("2022-12-31"))
    );
    let hiring = with(&all, "一次性吸纳就业补贴");
    assert_eq!(amount(hiring), Some(dec("1500")));
    // `对招用…高校毕业生…的中小微企业`: the firms benefit, the graduates qualify them.
    assert_eq!(hiring.beneficiaries, ["中小微企业"]);
    // `对…大型企业按…失业保险费的30%返还`: the share the verb after it gives.
    let refund = with(&all, "的30%返还");
    assert!(
        matches!(&refund.value, Some(MeasureValue::Percentage { percent, .. }) if *percent == dec("30")),
        "{:?}",
        refund.value
    );
    let loan = with(&all, "创业担保贷款额度");
    assert_eq!(
        amount(loan),
        Some(dec("300000")),
        "the level reached, 30万元"
    );
    // A leader's visit to the fields gives nothing.
    assert!(!all.iter().any(|m| m.sources[0].quote.contains("春耕")));
}

#[test]
fn a_provincial_appliance_notice_gives_shares_batches_and_discounts() {
    let (_, all) = suggested("xijiang_2021-03-02.txt");
    let package = all.iter().find(|m| m.parent_id.is_none()).unwrap();
    assert_eq!(package.issuer.as_deref(), Some("省商务厅"));
    assert_eq!(
        (package.effective_from, package.expires_on),
        (d("2021-03-01"), d("2021-08-31"))
    );
    let items: Vec<_> = all
        .iter()
        .filter(|m| m.parent_id == Some(package.id))
        .collect();
    assert_eq!(items.len(), 5, "{:#?}", titles(&all));
    let trade_in = with(&all, "一级能效新家电");
    assert!(
        matches!(&trade_in.value, Some(MeasureValue::Percentage { percent, .. }) if *percent == dec("10"))
    );
    let vouchers = with(&all, "家电消费券共计5000万元");
    assert_eq!(amount(vouchers), Some(dec("50000000")));
    let toll = with(&all, "通行费按九折收取");
    assert!(
        matches!(&toll.value, Some(MeasureValue::Percentage { percent, .. }) if *percent == dec("90"))
    );
    assert_eq!(toll.category.as_deref(), Some("tax_fee_relief"));
    // Travel statistics give nothing.
    assert!(!all.iter().any(|m| m.sources[0].quote.contains("春运")));
}

#[test]
fn a_county_papers_innovation_awards_and_farm_subsidies() {
    let (_, all) = suggested("beichuan_2024-03-08.txt");
    let package = all
        .iter()
        .find(|m| m.title == "关于支持科技创新的八条措施")
        .unwrap_or_else(|| panic!("the package: {:#?}", titles(&all)));
    // `县人民政府` in 北川日报: the county's.
    assert_eq!(package.issuer.as_deref(), Some("北川县人民政府"));
    // 自2024年4月1日起施行，有效期三年.
    assert_eq!(
        (package.effective_from, package.expires_on),
        (d("2024-04-01"), d("2027-03-31"))
    );
    let growth = with(&all, "按增量部分的10%");
    assert!(
        matches!(&growth.value, Some(MeasureValue::Percentage { percent, .. }) if *percent == dec("10")),
        "a share of the increase, not a change: {:?}",
        growth.value
    );
    let award = with(&all, "一次性奖励20万元");
    assert_eq!(amount(award), Some(dec("200000")));
    let land = with(&all, "耕地地力保护补贴");
    assert_eq!(land.issuer.as_deref(), Some("北川县农业农村局"));
    assert_eq!(
        land.value,
        Some(MeasureValue::UnitPrice {
            amount: dec("105"),
            currency: "CNY".into(),
            unit: Some("亩".into()),
        })
    );
    assert!(!all.iter().any(|m| m.sources[0].quote.contains("运动会")));
}

#[test]
fn a_wire_report_of_tax_decisions_gives_each_decision() {
    let (_, all) = suggested("nanhu_2023-08-29.txt");
    assert_eq!(all.len(), 3, "{:#?}", titles(&all));
    for m in &all {
        assert_eq!(m.issuer.as_deref(), Some("国务院常务会议"), "{}", m.title);
    }
    let vat = with(&all, "免征增值税");
    assert!(vat.title.starts_with("对月销售额"), "{}", vat.title);
    assert_eq!(vat.beneficiaries, ["增值税小规模纳税人"]);
    assert_eq!(vat.expires_on, d("2027-12-31"));
    // 由每个婴幼儿（子女）每月1000元提高到2000元: the level reached.
    let deduction = with(&all, "专项附加扣除标准");
    assert_eq!(amount(deduction), Some(dec("2000")));
    assert_eq!(deduction.effective_from, d("2023-01-01"));
    let small_firms = with(&all, "减按25%");
    assert_eq!(small_firms.beneficiaries, ["小型微利企业"]);
    assert!(
        matches!(&small_firms.value, Some(MeasureValue::Rate { percent, .. }) if *percent == dec("25")),
        "{:?}",
        small_firms.value
    );
    // What the tax bureau has cut so far is a report.
    assert!(!all.iter().any(|m| m.sources[0].quote.contains("累计")));
}

#[test]
fn childcare_subsidies_name_infants_and_providers_and_free_rides_run_through_the_holidays() {
    let (_, all) = suggested("yunling_2025-01-15.txt");
    // The announcement quotes the first item too: the item is the one with a parent.
    let allowance = all
        .iter()
        .find(|m| m.parent_id.is_some() && m.title.contains("每孩每年3600元"))
        .unwrap_or_else(|| panic!("the allowance: {:#?}", titles(&all)));
    assert_eq!(amount(allowance), Some(dec("3600")));
    assert_eq!(allowance.beneficiaries, ["婴幼儿"]);
    assert_eq!(allowance.effective_from, d("2025-01-01"));
    let places = with(&all, "每个托位1万元");
    assert_eq!(amount(places), Some(dec("10000")));
    assert_eq!(places.beneficiaries, ["普惠托育机构"]);
    // 元旦春节期间: from New Year's Day to the end of the Spring Festival days off (除夕 28
    // January to 初六 3 February 2025).
    let rides = with(&all, "公交线路");
    assert_eq!(
        (rides.effective_from, rides.expires_on),
        (d("2025-01-01"), d("2025-02-03"))
    );
    assert_eq!(rides.issuer.as_deref(), Some("云岭市交通运输局"));
}
