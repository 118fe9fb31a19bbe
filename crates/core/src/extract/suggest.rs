//! From an issue's articles to suggested measures, each field grounded in a span of text.
//!
//! Per article:
//! 1. Split the body into sentences (`。！？` and paragraph breaks).
//! 2. If a sentence announces a package (`出台《支持外贸企业十二条》`, `推出十条措施`), the
//!    article becomes a parent measure with one child per item: items are the other
//!    sentences split on `；` and numbered markers (`一是`, `（一）`, `1.`), cut at `……`, kept
//!    when they carry an enacting verb or a value. Children inherit the package's issuer,
//!    beneficiaries and dates unless their own text states them; the package's dates come
//!    from any sentence that refers to the policy (`该支持政策将持续至今年12月31日`).
//! 3. Otherwise each measure sentence ([`SentenceKind::Measure`]) starts a measure, and the
//!    sentences after it that only add conditions (dates, who qualifies) attach to it until a
//!    directive, report or business sentence ends the run.
//!
//! A single-day date that is neither a start, an end nor a range (`4月24日，我市出台…`) is the
//! day of the announcement, not a policy period, and is not used.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::classify::{classify, has_item_verb, SentenceKind};
use super::dates::{merge_periods, scan, DatePeriod, PeriodKind};
use super::issuers::{categorize, city_of_publication, find_beneficiaries, find_issuer};
use super::numbers::{arabic_digit, at, chinese_digit, eat, parse_int};
use super::values::{scan_values, FoundValue};
use crate::model::{Article, Issue, IssueId, MeasureId, MeasureInput, MeasureStatus, SourceSpan};
use crate::store::MeasureTree;
use crate::{Result, Store};

/// What a run of the suggester did to the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SuggestReport {
    pub issue_id: IssueId,
    pub articles: u32,
    /// Measures proposed (packages and items), before skipping known ones.
    pub suggested: u32,
    /// Newly stored as `suggested`.
    pub created: u32,
    /// Already stored from an earlier run (whatever the analyst did with them since).
    pub skipped: u32,
    pub created_ids: Vec<MeasureId>,
}

/// Propose the measures of every article of `issue`. Pure and deterministic: the same issue
/// always gives the same suggestions with the same keys.
pub fn suggest_issue(issue: &Issue) -> Vec<MeasureTree> {
    let city = city_of_publication(&issue.publication);
    issue
        .articles
        .iter()
        .flat_map(|a| suggest_article(a, issue.date, city.as_deref()))
        .collect()
}

/// Suggest the measures of a stored issue and store the new ones in one undoable action.
/// Re-running creates nothing twice and never touches what the analyst confirmed, edited or
/// rejected (the store skips known suggestion keys).
pub fn suggest_into(store: &mut Store, issue_id: IssueId) -> Result<SuggestReport> {
    let issue = store.get_issue(issue_id)?;
    let trees = suggest_issue(&issue);
    let suggested: usize = trees.iter().map(|t| 1 + t.children.len()).sum();
    let label = format!("suggest measures for {} {}", issue.publication, issue_id);
    let created = store.create_measure_trees(&label, &trees)?;
    Ok(SuggestReport {
        issue_id,
        articles: issue.articles.len() as u32,
        suggested: suggested as u32,
        created: created.len() as u32,
        skipped: (suggested - created.len()) as u32,
        created_ids: created.iter().map(|m| m.id).collect(),
    })
}

/// [`suggest_into`] for every stored issue, oldest first.
pub fn suggest_all_into(store: &mut Store) -> Result<Vec<SuggestReport>> {
    let mut ids: Vec<IssueId> = store.list_issues()?.into_iter().map(|i| i.id).collect();
    ids.sort_unstable();
    ids.into_iter().map(|id| suggest_into(store, id)).collect()
}

type Span = (usize, usize);

/// A measure being assembled, with the span every field came from.
#[derive(Debug, Clone)]
struct Draft {
    rule: &'static str,
    anchor: Span,
    title: String,
    issuer: Option<(Span, String)>,
    beneficiaries: Vec<(Span, String)>,
    value: Option<FoundValue>,
    period: DatePeriod,
    period_spans: Vec<Span>,
    context_spans: Vec<Span>,
    category: Option<&'static str>,
    inherited: Vec<&'static str>,
}

impl Draft {
    fn new(rule: &'static str, anchor: Span) -> Self {
        Draft {
            rule,
            anchor,
            title: String::new(),
            issuer: None,
            beneficiaries: vec![],
            value: None,
            period: DatePeriod::unknown(),
            period_spans: vec![],
            context_spans: vec![],
            category: None,
            inherited: vec![],
        }
    }
}

struct Text<'a> {
    article: &'a Article,
    cs: Vec<char>,
    reference: Option<chrono::NaiveDate>,
    city: Option<&'a str>,
}

impl Text<'_> {
    fn quote(&self, s: Span) -> String {
        self.cs[s.0..s.1].iter().collect()
    }

    /// Periods in `s` that say something about validity (not a bare announcement day).
    fn periods(&self, s: Span) -> Vec<(Span, DatePeriod)> {
        scan(&self.cs[s.0..s.1], self.reference, true)
            .into_iter()
            .filter(|(_, p)| p.kind != PeriodKind::Point)
            .map(|((a, b), mut p)| {
                let (a, b) = (a + s.0, b + s.0);
                if let Some(m) = p.matched.as_mut() {
                    m.start = a as u32;
                    m.end = b as u32;
                }
                ((a, b), p)
            })
            .collect()
    }

    fn values(&self, s: Span) -> Vec<FoundValue> {
        scan_values(&self.cs, s.0, s.1)
    }

    fn kind(&self, s: Span) -> SentenceKind {
        let evidence = !self.values(s).is_empty() || !self.periods(s).is_empty();
        classify(&self.cs, s.0, s.1, evidence)
    }
}

fn suggest_article(
    article: &Article,
    reference: Option<chrono::NaiveDate>,
    city: Option<&str>,
) -> Vec<MeasureTree> {
    let t = Text {
        article,
        cs: article.text.chars().collect(),
        reference,
        city,
    };
    let sentences = sentences(&t.cs);
    if let Some(pkg) = sentences.iter().find_map(|&s| package_in(&t, s)) {
        return vec![package_tree(&t, &sentences, pkg)];
    }
    single_measures(&t, &sentences)
        .into_iter()
        .map(|d| MeasureTree {
            measure: to_input(&t, &d),
            children: vec![],
        })
        .collect()
}

/// Sentence spans: split after `。！？!?` (and a closing quote) and at line breaks; trimmed.
fn sentences(cs: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let mut end = None;
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let mut e = i + 1;
            while e < cs.len() && matches!(cs[e], '”' | '」' | '’' | '）') {
                e += 1;
            }
            end = Some(e);
        } else if c == '\n' {
            end = Some(i);
        }
        if let Some(e) = end {
            push_trimmed(cs, start, e, &mut out);
            start = if c == '\n' { e + 1 } else { e };
            i = start;
            continue;
        }
        i += 1;
    }
    push_trimmed(cs, start, cs.len(), &mut out);
    out
}

fn push_trimmed(cs: &[char], mut a: usize, mut b: usize, out: &mut Vec<Span>) {
    while a < b && cs[a].is_whitespace() {
        a += 1;
    }
    while b > a && cs[b - 1].is_whitespace() {
        b -= 1;
    }
    if b > a {
        out.push((a, b));
    }
}

/// The paragraph index of a char offset (paragraphs are separated by `\n`).
fn paragraph_of(cs: &[char], i: usize) -> usize {
    cs[..i].iter().filter(|&&c| c == '\n').count()
}

/// A package announced in `s`: its name and span.
struct Package {
    sentence: Span,
    name: Option<(Span, String)>,
}

const PACKAGE_WORDS: &[&str] = &[
    "措施", "条", "意见", "办法", "政策", "方案", "细则", "规定", "决定", "举措", "通知",
];
const ANNOUNCE: &[&str] = &["出台", "印发", "发布", "推出", "制定", "出炉", "公布"];

fn package_in(t: &Text, s: Span) -> Option<Package> {
    let cs = &t.cs;
    let announces = (s.0..s.1).any(|k| ANNOUNCE.iter().any(|w| at(cs, k, w)));
    if !announces || t.kind(s) != SentenceKind::Measure && !has_item_verb(cs, s.0, s.1) {
        return None;
    }
    if matches!(
        t.kind(s),
        SentenceKind::Directive | SentenceKind::Report | SentenceKind::Business
    ) {
        return None;
    }
    // 《…措施》 / 《…十二条》
    let mut k = s.0;
    while k < s.1 {
        if cs[k] == '《' {
            if let Some(len) = cs[k + 1..s.1].iter().position(|&c| c == '》') {
                let inner: String = cs[k + 1..k + 1 + len].iter().collect();
                if PACKAGE_WORDS.iter().any(|w| inner.ends_with(w)) {
                    return Some(Package {
                        sentence: s,
                        name: Some(((k, k + len + 2), inner)),
                    });
                }
                k += len + 2;
                continue;
            }
        }
        k += 1;
    }
    // 若干措施 / 十条措施 / “十二条”
    for k in s.0..s.1 {
        if let Some(e) = eat(
            cs,
            k,
            &["若干措施", "若干政策", "若干意见", "一揽子政策", "系列措施"],
        ) {
            return Some(Package {
                sentence: s,
                name: Some(((k, e), cs[k..e].iter().collect())),
            });
        }
        let glued = k > s.0
            && (arabic_digit(cs[k - 1]).is_some()
                || chinese_digit(cs[k - 1]).is_some()
                || cs[k - 1] == '十');
        if glued {
            continue;
        }
        if let Some((n, j)) = parse_int(cs, k) {
            if (3..=100).contains(&n) {
                if let Some(e) = eat(
                    cs,
                    j,
                    &[
                        "条措施",
                        "项措施",
                        "条政策",
                        "项政策",
                        "条举措",
                        "条意见",
                        "条",
                    ],
                ) {
                    if e <= s.1
                        && !cs
                            .get(e)
                            .is_some_and(|&c| matches!(c, '路' | '线' | '件' | '街'))
                    {
                        return Some(Package {
                            sentence: s,
                            name: Some(((k, e), cs[k..e].iter().collect())),
                        });
                    }
                }
            }
        }
    }
    None
}

/// Item segments of a sentence: split on `；`, numbered markers and, for segments holding
/// several figures in separate clauses, on the comma before each further figure. `……`
/// ends the list: returns `true` as the second value when it was met.
fn item_segments(t: &Text, s: Span) -> (Vec<Span>, bool) {
    let cs = &t.cs;
    let mut cut = s.1;
    let mut ended = false;
    for k in s.0..s.1 {
        if at(cs, k, "……") || at(cs, k, "...") {
            cut = k;
            ended = true;
            break;
        }
    }
    let mut bounds = vec![s.0];
    for k in s.0..cut {
        if matches!(cs[k], '；' | ';') {
            bounds.push(k + 1);
        } else if k > s.0
            && numbered_marker(cs, k).is_some()
            && matches!(cs[k - 1], '，' | '；' | '。' | '：' | '\n')
        {
            bounds.push(k);
        }
    }
    bounds.push(cut);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let (mut a, mut b) = (w[0], w[1]);
        if let Some(e) = numbered_marker(cs, a) {
            a = e;
        }
        while b > a && matches!(cs[b - 1], '；' | ';' | '，' | '。' | ' ') {
            b -= 1;
        }
        while a < b && cs[a].is_whitespace() {
            a += 1;
        }
        if b > a {
            out.extend(split_on_figures(t, (a, b)));
        }
    }
    (out, ended)
}

/// `一是`, `（一）`, `(1)`, `1.`, `1、`, `一、`, `第一条`: the index after the marker.
fn numbered_marker(cs: &[char], k: usize) -> Option<usize> {
    let c = *cs.get(k)?;
    if matches!(c, '（' | '(') {
        let (_, j) = parse_int(cs, k + 1)?;
        return matches!(cs.get(j), Some('）') | Some(')')).then_some(j + 1);
    }
    if c == '第' {
        let (_, j) = parse_int(cs, k + 1)?;
        return eat(cs, j, &["条", "项"]);
    }
    let (_, j) = parse_int(cs, k)?;
    if chinese_digit(c).is_some() || c == '十' {
        return eat(cs, j, &["是", "、"]);
    }
    if matches!(cs.get(j), Some('、') | Some('．'))
        || (cs.get(j) == Some(&'.') && cs.get(j + 1).is_none_or(|&d| arabic_digit(d).is_none()))
    {
        return Some(j + 1);
    }
    None
}

fn split_on_figures(t: &Text, s: Span) -> Vec<Span> {
    let vals = t.values(s);
    if vals.len() < 2 {
        return vec![s];
    }
    let mut cuts = vec![s.0];
    let mut prev_end = vals[0].end;
    for v in &vals[1..] {
        // The last clause break between the previous figure and this one.
        if let Some(c) = (prev_end..v.start)
            .rev()
            .find(|&k| matches!(t.cs[k], '，' | ','))
        {
            cuts.push(c + 1);
        }
        prev_end = v.end;
    }
    cuts.push(s.1);
    let pieces: Vec<Span> = cuts
        .windows(2)
        .filter_map(|w| {
            let (a, mut b) = (w[0], w[1]);
            while b > a && matches!(t.cs[b - 1], '，' | ',') {
                b -= 1;
            }
            (b > a).then_some((a, b))
        })
        .collect();
    // Split only into pieces that each enact something; `安排2000万元，费率不超过0.1%` is one
    // item with a condition.
    if pieces.len() > 1 && pieces.iter().all(|p| has_item_verb(&t.cs, p.0, p.1)) {
        pieces
    } else {
        vec![s]
    }
}

fn package_tree(t: &Text, sentences: &[Span], pkg: Package) -> MeasureTree {
    let cs = &t.cs;
    let mut parent = Draft::new("package", pkg.sentence);
    parent.title = match &pkg.name {
        Some((_, n)) => n.trim_matches(|c| c == '“' || c == '”').to_string(),
        None => clip_title(&t.quote(pkg.sentence)),
    };
    parent.issuer = find_issuer(cs, pkg.sentence.0, pkg.sentence.1, t.city)
        .or_else(|| first_issuer(t, sentences));
    parent.beneficiaries = find_beneficiaries(cs, pkg.sentence.0, pkg.sentence.1);

    // Items and the package's own period.
    let mut children = Vec::new();
    let mut period_sources = Vec::new();
    let mut ended_paragraph = None;
    let announce_para = paragraph_of(cs, pkg.sentence.0);
    for &s in sentences {
        let para = paragraph_of(cs, s.0);
        let kind = t.kind(s);
        let refers_to_policy = (s.0..s.1).any(|k| {
            ["政策", "措施", "办法", "规定", "意见", "通知"]
                .iter()
                .any(|w| at(cs, k, w))
        }) || pkg.name.as_ref().is_some_and(|(_, n)| {
            t.quote(s)
                .contains(n.trim_matches(|c| c == '“' || c == '”'))
        });
        if s == pkg.sentence
            || (refers_to_policy && !matches!(kind, SentenceKind::Report | SentenceKind::Business))
        {
            period_sources.extend(t.periods(s));
        }
        if s == pkg.sentence || para < announce_para || ended_paragraph == Some(para) {
            continue;
        }
        let (segments, ended) = item_segments(t, s);
        for seg in segments {
            let seg_kind = t.kind(seg);
            if matches!(
                seg_kind,
                SentenceKind::Directive | SentenceKind::Report | SentenceKind::Business
            ) {
                continue;
            }
            let vals = t.values(seg);
            if !has_item_verb(cs, seg.0, seg.1) {
                continue;
            }
            let mut child = Draft::new("package_item", seg);
            child.title = clip_title(&t.quote(seg));
            child.value = vals.into_iter().next();
            child.issuer = find_issuer(cs, seg.0, seg.1, t.city);
            child.beneficiaries = find_beneficiaries(cs, seg.0, seg.1);
            let own = t.periods(seg);
            child.period_spans = own.iter().map(|(sp, _)| *sp).collect();
            child.period = merge(t, &own);
            child.category = Some(categorize(&t.quote(seg)));
            children.push(child);
        }
        if ended {
            ended_paragraph = Some(para);
        }
    }
    parent.period = merge(t, &period_sources);
    parent.period_spans = period_sources.iter().map(|(sp, _)| *sp).collect();

    for child in &mut children {
        if child.issuer.is_none() && parent.issuer.is_some() {
            child.issuer = parent.issuer.clone();
            child.inherited.push("issuer");
        }
        if child.beneficiaries.is_empty() && !parent.beneficiaries.is_empty() {
            child.beneficiaries = parent.beneficiaries.clone();
            child.inherited.push("beneficiaries");
        }
        let mut took = false;
        if child.period.start.is_none() && parent.period.start.is_some() {
            child.period.start = parent.period.start;
            child.period.start_precision = parent.period.start_precision;
            child.period.start_inferred = parent.period.start_inferred;
            took = true;
        }
        if child.period.end.is_none() && parent.period.end.is_some() {
            let fits = match (child.period.start, parent.period.end) {
                (Some(s), Some(e)) => e >= s,
                _ => true,
            };
            if fits {
                child.period.end = parent.period.end;
                child.period.end_precision = parent.period.end_precision;
                child.period.end_inferred = parent.period.end_inferred;
                took = true;
            }
        }
        if took {
            child.inherited.push("dates");
            child
                .period_spans
                .extend(parent.period_spans.iter().copied());
        }
    }
    MeasureTree {
        measure: to_input(t, &parent),
        children: children.iter().map(|c| to_input(t, c)).collect(),
    }
}

fn merge(t: &Text, found: &[(Span, DatePeriod)]) -> DatePeriod {
    let ps: Vec<DatePeriod> = found.iter().map(|(_, p)| p.clone()).collect();
    merge_periods(&ps, t.reference, &t.cs)
}

/// The first issuer anywhere in the article (the lead usually names it).
fn first_issuer(t: &Text, sentences: &[Span]) -> Option<(Span, String)> {
    sentences
        .iter()
        .find_map(|&s| find_issuer(&t.cs, s.0, s.1, t.city))
}

fn single_measures(t: &Text, sentences: &[Span]) -> Vec<Draft> {
    let cs = &t.cs;
    let mut out: Vec<Draft> = Vec::new();
    let mut open: Option<usize> = None; // index in `out` still taking conditions
    for &s in sentences {
        let mut kind = t.kind(s);
        // A measure sentence with no figure of its own that refers back (`凡…`, `此轮消费券…`)
        // states the conditions of the open measure, not a new one.
        if kind == SentenceKind::Measure
            && open.is_some()
            && t.values(s).is_empty()
            && refers_back(t, s, out[open.unwrap_or(0)].anchor)
        {
            kind = SentenceKind::Other;
        }
        match kind {
            SentenceKind::Measure => {
                let mut d = Draft::new("measure", s);
                d.title = clip_title(&t.quote(s));
                d.value = t.values(s).into_iter().next();
                d.issuer = find_issuer(cs, s.0, s.1, t.city);
                d.beneficiaries = find_beneficiaries(cs, s.0, s.1);
                let own = t.periods(s);
                d.period_spans = own.iter().map(|(sp, _)| *sp).collect();
                d.period = merge(t, &own);
                d.category = Some(categorize(&t.quote(s)));
                out.push(d);
                open = Some(out.len() - 1);
            }
            SentenceKind::Other => {
                // Conditions of the measure before: dates, who qualifies, the figure if none yet.
                let Some(idx) = open else { continue };
                let d = &mut out[idx];
                let periods = t.periods(s);
                let bens = find_beneficiaries(cs, s.0, s.1);
                let mut used = false;
                if !periods.is_empty() && (d.period.start.is_none() || d.period.end.is_none()) {
                    let mut all: Vec<DatePeriod> = vec![d.period.clone()];
                    all.retain(|p| !p.is_unknown());
                    all.extend(periods.iter().map(|(_, p)| p.clone()));
                    d.period = merge_periods(&all, t.reference, cs);
                    d.period_spans.extend(periods.iter().map(|(sp, _)| *sp));
                    used = true;
                }
                for b in bens {
                    if !d.beneficiaries.iter().any(|(_, n)| n.contains(&b.1)) {
                        d.beneficiaries.retain(|(_, n)| !b.1.contains(n.as_str()));
                        d.beneficiaries.push(b);
                        used = true;
                    }
                }
                if d.value.is_none() {
                    if let Some(v) = t.values(s).into_iter().next() {
                        d.value = Some(v);
                        used = true;
                    }
                }
                if used {
                    d.context_spans.push(s);
                }
            }
            SentenceKind::Directive | SentenceKind::Report | SentenceKind::Business => open = None,
        }
    }
    // The issuer of a measure that names none is the article's (the lead usually names it).
    let fallback = first_issuer(t, sentences);
    for d in &mut out {
        if d.issuer.is_none() {
            d.issuer = fallback.clone();
        }
    }
    out
}

/// Whether sentence `s` continues the measure anchored at `anchor`: it opens with a word
/// pointing back, or names the same instrument.
fn refers_back(t: &Text, s: Span, anchor: Span) -> bool {
    let cs = &t.cs;
    if eat(
        cs,
        s.0,
        &[
            "凡",
            "此轮",
            "本轮",
            "本次",
            "此次",
            "该",
            "上述",
            "其中",
            "活动期间",
            "同时",
        ],
    )
    .is_some()
    {
        return true;
    }
    const TOPICS: &[&str] = &["消费券", "抽奖", "补贴", "奖补", "资金", "活动", "优惠"];
    let anchor_text = t.quote(anchor);
    let text = t.quote(s);
    TOPICS
        .iter()
        .any(|w| anchor_text.contains(w) && text.contains(w))
}

/// A short title from a sentence: without a leading purpose clause (`为提振汽车消费，`),
/// lead-in (`近日，`, `据了解，`) or date clause, at most 60 chars.
fn clip_title(s: &str) -> String {
    let mut s = s.trim().trim_end_matches(['。', '；', '，']);
    while let Some((head, rest)) = s.split_once('，') {
        let n = head.chars().count();
        let lead_in = head.starts_with('为')
            || [
                "近日",
                "日前",
                "据了解",
                "据悉",
                "同时",
                "此外",
                "另外",
                "目前",
            ]
            .contains(&head)
            || ["获悉", "了解到", "介绍", "表示", "透露"]
                .iter()
                .any(|w| head.ends_with(w))
            || (n <= 12
                && head.chars().any(|c| c == '月' || c == '日')
                && head.chars().last().is_some_and(|c| c == '日' || c == '月'));
        if lead_in && !rest.is_empty() {
            s = rest;
        } else {
            break;
        }
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.len() > 60 {
        let mut t: String = chars[..59].iter().collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

fn to_input(t: &Text, d: &Draft) -> MeasureInput {
    let aid = t.article.id;
    let span = |s: Span| SourceSpan {
        article_id: aid,
        start: s.0 as u32,
        end: s.1 as u32,
        quote: t.quote(s),
    };
    let mut spans: Vec<Span> = vec![d.anchor];
    spans.extend(d.context_spans.iter().copied());
    spans.extend(d.period_spans.iter().copied());
    if let Some(v) = &d.value {
        spans.push((v.start, v.end));
    }
    if let Some((s, _)) = &d.issuer {
        spans.push(*s);
    }
    spans.extend(d.beneficiaries.iter().map(|(s, _)| *s));
    spans.retain(|s| s.1 > s.0);
    spans.sort_unstable();
    spans.dedup();

    let mut notes = vec![format!("Suggested by rule “{}”.", d.rule)];
    let evidence = |label: &str, s: Span| format!("{label}: “{}” [{}..{}]", t.quote(s), s.0, s.1);
    for &s in &d.period_spans {
        notes.push(evidence("dates", s));
    }
    if d.period.open_ended {
        notes.push("dates: the end depends on an event, left unknown".into());
    }
    if let Some(v) = &d.value {
        notes.push(evidence("value", (v.start, v.end)));
    }
    if let Some((s, _)) = &d.issuer {
        notes.push(evidence("issuer", *s));
    }
    for (s, _) in &d.beneficiaries {
        notes.push(evidence("beneficiaries", *s));
    }
    if !d.inherited.is_empty() {
        notes.push(format!(
            "inherited from the package: {}",
            d.inherited.join(", ")
        ));
    }

    let (mut start, mut end) = (d.period.start, d.period.end);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            end = None;
        }
    }
    if start.is_none() && end.is_none() {
        start = None;
    }
    let key_src = format!(
        "{}|{}|{}|{}|{}",
        d.rule,
        aid,
        d.anchor.0,
        d.anchor.1,
        t.quote(d.anchor)
    );
    let key = hex::encode(&Sha256::digest(key_src.as_bytes())[..12]);
    MeasureInput {
        parent_id: None,
        title: if d.title.trim().is_empty() {
            t.quote(d.anchor)
        } else {
            d.title.clone()
        },
        issuer: d.issuer.as_ref().map(|(_, n)| n.clone()),
        jurisdiction: None,
        category: d.category.map(str::to_string),
        beneficiaries: d.beneficiaries.iter().map(|(_, n)| n.clone()).collect(),
        value: d.value.as_ref().map(|v| v.value.clone()),
        effective_from: start,
        effective_precision: start.and(d.period.start_precision),
        effective_inferred: start.is_some() && d.period.start_inferred,
        expires_on: end,
        expires_precision: end.and(d.period.end_precision),
        expires_inferred: end.is_some() && d.period.end_inferred,
        status: MeasureStatus::Suggested,
        notes: notes.join("\n"),
        sources: spans.into_iter().map(span).collect(),
        suggestion_key: Some(format!("sg1:{key}")),
    }
}
