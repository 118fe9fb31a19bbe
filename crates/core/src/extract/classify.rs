//! Telling a measure from everything else a newspaper prints about policy: directives and
//! intentions (`要千方百计…`, `力争…`, `将…`), reports and statistics (`截至…累计发放…`) and
//! business news (签约仪式, 入驻).
//!
//! Works sentence by sentence on cue words; a sentence is a measure only when an enacting
//! verb meets evidence of a concrete policy (a value, a period or a policy noun) and no
//! directive, report or business cue is present.

use super::numbers::at;
use std::sync::LazyLock;

/// What a sentence (or package item) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// Enacts or describes a policy in force.
    Measure,
    /// An order or intention (`要…`, `力争…`, a plan with `将…`).
    Directive,
    /// A report of results (`累计发放`, `已拉动`, `同比增长`).
    Report,
    /// Business news (`签约`, `入驻`, `开业`).
    Business,
    /// Anything else: context, conditions, background.
    Other,
}

/// Verbs that enact a measure.
pub(crate) const ENACTING: &[&str] = &[
    "出台",
    "印发",
    "实行",
    "给予",
    "补贴",
    "奖补",
    "下调",
    "上调",
    "减免",
    "免征",
    "减征",
    "减半",
    "缓缴",
    "免收",
    "返还",
    // `减按25%计算应纳税所得额`: taxed on a reduced base.
    "减按",
    "结算",
    "发放",
    "推行",
    "安排",
    "设立",
    "执行",
    "降低",
    "下降",
    "提高",
    "增加",
    "延长",
    "免费",
    "补助",
    "奖励",
    "实施",
    "推出",
    "施行",
    // Deferrals and suspensions of taxes and fees, in the words notices use for them.
    "延期缴纳",
    "延缓缴纳",
    "暂停收取",
    "暂停征收",
    "停征",
    "暂免",
    "免除",
    // A measure put in force on trial (`试行…办法，试行期两年`).
    "试行",
    // Refunds of taxes and fees (`一次性退还存量留抵税额`).
    "退还", // A standard set (`收费标准为3—5元`, `资助标准为每人500元`): it takes a value or the
    // noun `标准` as evidence, like any enacting verb.
    "标准为",
    "标准调整为",
    // A standard fixed by a rule (`基本生活标准按不低于当地低保标准的1.3倍确定`).
    "标准按",
    // A level fixed as a multiple of another, whatever its subject clause (`分散供养特困人员
    // 基本生活标准，按不低于当地城乡低保标准的1.3倍确定`: the comma keeps `标准按` apart).
    "倍确定",
    // A discount to the public in tenths of the price (`持卡乘车享受8折优惠`, `九折优惠`).
    "折优惠",
    // A further cut on top of another (`换乘的，第二程再减1元`), as `再给予` tops up a grant.
    "再减",
    // The same with `优惠` (`使用数字人民币支付的，每张再优惠5元`, session 11).
    "再优惠",
];

/// Whether the sentence only says when applications close (`今年农机购置补贴申请将于9月底前截止`,
/// `报名于6月30日结束`): its predicate, last in the sentence, is `截止` / `结束` / `停止受理`
/// and it names an application. The date is a deadline for applicants, not a measure; the
/// measure, when there is one, is stated in the sentences around it.
fn closes_applications(cs: &[char], from: usize, to: usize) -> bool {
    let mut b = to;
    while b > from && matches!(cs[b - 1], '。' | '！' | '；' | '，' | ' ') {
        b -= 1;
    }
    const CLOSING: &[&[char]] = &[&['截', '止'], &['结', '束'], &['停', '止', '受', '理']];
    let tail = CLOSING.iter().any(|w| cs[from..b].ends_with(w));
    tail && contains_any(cs, from, b, &["申请", "申报", "报名", "受理"])
}

/// A notice of road works or traffic control (`实行交通管制，禁止机动车通行`, `请过往车辆提前
/// 绕行`) is a public notice, not a policy measure, whatever its dates.
const TRAFFIC_NOTICE: &[&str] = &[
    "交通管制",
    "提前绕行",
    "注意绕行",
    "封闭施工",
    "禁止机动车通行",
    "禁止车辆通行",
    "断交施工",
];

/// Verbs that make a package item (`鼓励…`, `开展…`) on top of [`ENACTING`].
pub(crate) const ITEM_VERBS: &[&str] = &[
    "鼓励", "支持", "推动", "开展", "优化", "保障", "落实", "简化", "减少", "免", "降", "暂退",
    "缓征", "缓收", "缓交", "减收", "开通", "提供", "组织",
];

/// Verbs that name a concrete relief by themselves: waiving or deferring a charge needs no
/// figure to be a measure (`对参加招聘会的企业免收场地费`).
const RELIEF: &[&str] = &[
    "免收",
    "免征",
    "减免",
    "免除",
    "缓缴",
    "停征",
    "暂免",
    "减半",
    "延期缴纳",
    "暂停收取",
    // Free use of a facility or service normally paid for (`首2小时免费停放`, `景区免费开放`);
    // free tasting at an event (`市民可免费品尝`) is news, not relief.
    "免费开放",
    "免费停放",
    "免费停车",
    "免费乘坐",
    "免费游览",
    "免费入园",
    "免费使用",
];

/// Nouns that show a concrete policy is meant.
const POLICY_NOUNS: &[&str] = &[
    "政策",
    "措施",
    "补贴",
    "补助",
    "奖补",
    "奖励",
    "资金",
    "消费券",
    "优惠",
    "减免",
    "标准",
    "电价",
    "水价",
    "气价",
    "利率",
    "费率",
    "抽奖",
    "贴息",
    "办法",
    "细则",
    "十二条",
    "条",
    "税",
    "收费",
    "费用",
];

const DIRECTIVE: &[&str] = &[
    "千方百计",
    "力争",
    "争取",
    "务必",
    "必须",
    "应当",
    "应该",
    "努力",
    "谋划",
    "研究推出",
    "拟",
    "计划",
    "着力",
    "切实",
    "坚持",
    "确保",
    // `下一步，将开通…`: what comes next is a plan.
    "下一步",
    // `需要各部门拿出实招硬招`: what government bodies need to do is an exhortation (session 9;
    // a bare `需要` is as often a noun, `因施工需要`, or a statement, `需要各方配合`).
    "需要各部门",
    "需要各地",
    "需要各级",
    "需要相关部门",
    "需要我们",
];

const REPORT: &[&str] = &[
    "累计",
    "已拉动",
    "已发放",
    "已兑付",
    "已惠及",
    "已帮助",
    "已为",
    "已有",
    "共发放",
    "拉动",
    "带动",
    "同比增长",
    "预计",
    "成效",
    "已顺利",
    "至今已",
    "据统计",
    "统计显示",
    "数据显示",
    "今年以来",
    "年以来",
    "月以来",
    "日以来",
];

/// A statistic in any direction (`同比下降6.8%`, `同比分别下降41.3%和45.2%`): a report,
/// unless a verb in its clause makes it the target of a measure (`推动…综合融资成本同比下降
/// 0.5个百分点`).
const STATISTIC: &[&str] = &[
    "同比下降",
    "同比上升",
    "同比上涨",
    "同比减少",
    "同比分别",
    "环比增长",
    "环比下降",
];
const TARGETING: &[&str] = &["推动", "促进", "促使", "确保", "力争", "实现降低", "带动"];

fn reports_statistic(cs: &[char], from: usize, to: usize) -> bool {
    (from..to).any(|k| {
        // Every statistic word starts with 同 or 环: other characters return at once.
        matches!(cs[k], '同' | '环') && STATISTIC.iter().any(|w| at(cs, k, w)) && {
            let clause = (from..k)
                .rev()
                .find(|&j| matches!(cs[j], '，' | '；' | ',' | ';' | '：'))
                .map_or(from, |j| j + 1);
            !contains_any(cs, clause, k, TARGETING)
        }
    })
}

/// Verbs that hand out relief or money: after a past or cumulative marker (`已发放`,
/// `共为企业减免`) they report what was paid, not what will be.
const DELIVERY: &[&str] = &[
    "发放", "兑现", "兑付", "拨付", "减免", "享受", "惠及", "返还", "退还", "办理", "落实", "争取",
    "获得", "帮助", "为", "向", "减轻", "节约", "退税",
];

/// What a tally after `共` counts (`共引进总部企业36家`, `共新增就业1.2万人`).
const TALLIED: &[&str] = &[
    "引进", "新增", "培育", "吸引", "招引", "完成", "实现", "带动", "举办", "组织", "服务",
];

/// Years and spans that place a receipt in the past or the running year (`该合作社今年享受…`).
const PAST_TIME: &[&str] = &["今年", "去年", "上年", "此前", "近年来", "近年", "前年"];

/// Whether `cs[from..to]` reports money or relief already delivered, told as news:
/// - a past or cumulative marker (`已`, `已经`, `共`) then a delivery verb in its clause
///   (`全市已为2316户纳税人办理留抵退税58.6亿元`, `共为企业减免租金800万元`);
/// - `惠及` then a count (`惠及企业3000家`);
/// - a receipt (`享受`, `获得`) by someone in a stated past or running year, with no modal
///   before it (`今年，镇里新购置插秧机12台，享受农机购置补贴36万元`).
///
/// Conditions of a measure are not reports: `对已办理登记的企业`, `已享受其他补贴的企业不再
/// 享受` (a `的` after the verb or `对`/`凡` before the marker in its clause, or a bar on double
/// benefits), `企业可享受…` (a modal before the receipt).
fn reports_delivery(cs: &[char], from: usize, to: usize) -> bool {
    let breaks = |c: char| matches!(c, '，' | '。' | '；' | ',' | ';' | '：');
    let clause_end = |k: usize| (k..to).find(|&j| breaks(cs[j])).unwrap_or(to);
    let clause_start = |k: usize| {
        (from..k)
            .rev()
            .find(|&j| breaks(cs[j]))
            .map_or(from, |j| j + 1)
    };
    let is_condition = |k: usize| {
        let (a, b) = (clause_start(k), clause_end(k));
        (a..k).any(|j| matches!(cs[j], '对' | '凡'))
            || (k..b).any(|j| cs[j] == '的')
            || contains_any(cs, a, b, &["不再", "不得", "不予", "重复"])
    };
    let modal_before = |k: usize| {
        (k.saturating_sub(2).max(clause_start(k))..k)
            .any(|j| matches!(cs[j], '可' | '能' | '均' | '将' | '仍' | '再'))
    };
    let past_year = contains_any(cs, from, to, PAST_TIME);
    (from..to).any(|k| match cs[k] {
        '已' | '共' => {
            // `共同`, `公共`, `共享`: not a count. `共` must touch its verb; `已` may have
            // the beneficiary in between (`已向企业发放`).
            let after = k + 1 + usize::from(at(cs, k, "已经"));
            let window = if cs[k] == '共' {
                after + 3
            } else {
                after + 12
            };
            let end = clause_end(k).min(window);
            // `共引进总部企业36家`: a count of what was won is a tally too.
            let tally = cs[k] == '共' && TALLIED.iter().any(|w| at(cs, after, w));
            !(k > from && matches!(cs[k - 1], '公' | '总' | '而' | '早' | '自'))
                && (tally
                    || ((cs[k] == '已' || DELIVERY.iter().any(|w| at(cs, after, w)))
                        && contains_any(cs, after, end, DELIVERY)))
                && !is_condition(k)
        }
        '惠' => {
            at(cs, k, "惠及")
                && (k + 2..clause_end(k)).any(|j| cs[j].is_ascii_digit())
                && !is_condition(k)
        }
        '享' | '获' => {
            past_year
                && (at(cs, k, "享受") || at(cs, k, "获得"))
                && !modal_before(k)
                && !is_condition(k)
        }
        _ => false,
    })
}

const BUSINESS: &[&str] = &[
    "签约",
    "签署",
    "入驻",
    "揭牌",
    "开业",
    "落户",
    "仪式",
    "开工",
    "投产",
    "竣工",
    "启幕",
    "开幕",
    "招商引资",
];

/// Grants a business word may name (`落户奖励`, `入驻补贴`).
const GRANT_NOUNS: &[&str] = &["奖励", "补贴", "补助", "奖补", "扶持", "优惠"];

/// Whether a business word in `cs[from..to]` reports business news (`华为项目签约落户`), not
/// describes who a measure is for: `对入驻产业园的中小微企业免收6个月租金`, `对新落户的企业`
/// (after `对` or `新` in its clause, and followed by `的` there).
fn reports_business(cs: &[char], from: usize, to: usize) -> bool {
    let breaks = |c: char| matches!(c, '，' | '。' | '；' | ',' | ';');
    (from..to).any(|k| {
        let Some(w) = BUSINESS.iter().find(|w| at(cs, k, w)) else {
            return false;
        };
        let end = k + w.chars().count();
        let introduced = (k > from && cs[k - 1] == '新')
            || (from..k)
                .rev()
                .take_while(|&j| !breaks(cs[j]))
                .any(|j| cs[j] == '对');
        // After `对` the qualifier runs to its `的` anywhere in the clause, as a beneficiary's
        // does (`对在本市落户、符合法律法规规定生育的二孩、三孩家庭`: 11 characters on).
        let reach = if introduced && cs[k - 1] != '新' {
            40
        } else {
            10
        };
        let qualifies = (end..(end + reach).min(to))
            .take_while(|&j| !breaks(cs[j]))
            .any(|j| cs[j] == '的');
        // `给予落户奖励`, `开业补贴`: the business word names the grant, it reports nothing.
        let names_grant = GRANT_NOUNS.iter().any(|g| at(cs, end, g));
        !(introduced && qualifies || names_grant)
    })
}

/// Whether one of `words` lies wholly inside `cs[from..to]`.
///
/// Word by word, each searched for with a tight loop over the characters for its first one:
/// the suggester asks this for every sentence and every cue list, and testing every word at
/// every position (decoding each word's first character each time) was a fifth of an
/// import's instructions (docs/performance.md, session 2).
pub(crate) fn contains_any(cs: &[char], from: usize, to: usize, words: &[&str]) -> bool {
    let hay = if from < to {
        &cs[from.min(cs.len())..to.min(cs.len())]
    } else {
        &[]
    };
    // The characters of the range, hashed into 256 bits: a word whose first character is
    // not among them cannot occur there, and most cue words do not (one bit test instead of
    // a scan of the sentence).
    let mut seen = [0u64; 4];
    for &c in hay {
        let h = c as u32 & 255;
        seen[(h >> 6) as usize] |= 1 << (h & 63);
    }
    words.iter().any(|w| {
        let mut rest = w.chars();
        let Some(first) = rest.next() else {
            // The empty word is at every position of a non-empty range.
            return from < to;
        };
        let h = first as u32 & 255;
        if seen[(h >> 6) as usize] & (1 << (h & 63)) == 0 {
            return false;
        }
        let n = 1 + rest.clone().count();
        if hay.len() < n {
            return false;
        }
        hay[..=hay.len() - n]
            .iter()
            .enumerate()
            .any(|(k, &c)| c == first && rest.clone().zip(&hay[k + 1..]).all(|(a, &b)| a == b))
    })
}

/// A modal 要 (`要千方百计`, `一要…`, `要加快`), not 需要 / 重要 / 主要 / 要求 / 要素.
fn has_modal_yao(cs: &[char], from: usize, to: usize) -> bool {
    (from..to).any(|k| {
        cs[k] == '要'
            && !(k > from && "需重主只必想纪摘概简首紧险".contains(cs[k - 1]))
            && !cs
                .get(k + 1)
                .is_some_and(|&c| "求素点件闻害领务塞冲".contains(c))
    })
}

/// A future 将 announcing a plan (`将全面推进`), not the object marker (`将企业纳入`).
fn has_future_jiang(cs: &[char], from: usize, to: usize) -> bool {
    (from..to).any(|k| {
        cs[k] == '将'
            && (at(cs, k.saturating_sub(1), "即将")
                || [
                    "于",
                    "全面",
                    "进一步",
                    "建设",
                    "推进",
                    "打造",
                    "持续",
                    "成为",
                    "是",
                    "在",
                    "为",
                    "继续",
                    "逐步",
                    "加快",
                    "陆续",
                    "启动",
                    "开展",
                    "推出",
                    "出台",
                    "实施",
                    "组织",
                    "举办",
                    "有",
                    "针对",
                    "提供",
                    "依托",
                    "形成",
                    "迎来",
                ]
                .iter()
                .any(|w| at(cs, k + 1, w)))
    })
}

/// A sentence whose predicate is a copula after its subject clause (`发放消费券，是提振消费的
///有效手段`) judges a measure, as commentaries do; it enacts nothing. `，是否` asks instead.
///
/// So does a comparison of policies in one clause (`优化人才服务，比单纯拼补贴更重要`,
/// `比单纯拼优惠更能留住企业`): `比` then `更` weighs measures against each other.
fn judges_a_measure(cs: &[char], from: usize, to: usize) -> bool {
    // `政策的生命力在于执行`, `关键在于落实`: where the worth of a policy lies (session 9).
    contains_any(cs, from, to, &["在于"])
        || (from..to.saturating_sub(1)).any(|k| {
            matches!(cs[k], '，' | ',') && cs[k + 1] == '是' && cs.get(k + 2) != Some(&'否')
        })
        || (from..to).any(|k| {
            cs[k] == '比'
                && (k + 1..to)
                    .take_while(|&j| !matches!(cs[j], '，' | ',' | '；' | ';' | '。'))
                    .any(|j| cs[j] == '更')
        })
}

/// Who pays for a measure or what it covers, said after the measure (session 11):
/// `提高部分所需资金由中央财政全额承担` (`所需资金`/`所需经费` … `由` … `承担`/`分担`/`负担`),
/// `延缓缴纳的税费包括企业所得税…` (its first clause: `的`, a noun of at most four
/// characters, `包括`). Neither grants anything of its own.
fn says_who_pays_or_what_is_covered(cs: &[char], from: usize, to: usize) -> bool {
    if contains_any(cs, from, to, &["所需资金由", "所需经费由"])
        && contains_any(cs, from, to, &["承担", "分担", "负担"])
    {
        return true;
    }
    let first = (from..to)
        .find(|&k| matches!(cs[k], '，' | ','))
        .unwrap_or(to);
    (from + 2..first)
        .any(|k| at(cs, k, "包括") && (k.saturating_sub(5).max(from)..k).any(|j| cs[j] == '的'))
}

/// Whether an enacting verb stands in a clause that is no temporal background: a clause
/// ending in `后` (`《办法》出台后，`, `通知印发以后，`) tells what happened before.
fn enacts_outside_background(cs: &[char], from: usize, to: usize) -> bool {
    let mut a = from;
    while a < to {
        let b = (a..to).find(|&k| matches!(cs[k], '，' | ',')).unwrap_or(to);
        let background = b < to && b > a && cs[b - 1] == '后';
        if !background && has_enacting(cs, a, b) {
            return true;
        }
        a = b + 1;
    }
    false
}

pub(crate) fn has_enacting(cs: &[char], from: usize, to: usize) -> bool {
    if !contains_any(cs, from, to, ENACTING) {
        return false;
    }
    if !contains_any(cs, from, to, &["增加值", "申请", "手续"]) {
        return true;
    }
    // `规模以上工业增加值增长6.2%`: value added is a noun, not `增加` (session 9). `减免申请由
    // 承租人向出租企业提出`, `缓缴手续`: a relief named before the application or the
    // formalities for it is the procedure's subject, not a relief granted here (session 10).
    // Look for an enacting word elsewhere (only sentences naming these come here; `申请` is
    // common, so the words are compared as characters, decoded once).
    let to = to.min(cs.len());
    (from..to).any(|k| {
        ENACTING_CHARS.iter().any(|(w, relief)| {
            let n = w.len();
            cs[k] == w[0]
                && k + n <= to
                && cs[k..k + n] == w[..]
                && !(w[..] == ['增', '加'] && cs.get(k + 2) == Some(&'值'))
                && !(*relief && (at(cs, k + n, "申请") || at(cs, k + n, "手续")))
        })
    })
}

/// [`ENACTING`] as characters, each with whether it is a [`RELIEF`] word.
static ENACTING_CHARS: LazyLock<Vec<(Vec<char>, bool)>> = LazyLock::new(|| {
    ENACTING
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| (w.chars().collect(), RELIEF.contains(w)))
        .collect()
});

pub(crate) fn has_item_verb(cs: &[char], from: usize, to: usize) -> bool {
    has_enacting(cs, from, to) || contains_any(cs, from, to, ITEM_VERBS)
}

pub(crate) fn has_policy_noun(cs: &[char], from: usize, to: usize) -> bool {
    contains_any(cs, from, to, POLICY_NOUNS)
}

/// Classify `cs[from..to]`. `has_evidence` says whether a value or a period was found in it;
/// it is called at most once, and only for a sentence with an enacting verb (the only case
/// where the answer depends on it), because scanning for values and periods costs more than
/// classifying.
pub(crate) fn classify(
    cs: &[char],
    from: usize,
    to: usize,
    has_evidence: impl FnOnce() -> bool,
) -> SentenceKind {
    if contains_any(cs, from, to, BUSINESS) && reports_business(cs, from, to) {
        return SentenceKind::Business;
    }
    if contains_any(cs, from, to, REPORT)
        || reports_statistic(cs, from, to)
        || reports_delivery(cs, from, to)
        || ((contains_any(cs, from, to, &["截至", "截止"]) || at(cs, from, "目前"))
            && contains_any(cs, from, to, &["已", "共", "累计"]))
    {
        return SentenceKind::Report;
    }
    // A purpose clause at the head (`为确保学生顺利入学，…`, `为切实减轻企业负担，…`) says why,
    // not what: its words of effort are no directive; the clauses after it decide.
    let main = purpose_clause_end(cs, from, to).unwrap_or(from);
    if has_modal_yao(cs, main, to) || contains_any(cs, main, to, DIRECTIVE) {
        return SentenceKind::Directive;
    }
    // `问：新引进人才购房能享受哪些补贴？`: a question enacts nothing (a Q&A's answer does).
    if to > from && matches!(cs[to - 1], '？' | '?') {
        return SentenceKind::Other;
    }
    if judges_a_measure(cs, from, to)
        || contains_any(cs, from, to, TRAFFIC_NOTICE)
        || closes_applications(cs, from, to)
    {
        return SentenceKind::Other;
    }
    // `国务院办公厅通知印发后，我市…`: what happened before is background, not what this
    // sentence enacts.
    if !enacts_outside_background(cs, from, to) {
        // Without an enacting verb the evidence changes nothing: a future 将 is a plan,
        // anything else is not a measure.
        return if has_future_jiang(cs, from, to) {
            SentenceKind::Directive
        } else {
            SentenceKind::Other
        };
    }
    // Read only for sentences that enact something: who pays, what a relief covers.
    if says_who_pays_or_what_is_covered(cs, from, to) {
        return SentenceKind::Other;
    }
    let has_evidence = has_evidence();
    if has_future_jiang(cs, from, to) && !has_evidence {
        return SentenceKind::Directive;
    }
    if has_evidence || has_policy_noun(cs, from, to) || contains_any(cs, from, to, RELIEF) {
        return SentenceKind::Measure;
    }
    SentenceKind::Other
}

/// Where a leading purpose clause ends (after its comma): `为` or `为了` opening the sentence,
/// with a comma within 40 characters. Not `为期` (a duration) nor `为民` (a noun phrase).
fn purpose_clause_end(cs: &[char], from: usize, to: usize) -> Option<usize> {
    if !at(cs, from, "为") || at(cs, from, "为期") || at(cs, from, "为民") {
        return None;
    }
    (from + 2..to.min(from + 40))
        .find(|&k| matches!(cs[k], '，' | ','))
        .map(|k| k + 1)
}

/// Classify a whole string (for tests and callers outside the suggester).
pub fn classify_sentence(text: &str) -> SentenceKind {
    let cs: Vec<char> = text.chars().collect();
    let evidence = || {
        !super::values::scan_values(&cs, 0, cs.len()).is_empty()
            || super::dates::scan(&cs, None, true)
                .iter()
                .any(|(_, p)| p.kind != super::dates::PeriodKind::Point)
    };
    classify(&cs, 0, cs.len(), evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SentenceKind::*;

    /// The definition `contains_any` implements: some word starts at some position of the
    /// range and ends inside it.
    fn contains_any_by_definition(cs: &[char], from: usize, to: usize, words: &[&str]) -> bool {
        (from..to).any(|k| {
            words
                .iter()
                .any(|w| at(cs, k, w) && k + w.chars().count() <= to)
        })
    }

    #[test]
    fn word_search_agrees_with_testing_every_position() {
        let text: Vec<char> = "截至目前已累计发放补贴资金，签约仪式后将全面推进。补贴"
            .chars()
            .collect();
        let lists: [&[&str]; 4] = [
            REPORT,
            BUSINESS,
            &["补贴", "补贴资金", "贴"],
            &["截至", "。补贴"],
        ];
        for from in 0..=text.len() {
            for to in 0..=text.len() + 1 {
                for words in lists {
                    assert_eq!(
                        contains_any(&text, from, to.min(text.len()), words),
                        contains_any_by_definition(&text, from, to.min(text.len()), words),
                        "{from}..{to} {words:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn sentences_are_told_apart() {
        let cases = [
            ("为提振汽车消费，我市出台了“真金白银”的补贴政策，市政府安排了300万元支持资金，设立抽奖活动", Measure),
            // Words of effort in a leading purpose clause are no directive; after it they are.
            ("为确保家庭经济困难学生顺利入学，今年秋季学期起，普通高中国家助学金平均资助标准提高到每生每年2300元", Measure),
            ("为切实减轻企业负担，我市对小微企业免收3个月房租", Measure),
            ("为确保政策落地，各部门要切实加强协调", Directive),
            // Session 10: a discount in tenths, a further cut, a multiple after a comma; a
            // relief named before its application is the procedure's subject.
            ("自8月1日起，市民持卡乘坐地铁享受九折优惠", Measure),
            ("乘坐公交后1小时内换乘地铁的，再减0.5元", Measure),
            ("孤儿基本生活费，按不低于当地低保标准的2倍确定", Measure),
            ("缓缴申请由参保单位向社保经办机构提出", Other),
            // Session 11: who pays and what a relief covers are no measure; a further cut
            // with `再优惠` is one.
            ("提价部分所需资金由省级财政全额承担", Other),
            ("减免的费用包括场地租金、物业管理费", Other),
            ("持本市社保卡消费的，每单再优惠10元", Measure),
            ("对在本县落户并签订3年以上劳动合同的技能人才给予一次性补贴", Measure),
            ("全市上下要确保各项补贴资金足额发放到位", Directive),
            ("企业生产用水，执行综合水价3.64元标准", Measure),
            ("自5月1日起，对小微企业免征房产税", Measure),
            ("我市将于5月1日起发放1000万元消费券", Measure),
            ("《株洲市文明行为促进条例》自2020年5月1日起施行", Measure),
            ("三要千方百计释放消费需求，加大购车补贴力度释放汽车消费", Directive),
            ("消费是基础，要出台大力度政策刺激汽车消费", Directive),
            ("全年力争新增规模以上工业企业8家以上", Directive),
            ("项目入驻后，将全面推进株洲高新区5G智慧园区建设", Business),
            ("该支持政策将持续至今年12月31日", Directive),
            ("截至4月12日，累计发放贷款1235.5万笔，授信金额532.55亿元", Report),
            ("自4月10日以来，活动已拉动汽车销售超过500台", Report),
            ("在湖南机电产业基地项目集中签约仪式上，7家企业入驻株洲高新区", Business),
            // A business word that only says who the measure is for.
            ("2023年对入驻区内产业园的中小微企业免收6个月租金", Measure),
            ("对新落户的企业给予一次性奖励50万元", Measure),
            // Session 9: when applications close is no measure; nor is traffic control.
            ("今年农机购置补贴申请将于9月底前截止", Other),
            ("购车补贴申报于6月30日结束", Other),
            ("对购置水稻插秧机的农户，每台补贴3000至8000元", Measure),
            (
                "5月22日至5月28日，迎泽大街实行交通管制，禁止机动车通行",
                Other,
            ),
            ("下月起，中心城区路内停车位首小时收费标准为3—5元", Measure),
            // Value added is a noun: a statistic, not a measure.
            ("今年1至5月，全市规模以上工业增加值增长6.2%，工业投资增长8.1%", Other),
            ("对工业增加值增长较快的企业给予奖励10万元", Measure),
            // Commentary: where a policy's worth lies, what bodies need to do.
            ("政策的生命力在于执行", Other),
            (
                "近期出台的一系列稳增长政策，需要各部门拿出实招硬招，推动政策红利直达市场主体",
                Directive,
            ),
            ("新冠肺炎疫情全球蔓延，给醴陵市外贸经济造成巨大冲击", Other),
            ("习近平给参与任务的老科学家回信，向他们致以诚挚的问候", Other),
            ("这是一项重要的工作，需要各方配合", Other),
            ("发放消费券，是提振消费的有效手段", Other),
            ("优化人才服务，比单纯拼补贴更重要", Other),
            ("补贴标准比上年提高20%", Measure),
            ("中小企业可依法申请延期缴纳税款，最长不超过3个月", Measure),
            ("暂停收取城市道路占用费，为期三个月", Measure),
            ("我市将在全市范围内试行职业伤害保障办法，试行期两年", Measure),
            ("活动期间，对参加招聘会的企业免收场地费", Measure),
            // Free entry told as news is no measure without a figure, period or policy noun.
            ("活动现场，市民可免费品尝特色小吃", Other),
            ("城区公共停车场对外地游客车辆实行首2小时免费停放", Measure),
            ("国务院办公厅通知印发后，我市第一时间组织人员进企业宣讲政策", Other),
            (
                "3月11日，记者获悉，《办法》印发后，我市组织人员进企业宣讲政策",
                Other,
            ),
            ("疫情发生后，市政府出台了十条措施", Measure),
            ("问：新引进人才购房能享受哪些补贴？", Other),
            ("对符合条件的小微企业，在2022年6月30日前一次性退还存量留抵税额", Measure),
            // Money or relief already delivered, told as news.
            ("今年，镇里新购置插秧机12台，享受农机购置补贴36万元", Report),
            ("该合作社今年享受产业扶持资金36万元", Report),
            ("全市已发放稳岗返还资金1.2亿元，惠及企业3000家", Report),
            ("全市已为2316户纳税人办理留抵退税58.6亿元", Report),
            ("今年共为企业减免租金800万元", Report),
            ("2022年高新区共引进总部企业36家，兑现各类奖励资金4.2亿元", Report),
            ("对新引进的总部企业，按其实缴注册资本的2%给予落户奖励", Measure),
            ("政策实施后惠及小微企业1900余户", Report),
            // Conditions and entitlements of a measure are no reports.
            ("对已办理登记的小微企业给予一次性补贴5000元", Measure),
            ("今年符合条件的企业可享受补贴5000元", Measure),
            ("对新购置农机的合作社给予补贴，最高不超过36万元", Measure),
            ("市财政安排专项资金，用于公共停车场免费停放补贴", Measure),
            ("会议通报，一季度全区实现地区生产总值213.4亿元，同比下降6.8%", Report),
            ("实现旅游总收入98.6亿元，同比分别下降41.3%和45.2%", Report),
            (
                "鼓励金融机构贷款利率下调15%以上，推动普惠型小微企业综合融资成本同比下降0.5个百分点",
                Measure,
            ),
        ];
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = classify_sentence(text);
            if got != want {
                failures.push(format!("{text}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }
}
