//! "New measure from selection": a draft measure read from the text the analyst selected,
//! with the suggester's own rules (see [`super::suggest`]), so the form opens filled in.
//!
//! Read from the selection: the policy period (relative to the issue's date, with each end's
//! precision and whether it was inferred; a bare announcement day is not a period; an item of
//! the article's package takes the package's dates for the ends it does not state),
//! the first typed value, the beneficiaries, the category and a title. The issuer is the one
//! the selection names; failing that, when the selection reads as a measure (it states a
//! value, a period, a beneficiary or an enacting verb), the article's first issuer, then one
//! named in the dateline, then the city of the publication. A selection with nothing
//! recognisable gives a draft holding only its title and its span.
//!
//! Every filled field is listed in [`SelectionProposal::evidence`] with the words it came
//! from, so the form can mark it as a proposal until the analyst touches it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::classify::{has_enacting, has_item_verb};
use super::issuers::{categorize, city_of_publication, find_beneficiaries, find_issuer};
use super::suggest::{
    clip_title, first_issuer, headline_issuer, merge, package_around, sentences, Text,
};
use crate::model::{ArticleId, Issue, MeasureInput, MeasureStatus, SourceSpan};
use crate::{Error, Result, Store};

/// A draft measure for the analyst's selection and where each filled field came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelectionProposal {
    /// Ready to save as it is: status `confirmed`, the selection as its only source span.
    pub input: MeasureInput,
    /// One entry per field the engine filled (none for a field it left empty).
    pub evidence: Vec<FieldEvidence>,
}

/// The words a proposed field was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldEvidence {
    pub field: ProposedField,
    pub origin: EvidenceOrigin,
    /// Offsets in the article text (Unicode scalar values), when read from the body.
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub quote: String,
}

/// A field of [`MeasureInput`] the engine can fill (named like the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposedField {
    Title,
    Issuer,
    Category,
    Beneficiaries,
    Value,
    EffectiveFrom,
    ExpiresOn,
}

/// Where a proposed field was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceOrigin {
    /// The selected text itself.
    Selection,
    /// Elsewhere in the article's body (the issuer its lead names).
    Article,
    /// The article's dateline (`醴陵市融媒体中心讯`).
    Dateline,
    /// The newspaper's city (`株洲日报` → 株洲市): the weakest guess.
    Publication,
}

/// Propose a measure for the characters `start..end` (Unicode scalar values, end exclusive)
/// of article `article_id` of `issue`. Pure: the same selection always gives the same draft.
///
/// Refuses (`invalid`) an empty selection or one outside the article, and (`not_found`) an
/// article that is not in the issue.
pub fn propose_for_selection(
    issue: &Issue,
    article_id: ArticleId,
    start: u32,
    end: u32,
) -> Result<SelectionProposal> {
    let article = issue
        .articles
        .iter()
        .find(|a| a.id == article_id)
        .ok_or_else(|| Error::NotFound {
            what: "article",
            id: article_id.to_string(),
        })?;
    let city = city_of_publication(&issue.publication);
    let t = Text {
        article,
        cs: article.text.chars().collect(),
        reference: issue.date,
        city: city.as_deref(),
        kinds: Default::default(),
    };
    let (a, b) = (start as usize, end as usize);
    if a >= b || b > t.cs.len() {
        return Err(Error::invalid(format!(
            "the selection {start}..{end} is not inside article {article_id} ({} characters): select some of its text",
            t.cs.len()
        )));
    }
    let sel = (a, b);
    let quote = t.quote(sel);
    let mut evidence = Vec::new();
    let from_selection = |field, s: (usize, usize)| FieldEvidence {
        field,
        origin: EvidenceOrigin::Selection,
        start: Some(s.0 as u32),
        end: Some(s.1 as u32),
        quote: t.quote(s),
    };

    let title = clip_title(&quote.split_whitespace().collect::<Vec<_>>().join(" "));
    if !title.is_empty() {
        evidence.push(from_selection(ProposedField::Title, sel));
    }

    // Dates: the suggester's reading of a sentence, on the selection.
    let periods = t.periods(sel);
    let period = merge(&t, &periods);
    let (mut effective, mut expires) = (period.start, period.end);
    let (mut effective_precision, mut expires_precision) =
        (period.start_precision, period.end_precision);
    let (mut effective_inferred, mut expires_inferred) =
        (period.start_inferred, period.end_inferred);
    if let (Some(s), Some(e)) = (effective, expires) {
        if e < s {
            expires = None;
        }
    }
    let period_evidence = |field, evidence: &mut Vec<FieldEvidence>| {
        // The expression that stated this end: the first one that has it.
        let which = periods.iter().find(|(_, p)| match field {
            ProposedField::EffectiveFrom => p.start.is_some() && p.start == effective,
            _ => p.end.is_some() && p.end == expires,
        });
        if let Some((s, _)) = which.or(periods.first()) {
            evidence.push(from_selection(field, *s));
        }
    };
    if effective.is_some() {
        period_evidence(ProposedField::EffectiveFrom, &mut evidence);
    }
    if expires.is_some() {
        period_evidence(ProposedField::ExpiresOn, &mut evidence);
    }
    // An item of a package takes the package's dates for the ends it does not state, as the
    // suggester's items do (`上述措施有效期至2021年12月31日`).
    if effective.is_none() || expires.is_none() {
        if let Some((package, spans)) = package_around(&t, sel) {
            let p = &package.measure;
            let from_package = |field| {
                spans.first().map(|&(s, e)| FieldEvidence {
                    field,
                    origin: EvidenceOrigin::Article,
                    start: Some(s as u32),
                    end: Some(e as u32),
                    quote: t.quote((s, e)),
                })
            };
            if effective.is_none() && p.effective_from.is_some() {
                (effective, effective_precision, effective_inferred) = (
                    p.effective_from,
                    p.effective_precision,
                    p.effective_inferred,
                );
                evidence.extend(from_package(ProposedField::EffectiveFrom));
            }
            let fits = match (effective, p.expires_on) {
                (Some(s), Some(e)) => e >= s,
                _ => true,
            };
            if expires.is_none() && p.expires_on.is_some() && fits {
                (expires, expires_precision, expires_inferred) =
                    (p.expires_on, p.expires_precision, p.expires_inferred);
                evidence.extend(from_package(ProposedField::ExpiresOn));
            }
        }
    }

    let value = t.values(sel).into_iter().next();
    if let Some(v) = &value {
        evidence.push(from_selection(ProposedField::Value, (v.start, v.end)));
    }
    let beneficiaries = find_beneficiaries(&t.cs, a, b);
    for (s, _) in &beneficiaries {
        evidence.push(from_selection(ProposedField::Beneficiaries, *s));
    }
    // `other` is what categorize says when no cue matched: not worth proposing.
    let category = Some(categorize(&quote)).filter(|c| *c != "other");
    if category.is_some() {
        evidence.push(from_selection(ProposedField::Category, sel));
    }

    let reads_as_measure = value.is_some()
        || !periods.is_empty()
        || !beneficiaries.is_empty()
        || has_enacting(&t.cs, a, b)
        || has_item_verb(&t.cs, a, b);
    let issuer = match find_issuer(&t.cs, a, b, t.city) {
        Some((s, name)) => {
            evidence.push(from_selection(ProposedField::Issuer, s));
            Some(name)
        }
        None if reads_as_measure => fallback_issuer(&t, issue, &mut evidence),
        None => None,
    };

    let input = MeasureInput {
        parent_id: None,
        title,
        issuer,
        jurisdiction: None,
        category: category.map(str::to_string),
        beneficiaries: beneficiaries.into_iter().map(|(_, n)| n).collect(),
        value: value.map(|v| v.value),
        effective_from: effective,
        effective_precision: effective.and(effective_precision),
        effective_inferred: effective.is_some() && effective_inferred,
        expires_on: expires,
        expires_precision: expires.and(expires_precision),
        expires_inferred: expires.is_some() && expires_inferred,
        status: MeasureStatus::Confirmed,
        notes: String::new(),
        sources: vec![SourceSpan {
            article_id,
            start,
            end,
            quote,
        }],
        suggestion_key: None,
    };
    Ok(SelectionProposal { input, evidence })
}

/// The issuer of a selection that names none: the article's (body, then headline), the
/// dateline's, the paper's city.
fn fallback_issuer(t: &Text, issue: &Issue, evidence: &mut Vec<FieldEvidence>) -> Option<String> {
    if let Some((s, name)) = first_issuer(t, &sentences(&t.cs)) {
        evidence.push(FieldEvidence {
            field: ProposedField::Issuer,
            origin: EvidenceOrigin::Article,
            start: Some(s.0 as u32),
            end: Some(s.1 as u32),
            quote: t.quote(s),
        });
        return Some(name);
    }
    // The headline is part of the article: `市政府出台十条措施…` over a lead that names no one.
    if let Some(name) = headline_issuer(t) {
        evidence.push(FieldEvidence {
            field: ProposedField::Issuer,
            origin: EvidenceOrigin::Article,
            start: None,
            end: None,
            quote: t.article.headline.trim().to_string(),
        });
        return Some(name);
    }
    if let Some(dateline) = t.article.dateline.as_deref() {
        let cs: Vec<char> = dateline.chars().collect();
        let named = find_issuer(&cs, 0, cs.len(), t.city)
            .map(|(_, n)| n)
            .or_else(|| leading_place(&cs));
        if let Some(name) = named {
            evidence.push(FieldEvidence {
                field: ProposedField::Issuer,
                origin: EvidenceOrigin::Dateline,
                start: None,
                end: None,
                quote: dateline.to_string(),
            });
            return Some(name);
        }
    }
    let city = t.city?;
    evidence.push(FieldEvidence {
        field: ProposedField::Issuer,
        origin: EvidenceOrigin::Publication,
        start: None,
        end: None,
        quote: issue.publication.clone(),
    });
    Some(city.to_string())
}

/// The place a dateline opens with (`邵阳市融媒体中心讯` → 邵阳市): two to four name
/// characters and the admin level, at the very start.
fn leading_place(cs: &[char]) -> Option<String> {
    let k = cs
        .iter()
        .take(5)
        .position(|c| matches!(c, '省' | '市' | '县' | '区' | '州'))?;
    let cjk = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    (k >= 2 && cs[..k].iter().all(cjk)).then(|| cs[..=k].iter().collect())
}

/// [`propose_for_selection`] on a stored article (the reader's command).
pub fn propose_in_store(
    store: &Store,
    article_id: ArticleId,
    start: u32,
    end: u32,
) -> Result<SelectionProposal> {
    let article = store.get_article(article_id)?;
    let issue = store.get_issue(article.issue_id)?;
    propose_for_selection(&issue, article_id, start, end)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;
    use crate::model::{Article, Bound, DatePrecision, MeasureValue};

    fn issue(publication: &str, dateline: Option<&str>, text: &str) -> Issue {
        Issue {
            id: 3,
            publication: publication.into(),
            date: NaiveDate::from_ymd_opt(2021, 3, 20),
            date_evidence: None,
            source_name: String::new(),
            sha256: String::new(),
            imported_at: String::new(),
            articles: vec![Article {
                id: 11,
                issue_id: 3,
                seq: 0,
                headline: String::new(),
                subheadings: vec![],
                byline: None,
                dateline: dateline.map(str::to_string),
                text: text.into(),
                captions: vec![],
                layout_notes: vec![],
            }],
        }
    }

    /// The whole of `sentence` selected inside `text` (scalar offsets).
    fn propose(i: &Issue, sentence: &str) -> SelectionProposal {
        let text = &i.articles[0].text;
        let byte = text.find(sentence).expect("the sentence is in the text");
        let start = text[..byte].chars().count() as u32;
        let end = start + sentence.chars().count() as u32;
        propose_for_selection(i, 11, start, end).unwrap()
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn amount(n: i64, bound: Bound) -> Option<MeasureValue> {
        Some(MeasureValue::Amount {
            amount: Decimal::from(n),
            currency: "CNY".into(),
            bound,
        })
    }

    struct Case {
        selection: &'static str,
        effective: Option<NaiveDate>,
        effective_inferred: bool,
        expires: Option<NaiveDate>,
        expires_inferred: bool,
        value: Option<MeasureValue>,
        issuer: Option<&'static str>,
        beneficiary: Option<&'static str>,
    }

    #[test]
    fn fields_are_read_from_selections_the_seed_never_had() {
        let cases = [
            Case {
                // A stated year: nothing inferred; the value is a capped amount.
                selection: "自2021年4月1日起至2021年9月30日，常德市财政局对新招用高校毕业生的小微企业给予每人最高2000元的一次性补贴",
                effective: d("2021-04-01"),
                effective_inferred: false,
                expires: d("2021-09-30"),
                expires_inferred: false,
                value: amount(2000, Bound::AtMost),
                issuer: Some("常德市财政局"),
                beneficiary: Some("小微企业"),
            },
            Case {
                // Year-less dates take the issue's year and say so.
                selection: "5月1日至10月31日，市区公交票价下调20%",
                effective: d("2021-05-01"),
                effective_inferred: true,
                expires: d("2021-10-31"),
                expires_inferred: true,
                value: Some(MeasureValue::PercentChange {
                    percent: Decimal::from(-20),
                    bound: Bound::Exact,
                }),
                issuer: None,
                beneficiary: None,
            },
            Case {
                // A start and a length: the end is counted from the start.
                selection: "衡阳市人民政府决定自2021年7月1日起对城区停车场实行首小时免费，有效期三个月",
                effective: d("2021-07-01"),
                effective_inferred: false,
                expires: d("2021-09-30"),
                expires_inferred: false,
                value: None,
                issuer: Some("衡阳市人民政府"),
                beneficiary: None,
            },
            Case {
                // No dates: none invented.
                selection: "安排500万元专项资金支持外贸企业参展",
                effective: None,
                effective_inferred: false,
                expires: None,
                expires_inferred: false,
                value: amount(5_000_000, Bound::Exact),
                issuer: None,
                beneficiary: Some("外贸企业"),
            },
        ];
        for c in cases {
            let i = issue("人民日报", None, &format!("据悉，{}。", c.selection));
            let p = propose(&i, c.selection).input;
            let what = c.selection;
            assert_eq!(p.effective_from, c.effective, "{what}");
            assert_eq!(p.effective_inferred, c.effective_inferred, "{what}");
            assert_eq!(p.expires_on, c.expires, "{what}");
            assert_eq!(p.expires_inferred, c.expires_inferred, "{what}");
            assert_eq!(p.value, c.value, "{what}");
            assert_eq!(p.issuer.as_deref(), c.issuer, "{what}");
            match c.beneficiary {
                Some(b) => assert!(p.beneficiaries.iter().any(|x| x == b), "{what}: {p:?}"),
                None => assert!(p.beneficiaries.is_empty(), "{what}: {p:?}"),
            }
            assert_eq!(p.effective_precision.is_some(), p.effective_from.is_some());
            assert_eq!(p.expires_precision.is_some(), p.expires_on.is_some());
            p.validate().unwrap();
        }
    }

    #[test]
    fn a_day_stated_with_its_year_is_precise_to_the_day() {
        let i = issue("人民日报", None, "本办法自2021年6月1日起施行。");
        let p = propose(&i, "本办法自2021年6月1日起施行").input;
        assert_eq!(p.effective_from, d("2021-06-01"));
        assert_eq!(p.effective_precision, Some(DatePrecision::Day));
        assert_eq!(p.expires_on, None);
    }

    #[test]
    fn a_selection_with_nothing_recognisable_is_a_draft_with_only_its_span() {
        let text = "岳阳市人民政府出台新规。记者在现场看到，市民排起了长队。";
        let i = issue("岳阳日报", Some("岳阳市融媒体中心讯"), text);
        let sel = "记者在现场看到，市民排起了长队";
        let p = propose(&i, sel);
        assert_eq!(p.input.issuer, None, "no issuer guessed for a non-measure");
        assert_eq!(
            (
                p.input.value.clone(),
                p.input.effective_from,
                p.input.expires_on
            ),
            (None, None, None)
        );
        assert!(p.input.beneficiaries.is_empty() && p.input.category.is_none());
        let fields: Vec<ProposedField> = p.evidence.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![ProposedField::Title]);
        assert_eq!(p.input.sources.len(), 1);
        assert_eq!(p.input.sources[0].quote, sel);
        p.input.validate().unwrap();
    }

    #[test]
    fn an_issuer_the_selection_does_not_name_comes_from_the_article_then_dateline_then_paper() {
        let sel = "对旅行社暂退80%的旅游服务质量保证金";
        let cases = [
            (
                "益阳市商务局日前发布通知。",
                Some("益阳日报讯"),
                "益阳日报",
                "益阳市商务局",
                EvidenceOrigin::Article,
            ),
            (
                "通知明确了纾困措施。",
                Some("邵阳市融媒体中心讯"),
                "湖南日报",
                "邵阳市",
                EvidenceOrigin::Dateline,
            ),
            (
                "通知明确了纾困措施。",
                None,
                "益阳日报",
                "益阳市",
                EvidenceOrigin::Publication,
            ),
        ];
        for (lead, dateline, paper, want, origin) in cases {
            let i = issue(paper, dateline, &format!("{lead}\n{sel}。"));
            let p = propose(&i, sel);
            assert_eq!(p.input.issuer.as_deref(), Some(want), "{lead} {paper}");
            let e = p
                .evidence
                .iter()
                .find(|e| e.field == ProposedField::Issuer)
                .unwrap();
            assert_eq!(e.origin, origin, "{lead} {paper}");
            if origin == EvidenceOrigin::Article {
                let chars: Vec<char> = i.articles[0].text.chars().collect();
                let (s, t) = (e.start.unwrap() as usize, e.end.unwrap() as usize);
                assert_eq!(chars[s..t].iter().collect::<String>(), e.quote);
            }
        }
    }

    #[test]
    fn a_headline_names_the_issuer_a_lead_leaves_out_before_dateline_and_paper() {
        let sel = "对旅行社暂退80%的旅游服务质量保证金";
        let mut i = issue(
            "益阳日报",
            Some("益阳日报讯"),
            &format!("措施明确，\n{sel}。"),
        );
        i.articles[0].headline = "市政府出台八条措施支持旅游业".into();
        let p = propose(&i, sel);
        assert_eq!(p.input.issuer.as_deref(), Some("益阳市人民政府"));
        let e = p
            .evidence
            .iter()
            .find(|e| e.field == ProposedField::Issuer)
            .unwrap();
        assert_eq!(
            (e.origin, e.start, e.quote.as_str()),
            (
                EvidenceOrigin::Article,
                None,
                "市政府出台八条措施支持旅游业"
            )
        );
    }

    #[test]
    fn evidence_offsets_count_scalar_values_of_the_article() {
        // A character outside the BMP before the selection: two UTF-16 units, one scalar.
        let text = "𠀀𠀁据介绍，即日起至年底，娄底市对新购新能源汽车的消费者给予每辆3000元补贴。";
        let i = issue("娄底日报", None, text);
        let sel = "即日起至年底，娄底市对新购新能源汽车的消费者给予每辆3000元补贴";
        let p = propose(&i, sel);
        let chars: Vec<char> = text.chars().collect();
        let src = &p.input.sources[0];
        assert_eq!(
            chars[src.start as usize..src.end as usize]
                .iter()
                .collect::<String>(),
            sel
        );
        for e in p.evidence.iter().filter(|e| e.start.is_some()) {
            let (s, t) = (e.start.unwrap() as usize, e.end.unwrap() as usize);
            assert_eq!(chars[s..t].iter().collect::<String>(), e.quote, "{e:?}");
        }
        assert_eq!(
            p.input.effective_from,
            d("2021-03-20"),
            "即日 is the issue's day"
        );
        assert_eq!(p.input.expires_on, d("2021-12-31"));
        assert_eq!(p.input.issuer.as_deref(), Some("娄底市"));
        let value = p.evidence.iter().find(|e| e.field == ProposedField::Value);
        assert!(value.is_some_and(|e| e.quote.contains("3000")), "{p:?}");
    }

    #[test]
    fn an_item_of_a_package_without_dates_of_its_own_takes_the_packages() {
        let text = "近日，岳阳市出台《支持文旅企业渡过难关十条措施》。一是对旅行社暂退80%的旅游服务质量保证金；二是对A级景区给予每家最高20万元的奖补。上述措施有效期至2021年12月31日。";
        let i = issue("岳阳日报", None, text);
        let p = propose(&i, "对A级景区给予每家最高20万元的奖补");
        assert_eq!(p.input.expires_on, d("2021-12-31"));
        let e = p
            .evidence
            .iter()
            .find(|e| e.field == ProposedField::ExpiresOn)
            .unwrap();
        assert_eq!(e.origin, EvidenceOrigin::Article);
        assert!(e.quote.contains("2021年12月31日"), "{e:?}");
        // A date the selection states wins; the end it does not state is the package's.
        let text2 = text.replace("二是对A级景区", "二是自2021年5月1日起对A级景区");
        let i = issue("岳阳日报", None, &text2);
        let p = propose(&i, "自2021年5月1日起对A级景区给予每家最高20万元的奖补");
        assert_eq!(p.input.effective_from, d("2021-05-01"));
        assert_eq!(p.input.expires_on, d("2021-12-31"));
        // Outside the package's items nothing is inherited.
        let p = propose(&issue("岳阳日报", None, text), "近日，岳阳市出台");
        assert_eq!((p.input.effective_from, p.input.expires_on), (None, None));
    }

    #[test]
    fn a_selection_outside_the_article_or_empty_is_refused() {
        let i = issue("岳阳日报", None, "短文。");
        for (a, b) in [(2, 2), (3, 1), (0, 4), (4, 9)] {
            let err = propose_for_selection(&i, 11, a, b).unwrap_err();
            assert_eq!(err.code(), "invalid", "{a}..{b}");
        }
        let err = propose_for_selection(&i, 99, 0, 1).unwrap_err();
        assert_eq!(err.code(), "not_found");
    }
}
