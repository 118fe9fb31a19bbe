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

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::classify::{classify, contains_any, has_item_verb, SentenceKind};
use super::dates::{add_length, merge_periods, parse_length, scan, DatePeriod, PeriodKind};
use super::issuers::{
    categorize, city_of_publication, find_beneficiaries, find_issuer, titled_national_body,
};
use super::numbers::{arabic_digit, at, chinese_digit, eat, parse_int};
use super::values::{scan_values, FoundValue};
use crate::model::{
    Article, ArticleId, Bound, DatePrecision, Issue, IssueId, MeasureId, MeasureInput,
    MeasureStatus, MeasureValue, SourceSpan,
};
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
    suggest_issue_keyed(issue).into_trees()
}

/// [`suggest_issue`], keeping what each suggestion key was computed from so the trees can be
/// moved to other article ids ([`KeyedSuggestions::rebind`]). The importer suggests on a
/// worker thread before the issue is stored, with the articles' positions as their ids, and
/// rebinds to the stored ids afterwards.
pub fn suggest_issue_keyed(issue: &Issue) -> KeyedSuggestions {
    let city = city_of_publication(&issue.publication);
    KeyedSuggestions {
        read_from: reading_of(issue),
        trees: issue
            .articles
            .iter()
            .flat_map(|a| suggest_article(a, issue.date, city.as_deref()))
            .collect(),
    }
}

/// Suggested trees with, for each measure (the tree's own, then its children in order), what
/// its suggestion key was computed from. The key hashes the article id, so a tree read from
/// an article under one id must have its key computed again under another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyedSuggestions {
    trees: Vec<(MeasureTree, Vec<KeySource>)>,
    /// [`reading_of`] the issue the trees were read from.
    read_from: [u8; 32],
}

/// SHA-256 of everything of an issue the suggester reads, ids excepted: the publication, the
/// date, and each article's headline and text in page order. Two issues with the same reading
/// give the same suggestions up to article ids.
fn reading_of(issue: &Issue) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(issue.publication.as_bytes());
    h.update([0u8]);
    h.update(
        issue
            .date
            .map(|d| d.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    for a in &issue.articles {
        for part in [&a.headline, &a.text] {
            h.update([0x1Eu8]);
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    h.finalize().into()
}

impl KeyedSuggestions {
    /// Whether `issue` reads, for the suggester, exactly as the issue these suggestions were
    /// read from (article ids aside): then [`Self::rebind`] to its ids gives what
    /// [`suggest_issue`] gives for it.
    pub fn reads_as(&self, issue: &Issue) -> bool {
        self.read_from == reading_of(issue)
    }

    /// The trees as [`suggest_issue`] returns them.
    pub fn into_trees(self) -> Vec<MeasureTree> {
        self.trees.into_iter().map(|(t, _)| t).collect()
    }

    /// The trees as [`suggest_issue`] would have returned them had every article id `a` been
    /// `new_id(a)`: sources point to the new ids and keys are computed with them. `None` when
    /// `new_id` has no id for an article a suggestion came from.
    pub fn rebind(
        self,
        new_id: impl Fn(ArticleId) -> Option<ArticleId>,
    ) -> Option<Vec<MeasureTree>> {
        let rebind_one = |m: &mut MeasureInput, k: &KeySource| -> Option<()> {
            let aid = new_id(k.article_id)?;
            for s in &mut m.sources {
                // Every span of a suggestion is in the article it was read from.
                debug_assert_eq!(s.article_id, k.article_id);
                s.article_id = aid;
            }
            m.suggestion_key = Some(k.key(aid));
            Some(())
        };
        self.trees
            .into_iter()
            .map(|(mut tree, keys)| {
                let (own, children) = keys.split_first()?;
                rebind_one(&mut tree.measure, own)?;
                for (c, k) in tree.children.iter_mut().zip(children) {
                    rebind_one(c, k)?;
                }
                Some(tree)
            })
            .collect()
    }
}

/// What a suggestion key is computed from: the rule, the article and the anchor span with its
/// text. Stable across runs, so re-suggesting skips what was stored before.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeySource {
    rule: &'static str,
    article_id: ArticleId,
    anchor: Span,
    quote: String,
}

impl KeySource {
    /// The key of the suggestion read from the same anchor of article `aid`.
    fn key(&self, aid: ArticleId) -> String {
        let src = format!(
            "{}|{}|{}|{}|{}",
            self.rule, aid, self.anchor.0, self.anchor.1, self.quote
        );
        format!("sg1:{}", hex::encode(&Sha256::digest(src.as_bytes())[..12]))
    }
}

/// Suggest the measures of a stored issue and store the new ones in one undoable action.
/// Re-running creates nothing twice and never touches what the analyst confirmed, edited or
/// rejected (the store skips known suggestion keys).
pub fn suggest_into(store: &mut Store, issue_id: IssueId) -> Result<SuggestReport> {
    let issue = store.get_issue(issue_id)?;
    let trees = suggest_issue(&issue);
    store_trees(store, &issue, &trees)
}

/// [`suggest_into`] with suggestions read before the issue was stored (on another thread,
/// from the parsed articles under their positions as ids). They are rebound to the stored
/// article ids when the stored issue reads exactly as the one they were read from
/// (publication, date, headlines and texts); otherwise the stored issue is suggested afresh.
/// Either way the result is [`suggest_into`]'s.
pub fn suggest_into_keyed(
    store: &mut Store,
    issue_id: IssueId,
    keyed: KeyedSuggestions,
) -> Result<SuggestReport> {
    let issue = store.get_issue(issue_id)?;
    let rebound = keyed
        .reads_as(&issue)
        .then(|| {
            keyed.rebind(|pos| {
                let pos = usize::try_from(pos).ok()?;
                issue.articles.get(pos).map(|a| a.id)
            })
        })
        .flatten();
    let trees = rebound.unwrap_or_else(|| suggest_issue(&issue));
    store_trees(store, &issue, &trees)
}

/// Store the suggestions of `issue` in one undoable action, skipping known keys.
fn store_trees(store: &mut Store, issue: &Issue, trees: &[MeasureTree]) -> Result<SuggestReport> {
    let issue_id = issue.id;
    let suggested: usize = trees.iter().map(|t| 1 + t.children.len()).sum();
    let label = format!("suggest measures for {} {}", issue.publication, issue_id);
    let created = store.create_measure_trees(&label, trees)?;
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
    /// The issuer was read from the headline (its span is empty: the headline is not part of
    /// the article's text, whose offsets evidence uses).
    issuer_in_headline: bool,
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
            issuer_in_headline: false,
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

/// An article's text as chars, with what relative dates and `我市` resolve against.
pub(super) struct Text<'a> {
    pub(super) article: &'a Article,
    pub(super) cs: Vec<char>,
    pub(super) reference: Option<chrono::NaiveDate>,
    pub(super) city: Option<&'a str>,
    /// What [`Text::kind`] answered per span: the package search and the single-measure
    /// pass classify the same sentences, and classifying is most of the suggester's work.
    pub(super) kinds: std::cell::RefCell<std::collections::HashMap<Span, SentenceKind>>,
}

impl Text<'_> {
    pub(super) fn quote(&self, s: Span) -> String {
        self.cs[s.0..s.1].iter().collect()
    }

    /// Periods in `s` that say something about validity (not a bare announcement day).
    ///
    /// A whole year (or half-year, quarter) right before what it governs (`2022年免除6个月租金`)
    /// is the measure's period, not an announcement day: it is kept. Followed by a comma or
    /// `的`, inside a document title, or over before the issue, it only sets the scene;
    /// before a cap (`全年最高奖励20万元`) it is the window the cap is counted over; before the
    /// taxes it names (`第四季度应缴的部分税费`) it is when they fall due.
    pub(super) fn periods(&self, s: Span) -> Vec<(Span, DatePeriod)> {
        let cs = &self.cs[s.0..s.1];
        scan(cs, self.reference, true)
            .into_iter()
            .filter(|((_, b), p)| {
                // `本月底前完成学生信息核对`, `9月底前完成资格认定`: a deadline for the
                // administration's own work on the measure, not the measure's end.
                !(p.kind == PeriodKind::Until && {
                    let k = eat(cs, *b, &["完成", "进行", "做好", "开展", "组织"]).unwrap_or(*b);
                    let k = (k..(k + 8).min(cs.len()))
                        .take_while(|&j| !matches!(cs[j], '，' | '。' | '；' | ',' | ';'))
                        .last()
                        .map_or(k, |j| j + 1);
                    contains_any(
                        cs,
                        *b,
                        k,
                        &[
                            "核对", "认定", "审核", "核查", "登记", "备案", "公示", "报送", "汇总",
                            // `9月底前完成申报`, `本月底前提交申请`: when the paperwork is due,
                            // not when the grant ends (session 10).
                            "申报", "申请",
                        ],
                    )
                })
            })
            .filter(|((a, b), p)| {
                p.kind != PeriodKind::Point || {
                    // A school year or term (`2023—2024学年`, `秋季学期`) is a period by nature,
                    // like a year, though it is stated by month; it is one before a comma too
                    // (`2023—2024学年，对…发放国家助学金`).
                    // `秋季学期开学后两周内完成认定`: the term's first day as the reference of a
                    // deadline is no period.
                    let school = p
                        .matched
                        .as_ref()
                        .is_some_and(|m| m.text.contains("学年") || m.text.contains("学期"))
                        && !at(cs, *b, "开学");
                    let coarse = school
                        || matches!(
                            p.start_precision,
                            Some(
                                DatePrecision::Year
                                    | DatePrecision::HalfYear
                                    | DatePrecision::Quarter
                            )
                        );
                    let governs = cs
                        .get(*b)
                        .is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c) && c != '的');
                    let in_title = cs[..*a].iter().filter(|&&c| c == '《').count()
                        > cs[..*a].iter().filter(|&&c| c == '》').count();
                    // `返还上年度…的50%`: a year already over is a basis of calculation.
                    let not_over = match (p.end, self.reference) {
                        (Some(e), Some(r)) => e >= r,
                        _ => true,
                    };
                    // `全年最高奖励20万元`: the year a cap is counted over, not a period.
                    let caps = ["最高", "最多", "累计", "不超过", "封顶"]
                        .iter()
                        .any(|w| at(cs, *b, w))
                        // `全年按在校时间200天计算`: the year a sum is counted over (session 11).
                        || (at(cs, *b, "按") && p.matched.as_ref().is_some_and(|m| m.text == "全年"));
                    // `2022年第四季度应缴的部分税费，可延缓缴纳3个月`: the quarter the deferred
                    // taxes fall due in, not when the deferral applies (session 8).
                    let taxes_of = ["应缴", "应纳", "部分税费", "税费", "税款", "所属期"]
                        .iter()
                        .any(|w| at(cs, *b, w));
                    coarse && (governs || school) && !in_title && not_over && !caps && !taxes_of
                }
            })
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

    pub(super) fn values(&self, s: Span) -> Vec<FoundValue> {
        scan_values(&self.cs, s.0, s.1)
    }

    /// The value a measure gives in `s`: its first value that is not part of the description
    /// of who or what qualifies (`对单车价格不超过30万元的…乘用车，…减半征收` → −50 %, not the
    /// price ceiling). A value lies in that description when a `对` opens its clause before it
    /// with no enacting verb up to its end (`对企业给予最高2万元奖励` keeps its 2万元, `对…企业免收6个月
    /// 租金` its words).
    ///
    /// A value that qualifies a noun (`10万元以下的每辆补贴3000元`, `10万元（含）至20万元的`) is
    /// passed over too when a value the measure gives follows it.
    fn benefit_value(&self, s: Span) -> Option<FoundValue> {
        let cs = &self.cs;
        let values = self.values(s);
        let qualifiers: Vec<bool> = values
            .iter()
            .enumerate()
            .map(|(n, v)| qualifies(cs, &values[n..], v.end))
            .collect();
        let all_qualify = qualifiers.iter().all(|&q| q);
        values.into_iter().zip(qualifiers).find_map(|(v, q)| {
            let dui = (s.0..v.start)
                .rev()
                .take_while(|&k| !matches!(cs[k], '，' | '。' | '；' | ',' | ';' | '\n'))
                .find(|&k| cs[k] == '对');
            // `对…企业按…失业保险费的30%返还`: the verb right after the value gives it.
            let given_at_once = has_item_verb(cs, v.end, (v.end + 3).min(s.1));
            ((all_qualify || !q)
                && dui.is_none_or(|d| given_at_once || has_item_verb(cs, d, v.end)))
            .then_some(v)
        })
    }

    fn kind(&self, s: Span) -> SentenceKind {
        if let Some(&k) = self.kinds.borrow().get(&s) {
            return k;
        }
        let k = classify(&self.cs, s.0, s.1, || {
            !self.values(s).is_empty() || !self.periods(s).is_empty()
        });
        self.kinds.borrow_mut().insert(s, k);
        k
    }
}

fn suggest_article(
    article: &Article,
    reference: Option<chrono::NaiveDate>,
    city: Option<&str>,
) -> Vec<(MeasureTree, Vec<KeySource>)> {
    let t = Text {
        article,
        cs: article.text.chars().collect(),
        reference,
        city,
        kinds: Default::default(),
    };
    let sentences = sentences(&t.cs);
    let (mut out, rest) = match article_package(&t, &sentences) {
        Some(pkg) => {
            let p = package_tree(&t, &sentences, pkg);
            (vec![(p.tree, p.keys)], p.rest)
        }
        None => (vec![], sentences),
    };
    out.extend(single_measures(&t, &rest).into_iter().filter_map(|d| {
        let (measure, key) = to_input(&t, &d);
        // `财政补贴保费，农民花小钱买大保障，这笔账怎么算都划算`: a measure word with nothing it
        // would fill in — no issuer (neither here nor anywhere in the article or its headline),
        // no figure, no dates, no one it is for — speaks of policy in general, as commentary
        // does; it enacts nothing an analyst could record (session 11).
        let empty = measure.issuer.is_none()
            && measure.value.is_none()
            && measure.effective_from.is_none()
            && measure.expires_on.is_none()
            && measure.beneficiaries.is_empty();
        (!empty).then_some((
            MeasureTree {
                measure,
                children: vec![],
            },
            vec![key],
        ))
    }));
    out
}

/// The package an article announces, if any. A named package (`《…》`) is preferred to a
/// count (`“十二条”` in a heading before it).
fn article_package(t: &Text, sentences: &[Span]) -> Option<Package> {
    let mut packages: Vec<Package> = sentences
        .iter()
        .filter(|&&s| !is_heading(&t.cs, s))
        .filter_map(|&s| package_in(t, s))
        .collect();
    let best = packages
        .iter()
        .position(|p| p.titled)
        .or((!packages.is_empty()).then_some(0));
    match best {
        Some(b) => Some(packages.swap_remove(b)),
        None => headline_package(t, sentences),
    }
}

/// The package only the headline announces (`市政府出台十条措施支持文旅业复苏`, `我市推出
/// 《…办法》`): an announcing verb with a count of measures or a document title, over a body
/// holding at least two items (otherwise its sentences are read as single measures).
fn headline_package(t: &Text, sentences: &[Span]) -> Option<Package> {
    let hs: Vec<char> = t.article.headline.chars().collect();
    if !(0..hs.len()).any(|k| ANNOUNCE.iter().any(|w| at(&hs, k, w))) {
        return None;
    }
    const COUNTED: &[&str] = &["条措施", "项措施", "条政策", "项政策", "条举措", "条意见"];
    const SOME: &[&str] = &["若干措施", "若干政策", "一揽子政策", "系列措施"];
    let counted = (0..hs.len()).any(|k| {
        eat(&hs, k, SOME).is_some()
            || parse_int(&hs, k)
                .is_some_and(|(n, j)| (3..=100).contains(&n) && eat(&hs, j, COUNTED).is_some())
    });
    let titled = hs.iter().position(|&c| c == '《').is_some_and(|a| {
        hs[a..].iter().position(|&c| c == '》').is_some_and(|len| {
            let inner: String = hs[a + 1..a + len].iter().collect();
            PACKAGE_WORDS.iter().any(|w| inner.ends_with(w))
        })
    });
    if !(counted || titled) {
        return None;
    }
    let body: Vec<Span> = sentences
        .iter()
        .copied()
        .filter(|&s| !is_heading(&t.cs, s))
        .collect();
    let items = body
        .iter()
        .flat_map(|&s| item_segments(t, s).0)
        .filter(|&seg| is_item(t, seg, seg))
        .take(2)
        .count();
    (items >= 2).then(|| Package {
        sentence: body[0],
        name: None,
        titled: false,
        in_headline: true,
    })
}

/// The article's package as the suggester reads it, when `sel` overlaps one of its items,
/// with the spans the package's dates were read from (what the items inherit).
pub(super) fn package_around(t: &Text, sel: Span) -> Option<(MeasureTree, Vec<Span>)> {
    let sentences = sentences(&t.cs);
    let pkg = article_package(t, &sentences)?;
    let PackageTree {
        tree, date_spans, ..
    } = package_tree(t, &sentences, pkg);
    let inside = tree.children.iter().any(|c| {
        c.sources
            .first()
            .is_some_and(|a| (a.start as usize) < sel.1 && sel.0 < a.end as usize)
    });
    inside.then_some((tree, date_spans))
}

/// Sentence spans: split after `。！？!?` (and a closing quote) and at line breaks; trimmed.
pub(super) fn sentences(cs: &[char]) -> Vec<Span> {
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

/// A heading inside the body (a subheading, or the headline of the next article when the
/// importer could not split an issue): a whole short paragraph with no sentence-ending mark.
fn is_heading(cs: &[char], s: Span) -> bool {
    let starts_paragraph = s.0 == 0
        || cs[..s.0]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .any(|&c| c == '\n');
    let ends_paragraph = cs[s.1..]
        .iter()
        .take_while(|c| c.is_whitespace())
        .any(|&c| c == '\n')
        || s.1 == cs.len();
    let last = cs[s.1 - 1];
    starts_paragraph
        && ends_paragraph
        && s.1 - s.0 <= 40
        && !matches!(
            last,
            '。' | '！' | '？' | '!' | '?' | '；' | '…' | '”' | '」' | '）' | '：'
        )
}

/// The paragraph index of a char offset (paragraphs are separated by `\n`).
fn paragraph_of(cs: &[char], i: usize) -> usize {
    cs[..i].iter().filter(|&&c| c == '\n').count()
}

/// A package announced in `s`: its name and span.
struct Package {
    sentence: Span,
    name: Option<(Span, String)>,
    /// The name is a document title (`《…》`), not a count (`十条措施`).
    titled: bool,
    /// Only the headline announces the package (`市政府出台十条措施支持文旅业复苏` over a
    /// body that lists the measures): `sentence` is then the body's first sentence, read as
    /// any other (an item, or context), and anchors the package.
    in_headline: bool,
}

const PACKAGE_WORDS: &[&str] = &[
    "措施", "条", "意见", "办法", "政策", "方案", "细则", "规定", "决定", "举措", "通知", "清单",
];
const ANNOUNCE: &[&str] = &["出台", "印发", "发布", "推出", "制定", "出炉", "公布"];

fn package_in(t: &Text, s: Span) -> Option<Package> {
    let cs = &t.cs;
    // `现就有关事项通知如下：` / `具体措施如下：`: a notice's own text introducing its
    // provisions (a reprinted document, titled by its headline).
    if follows_as_listed(cs, s) {
        return Some(Package {
            sentence: s,
            name: None,
            titled: false,
            in_headline: false,
        });
    }
    let announces = (s.0..s.1).any(|k| ANNOUNCE.iter().any(|w| at(cs, k, w)));
    let kind = t.kind(s);
    let enacts = kind == SentenceKind::Measure
        || (kind == SentenceKind::Other && has_item_verb(cs, s.0, s.1));
    if !announces || !(enacts || kind == SentenceKind::Other) {
        return None;
    }
    // 《…措施》 / 《…十二条》: the document's title names the package. A sentence that only
    // publishes it (`正式发布《…若干政策》`, no other enacting verb) announces it too, when
    // the announcing verb governs the title directly.
    let mut k = s.0;
    while k < s.1 {
        if cs[k] == '《' {
            if let Some(len) = cs[k + 1..s.1].iter().position(|&c| c == '》') {
                let inner: String = cs[k + 1..k + 1 + len].iter().collect();
                let governed = enacts
                    || (k.saturating_sub(3).max(s.0)..k).any(|j| {
                        ANNOUNCE
                            .iter()
                            .any(|w| at(cs, j, w) && j + w.chars().count() + 1 >= k)
                    });
                // `《…实施细则（试行）》`: the status in brackets is not the kind of document.
                let kind_of = [
                    "（试行）",
                    "(试行)",
                    "（暂行）",
                    "(暂行)",
                    "（修订）",
                    "(修订)",
                ]
                .iter()
                .find_map(|st| inner.strip_suffix(st))
                .unwrap_or(&inner);
                if governed && PACKAGE_WORDS.iter().any(|w| kind_of.ends_with(w)) {
                    return Some(Package {
                        sentence: s,
                        name: Some(((k, k + len + 2), inner)),
                        titled: true,
                        in_headline: false,
                    });
                }
                k += len + 2;
                continue;
            }
        }
        k += 1;
    }
    if !enacts {
        return None;
    }
    // 若干措施 / 十条措施 / “十二条”: a count of measures.
    let counted = |k: usize, e: usize| Package {
        sentence: s,
        name: Some(((k, e), cs[k..e].iter().collect())),
        titled: false,
        in_headline: false,
    };
    for k in s.0..s.1 {
        const SOME: &[&str] = &["若干措施", "若干政策", "若干意见", "一揽子政策", "系列措施"];
        if let Some(e) = eat(cs, k, SOME) {
            return Some(counted(k, e));
        }
        let glued = k > s.0
            && (arabic_digit(cs[k - 1]).is_some()
                || chinese_digit(cs[k - 1]).is_some()
                || cs[k - 1] == '十');
        let Some((n, j)) = parse_int(cs, k).filter(|_| !glued) else {
            continue;
        };
        if !(3..=100).contains(&n) {
            continue;
        }
        const COUNTED: &[&str] = &["条措施", "项措施", "条政策", "项政策", "条举措", "条意见"];
        if let Some(e) = eat(cs, j, COUNTED).filter(|&e| e <= s.1) {
            return Some(counted(k, e));
        }
        // A bare `十二条` only when nothing follows it (`“十二条”`, `十二条，`): `3条道路` is not one.
        if let Some(e) = eat(cs, j, &["条"]).filter(|&e| e <= s.1) {
            if !cs
                .get(e)
                .is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                return Some(counted(k, e));
            }
        }
    }
    // An unnamed list: `出台稳外贸措施：对…给予…；对…下调…` (two or more enacting items).
    if let Some(colon) = (s.0..s.1).find(|&k| matches!(cs[k], '：' | ':')) {
        let (items, _) = item_segments(t, (colon + 1, s.1));
        if items.iter().filter(|i| has_item_verb(cs, i.0, i.1)).count() >= 2 {
            return Some(Package {
                sentence: s,
                name: None,
                titled: false,
                in_headline: false,
            });
        }
    }
    None
}

/// The first cell of a table row (`发放政府消费券5000万元` of `1 发放政府消费券5000万元 市商务局
/// 2022年6月30日前`: the measure; the other cells are who is responsible and by when, read
/// as the item's issuer and dates). Any other span is returned whole.
fn first_cell(cs: &[char], s: Span) -> Span {
    let row = s.0 >= 2 && cs[s.0 - 1] == ' ' && {
        let line = cs[..s.0 - 1]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1);
        line < s.0 - 1 && cs[line..s.0 - 1].iter().all(|c| c.is_ascii_digit())
    };
    match (s.0..s.1).find(|&k| cs[k] == ' ') {
        Some(e) if row && e > s.0 => (s.0, e),
        _ => s,
    }
}

/// Whether sentence `s` ends by introducing the provisions of a document: `如下：` after a
/// word for what a document lays down (`通知如下：`, `有关事项…如下：`, `措施如下：`).
fn follows_as_listed(cs: &[char], s: Span) -> bool {
    const DOCUMENT: &[&str] = &["通知", "意见", "规定", "措施", "事项", "办法", "政策"];
    let mut b = s.1;
    while b > s.0 && cs[b - 1].is_whitespace() {
        b -= 1;
    }
    b >= s.0 + 3
        && matches!(cs[b - 1], '：' | ':')
        && cs[b - 3] == '如'
        && cs[b - 2] == '下'
        && contains_any(cs, s.0, b, DOCUMENT)
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
        let a = after_lead_in(cs, a, b);
        if b > a {
            out.extend(split_on_figures(t, (a, b)));
        }
    }
    (out, ended)
}

/// Whether a segment without an enacting verb still states a measure's terms: a price or
/// rate relative to the old one (`按现行标准的90%收取`, `下调0.1元/千瓦时`), a unit price, or a
/// ceiling or floor on a sum (`个人额度最高30万元`). A bare exact sum is not enough: without a
/// verb it is as often a statistic (`进出口总额达513亿美元`) or a budget as a measure.
fn states_terms(values: &[FoundValue]) -> bool {
    values.iter().any(|v| match &v.value {
        MeasureValue::Amount { bound, .. } => *bound != Bound::Exact,
        MeasureValue::Text { .. } => false,
        _ => true,
    })
}

/// Whether `span` reads as a package item: it enacts something (an item verb, or terms stated
/// by a value: [`states_terms`]) and its title part is no directive, report or business news.
fn is_item(t: &Text, span: Span, title: Span) -> bool {
    // `问：…能享受哪些补贴？`: a question names the topic of the answer, it is no item.
    if span.1 > span.0 && matches!(t.cs[span.1 - 1], '？' | '?') {
        return false;
    }
    let enacts = |s: Span| has_item_verb(&t.cs, s.0, s.1) || states_terms(&t.values(s));
    if matches!(
        t.kind(title),
        SentenceKind::Directive | SentenceKind::Report | SentenceKind::Business
    ) {
        return false;
    }
    if span == title {
        return enacts(span);
    }
    // A heading with a body: some sentence of the body enacts something and is no order or
    // report (`一是加强组织领导。各地要成立工作专班…` is not an item).
    let body = (title.1, span.1);
    sentences(&t.cs[..span.1])
        .into_iter()
        .filter(|s| s.0 >= body.0)
        .any(|s| !matches!(t.kind(s), SentenceKind::Directive | SentenceKind::Report) && enacts(s))
}

/// A numbered sentence that only names its item (`一是发放消费券。`, `（一）减免房屋租金`):
/// the item's text follows in the next sentences. Returns the name's span (marker cut).
/// A name is short, has no clause punctuation and states no figure.
fn item_heading(t: &Text, s: Span) -> Option<Span> {
    let cs = &t.cs;
    let a = numbered_marker(cs, s.0)?;
    let mut b = s.1;
    while b > a && matches!(cs[b - 1], '。' | '：' | ':' | ' ') {
        b -= 1;
    }
    let short = (2..=16).contains(&(b.saturating_sub(a)));
    let plain = !cs[a..b]
        .iter()
        .any(|c| matches!(c, '，' | ',' | '；' | ';' | '、' | '：' | ':'));
    (short && plain && t.values((a, b)).is_empty()).then_some((a, b))
}

/// Where an item starts once a clause that only introduces it is skipped: `措施明确，`,
/// `《意见》提出：`, `其中，`, `此外，`. Such a clause is short, ends at the first comma or
/// colon, and is a connective or ends in a verb of saying; otherwise `a` itself.
fn after_lead_in(cs: &[char], a: usize, b: usize) -> usize {
    // `在促进消费方面，《方案》提出，…`: lead-ins may follow one another.
    let mut at = a;
    for _ in 0..3 {
        let next = one_lead_in(cs, at, b);
        if next == at {
            break;
        }
        at = next;
    }
    at
}

fn one_lead_in(cs: &[char], a: usize, b: usize) -> usize {
    const CONNECTIVES: &[&str] = &["其中", "此外", "同时", "另外", "另", "并且", "对此"];
    const SAYING: &[&str] = &[
        "明确", "提出", "规定", "指出", "显示", "提到", "写明", "决定",
    ];
    let Some(p) = (a..b.min(a + 16)).find(|&k| matches!(cs[k], '，' | '：' | ':' | ',')) else {
        return a;
    };
    let clause: String = cs[a..p].iter().collect();
    // `根据措施，` / `依据《办法》，`: the source the item is read from, with no figure; and
    // the instruction it follows (`按照国家统一部署，`, `根据省政府要求，`, `依照规定，`).
    let cites = follows_instruction(&clause);
    // `答：` opens the answer of a Q&A (`政策解读`).
    let answer = matches!(clause.as_str(), "答" | "回答") && matches!(cs[p], '：' | ':');
    // `在促进消费方面，`, `在金融支持上，`: the topic of what follows.
    let topic = clause.starts_with('在')
        && (clause.ends_with("方面") || clause.ends_with('上'))
        && !clause.chars().any(|c| c.is_ascii_digit());
    let introduces = cites
        || answer
        || topic
        || CONNECTIVES.contains(&clause.as_str())
        || SAYING
            .iter()
            .any(|w| clause.ends_with(w) && clause.chars().count() > 2);
    if introduces && p + 1 < b {
        p + 1
    } else {
        a
    }
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
    // `1 发放消费券5000万元 市商务局 6月30日前`: a table row's number opens its line and is
    // followed by a space and at least two more cells (the importer keeps each row a
    // paragraph); `5 月1日起…` from a spaced-out PDF is no row.
    if (k == 0 || cs[k - 1] == '\n')
        && arabic_digit(c).is_some()
        && cs.get(j) == Some(&' ')
        && cs
            .get(j + 1)
            .is_some_and(|&d| ('\u{4e00}'..='\u{9fff}').contains(&d))
        && cs[j + 1..]
            .iter()
            .take_while(|&&d| d != '\n')
            .filter(|&&d| d == ' ')
            .count()
            >= 2
    {
        return Some(j + 1);
    }
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
    // Typed figures only: words kept as a value (`免收2个月租金`) start no item of their own.
    let vals: Vec<FoundValue> = t
        .values(s)
        .into_iter()
        .filter(|v| !matches!(v.value, MeasureValue::Text { .. }))
        .collect();
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
            // `…减半征收，减半征收期限为3个月`: a clause stating a term (`期限`) is how long
            // the relief before it lasts, not another item.
            let clause_end = (c + 1..s.1)
                .find(|&k| matches!(t.cs[k], '，' | ','))
                .unwrap_or(s.1);
            let term = (c + 1..clause_end.saturating_sub(1)).any(|k| at(&t.cs, k, "期限"));
            // `用人单位安排残疾人就业比例超过1.5%的，对超比例部分按…给予奖励`: a clause ending in
            // `的` is the condition of the clause after it; `市级财政按保费的30%给予补贴，县级
            // 财政补贴比例不低于20%`: a level of government's share says who pays the grant
            // before it (session 11).
            let condition = t.cs[c - 1] == '的';
            if !term && !condition && !caps_each(&t.cs, c + 1) && !funds_share(&t.cs, c + 1) {
                cuts.push(c + 1);
            }
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

/// `单个旅行社全年最高奖励20万元`, `单户企业贴息最高50万元`, `每户最多…`: a clause opening
/// with one recipient (`单`/`每` and a measure word) caps the grant before it per recipient.
fn caps_each(cs: &[char], k: usize) -> bool {
    matches!(cs.get(k), Some('单' | '每'))
        && matches!(
            cs.get(k + 1),
            Some(
                '个' | '户'
                    | '家'
                    | '人'
                    | '台'
                    | '辆'
                    | '笔'
                    | '项'
                    | '位'
                    | '名'
                    | '次'
                    | '套'
                    | '张'
            )
        )
}

/// `县级财政补贴比例不低于20%`, `省财政承担30%`: a clause opening with a level of government's
/// budget states its share of the grant before it (`比例`, `承担`, `分担`, `负担` in the clause,
/// no `给予`: `市财政按实际贷款利率的50%给予贴息` is a grant of its own).
fn funds_share(cs: &[char], k: usize) -> bool {
    let end = (k..cs.len())
        .find(|&j| matches!(cs[j], '，' | ',' | '。' | '；' | ';' | '\n'))
        .unwrap_or(cs.len());
    contains_any(cs, k, end, &["比例", "承担", "分担", "负担"])
        && !contains_any(cs, k, end, &["给予"])
        && eat(
            cs,
            k,
            &[
                "中央财政",
                "省级财政",
                "市级财政",
                "县级财政",
                "区级财政",
                "省财政",
                "市财政",
                "县财政",
                "区财政",
            ],
        )
        .is_some()
}

/// An article's package as read by [`package_tree`].
struct PackageTree {
    tree: MeasureTree,
    /// The key sources of the package's measure, then of its items in order.
    keys: Vec<KeySource>,
    /// The sentences outside the package.
    rest: Vec<Span>,
    /// The spans of the package's own dates.
    date_spans: Vec<Span>,
}

/// The package's tree, the sentences outside it, and the spans of the package's own dates.
fn package_tree(t: &Text, sentences: &[Span], pkg: Package) -> PackageTree {
    let cs = &t.cs;
    let mut parent = Draft::new("package", pkg.sentence);
    // A document title names the package best; `十条措施` says less than the headline.
    let headline = t.article.headline.trim();
    parent.title = match &pkg.name {
        Some((_, n)) if pkg.titled => n.clone(),
        _ if !headline.is_empty() => headline.to_string(),
        _ => clip_title(&t.quote(pkg.sentence)),
    };
    // The announcement's own words, unless the headline made it (its sentence is an item).
    let announcement = if pkg.in_headline {
        (pkg.sentence.0, pkg.sentence.0)
    } else {
        pkg.sentence
    };
    parent.issuer = find_issuer(cs, announcement.0, announcement.1, t.city)
        .or_else(|| first_issuer(t, sentences));
    if parent.issuer.is_none() {
        parent.issuer = headline_issuer(t).map(|n| ((0, 0), n));
        parent.issuer_in_headline = parent.issuer.is_some();
    }
    parent.issuer = parent.issuer.or_else(|| local_subject(t, announcement));
    parent.beneficiaries = find_beneficiaries(cs, announcement.0, announcement.1);

    // Items listed in the announcement itself, after a colon (`推出12条措施：一是…；二是…`).
    let after_name = pkg.name.as_ref().map_or(announcement.0, |(sp, _)| sp.1);
    let colon = (after_name..announcement.1).find(|&k| matches!(cs[k], '：' | ':'));
    let package_name = pkg
        .name
        .as_ref()
        .map(|(_, n)| n.trim_matches(|c| c == '“' || c == '”').to_string());
    let announce_para = paragraph_of(cs, pkg.sentence.0);

    // Pass 1: the item segments of every sentence from the announcement's paragraph on, and
    // whether each sentence speaks of the package as a whole.
    struct Read {
        sentence: Span,
        para: usize,
        /// Each item's span, and the span its title is read from (the same span unless a
        /// numbered heading names the item: `一是发放消费券。市财政安排…`).
        items: Vec<(Span, Span)>,
        about_package: bool,
        /// The sentence is the body of an item whose heading came before it.
        continues_item: bool,
        /// The sentence opens with a list number (`（二）`, `二是`): the list goes on here.
        numbered: bool,
    }
    let mut reads: Vec<Read> = Vec::new();
    let mut ended_paragraph = None;
    // The item whose heading is open: (index in `reads`, paragraph of its last part, whether
    // the heading stood alone as a paragraph, so its body is the next paragraph).
    let mut open_heading: Option<(usize, usize, bool)> = None;
    for &s in sentences {
        let para = paragraph_of(cs, s.0);
        if para < announce_para {
            continue;
        }
        let quote = t.quote(s);
        // `上述措施自印发之日起施行…` speaks of the whole package: its dates, not an item.
        let about_package =
            refers_to_package(&quote, package_name.as_deref()) && t.values(s).is_empty();
        let listed = if s == announcement {
            colon
                .filter(|&c| c + 1 < s.1)
                .map(|c| (c + 1, s.1))
                .or_else(|| provision_after_title(t, &pkg, s))
        } else if about_package || ended_paragraph == Some(para) {
            None
        } else {
            Some(s)
        };
        let numbered = numbered_marker(cs, s.0).is_some();
        let mut items = Vec::new();
        let mut continues_item = false;
        let body_of = open_heading
            .filter(|&(_, hp, alone)| !numbered && (para == hp || (alone && para == hp + 1)));
        let batch_of = reads
            .last()
            .filter(|r| !r.items.is_empty() && opens_batch(cs, s.0))
            .map(|_| reads.len() - 1);
        match listed {
            // `第一批于5月15日至6月15日发放，第二批…`: the batches of the item before, its dates.
            Some(l) if l == s && batch_of.is_some() => {
                let hi = batch_of.unwrap_or_default();
                let mut b = s.1;
                while b > s.0 && matches!(cs[b - 1], '。' | '；' | ';' | '，') {
                    b -= 1;
                }
                if let Some(item) = reads[hi].items.last_mut() {
                    item.0 .1 = b;
                }
                open_heading = None;
                continues_item = true;
            }
            Some(l) if l == s && item_heading(t, s).is_some() => {
                let h = item_heading(t, s).unwrap_or(s);
                items.push((h, h));
                open_heading = Some((reads.len(), para, is_heading(cs, s)));
            }
            Some(_) if body_of.is_some() => {
                let (hi, _, _) = body_of.unwrap_or_default();
                let mut b = s.1;
                while b > s.0 && matches!(cs[b - 1], '。' | '；' | ';' | '，') {
                    b -= 1;
                }
                if let Some(item) = reads[hi].items.first_mut() {
                    item.0 .1 = b;
                }
                open_heading = Some((hi, para, false));
                continues_item = true;
            }
            Some(l) => {
                open_heading = None;
                let (segments, ended) = item_segments(t, l);
                items = segments
                    .into_iter()
                    .filter(|&seg| is_item(t, seg, seg))
                    .map(|seg| (seg, seg))
                    .collect();
                if ended {
                    ended_paragraph = Some(para);
                }
            }
            None => open_heading = None,
        }
        reads.push(Read {
            sentence: s,
            para,
            items,
            about_package,
            continues_item,
            numbered,
        });
    }
    // A heading with its body is an item when the whole enacts something.
    for r in &mut reads {
        r.items.retain(|&(span, title)| is_item(t, span, title));
    }

    // The package's extent: from the announcement through its items and the sentences about
    // it that follow; two paragraphs of context are allowed before the first item. Whatever
    // comes after is left to the single-measure rules (a digest of news, or an issue the
    // importer could not split into articles).
    let mut last_para = announce_para;
    let mut seen_items = false;
    // Paragraphs passed over inside the extent: a statistic set between two parts of the
    // package (a page jump, an aside), whose sentences stay single-measure material.
    let mut skipped: Vec<usize> = Vec::new();
    let mut paras: Vec<usize> = reads.iter().map(|r| r.para).collect();
    paras.dedup();
    for p in paras {
        let in_para = reads.iter().filter(|r| r.para == p);
        let has_items = in_para
            .clone()
            .any(|r| !r.items.is_empty() || r.continues_item);
        let about = in_para.clone().any(|r| r.about_package);
        // A numbered paragraph goes on with the list even when its item was not recognised;
        // so does a question of a Q&A (`问：新规何时施行？`) between answers.
        let numbered = in_para.clone().any(|r| {
            r.numbered || {
                let q = t.quote(r.sentence);
                q.starts_with("问：") || q.ends_with(['？', '?'])
            }
        });
        let keep = p == announce_para
            || has_items
            || (seen_items && numbered)
            || (seen_items && about)
            || (!seen_items && p <= announce_para + 2);
        if !keep {
            // The package goes on past this paragraph when one of the next two names it
            // (`《措施》自印发之日起施行`), as after a page jump (`（上接第3版）`).
            let named_later = seen_items
                && reads
                    .iter()
                    .any(|r| r.para > p && r.para <= p + 2 && r.about_package);
            if named_later {
                skipped.push(p);
                continue;
            }
            break;
        }
        seen_items |= has_items;
        last_para = p;
    }
    skipped.retain(|&p| p < last_para);
    if !seen_items {
        // No listed items: the package is the announcement and what speaks of it.
        last_para = reads
            .iter()
            .filter(|r| r.para == announce_para || r.about_package)
            .take_while(|r| r.para <= announce_para + 2)
            .map(|r| r.para)
            .max()
            .unwrap_or(announce_para);
    }

    // Pass 2: children and the package's own period, inside the extent.
    let mut children: Vec<Draft> = Vec::new();
    let mut period_sources = Vec::new();
    // `方案明确，2024年1月1日至12月31日，对购置…`: a period opening the document's first
    // provision, right after the lead-in that names the document, is the document's period
    // (used when nothing else dates the package).
    let mut framing: Option<(Vec<Span>, DatePeriod)> = None;
    for r in reads
        .iter()
        .filter(|r| r.para <= last_para && !skipped.contains(&r.para))
    {
        let s = r.sentence;
        let quote = t.quote(s);
        let refers_to_policy = ["政策", "措施", "办法", "规定", "意见", "通知"]
            .iter()
            .any(|w| quote.contains(w))
            || package_name
                .as_ref()
                .is_some_and(|n| quote.contains(n.as_str()));
        if s == announcement {
            // The announcement's own dates, not those of the items listed after its colon.
            period_sources.extend(t.periods((s.0, colon.unwrap_or(s.1))));
        } else if r.about_package
            || (refers_to_policy
                && r.items.is_empty()
                && !r.continues_item
                && !matches!(t.kind(s), SentenceKind::Report | SentenceKind::Business))
        {
            // A sentence holding items states their dates (`根据措施，…缓缴期限实施到2022年底`),
            // not the package's.
            period_sources.extend(t.periods(s));
        }
        // `2024年4月24日至12月31日，个人消费者…给予每辆1万元补贴；购买燃油乘用车的，给予每辆
        // 7000元补贴`: a period the sentence opens with governs every item split from it.
        let mut leading: Option<(Vec<Span>, DatePeriod)> = None;
        for (n, &(seg, title)) in r.items.iter().enumerate() {
            let mut child = Draft::new("package_item", seg);
            child.title = clip_title(&t.quote(first_cell(cs, title)));
            child.value = t.benefit_value(seg);
            child.issuer = find_issuer(cs, seg.0, seg.1, t.city);
            child.beneficiaries = find_beneficiaries(cs, seg.0, seg.1);
            let own = t.periods(seg);
            child.period_spans = own.iter().map(|(sp, _)| *sp).collect();
            child.period = merge(t, &own);
            if children.is_empty() && framing.is_none() && n == 0 {
                let names_document = title.0 >= s.0 + 4
                    && ["方案", "办法", "细则", "通知", "意见", "规定"]
                        .iter()
                        .any(|d| at(cs, s.0, d))
                    && ["明确", "规定", "提出"].iter().any(|v| at(cs, s.0 + 2, v));
                if names_document && own.first().is_some_and(|((a, _), _)| *a <= title.0 + 2) {
                    framing = Some((child.period_spans.clone(), child.period.clone()));
                }
            }
            if n == 0 && own.first().is_some_and(|((a, _), _)| a - seg.0 <= 2) {
                leading = Some((child.period_spans.clone(), child.period.clone()));
            } else if let (true, Some((spans, period))) = (own.is_empty(), &leading) {
                child.period = period.clone();
                child.period_spans = spans.clone();
                child.inherited.push("dates");
            }
            // Batches given one after another (`第一批…，第二批…`) run until the last ends.
            let batched = (seg.0 + 1..seg.1)
                .any(|k| matches!(cs[k - 1], '。' | '，' | '；') && opens_batch(cs, k));
            if let Some(last) = own
                .iter()
                .filter(|_| batched)
                .filter(|(_, p)| p.end.is_some())
                .max_by_key(|(_, p)| p.end)
            {
                child.period.end = last.1.end;
                child.period.end_precision = last.1.end_precision;
                child.period.end_inferred = last.1.end_inferred;
            }
            child.category = Some(categorize(&t.quote(seg)));
            // `…每台补贴不超过2000元。家电补贴即日起至售完为止。`: an item that is a period and
            // a short subject (at most 6 characters besides the dates and punctuation; no
            // figure, no beneficiary) gives the dates of the item before, when that one has
            // none. `暂停收取城市道路占用费，为期三个月` says what is done: an item of its own.
            let dated: usize = own.iter().map(|((a, b), _)| b - a).sum();
            let words = cs[seg.0..seg.1]
                .iter()
                .filter(|c| !"，。；、,;".contains(**c))
                .count();
            let only_dates = child.value.is_none()
                && child.beneficiaries.is_empty()
                && !own.is_empty()
                && words.saturating_sub(dated) <= 6
                && child.inherited.is_empty();
            // `奖补资金每年6月集中申报`, `奖励资金每年6月集中兑现`: when to apply or be paid,
            // with no figure and no one it is for, is how the package is run, not an item.
            if child.value.is_none() && child.beneficiaries.is_empty() && {
                // The application is the predicate: the item ends with it (`推行“提前
                // 申报”等通关模式` is a measure).
                let end = (seg.0..seg.1)
                    .rev()
                    .find(|&k| !"，。；、,;".contains(cs[k]))
                    .map_or(seg.0, |k| k + 1);
                // `补贴资金年底前兑付到位`: done as a result, the same predicate.
                let end = if end >= seg.0 + 4 && ["到位", "完毕"].iter().any(|w| at(cs, end - 2, w))
                {
                    end - 2
                } else {
                    end
                };
                end >= seg.0 + 2
                    && ["申报", "报送", "兑现", "兑付", "拨付"]
                        .iter()
                        .any(|w| at(cs, end - 2, w))
            } {
                continue;
            }
            // `单户年度累加补贴总额不超过30万元` after an item: a sentence that opens with one
            // recipient and states only a ceiling caps the grants before it; it is their
            // condition, as such a clause is when a segment is split on its figures.
            let ceiling_only = caps_each(cs, seg.0)
                && child.beneficiaries.is_empty()
                && own.is_empty()
                && child.value.as_ref().is_some_and(|v| {
                    matches!(
                        v.value,
                        MeasureValue::Amount {
                            bound: Bound::AtMost,
                            ..
                        }
                    )
                });
            if let Some(prev) = children.last_mut().filter(|_| ceiling_only) {
                prev.context_spans.push(seg);
                continue;
            }
            if let Some(prev) = children
                .last_mut()
                .filter(|p: &&mut Draft| only_dates && p.period.is_unknown())
            {
                prev.period = child.period;
                prev.period_spans = child.period_spans;
                continue;
            }
            children.push(child);
        }
    }
    let rest: Vec<Span> = sentences
        .iter()
        .copied()
        .filter(|&s| {
            let p = paragraph_of(cs, s.0);
            p < announce_para || p > last_para || skipped.contains(&p)
        })
        .collect();
    // `自印发之日起施行` counts from the day the document was issued, which the announcement
    // may state (`3月6日，市政府印发《…》`); the issue's date is only the fallback.
    if let (Some(day), Some(r)) = (announced_on(t, announcement), t.reference) {
        for (_, p) in &mut period_sources {
            let from_issuing = p.matched.as_ref().is_some_and(|m| {
                ["印发之日", "发布之日", "公布之日", "下发之日", "出台之日"]
                    .iter()
                    .any(|w| m.text.contains(w))
            });
            if from_issuing && p.start == Some(r) {
                p.start = Some(day);
                if let Some(len) = p.duration {
                    p.end = add_length(day, len);
                }
            }
        }
    }
    parent.period = merge(t, &period_sources);
    parent.period_spans = period_sources.iter().map(|(sp, _)| *sp).collect();
    // Only within the year the document's title names (`《2024年南阳市农机购置累加补贴实施
    // 方案》`): without it, a period opening the first provision is as often that
    // provision's own (`通知明确，2020年2月至6月，对…免征…`).
    let title_year: Option<i32> = pkg.name.as_ref().and_then(|(_, name)| {
        let ncs: Vec<char> = name.chars().collect();
        (0..ncs.len().saturating_sub(4)).find_map(|k| {
            (ncs[k + 4] == '年' && ncs[k..k + 4].iter().all(|c| c.is_ascii_digit()))
                .then(|| ncs[k..k + 4].iter().collect::<String>().parse().ok())
                .flatten()
        })
    });
    let in_title_year = |p: &DatePeriod| {
        title_year.is_some_and(|y| {
            p.start.is_some_and(|d| d.year() == y) && p.end.is_some_and(|d| d.year() == y)
        })
    };
    if let Some((spans, period)) =
        framing.filter(|(_, p)| parent.period.is_unknown() && in_title_year(p))
    {
        parent.period = period;
        parent.period_spans = spans;
    }
    // `《关于做好2023—2024学年学生资助工作的通知》`: a school year in the document's title is
    // the year the document governs, when nothing else dates the package. (Other dates in a
    // title name a plan or a list, `《2020年重点展会目录》`, and stay out.)
    if parent.period.is_unknown() {
        if let Some(((a, _), name)) = &pkg.name {
            let ncs: Vec<char> = name.chars().collect();
            let school = scan(&ncs, t.reference, false).into_iter().find(|(_, p)| {
                p.matched.as_ref().is_some_and(|m| m.text.contains("学年"))
                    && p.start.is_some()
                    && p.end.is_some()
            });
            if let Some(((x, y), p)) = school {
                // The span of a title includes its `《`.
                let a = if cs[*a] == '《' { a + 1 } else { *a };
                parent.period = p;
                parent.period_spans = vec![(a + x, a + y)];
            }
        }
    }

    for child in &mut children {
        if child.issuer.is_none() && parent.issuer.is_some() {
            child.issuer = parent.issuer.clone();
            child.issuer_in_headline = parent.issuer_in_headline;
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
    let (measure, parent_key) = to_input(t, &parent);
    let mut keys = vec![parent_key];
    let children = children
        .iter()
        .map(|c| {
            let (input, key) = to_input(t, c);
            keys.push(key);
            input
        })
        .collect();
    PackageTree {
        tree: MeasureTree { measure, children },
        keys,
        rest,
        date_spans: parent.period_spans,
    }
}

/// `我市召开新闻发布会，正式发布《…》`: the paper's own city announces the package when the
/// announcement names it as `我市` / `本市` and no issuer acts more plainly anywhere in the
/// article (the issuing verb may stand further than the issuer rules look).
fn local_subject(t: &Text, s: Span) -> Option<(Span, String)> {
    let city = t.city.filter(|c| c.ends_with('市'))?;
    let k = (s.0..s.1.saturating_sub(1)).find(|&k| at(&t.cs, k, "我市") || at(&t.cs, k, "本市"))?;
    Some(((k, k + 2), city.to_string()))
}

/// `上述措施`, `该政策`, `本办法`, `“十二条”`, `措施自…起施行`, `有效期至…`: the sentence is
/// about the whole package (the caller also requires that it states no figure).
/// The day an announcement says its document was issued: a day written alone before the
/// issuing verb (`3月6日，市政府印发《…》`, `日前` gives none), on or before the issue's date
/// and at most 60 days before it.
fn announced_on(t: &Text, announcement: Span) -> Option<chrono::NaiveDate> {
    let r = t.reference?;
    let cs = &t.cs[announcement.0..announcement.1];
    let title = cs.iter().position(|&c| c == '《').unwrap_or(cs.len());
    scan(cs, Some(r), true)
        .into_iter()
        .filter(|((_, b), _)| *b <= title)
        .filter_map(|(_, p)| match (p.kind, p.start, p.end) {
            (PeriodKind::Point, Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        })
        .find(|&d| d <= r && (r - d).num_days() <= 60)
}

fn refers_to_package(quote: &str, name: Option<&str>) -> bool {
    const DEICTIC: &[&str] = &["上述", "该", "本", "以上", "此次", "这些", "前述"];
    const NOUNS: &[&str] = &["措施", "政策", "办法", "意见", "规定", "条"];
    // `答：《规定》自…起施行`: the answer of a Q&A speaks as the sentence would alone.
    let quote = quote
        .strip_prefix("答：")
        .or_else(|| quote.strip_prefix("答:"))
        .unwrap_or(quote);
    let chars: Vec<char> = quote.chars().collect();
    let deictic = (0..chars.len()).any(|k| {
        DEICTIC.iter().any(|d| {
            at(&chars, k, d) && {
                let e = k + d.chars().count();
                // 该支持政策: up to four characters between the pointer and the noun.
                (e..(e + 5).min(chars.len())).any(|j| NOUNS.iter().any(|n| at(&chars, j, n)))
            }
        })
    });
    // 措施自发布之日起施行 / 有效期至…: the bare noun as subject, or a take-effect clause.
    // `措施明确，…` introduces one provision of the package: a lead-in, not its subject.
    let subject = NOUNS.iter().any(|n| {
        quote.strip_prefix(n).is_some_and(|rest| {
            !["明确", "规定", "提出", "指出"]
                .iter()
                .any(|v| rest.starts_with(v) && rest[v.len()..].starts_with(['，', '：', ':']))
        })
    });
    let takes_effect = ["有效期", "执行期", "实施期", "起施行", "起实施", "起执行"]
        .iter()
        .any(|w| quote.contains(w));
    deictic || subject || takes_effect || name.is_some_and(|n| quote.contains(n))
}

///
/// A term with no start of its own (`减免期限为3个月`, `为期6个月`) counts from the start the
/// article states elsewhere (`自2020年3月1日起`, `自即日起`, `自印发之日起`); with none, start
/// and end stay unknown and the term is kept as `duration`: the issue date is when the paper
/// printed the news, not when the relief began, and an invented start would read as stated.
pub(super) fn merge(t: &Text, found: &[(Span, DatePeriod)]) -> DatePeriod {
    let ps: Vec<DatePeriod> = found.iter().map(|(_, p)| p.clone()).collect();
    merge_list(t, &ps)
}

/// [`merge`] of periods without their spans.
fn merge_list(t: &Text, ps: &[DatePeriod]) -> DatePeriod {
    let term_only = ps.iter().any(|p| p.duration.is_some())
        && ps.iter().all(|p| p.start.is_none() && p.end.is_none());
    if !term_only {
        return merge_periods(ps, t.reference, &t.cs);
    }
    let mut out = merge_periods(ps, None, &t.cs);
    // `缓缴期限为3个月，自原纳税期限届满之日起计算`: the term runs from each beneficiary's own
    // date, not from any date the article states.
    if out.start_event.is_some() {
        return out;
    }
    if let (Some(from), Some(len)) = (article_start(t), out.duration) {
        out.start = from.start;
        out.start_precision = from.start_precision;
        out.start_inferred = from.start_inferred;
        out.end = from.start.and_then(|s| add_length(s, len));
        out.end_precision = from.start_precision;
        out.end_inferred = from.start_inferred;
        out.kind = PeriodKind::Range;
    }
    out
}

/// The first start the article states anywhere (`自…起`, `即日起`, `印发之日起`): a
/// period that opens without closing. Else the day the document was issued, when a sentence
/// with an issuing verb gives it (`3月6日，市政府印发《…》`; see [`announced_on`]).
fn article_start(t: &Text) -> Option<DatePeriod> {
    let stated = t
        .periods((0, t.cs.len()))
        .into_iter()
        .map(|(_, p)| p)
        .find(|p| p.kind == PeriodKind::From && p.start.is_some());
    if stated.is_some() {
        return stated;
    }
    let cs = &t.cs;
    let mut a = 0;
    while a < cs.len() {
        let b = (a..cs.len())
            .find(|&k| matches!(cs[k], '。' | '\n'))
            .map_or(cs.len(), |k| k + 1);
        if contains_any(cs, a, b, &["印发", "出台", "发布", "公布", "下发"]) {
            if let Some(day) = announced_on(t, (a, b)) {
                let mut p = DatePeriod::unknown();
                p.start = Some(day);
                p.start_precision = Some(DatePrecision::Day);
                p.kind = PeriodKind::From;
                return Some(p);
            }
        }
        a = b;
    }
    None
}

/// The issuer the headline names, for an article whose body names none: a headline often
/// carries the subject its lead leaves out (`市政府出台十条措施支持文旅业复苏` over `措施明确，…`).
/// The same rules as in the body: a body, or a place with an issuing verb after it.
pub(super) fn headline_issuer(t: &Text) -> Option<String> {
    let hs: Vec<char> = t.article.headline.trim().chars().collect();
    find_issuer(&hs, 0, hs.len(), t.city)
        .map(|(_, name)| name)
        .or_else(|| titled_national_body(&hs))
}

/// The first issuer anywhere in the article (the lead usually names it).
pub(super) fn first_issuer(t: &Text, sentences: &[Span]) -> Option<(Span, String)> {
    sentences
        .iter()
        .find_map(|&s| find_issuer(&t.cs, s.0, s.1, t.city))
}

/// The clauses of a sentence that states parallel measures, each for its own beneficiary
/// (`对小微企业，…一次性退还存量留抵税额；对制造业等6个行业企业，按月全额退还增量留抵税额`):
/// every part between `；` is a measure by itself and names who it is for (a beneficiary, or
/// opens with `对`). Otherwise the
/// sentence whole.
fn parallel_measures(t: &Text, s: Span) -> Vec<Span> {
    let cs = &t.cs;
    // Most sentences have no `；`: return at once.
    if !cs[s.0..s.1].contains(&'；') {
        return parallel_changes(t, s).unwrap_or_else(|| vec![s]);
    }
    let mut parts = Vec::new();
    let mut a = s.0;
    for (k, _) in cs
        .iter()
        .enumerate()
        .take(s.1)
        .skip(s.0)
        .filter(|(_, &c)| c == '；')
    {
        parts.push((a, k + 1));
        a = k + 1;
    }
    if a < s.1 {
        parts.push((a, s.1));
    }
    // `购买二套住房的，最高贷款额度提高至60万元`: a part with a clause ending in `的` names
    // who it is for as well as a beneficiary does; one that gives them more (`租期满3年的，
    // 再给予…补贴`) tops up the measure before it.
    let conditioned = |p: Span| {
        (p.0 + 1..p.1).any(|k| matches!(cs[k], '，' | ',') && cs[k - 1] == '的')
            && !contains_any(
                cs,
                p.0,
                p.1,
                &["再给予", "再奖励", "再补贴", "再补助", "再享受"],
            )
    };
    let parallel = parts.len() >= 2
        && parts.iter().all(|&p| {
            t.kind(p) == SentenceKind::Measure
                && (cs[p.0] == '对'
                    || conditioned(p)
                    || !find_beneficiaries(cs, p.0, p.1).is_empty())
        });
    if parallel {
        parts
    } else {
        vec![s]
    }
}

/// Verbs that change a price, rate or standard, read right before the figure they change by
/// or to (`下调0.02元`, `由60%提高到70%`, `调整为2.85%`).
const CHANGE_VERBS: &[&str] = &[
    "下调",
    "上调",
    "调低",
    "调高",
    "降低",
    "提高",
    "下降",
    "减少",
    "增加",
    "下浮",
    "上浮",
    "调整为",
    "调整至",
    "调整到",
    "降至",
    "降为",
    "提至",
    "提升至",
    "提升到",
];

/// Words that open a clause qualifying the change before it rather than stating another one:
/// a per-recipient cap (`每台补贴不超过2000元`, `单个企业最高…`), a total, a share of it
/// (`其中…`), a condition (`对…`, `凡…`, `按…`).
const QUALIFYING_OPENINGS: &[&str] = &[
    "每",
    // A cap per one of something (`单个企业最高…`, `单笔贷款…`); not `单` alone, which opens
    // objects of their own (`单缴存职工最高贷款额度`, `单位缴费比例`).
    "单个",
    "单户",
    "单家",
    "单笔",
    "单项",
    "单台",
    "单辆",
    "单人",
    "单次",
    "单张",
    "单套",
    "最高",
    "最多",
    "最低",
    "其中",
    "全年",
    "累计",
    "总额",
    "合计",
    "共计",
    "不超过",
    "不低于",
    "对",
    "凡",
    "按",
    "即",
    "也",
    "并",
    "且",
    "均",
    "从而",
    "同比",
    "比",
];

/// The object a clause changes (`居民用电价格` in `居民用电价格每千瓦时下调0.02元`), when the
/// clause is one change: an object of at least two characters that opens no qualification,
/// then a change verb, then (after an optional `由…` starting level) the clause's figure.
fn changed_object(t: &Text, c: Span) -> Option<Span> {
    let cs = &t.cs;
    let v = (c.0..c.1).find(|&k| eat(cs, k, CHANGE_VERBS).is_some())?;
    let values = t.values(c);
    if !values.iter().any(|x| x.start >= v) {
        return None;
    }
    // The object ends before a unit (`每千瓦时`) or a starting level (`由60%`).
    let end = (c.0..v)
        .find(|&k| matches!(cs[k], '每' | '由'))
        .unwrap_or(v);
    let han = cs[c.0..end]
        .iter()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(*c))
        .count();
    (han >= 2
        && eat(cs, c.0, QUALIFYING_OPENINGS).is_none()
        && !cs[c.0..end].contains(&'的')
        && values.iter().all(|x| x.start >= c.0 && x.start >= end))
    .then_some((c.0, end))
}

/// The parts of a sentence stating parallel changes between commas, each of its own object
/// by its own figure (`居民用电价格每千瓦时下调0.02元，非居民用气价格每立方米下调0.3元` → two),
/// or `None`. A clause that qualifies the change before it (a cap, a share, a condition, the
/// level the same rate reaches: `利率下调0.25个百分点，5年以上贷款利率调整为2.85%`) is no
/// part of its own: two objects with the same last word (`利率`) must change by figures of the
/// same kind. Clauses before the first change (`自今年10月1日起，`) stay with the first part;
/// a clause after a change that changes nothing (`执行至明年4月30日`) stays with its part.
fn parallel_changes(t: &Text, s: Span) -> Option<Vec<Span>> {
    let cs = &t.cs;
    // Cheap test first: two change verbs at least, and a comma.
    if !cs[s.0..s.1].contains(&'，') {
        return None;
    }
    let mut clauses = Vec::new();
    let mut a = s.0;
    for k in (s.0..s.1).filter(|&k| matches!(cs[k], '，' | ',')) {
        clauses.push((a, k + 1));
        a = k + 1;
    }
    if a < s.1 {
        clauses.push((a, s.1));
    }
    let verbs = (s.0..s.1)
        .filter(|&k| eat(cs, k, CHANGE_VERBS).is_some())
        .count();
    if verbs < 2 {
        // Clauses with a digit each, at least two, before looking for whom each is for.
        let with_figures = clauses
            .iter()
            .filter(|c| cs[c.0..c.1].iter().any(|ch| ch.is_ascii_digit()))
            .count();
        return (with_figures >= 2)
            .then(|| parallel_subjects(t, s, &clauses))
            .flatten();
    }
    let changes: Vec<(Span, Span)> = clauses
        .iter()
        .filter_map(|&c| changed_object(t, c).map(|o| (c, o)))
        .collect();
    if changes.len() < 2 {
        return parallel_subjects(t, s, &clauses);
    }
    let kind_of = |c: Span| {
        t.values(c)
            .first()
            .map(|v| std::mem::discriminant(&v.value))
    };
    for pair in changes.windows(2) {
        let ((c1, o1), (c2, o2)) = (pair[0], pair[1]);
        let (w1, w2) = (t.quote(o1), t.quote(o2));
        if w1 == w2 {
            return None;
        }
        let last = |w: &str| w.chars().rev().take(2).collect::<String>();
        if last(&w1) == last(&w2) && kind_of(c1) != kind_of(c2) {
            return None;
        }
    }
    measure_parts(t, s, changes.iter().skip(1).map(|(c, _)| c.0))
}

/// Sentence `s` cut at `cuts` (in order, inside it): the parts, if each states a measure.
fn measure_parts(t: &Text, s: Span, cuts: impl Iterator<Item = usize>) -> Option<Vec<Span>> {
    let bounds: Vec<usize> = std::iter::once(s.0).chain(cuts).chain([s.1]).collect();
    let parts: Vec<Span> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    parts
        .iter()
        .all(|&p| t.kind(p) == SentenceKind::Measure)
        .then_some(parts)
}

/// The parts of a sentence giving each kind of beneficiary its own figure between commas
/// (`大型企业按…的30%返还，中小微企业返还比例提高至60%` → two), or `None`. Each part opens with
/// a beneficiary no other part names, nor one inside another's name (`企业` after
/// `中小微企业` is the same firms: a term of the same measure), and carries a figure.
fn parallel_subjects(t: &Text, s: Span, clauses: &[Span]) -> Option<Vec<Span>> {
    let cs = &t.cs;
    let mut heads: Vec<(usize, String)> = Vec::new();
    for &c in clauses {
        // Only the clause's head is read: a beneficiary with its modifiers is short.
        if !cs[c.0..c.1].iter().any(|ch| ch.is_ascii_digit()) {
            continue;
        }
        // `我市符合条件的制造业中型企业…`: the place and `符合条件的` before the beneficiary
        // leave it the clause's head (session 11).
        let from = eat(cs, c.0, &["我市", "本市", "全市"]).unwrap_or(c.0);
        let from = eat(cs, from, &["符合条件的", "符合规定的"]).unwrap_or(from);
        let head = (from + 12).min(c.1);
        let found = find_beneficiaries(cs, from, head);
        let Some((_, name)) = found.into_iter().find(|((a, _), _)| *a == from) else {
            continue;
        };
        if t.values(c).is_empty() {
            continue;
        }
        heads.push((c.0, name));
    }
    if heads.len() < 2 {
        return None;
    }
    for (n, (_, a)) in heads.iter().enumerate() {
        if heads[n + 1..]
            .iter()
            .any(|(_, b)| a.contains(b.as_str()) || b.contains(a.as_str()))
        {
            return None;
        }
    }
    measure_parts(t, s, heads.iter().skip(1).map(|(k, _)| *k))
}

/// The lead of a sentence split into parallel parts: its clauses before the first that enacts
/// something (`自今年10月1日起，`). The periods and beneficiaries it states govern every part
/// (`自今年10月1日起，居民用电价格…下调0.02元，非居民用气价格…下调0.3元`: both from 1 October).
fn sentence_lead(t: &Text, first_part: Span) -> Option<Span> {
    let cs = &t.cs;
    let mut a = first_part.0;
    for k in (first_part.0..first_part.1).filter(|&k| matches!(cs[k], '，' | ',')) {
        if t.kind((a, k + 1)) == SentenceKind::Measure {
            break;
        }
        a = k + 1;
    }
    (a > first_part.0).then_some((first_part.0, a))
}

/// The clause after `s` in `clauses`, if any.
fn next_clause(clauses: &[(Span, Option<Span>, bool)], s: Span) -> Option<Span> {
    let n = clauses.iter().position(|(c, ..)| *c == s)?;
    clauses.get(n + 1).map(|(c, ..)| *c)
}

fn single_measures(t: &Text, sentences: &[Span]) -> Vec<Draft> {
    let cs = &t.cs;
    let mut out: Vec<Draft> = Vec::new();
    let mut open: Option<usize> = None; // index in `out` still taking conditions
                                        // Each clause with the lead of the sentence it was split from, for the parts after the
                                        // first (`None` for a whole sentence or a first part).
    let clauses: Vec<(Span, Option<Span>, bool)> = sentences
        .iter()
        .flat_map(|&s| {
            let parts = parallel_measures(t, s);
            let lead = (parts.len() > 1)
                .then(|| sentence_lead(t, parts[0]))
                .flatten();
            // Parts between `；` each name who they are for: the lead's beneficiaries are the
            // first part's (`对购置水稻插秧机的农户，…；对购置植保无人机的，…`). Parts between
            // commas share them (`对特困人员，A提高至…，B降低…`).
            let shared = !cs[s.0..s.1].contains(&'；');
            parts
                .into_iter()
                .enumerate()
                .map(move |(n, p)| (p, lead.filter(|_| n > 0), shared))
        })
        .collect();
    for &(s, lead, shared) in &clauses {
        if is_heading(cs, s) {
            // A heading starts a new topic: nothing after it is a condition of what came before.
            open = None;
            continue;
        }
        let mut kind = t.kind(s);
        // A measure sentence with no figure of its own that refers back (`凡…`, `此轮消费券…`)
        // states the conditions of the open measure, not a new one.
        // So does one that states the figure the open measure lacks (`我市试行…办法` then
        // `办法规定，…按每人每年200元标准给予保费补助`).
        // And so does the budget of the same instrument (`补贴资金总额2000万元，用完即止`).
        let total = ["总额", "总计", "共计", "合计", "总规模"]
            .iter()
            .any(|w| t.quote(s).contains(w));
        if kind == SentenceKind::Measure
            && open.is_some_and(|o| t.values(s).is_empty() || out[o].value.is_none() || total)
            && refers_back(t, s, out[open.unwrap_or(0)].anchor)
        {
            kind = SentenceKind::Other;
        }
        // `…减免租金。减免期限为3个月。`: a sentence stating only the term of the open measure
        // (a period under a term word, no figure, no beneficiary) is its condition.
        if kind == SentenceKind::Measure
            && open.is_some()
            && contains_any(cs, s.0, s.1, &["期限", "有效期", "为期"])
            && t.values(s).is_empty()
            && find_beneficiaries(cs, s.0, s.1).is_empty()
            && !t.periods(s).is_empty()
        {
            kind = SentenceKind::Other;
        }
        match kind {
            SentenceKind::Measure => {
                let mut d = Draft::new("measure", s);
                d.title = clip_title(&t.quote(s));
                d.value = t.benefit_value(s);
                d.issuer = find_issuer(cs, s.0, s.1, t.city);
                d.beneficiaries = find_beneficiaries(cs, s.0, s.1);
                let own = t.periods(s);
                d.period_spans = own.iter().map(|(sp, _)| *sp).collect();
                // Batches: from the first batch to the end of the last (their dates are
                // single days, which alone say nothing of the period).
                match batch_period(t, s, next_clause(&clauses, s)) {
                    Some((p, spans)) => {
                        d.period = p;
                        d.period_spans = spans;
                    }
                    None => d.period = merge(t, &own),
                }
                d.category = Some(categorize(&t.quote(s)));
                // `此外，购买新能源汽车的，每辆车再给予1000元补贴`: a further measure of the same
                // instrument, stating no dates, runs as long as the one before it.
                // A part of a sentence split into parallel measures takes the dates and
                // beneficiaries of the sentence's lead when it states none.
                if let Some(lead) = lead {
                    let lead_periods = t.periods(lead);
                    if own.is_empty() && !lead_periods.is_empty() {
                        d.period = merge(t, &lead_periods);
                        d.period_spans = lead_periods.iter().map(|(sp, _)| *sp).collect();
                        d.inherited.push("dates");
                    }
                    if d.beneficiaries.is_empty() && shared {
                        d.beneficiaries = find_beneficiaries(cs, lead.0, lead.1);
                        if !d.beneficiaries.is_empty() {
                            d.inherited.push("beneficiaries");
                        }
                    }
                }
                if let Some(prev) = open.map(|o| &out[o]) {
                    if d.inherited.is_empty() && own.is_empty() && refers_back(t, s, prev.anchor) {
                        d.period = prev.period.clone();
                        d.period_spans = prev.period_spans.clone();
                        d.inherited.push("dates");
                    }
                    // `同时，居民采暖费每平方米下调1元，执行至明年4月30日` after `自今年10月1日
                    // 起，…`: "at the same time" starts when the measure before does, and so do
                    // the further parts of a sentence so opened.
                    let same_time = (at(cs, s.0, "同时")
                        || (lead.is_some() && prev.inherited.contains(&"start")))
                        && d.period.start.is_none()
                        && prev.period.start.is_some()
                        && d.period
                            .end
                            .is_none_or(|e| prev.period.start.is_some_and(|p| p <= e));
                    if same_time && d.inherited.is_empty() {
                        d.period.start = prev.period.start;
                        d.period.start_precision = prev.period.start_precision;
                        d.period.start_inferred = prev.period.start_inferred;
                        d.period.kind = if d.period.end.is_some() {
                            PeriodKind::Range
                        } else {
                            PeriodKind::From
                        };
                        d.period_spans.extend(prev.period_spans.iter().copied());
                        d.inherited.push("start");
                    }
                    // `…自2024年12月1日至2025年2月28日，门票实行半价优惠。60周岁以上老年人凭有效
                    // 证件免费游览。`: a further measure right after a dated one, stating no
                    // dates of its own, is part of the same announcement and runs as long as
                    // it. Only when that one states when it starts: a deadline alone is the
                    // term of its own instrument (`缓缴实施期限到2022年底`), not the next
                    // one's. `此外`, `另外` add a matter of their own and inherit nothing.
                    // Not another body's (`记者从市税务局获悉，…` after the housing bureau's
                    // grant), nor the next bullet of a digest (`■ …`): those are other news.
                    let other_issuer = d
                        .issuer
                        .as_ref()
                        .is_some_and(|(_, n)| prev.issuer.as_ref().is_none_or(|(_, p)| p != n));
                    // Read only when the rest holds: it scans back to the line's start.
                    let bullet = || {
                        let line = cs[..s.0]
                            .iter()
                            .rposition(|&c| c == '\n')
                            .map_or(0, |k| k + 1);
                        cs.get(line).is_some_and(|c| "■●◆★□○◇☆◎•".contains(*c))
                    };
                    let further = d.inherited.is_empty()
                        && own.is_empty()
                        && d.period.is_unknown()
                        && prev.period.start.is_some()
                        && !other_issuer
                        && !["此外", "另外", "另"].iter().any(|w| at(cs, s.0, w))
                        && !bullet();
                    if further {
                        d.period = prev.period.clone();
                        d.period_spans = prev.period_spans.clone();
                        d.inherited.push("dates");
                    }
                }
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
                let batches = (d.period.start.is_none() || d.period.end.is_none())
                    .then(|| batch_period(t, s, next_clause(&clauses, s)))
                    .flatten();
                if let Some((p, spans)) = batches {
                    d.period = p;
                    d.period_spans.extend(spans);
                    used = true;
                } else if !periods.is_empty()
                    && (d.period.start.is_none() || d.period.end.is_none())
                {
                    let mut all: Vec<DatePeriod> = vec![d.period.clone()];
                    all.retain(|p| !p.is_unknown());
                    all.extend(periods.iter().map(|(_, p)| p.clone()));
                    d.period = merge_list(t, &all);
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
                    if let Some(v) = t.benefit_value(s) {
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
    // The issuer of a measure that names none is the article's (the lead usually names it),
    // else the one its headline names.
    let fallback = first_issuer(t, sentences);
    let headline = || headline_issuer(t);
    for d in &mut out {
        if d.issuer.is_none() {
            d.issuer = fallback.clone();
            if d.issuer.is_none() {
                d.issuer = headline().map(|n| ((0, 0), n));
                d.issuer_in_headline = d.issuer.is_some();
            }
        }
    }
    out
}

/// `发布《…实施方案》，…对…购置谷物烘干机的，每台再给予补贴1万元`, `发布…若干措施，对个人购买
/// 新能源乘用车的给予每辆3000元补贴`: the announcement goes on, after the document's title
/// or count and a comma, with a provision of its own (an item verb and a
/// typed figure: a grant, a rate), which is an item. Returns that part.
fn provision_after_title(t: &Text, pkg: &Package, s: Span) -> Option<Span> {
    let ((_, name_end), _) = pkg.name.as_ref()?;
    let comma = (*name_end..s.1).find(|&k| matches!(t.cs[k], '，' | ','))?;
    // `…《方案》，明确以工代赈项目…`: the verb of saying introduces the provision.
    let from = eat(&t.cs, comma + 1, &["明确", "提出", "规定", "要求"]).unwrap_or(comma + 1);
    let rest = (from, s.1);
    let typed = t
        .values(rest)
        .iter()
        .any(|v| !matches!(v.value, MeasureValue::Text { .. }));
    (typed && has_item_verb(&t.cs, rest.0, rest.1)).then_some(rest)
}

/// The period of a measure given in batches, from the dates of its batches in `s`
/// (`第一批5月1日、第二批5月15日、第三批6月1日`, `第一批于4月14日10时开抢，…第三批于6月16日
/// 10时开抢`): from the first batch's first day to the last batch's last day, plus the
/// validity of one batch when `s` or the sentence after it (`next`) states it (`每批有效期15天`,
/// `有效期为领券后15天`: a batch given on 1 June is spent by 15 June). Needs two batches with
/// dates; returns the period and the spans of the dates read.
fn batch_period(t: &Text, s: Span, next: Option<Span>) -> Option<(DatePeriod, Vec<Span>)> {
    let cs = &t.cs;
    // Cheap test first: the word for a batch, twice.
    let marks = (s.0..s.1).filter(|&k| matches!(cs[k], '批' | '轮')).count();
    if marks < 2 {
        return None;
    }
    let starts: Vec<usize> = (s.0..s.1)
        .filter(|&k| {
            (k == s.0
                || matches!(
                    cs[k - 1],
                    '，' | '、' | '；' | '：' | '。' | ',' | ';' | ':'
                ))
                && opens_batch(cs, k)
        })
        .collect();
    if starts.len() < 2 {
        return None;
    }
    let mut found: Vec<(Span, DatePeriod)> = Vec::new();
    for (n, &a) in starts.iter().enumerate() {
        // The batch's own words: up to the next batch or the sentence's end.
        let b = starts.get(n + 1).copied().unwrap_or(s.1);
        let first = scan(&cs[a..b], t.reference, true)
            .into_iter()
            .find(|(_, p)| p.start.is_some());
        if let Some(((x, y), p)) = first {
            found.push(((a + x, a + y), p));
        }
    }
    if found.len() < 2 {
        return None;
    }
    let (first, last) = (&found[0].1, &found[found.len() - 1].1);
    let mut p = first.clone();
    p.kind = PeriodKind::Range;
    p.duration = None;
    let last_day = last.end.or(last.start)?;
    p.end = Some(last_day);
    p.end_precision = last.end_precision.or(last.start_precision);
    p.end_inferred = last.end_inferred || last.start_inferred;
    // The validity of one batch: `有效期`, then at most six words (`为领券后`), then a length.
    let mut spans: Vec<Span> = found.iter().map(|(sp, _)| *sp).collect();
    for w in [Some(s), next].into_iter().flatten() {
        let Some(k) = (w.0..w.1).find(|&k| at(cs, k, "有效期")) else {
            continue;
        };
        let from = k + 3;
        let len = (from..(from + 7).min(w.1))
            .find_map(|j| parse_length(cs, j).filter(|(l, _)| l.months == 0 && l.days <= 93));
        if let Some((len, e)) = len {
            if let Some(end) = last.start.and_then(|d| add_length(d, len)) {
                p.end = Some(end);
                p.duration = Some(len);
                spans.push((k, e));
            }
        }
        break;
    }
    (p.end >= p.start).then_some((p, spans))
}

/// `第一批`, `第二轮`, `首批`: the sentence gives one batch of what was announced before.
fn opens_batch(cs: &[char], k: usize) -> bool {
    if at(cs, k, "首批") || at(cs, k, "首轮") {
        return true;
    }
    cs.get(k) == Some(&'第')
        && parse_int(cs, k + 1).is_some_and(|(_, j)| matches!(cs.get(j), Some('批' | '轮')))
}

/// Whether sentence `s` continues the measure anchored at `anchor`: it opens with a word
/// pointing back, or names the same instrument, or gives one of its batches.
fn refers_back(t: &Text, s: Span, anchor: Span) -> bool {
    let cs = &t.cs;
    if opens_batch(cs, s.0) {
        return true;
    }
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
        ],
    )
    .is_some()
    {
        return true;
    }
    // `同时，…` adds to what came before; with a figure of its own it is a measure of its own
    // (`同时，对不裁员的参保企业，稳岗返还比例由60%提高至90%`).
    // With a period of its own (`同时，…5月1日至12月31日期间可申请缓缴房产税…`) it is a
    // measure of its own too (session 11).
    if at(cs, s.0, "同时") && t.values(s).is_empty() && t.periods(s).is_empty() {
        return true;
    }
    // `缓缴期间免收滞纳金` after `…实施阶段性缓缴…`: the period of the relief announced.
    if s.1 >= s.0 + 4 && at(cs, s.0 + 2, "期间") {
        let word: String = cs[s.0..s.0 + 2].iter().collect();
        if t.quote(anchor).contains(&word) {
            return true;
        }
    }
    const TOPICS: &[&str] = &["消费券", "抽奖", "补贴", "奖补", "资金", "活动", "优惠"];
    let anchor_text = t.quote(anchor);
    let text = t.quote(s);
    // `办法规定，…` / `通知明确，…`: the content of the document the measure enacted.
    const DOCUMENTS: &[&str] = &["办法", "通知", "意见", "方案", "细则", "政策", "措施"];
    const SAYING: &[&str] = &["规定", "明确", "提出", "指出"];
    if DOCUMENTS.iter().any(|d| {
        text.starts_with(d)
            && anchor_text.contains(d)
            && SAYING.iter().any(|v| text[d.len()..].starts_with(v))
    }) {
        return true;
    }
    TOPICS
        .iter()
        .any(|w| anchor_text.contains(w) && text.contains(w))
}

/// A short title from a sentence: without a leading purpose clause (`为提振汽车消费，`),
/// lead-in (`近日，`, `据了解，`) or date clause, at most 60 chars.
pub(super) fn clip_title(s: &str) -> String {
    let mut s = s.trim().trim_end_matches(['。', '；', '，']);
    // The answer of a Q&A: `答：对…给予20万元购房补贴`.
    s = s
        .strip_prefix("答：")
        .or_else(|| s.strip_prefix("答:"))
        .unwrap_or(s);
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
            || ["获悉", "了解到", "介绍", "表示", "透露", "会议决定"]
                .iter()
                .any(|w| head.ends_with(w))
            || (n <= 12
                && head.chars().any(|c| c == '月' || c == '日')
                && head.chars().last().is_some_and(|c| c == '日' || c == '月'))
            // `自2021年11月1日起至2023年10月31日，`: the period, kept in the dates.
            || (n <= 28
                && (head.starts_with('自') || head.starts_with('从'))
                && head.contains('年')
                && head.ends_with(['日', '月', '起', '止']))
            // `越城区发展改革局发布消息，`: who said it, kept in the issuer.
            || head.ends_with("发布消息")
            // `按照国家统一部署，`, `根据省政府要求，`: the instruction followed (session 12).
            || follows_instruction(head);
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

/// Whether a clause only names the instruction or source what follows obeys: `按照国家统一部署`,
/// `根据省政府要求`, `依据《办法》`. A clause with a figure or a sum (`按照每人每月五百元的标准`)
/// states terms and is not one.
fn follows_instruction(clause: &str) -> bool {
    ["根据", "依据", "按照", "依照", "遵照"]
        .iter()
        .any(|w| clause.starts_with(w))
        && !clause
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '元' | '%' | '％' | '倍'))
}

/// The measure a draft stands for, and what its suggestion key was computed from.
fn to_input(t: &Text, d: &Draft) -> (MeasureInput, KeySource) {
    let aid = t.article.id;
    let span = |s: Span| SourceSpan {
        article_id: aid,
        start: s.0 as u32,
        end: s.1 as u32,
        quote: t.quote(s),
    };
    // The sentence or item the measure was read from comes first; field evidence follows in
    // text order.
    let mut spans: Vec<Span> = d.context_spans.clone();
    spans.extend(d.period_spans.iter().copied());
    if let Some(v) = &d.value {
        spans.push((v.start, v.end));
    }
    if let Some((s, _)) = &d.issuer {
        spans.push(*s);
    }
    spans.extend(d.beneficiaries.iter().map(|(s, _)| *s));
    spans.retain(|s| s.1 > s.0 && *s != d.anchor);
    spans.sort_unstable();
    spans.dedup();
    spans.insert(0, d.anchor);

    let mut notes = vec![format!("Suggested by rule “{}”.", d.rule)];
    let evidence = |label: &str, s: Span| format!("{label}: “{}” [{}..{}]", t.quote(s), s.0, s.1);
    for &s in &d.period_spans {
        notes.push(evidence("dates", s));
    }
    if d.period.open_ended {
        notes.push("dates: the end depends on an event, left unknown".into());
    }
    if let (None, Some(len)) = (d.period.start, d.period.duration) {
        // See `merge`: a term the article gives no start for.
        let term = match (len.months, len.days) {
            (m, 0) if m % 12 == 0 => format!("{} year(s)", m / 12),
            (m, 0) => format!("{m} month(s)"),
            (0, n) => format!("{n} day(s)"),
            (m, n) => format!("{m} month(s) {n} day(s)"),
        };
        notes.push(match &d.period.start_event {
            Some(event) => format!(
                "dates: a term of {term} counted from “{event}”, each beneficiary's own date, \
                 not a calendar date: left unknown"
            ),
            None => format!("dates: a term of {term} with no stated start, left unknown"),
        });
    }
    if let Some(v) = &d.value {
        notes.push(evidence("value", (v.start, v.end)));
    }
    match &d.issuer {
        Some(_) if d.issuer_in_headline => notes.push(format!(
            "issuer: from the headline “{}”",
            t.article.headline.trim()
        )),
        Some((s, _)) => notes.push(evidence("issuer", *s)),
        None => {}
    }
    for (s, _) in &d.beneficiaries {
        notes.push(evidence("beneficiaries", *s));
    }
    if !d.inherited.is_empty() {
        // A package's item inherits from the package; a single measure from the sentence or
        // the measure before it.
        let from = if d.rule == "measure" {
            "the sentence or the measure before"
        } else {
            "the package"
        };
        notes.push(format!("inherited from {from}: {}", d.inherited.join(", ")));
    }

    let (start, mut end) = (d.period.start, d.period.end);
    // An end before the start (an item's own start past the package's end) is dropped rather
    // than making the whole run fail the store's date rule.
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            end = None;
        }
    }
    let key = KeySource {
        rule: d.rule,
        article_id: aid,
        anchor: d.anchor,
        quote: t.quote(d.anchor),
    };
    let input = MeasureInput {
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
        suggestion_key: Some(key.key(aid)),
    };
    (input, key)
}

/// Whether the value ending at `end` (the first of `values`, which are in text order) names a
/// condition on a noun rather than what is given: `的` follows it (`10万元以下的`), perhaps
/// after an inclusion note and a range to another value (`10万元（含）至20万元的`).
fn qualifies(cs: &[char], values: &[FoundValue], end: usize) -> bool {
    let k = eat(cs, end, &["（含）", "(含)"]).unwrap_or(end);
    if cs.get(k) == Some(&'的') {
        return true;
    }
    if eat(cs, k, &["至", "到", "—", "-", "～", "~"]).is_some() {
        if let Some(next) = values
            .iter()
            .skip(1)
            .find(|w| w.start > k && w.start <= k + 2)
        {
            return qualifies(cs, &values[1..], next.end);
        }
    }
    // `安排比例达到1%（含）以上但未达到1.5%的，…按应缴费额的50%缴纳`: a figure in a condition
    // clause ending in `的`, with a figure after it (session 11).
    let c = (k..cs.len().min(k + 40))
        .find(|&j| matches!(cs[j], '，' | ',' | '；' | ';' | '。' | '\n' | '：' | ':'));
    c.is_some_and(|c| {
        matches!(cs[c], '，' | ',')
            && cs[c - 1] == '的'
            && values.iter().skip(1).any(|w| w.start > c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{find_values, parse_period};

    #[test]
    fn an_introducing_clause_is_not_part_of_the_item() {
        let cases = [
            ("措施明确，对企业给予补贴", "对企业给予补贴"),
            ("《若干措施》提出：免收3个月租金", "免收3个月租金"),
            ("其中，贷款利率下浮20%", "贷款利率下浮20%"),
            // Lead-ins one after another.
            (
                "在促进消费方面，《方案》提出，分三期发放消费券",
                "分三期发放消费券",
            ),
            ("在金融支持上，贷款利率下浮20%", "贷款利率下浮20%"),
            (
                "会议决定，对小规模纳税人免征增值税",
                "对小规模纳税人免征增值税",
            ),
            // The instruction followed (session 12).
            (
                "按照国家统一部署，我市对符合条件的小微企业退还留抵税额",
                "我市对符合条件的小微企业退还留抵税额",
            ),
            ("根据省政府要求，免收3个月租金", "免收3个月租金"),
            // Not an introduction: kept whole.
            (
                "按照每人每月五百元的标准，给予补贴",
                "按照每人每月五百元的标准，给予补贴",
            ),
            ("对小微企业，免收3个月租金", "对小微企业，免收3个月租金"),
            ("明确，免收", "明确，免收"),
            ("措施明确，", "措施明确，"),
        ];
        for (text, want) in cases {
            let cs: Vec<char> = text.chars().collect();
            let from = after_lead_in(&cs, 0, cs.len());
            assert_eq!(cs[from..].iter().collect::<String>(), want, "{text}");
        }
    }

    /// Pseudo-random text from the characters the rules react to: no rule may panic, and
    /// every suggestion must quote its article exactly, whatever the input.
    #[test]
    fn arbitrary_text_never_panics_and_spans_stay_exact() {
        let alphabet: Vec<char> = "0123456789０１.．/-—～%％元万亿年月日号时底初末旬季度半内前起至到止自从即发布之日有效期暂定为期个天周十百千零〇一二三四五六七八九两今明次去上下本当“”《》，。；：、（）市县省区政府局出台实行给予补贴下调减免执行标准要力争将累计签约企业消费者折以上不超过百分点立方米每价……"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let reference = chrono::NaiveDate::from_ymd_opt(2020, 4, 25).unwrap();
        for round in 0..400 {
            let len = (next() % 120) as usize + 1;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let _ = parse_period(&text, reference);
            let _ = find_values(&text);
            let article = Article {
                id: round,
                issue_id: 1,
                seq: 0,
                headline: String::new(),
                subheadings: vec![],
                byline: None,
                dateline: None,
                text: text.clone(),
                captions: vec![],
                layout_notes: vec![],
            };
            let issue = Issue {
                id: 1,
                publication: "株洲日报".into(),
                date: Some(reference),
                date_evidence: None,
                source_name: String::new(),
                sha256: String::new(),
                imported_at: String::new(),
                articles: vec![article],
            };
            let chars: Vec<char> = text.chars().collect();
            for tree in suggest_issue(&issue) {
                for m in std::iter::once(&tree.measure).chain(&tree.children) {
                    m.validate().unwrap_or_else(|e| panic!("{text}: {e}"));
                    for s in &m.sources {
                        let q: String = chars[s.start as usize..s.end as usize].iter().collect();
                        assert_eq!(q, s.quote, "{text}");
                    }
                }
            }
        }
    }

    /// The first measure suggested for each text under `headline` runs over the dates given.
    fn assert_first_measure_dates(
        headline: &str,
        cases: &[(&str, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)],
    ) {
        for &(text, start, end) in cases {
            let trees = suggest_issue(&issue_with(headline, text));
            let m = &trees.first().expect(text).measure;
            assert_eq!((m.effective_from, m.expires_on), (start, end), "{text}");
        }
    }

    fn issue_with(headline: &str, text: &str) -> Issue {
        Issue {
            id: 1,
            publication: "岳阳日报".into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 3, 20),
            date_evidence: None,
            source_name: String::new(),
            sha256: String::new(),
            imported_at: String::new(),
            articles: vec![Article {
                id: 9,
                issue_id: 1,
                seq: 0,
                headline: headline.into(),
                subheadings: vec![],
                byline: None,
                dateline: None,
                text: text.into(),
                captions: vec![],
                layout_notes: vec![],
            }],
        }
    }

    /// The importer suggests with positions as article ids and rebinds to the stored ids: the
    /// result must be what suggesting on the stored articles gives, keys included.
    #[test]
    fn a_value_qualifying_a_noun_is_not_what_the_measure_gives() {
        // Tiers by price: each tier's threshold qualifies the car, the subsidy is the value.
        let value_of = |text: &str| {
            let issue = issue_with("市政府出台措施促进汽车消费", text);
            let trees = suggest_issue(&issue);
            assert_eq!(trees.len(), 1, "{trees:#?}");
            match &trees[0].measure.value {
                Some(MeasureValue::Amount { amount, .. }) => amount.to_string(),
                other => panic!("{text}: {other:?}"),
            }
        };
        assert_eq!(
            value_of("对个人消费者购买新能源汽车给予补贴，10万元以下的每辆补贴3000元。"),
            "3000"
        );
        assert_eq!(
            value_of("对个人消费者购买新能源汽车给予补贴，10万元（含）至20万元的每辆补贴5000元。"),
            "5000"
        );
        // A share given by the verb right after it, in a `对…` clause.
        let issue = issue_with(
            "市人社局出台稳岗措施",
            "对符合条件的大型企业按企业及其职工上年度实际缴纳失业保险费的30%返还。",
        );
        let trees = suggest_issue(&issue);
        assert!(
            matches!(
                trees.first().and_then(|t| t.measure.value.as_ref()),
                Some(MeasureValue::Percentage { .. })
            ),
            "{trees:#?}"
        );

        // With nothing given after it, a threshold is still the only value there is.
        let cs: Vec<char> = "20万元以上的".chars().collect();
        let values = scan_values(&cs, 0, cs.len());
        assert!(qualifies(&cs, &values, values[0].end));
        let cs: Vec<char> = "每辆补贴3000元的标准".chars().collect();
        let values = scan_values(&cs, 0, cs.len());
        assert!(
            qualifies(&cs, &values, values[0].end),
            "a value before 的 qualifies"
        );
        let cs: Vec<char> = "每辆补贴3000元，".chars().collect();
        let values = scan_values(&cs, 0, cs.len());
        assert!(!qualifies(&cs, &values, values[0].end));
    }

    #[test]
    fn rebinding_to_other_article_ids_equals_suggesting_under_them() {
        let mut issue = issue_with(
            "岳阳出台十条措施助文旅企业纾困",
            "近日，岳阳市出台十条措施，支持文旅企业渡过难关。\n一是对旅行社暂退80%的旅游服务质量保证金；二是对A级景区给予每家最高20万元的奖补。",
        );
        let mut second = issue.articles[0].clone();
        second.text = "市财政局明确，自2020年4月1日起至12月31日，对小微企业减免房租3个月。\n全市已有120家企业受益。".into();
        issue.articles.push(second);
        for (pos, a) in issue.articles.iter_mut().enumerate() {
            a.id = pos as i64;
        }
        let stored_ids = [41, 57];
        let rebound = suggest_issue_keyed(&issue)
            .rebind(|pos| stored_ids.get(pos as usize).copied())
            .expect("every article has a stored id");
        let positional = suggest_issue(&issue);
        for (a, id) in issue.articles.iter_mut().zip(stored_ids) {
            a.id = id;
        }
        let stored = suggest_issue(&issue);
        assert!(stored.len() >= 2, "both articles suggest: {stored:#?}");
        assert_eq!(rebound, stored);
        assert_ne!(positional, stored, "the ids are part of sources and keys");
        assert_eq!(
            suggest_issue_keyed(&issue).rebind(|id| (id == 41).then_some(1)),
            None,
            "an article without a new id cannot be rebound"
        );
    }

    #[test]
    fn counted_package_is_titled_by_the_headline_and_split_on_numbered_items() {
        let issue = issue_with(
            "岳阳出台十条措施助文旅企业纾困",
            "近日，岳阳市出台十条措施，支持文旅企业渡过难关。\n一是对旅行社暂退80%的旅游服务质量保证金；二是对A级景区给予每家最高20万元的奖补；三是景区门票自4月1日起至6月30日实行半价优惠。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let pkg = &trees[0];
        assert_eq!(pkg.measure.title, "岳阳出台十条措施助文旅企业纾困");
        assert_eq!(pkg.measure.issuer.as_deref(), Some("岳阳市"));
        assert_eq!(pkg.children.len(), 3, "{:#?}", pkg.children);
        assert!(
            pkg.children[0].title.starts_with("对旅行社"),
            "marker stripped"
        );
        assert_eq!(
            pkg.children[1].value,
            Some(crate::model::MeasureValue::Amount {
                amount: 200_000.into(),
                currency: "CNY".into(),
                bound: crate::model::Bound::AtMost,
            })
        );
        let tickets = &pkg.children[2];
        assert_eq!(
            (tickets.effective_from, tickets.expires_on),
            (
                chrono::NaiveDate::from_ymd_opt(2020, 4, 1),
                chrono::NaiveDate::from_ymd_opt(2020, 6, 30)
            )
        );
    }

    #[test]
    fn an_unnamed_list_after_a_colon_is_a_package() {
        let issue = issue_with(
            "我市出台稳外贸举措",
            "3月18日，岳阳市出台稳外贸措施：对出口信用保险保费给予50%补贴；外贸企业贷款利率下调10%。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        assert_eq!(trees[0].measure.title, "我市出台稳外贸举措");
        assert_eq!(trees[0].children.len(), 2, "{trees:#?}");
    }

    #[test]
    fn a_notices_provisions_introduced_as_follows_are_a_package_issued_by_its_title() {
        // A reprinted document: its headline is its title, its text says `通知如下：`.
        let issue = issue_with(
            "财政部关于支持个体工商户复工复业的通知",
            "各省、自治区、直辖市财政厅：\n为支持个体工商户复工复业，现就有关事项通知如下：\n一、减免房屋租金。对承租国有房屋的个体工商户，免收3个月租金。\n二、降低融资成本。担保费率降至1%以下。\n三、本通知自发布之日起施行，有效期至2020年12月31日。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let p = &trees[0];
        assert_eq!(p.measure.title, "财政部关于支持个体工商户复工复业的通知");
        assert_eq!(p.measure.issuer.as_deref(), Some("财政部"));
        let titles: Vec<&str> = p.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["减免房屋租金", "降低融资成本"]);
        assert!(p
            .children
            .iter()
            .all(|c| c.expires_on == chrono::NaiveDate::from_ymd_opt(2020, 12, 31)));
    }

    #[test]
    fn rows_of_a_task_table_are_items_read_cell_by_cell() {
        let issue = issue_with(
            "我市出台促消费任务清单",
            "3月19日，岳阳市政府办公室印发《岳阳市促消费重点任务清单》。清单如下：\n序号 措施 责任单位 完成时限\n1 发放消费券2000万元 市商务局 2020年6月30日前\n2 对购买新能源汽车的给予每辆3000元补贴 市财政局 2020年12月31日前",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let rows: Vec<(&str, Option<&str>, Option<chrono::NaiveDate>)> = trees[0]
            .children
            .iter()
            .map(|c| (c.title.as_str(), c.issuer.as_deref(), c.expires_on))
            .collect();
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(
            rows,
            [
                ("发放消费券2000万元", Some("岳阳市商务局"), d(6, 30)),
                (
                    "对购买新能源汽车的给予每辆3000元补贴",
                    Some("岳阳市财政局"),
                    d(12, 31)
                ),
            ]
        );
    }

    #[test]
    fn a_policy_qa_has_its_answers_as_items_and_no_questions() {
        let issue = issue_with(
            "人才新政答问",
            "近日，岳阳市人民政府印发《岳阳市人才安居办法》。\n问：新引进人才购房有补贴吗？\n答：对新引进的博士研究生首次购房的，给予10万元购房补贴。\n问：新政何时施行？\n答：《办法》自2020年4月1日起施行，有效期三年。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let p = &trees[0];
        let titles: Vec<&str> = p.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["对新引进的博士研究生首次购房的，给予10万元购房补贴"]
        );
        assert_eq!(
            (p.measure.effective_from, p.measure.expires_on),
            (
                chrono::NaiveDate::from_ymd_opt(2020, 4, 1),
                chrono::NaiveDate::from_ymd_opt(2023, 3, 31)
            )
        );
    }

    #[test]
    fn a_package_only_the_headline_announces_lists_the_body_as_items() {
        let issue = issue_with(
            "市政府出台八条措施支持旅游业",
            "措施明确，全市A级景区门票免费开放至2020年12月31日。\n分批发放旅游消费券1000万元。第一批于4月1日至4月30日发放，第二批于6月1日至6月30日发放。\n对旅行社按每名游客30元给予奖励，单个旅行社全年最高奖励10万元。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let p = &trees[0];
        assert_eq!(p.measure.title, "市政府出台八条措施支持旅游业");
        assert_eq!(p.measure.issuer.as_deref(), Some("岳阳市人民政府"));
        let titles: Vec<&str> = p.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "全市A级景区门票免费开放至2020年12月31日",
                "分批发放旅游消费券1000万元",
                // The per-recipient cap is a condition of the grant, not an item.
                "对旅行社按每名游客30元给予奖励，单个旅行社全年最高奖励10万元",
            ]
        );
        // `全年最高` caps the grant per year: no period of the grant.
        assert_eq!(p.children[2].expires_on, None);
        // The batches are the coupons' dates: from the first's start to the last's end.
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2020, m, day);
        assert_eq!(
            (p.children[1].effective_from, p.children[1].expires_on),
            (d(4, 1), d(6, 30))
        );
        // A headline announcing nothing, over the same body, gives single measures.
        let plain = issue_with("旅游业加快复苏", &issue.articles[0].text);
        assert!(suggest_issue(&plain).iter().all(|t| t.children.is_empty()));
    }

    #[test]
    fn a_provision_after_cuoshi_mingque_is_an_item_unless_it_dates_the_policy() {
        // `措施明确，` leads into what the package provides; a sentence naming the policy's
        // period (`政策执行期至…`) still speaks of the whole package.
        let issue = issue_with(
            "",
            "3月15日，岳阳市发布支持汽车消费的若干措施，对个人购买新能源乘用车的给予每辆3000元补贴。\n措施明确，补贴资金由市、区两级财政按比例承担，政策执行期至今年6月30日。\n措施明确，全市国有景区门票免费开放至2020年12月31日。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1, "{trees:#?}");
        let p = &trees[0];
        assert_eq!(
            p.measure.expires_on,
            chrono::NaiveDate::from_ymd_opt(2020, 6, 30)
        );
        let titles: Vec<&str> = p.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "对个人购买新能源乘用车的给予每辆3000元补贴",
                "全市国有景区门票免费开放至2020年12月31日"
            ]
        );
    }

    #[test]
    fn a_relief_period_continues_the_relief_and_tongshi_with_a_figure_is_a_measure() {
        let issue = issue_with(
            "",
            "岳阳市对餐饮、零售等特困行业实施阶段性缓缴社会保险费政策，缓缴实施期限到2020年底。缓缴期间免收滞纳金。同时，对不裁员的参保企业，稳岗返还比例由60%提高至90%。",
        );
        let trees = suggest_issue(&issue);
        let titles: Vec<&str> = trees.iter().map(|t| t.measure.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles[0].contains("阶段性缓缴"), "{titles:?}");
        assert!(titles[1].contains("稳岗返还"), "{titles:?}");
        assert_eq!(
            trees[0].measure.value, None,
            "the 90% is not the deferral's"
        );
    }

    #[test]
    fn titles_leave_out_a_leading_period_and_who_gave_the_news() {
        let cases = [
            (
                "自2021年11月1日起至2023年10月31日，对小微企业减半收取不动产登记费。",
                "对小微企业减半收取不动产登记费",
            ),
            (
                "越城区发展改革局发布消息，对小微企业免收污水处理费",
                "对小微企业免收污水处理费",
            ),
            // What a meeting decided: the decision is the title.
            (
                "会议决定，对小规模纳税人免征增值税政策延续执行至2027年12月31日",
                "对小规模纳税人免征增值税政策延续执行至2027年12月31日",
            ),
            // The instruction followed (session 12); terms stated in such a clause stay.
            (
                "按照国家统一部署，我市符合条件的制造业中型企业可以延缓缴纳部分税费",
                "我市符合条件的制造业中型企业可以延缓缴纳部分税费",
            ),
            (
                "记者从市税务局获悉，根据省政府要求，对小微企业免收3个月租金",
                "对小微企业免收3个月租金",
            ),
            (
                "按照每人每月五百元的标准，给予补贴",
                "按照每人每月五百元的标准，给予补贴",
            ),
            // A clause that is the measure itself stays.
            ("自明年起实行新标准", "自明年起实行新标准"),
        ];
        for (sentence, want) in cases {
            assert_eq!(clip_title(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn a_count_of_other_things_is_not_a_package() {
        let issue = issue_with(
            "",
            "近日，岳阳市出台补贴政策，新建3条道路的企业给予50万元补贴。",
        );
        let trees = suggest_issue(&issue);
        assert_eq!(trees.len(), 1);
        assert!(trees[0].children.is_empty(), "{trees:#?}");
    }

    #[test]
    fn parallel_changes_between_commas_are_one_measure_each_and_qualifiers_are_not() {
        // (text, titles of the measures expected)
        let cases: &[(&str, &[&str])] = &[
            // Two objects, two figures: two measures, the second dated by the lead.
            (
                "自今年10月1日起，居民用电价格每千瓦时下调0.02元，非居民用气价格每立方米下调0.3元。",
                &["居民用电价格每千瓦时下调0.02元", "非居民用气价格每立方米下调0.3元"],
            ),
            (
                "住院报销比例由60%提高到70%，起付线降低200元。",
                &["住院报销比例由60%提高到70%", "起付线降低200元"],
            ),
            // The level the same rate reaches qualifies the change: one measure.
            (
                "自5月18日起，首套房公积金贷款利率下调0.25个百分点，5年以上贷款利率调整为2.85%。",
                &["自5月18日起，首套房公积金贷款利率下调0.25个百分点，5年以上贷款利率调整为2.85%"],
            ),
            // A per-recipient cap qualifies the grant: one measure.
            (
                "对购买家电的消费者按售价的15%给予补贴，每台补贴不超过2000元。",
                &["对购买家电的消费者按售价的15%给予补贴，每台补贴不超过2000元"],
            ),
            (
                "对新引进的企业给予贷款贴息50%，单个企业贴息最高不超过100万元。",
                &["对新引进的企业给予贷款贴息50%，单个企业贴息最高不超过100万元"],
            ),
            // Each kind of firm with its own figure: one measure each.
            (
                "大型企业按上年度实际缴纳失业保险费的30%返还，中小微企业返还比例提高至60%。",
                &["大型企业按上年度实际缴纳失业保险费的30%返还", "中小微企业返还比例提高至60%"],
            ),
            // The same firms again (`企业` inside `中小微企业`): a term of the same measure.
            (
                "中小微企业贷款利率下调0.5个百分点，企业贷款额度最高500万元。",
                &["中小微企业贷款利率下调0.5个百分点，企业贷款额度最高500万元"],
            ),
            // `单` opening an object of its own (single-earner households) is no cap.
            (
                "双缴存职工家庭最高贷款额度提高至80万元，单缴存职工最高贷款额度由40万元提高至60万元。",
                &["双缴存职工家庭最高贷款额度提高至80万元", "单缴存职工最高贷款额度由40万元提高至60万元"],
            ),
            // A clause that changes nothing stays with its part.
            (
                "水费每立方米下调0.1元，电费每千瓦时下调0.05元，执行至12月31日。",
                &["水费每立方米下调0.1元", "电费每千瓦时下调0.05元，执行至12月31日"],
            ),
        ];
        for &(text, want) in cases {
            let trees = suggest_issue(&issue_with("市发改委调整价格", text));
            let got: Vec<&str> = trees.iter().map(|t| t.measure.title.as_str()).collect();
            assert_eq!(got, want, "{text}");
        }
        // The second part takes the lead's start and says so.
        let trees = suggest_issue(&issue_with("市发改委调整价格", cases[0].0));
        let second = &trees[1].measure;
        assert_eq!(
            second.effective_from,
            chrono::NaiveDate::from_ymd_opt(2020, 10, 1)
        );
        assert!(second.notes.contains("inherited"), "{}", second.notes);
    }

    #[test]
    fn a_school_year_or_term_before_a_grant_is_its_period() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        // (text, start, end)
        let cases = [
            (
                "2020—2021学年，对家庭经济困难学生发放国家助学金，每生每年2000元。",
                day(2020, 9, 1),
                day(2021, 8, 31),
            ),
            (
                "今年秋季学期，对寄宿生每生每年补助生活费1000元。",
                day(2020, 9, 1),
                day(2021, 1, 31),
            ),
        ];
        assert_first_measure_dates("我市发放助学金", &cases);
    }

    #[test]
    fn batches_run_from_the_first_to_the_end_of_the_last() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d);
        // (text, start, end)
        let cases = [
            (
                "市商务局将分三批发放消费券：第一批5月1日、第二批5月15日、第三批6月1日，每批有效期15天。",
                day(5, 1),
                day(6, 15),
            ),
            // Without a validity the last batch's day ends it.
            (
                "市商务局分两批发放消费券1000万元，第一批于5月8日发放，第二批于6月8日发放。",
                day(5, 8),
                day(6, 8),
            ),
            // The validity in the next sentence counts too.
            (
                "市商务局分批发放消费券1000万元。第一批于5月8日10时开抢，第二批于6月8日10时开抢。消费券有效期为领券后10天。",
                day(5, 8),
                day(6, 17),
            ),
        ];
        assert_first_measure_dates("我市发放消费券", &cases);
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let reference = chrono::NaiveDate::from_ymd_opt(2020, 4, 25).unwrap();
        let long = "九".repeat(40);
        for text in [
            format!("{long}年"),
            format!("有效期{long}个月"),
            "有效期99999999999年".to_string(),
            "为期4294967295个月".to_string(),
            "为期4294967295周".to_string(),
        ] {
            let _ = parse_period(&text, reference);
        }
        for text in [
            format!("{long}亿亿亿亿亿亿亿元"),
            "99999999999999999999亿亿亿元".into(),
        ] {
            let _ = find_values(&text);
        }
    }
}
