//! Who issues a measure, who benefits, and which category it falls in.
//!
//! Issuers are administrative places (`醴陵市`, `湖南省`) optionally followed by a body
//! (`人民政府`, `财政局`), accepted only where the text makes them act (an issuing verb
//! follows) or names the body. `市政府`, `我市`, `本市`, `全市` resolve to the newspaper's city
//! (株洲日报 → 株洲市).

use super::numbers::{at, Words};

/// Categories a suggestion can carry; the first matching family wins (see docs/extraction.md).
pub const CATEGORIES: &[(&str, &str)] = &[
    (
        "trade_facilitation",
        "customs, ports, export and import procedures (通关, 口岸, 报关)",
    ),
    (
        "finance_credit",
        "loans, interest rates, guarantees, financing costs (贷款, 利率, 融资)",
    ),
    (
        "price_tariff",
        "regulated prices and tariffs: power, water, gas (电价, 水价, 天然气)",
    ),
    (
        "tax_fee_relief",
        "tax and fee cuts, exemptions, deferrals (减免, 免征, 缓缴, 税)",
    ),
    (
        "consumption",
        "consumer incentives: vouchers, lotteries, purchase subsidies (消费券, 抽奖, 购车)",
    ),
    (
        "employment",
        "jobs and social insurance (稳岗, 就业, 社保, 招工)",
    ),
    (
        "subsidy",
        "grants, awards and subsidies to firms or people (补贴, 奖补, 奖励, 补助)",
    ),
    (
        "service",
        "services and facilitation without money (服务, 帮扶, 活动, 营商环境)",
    ),
    ("other", "anything else"),
];

const CATEGORY_CUES: &[(&str, &[&str])] = &[
    (
        "trade_facilitation",
        &["通关", "口岸", "报关", "查验", "海关"],
    ),
    (
        "finance_credit",
        &[
            "贷款", "利率", "融资", "信贷", "授信", "担保", "贴息", "续贷",
        ],
    ),
    (
        "price_tariff",
        &[
            "电价",
            "水价",
            "气价",
            "天然气",
            "用水",
            "用电",
            "用气",
            "价格",
            "电费",
            "水费",
            "燃气费",
            // A regulated fee's level: `充电服务费上限由…下调至…`, `收费标准`.
            "收费标准",
            "充电服务费",
            // Winter heating charges (session 9).
            "采暖费",
            "供暖费",
        ],
    ),
    (
        "tax_fee_relief",
        &[
            "减免",
            "免征",
            "减征",
            "缓缴",
            "免收",
            "税",
            "减半",
            "免除",
            "停征",
            "暂停收取",
            "延期缴纳",
            "租金",
            // A toll cut (`通行费按九折收取`) is a fee relief.
            "通行费",
        ],
    ),
    (
        "consumption",
        &["消费券", "抽奖", "购车", "以旧换新", "购物", "门票", "景区"],
    ),
    (
        "employment",
        &[
            "稳岗",
            "就业",
            "社保",
            "招工",
            "用工",
            "培训",
            "失业保险",
            "裁员",
            "职工",
            // Social insurance beyond jobs: health and pensions (session 9).
            "医保",
            "医疗保险",
            "起付线",
            "报销比例",
            "养老保险",
            // Pensions themselves (`基本养老金`, `基础养老金`, session 10).
            "养老金",
        ],
    ),
    (
        "subsidy",
        &[
            "补贴", "奖补", "奖励", "补助", "资金", "扶持", "资助",
            // Social assistance to people (session 9).
            "低保", "特困", "救助",
        ],
    ),
    (
        "service",
        &["服务", "帮扶", "活动", "营商环境", "预约", "绿色通道"],
    ),
];

/// The category of a measure's text, from [`CATEGORIES`].
pub fn categorize(text: &str) -> &'static str {
    // A transaction's price (`按车辆发票价格的2%给予补贴`) is the base of a payment, not a
    // regulated price: `价格` right after these words is no tariff cue.
    const TRANSACTION: &[&str] = &[
        "发票", "成交", "购买", "销售", "商品", "车辆", "购房", "单车", "整车", "房屋", "产品",
    ];
    let tariff_price = text
        .match_indices("价格")
        .any(|(i, _)| !TRANSACTION.iter().any(|w| text[..i].ends_with(w)));
    // A tax that sizes a payment (`按实际缴纳契税的50%给予契税补贴`, `个税奖励`) is the base of a
    // grant, not a relief: `税` counts only where it is neither paid (`缴纳契税`) nor followed
    // by a grant noun.
    const GRANT: &[&str] = &["补贴", "补助", "奖励", "奖补", "返还"];
    let tax_relief = text.match_indices('税').any(|(i, _)| {
        let after = &text[i + '税'.len_utf8()..];
        // `缴纳` up to three characters before the tax's last character (`缴纳增值税`).
        let before: Vec<char> = text[..i].chars().rev().take(5).collect();
        let before: String = before.into_iter().rev().collect();
        let paid = before.contains("缴纳");
        !paid && !GRANT.iter().any(|g| after.starts_with(g))
    });
    let counts = |c: &str| (c != "价格" || tariff_price) && (c != "税" || tax_relief);
    // Where a family's first cue stands in the text.
    let first_at = |cues: &[&str]| {
        cues.iter()
            .filter(|&&c| counts(c))
            .filter_map(|c| text.find(c))
            .min()
    };
    // Credit, tariffs and relief name how a measure pays: when several occur, the one the text
    // states first is the measure (`缓缴住房公积金，缓缴期间不影响职工提取和贷款` defers a
    // contribution; `贷款` only says what stays allowed).
    const MECHANICS: &[&str] = &["finance_credit", "price_tariff", "tax_fee_relief"];
    let mechanic = CATEGORY_CUES
        .iter()
        .filter(|(cat, _)| MECHANICS.contains(cat))
        .filter_map(|(cat, cues)| first_at(cues).map(|at| (at, *cat)))
        .min();
    for (cat, cues) in CATEGORY_CUES {
        if MECHANICS.contains(cat) {
            if let Some((_, m)) = mechanic {
                return m;
            }
            continue;
        }
        if first_at(cues).is_some() {
            return cat;
        }
    }
    "other"
}

const PROVINCES: &[&str] = &[
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
];
const MUNICIPALITIES: &[&str] = &["北京", "天津", "上海", "重庆"];
const REGIONS: &[&str] = &["内蒙古", "广西", "西藏", "宁夏", "新疆"];
const NATIONAL_PAPERS: &[&str] = &[
    "人民", "经济", "光明", "中国", "法制", "工人", "农民", "科技",
];

/// Papers named after a region's old or poetic name rather than a place (`三峡日报` is
/// Yichang's, `羊城晚报` Guangzhou's, `齐鲁晚报` Shandong's): read as a place, their stem
/// would invent one (`三峡市`).
const REGION_NAMED_PAPERS: &[(&str, &str)] = &[
    ("三峡", "宜昌市"),
    ("羊城", "广州市"),
    ("金陵", "南京市"),
    ("春城", "昆明市"),
    ("半岛", "大连市"),
    ("齐鲁", "山东省"),
    ("三湘", "湖南省"),
    ("潇湘", "湖南省"),
    ("楚天", "湖北省"),
    ("荆楚", "湖北省"),
    ("燕赵", "河北省"),
    ("钱江", "浙江省"),
    ("扬子", "江苏省"),
    ("三秦", "陕西省"),
];

/// The paper's own place at the level `admin` names: the place itself when it is of that level
/// (`株洲市` for 市). A paper named without its level (`北川日报`, read as `北川市`) that speaks of
/// `县政府` / `我县` is a county's: `北川县`.
fn own_place(city: Option<&str>, admin: char) -> Option<String> {
    let city = city?;
    if city.ends_with(admin) {
        return Some(city.to_string());
    }
    let stem = city.strip_suffix('市')?;
    (admin == '县' && (2..=3).contains(&stem.chars().count())).then(|| format!("{stem}县"))
}

/// The place a newspaper is from: `株洲日报` → `株洲市`, `湖南日报` → `湖南省`,
/// `北京晚报` → `北京市`. National papers (`人民日报`) have none.
pub fn city_of_publication(publication: &str) -> Option<String> {
    let name = publication.trim();
    let stem = [
        "都市报",
        "特区报",
        "日报",
        "晚报",
        "晨报",
        "商报",
        "时报",
        "新闻",
        "报",
    ]
    .iter()
    .find_map(|s| name.strip_suffix(s))
    .unwrap_or(name);
    let n = stem.chars().count();
    if !(2..=5).contains(&n) || NATIONAL_PAPERS.contains(&stem) {
        return None;
    }
    if let Some((_, place)) = REGION_NAMED_PAPERS.iter().find(|(p, _)| *p == stem) {
        return Some(place.to_string());
    }
    // 柳州, 杭州 are cities: only 自治州 marks a prefecture.
    if ["市", "省", "县", "区", "自治州", "盟", "旗"]
        .iter()
        .any(|s| stem.ends_with(s))
    {
        return Some(stem.to_string());
    }
    if PROVINCES.contains(&stem) {
        return Some(format!("{stem}省"));
    }
    if REGIONS.contains(&stem) {
        return Some(format!("{stem}自治区"));
    }
    let _ = MUNICIPALITIES;
    Some(format!("{stem}市"))
}

const BODIES: Words = Words::new(&[
    // A development zone's own government: `湘江新区管委会`, `高新区管理委员会`.
    "管理委员会",
    "管委会",
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "政府办公室",
    "政府办公厅",
    "政府",
    "发展和改革委员会",
    "发展改革委",
    "发改委",
    "发展和改革局",
    "发展改革局",
    "发改局",
    "财政局",
    "财政厅",
    "商务和粮食局",
    "商务局",
    "商务厅",
    "委人才工作领导小组办公室",
    // The same office under the government (`昆明市人才工作领导小组办公室发布《…》`, session 10).
    "人才工作领导小组办公室",
    "委人才办",
    "委组织部",
    "委办公室",
    "委办公厅",
    "人力资源和社会保障局",
    "人力资源和社会保障厅",
    "人社局",
    "人社厅",
    "税务局",
    "市场监督管理局",
    "市场监管局",
    "住房和城乡建设局",
    "住建局",
    "工业和信息化局",
    "工信局",
    "文化旅游广电局",
    "文化和旅游厅",
    "文化和旅游局",
    "文旅局",
    "交通运输局",
    "农业农村局",
    "医疗保障局",
    "医保局",
    "教育局",
    "民政局",
    "科技局",
    "地方金融监督管理局",
    "金融办",
    "国资委",
    "工信厅",
    "文旅厅",
    "商务委",
    "经信委",
    // Other bureaus that issue measures, in the full and short names papers print.
    "人力社保局",
    "城市管理局",
    "城管局",
    "文广新旅局",
    "文化广电旅游局",
    "文化广电和旅游局",
    "卫生健康委员会",
    "卫健委",
    "生态环境局",
    "自然资源和规划局",
    "自然资源局",
    "应急管理局",
    "住房公积金管理中心",
    "退役军人事务局",
    "水利局",
    "林业局",
    // People's organisations that issue measures of their own: the disabled persons'
    // federation (`市残联、市财政局联合发布《通知》`, session 11), the trade unions (vouchers
    // for workers), the women's federation.
    "残疾人联合会",
    "残联",
    "总工会",
    "妇女联合会",
    "妇联",
]);

const ISSUING_VERBS: &[&str] = &[
    "出台", "印发", "发布", "制定", "推出", "实施", "实行", "安排", "下发", "设立", "发放", "启动",
    "决定", "宣布", "明确", "给予", "联合", "近日", "日前", "再次", "专门", "已", "正式", "研究",
    "部署", "确定",
];

const ADMIN: &[char] = &['省', '市', '县', '区', '州', '旗'];

/// Characters that cannot be part of a place name before 市/县/区: punctuation and common
/// function words.
fn name_stop(c: char) -> bool {
    !('\u{4e00}'..='\u{9fff}').contains(&c)
        || "的了在由经对给为和与及是将已并等各我本全该近日年月讯省市县区州旗从向把被让使到至于以及其这那有".contains(c)
}

/// Whether `i` lies in a notice's salutation: a paragraph that opens with `各` and ends with
/// a colon (`各县（市）、区人民政府，市政府各部门：`) lists the addressees.
fn in_salutation(cs: &[char], i: usize) -> bool {
    // A salutation is one short line: look back no further than 100 characters (this runs
    // at every place mention).
    let from = i.saturating_sub(100);
    let start = match cs[from..i].iter().rposition(|&c| c == '\n') {
        Some(p) => from + p + 1,
        None if from == 0 => 0,
        None => return false,
    };
    if cs.get(start) != Some(&'各') {
        return false;
    }
    let end = cs[i..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(cs.len(), |p| i + p);
    matches!(cs[..end].last(), Some('：') | Some(':'))
}

/// An issuer mention ending an admin word at `i` (the 市/县/... char).
struct Mention {
    start: usize,
    end: usize,
    name: String,
    has_body: bool,
}

fn mention_at(cs: &[char], i: usize, city: Option<&str>) -> Option<Mention> {
    let admin = cs[i];
    // Place name before the admin char: 2 chars, or 3-4 when a boundary sits just before.
    let mut n = 0;
    while n < 4 && i > n && !name_stop(cs[i - n - 1]) {
        n += 1;
    }
    let boundary = |len: usize| i == len || name_stop(cs[i - len - 1]);
    let len = match n {
        0 | 1 => 0,
        2 => 2,
        l => (2..=l).rev().find(|&l| boundary(l)).unwrap_or(2),
    };
    // Not a place: 城市, 超市, 市场, 社区, 园区 ... (the char after or a 1-char prefix).
    if matches!(
        cs.get(i + 1),
        Some('场')
            | Some('民')
            | Some('值')
            | Some('面')
            | Some('容')
            | Some('域')
            | Some('级')
            | Some('委')
            | Some('直')
            | Some('属')
    ) && !(matches!(cs.get(i + 1), Some('委') | Some('民')) && BODIES.eat(cs, i + 1).is_some())
    {
        // 市委 alone is the party committee as a place word (市委书记); its offices that
        // issue documents (市委人才工作领导小组办公室, 市委组织部) are bodies. 市民 are
        // citizens, but 市民政局 is the civil affairs bureau.
        return None;
    }
    // Common nouns ending in 区 or 市 are not places: 景区, 园区, 社区, 街区, 小区, 片区, 辖区,
    // 校区, 厂区, 展区, 专区 (`A级旅游景区`); 超市, 夜市, 股市, 楼市, 车市, 菜市.
    if let Some(&prev) = i.checked_sub(1).and_then(|p| cs.get(p)) {
        let noun = match admin {
            '区' => "景园社街小片辖库矿灾校厂展专营",
            // 直辖市: the kind of city, not one.
            '市' => "超夜股楼车菜辖",
            _ => "",
        };
        if noun.contains(prev) {
            return None;
        }
    }
    let body_end = BODIES.eat(cs, i + 1);
    // A salutation lists addressees, named or not (`各省、自治区、直辖市人民政府，国务院各部委`).
    if in_salutation(cs, i) {
        return None;
    }
    let (start, place) = if len >= 2 {
        (i - len, cs[i - len..=i].iter().collect::<String>())
    } else {
        // Bare: 市政府, 我市, 本市, 全市 → the newspaper's place, when the admin level matches.
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        let local = matches!(prev, Some('我') | Some('本') | Some('全'));
        // `各县（市）、区人民政府`: bodies addressed (`各…`) in a notice's salutation, not
        // the one issuing it.
        let addressed = cs[..i]
            .iter()
            .rev()
            .take(12)
            .take_while(|&&c| !matches!(c, '，' | '。' | '；' | '：' | '\n'))
            .any(|&c| c == '各');
        if addressed {
            return None;
        }
        let bare_ok = prev
            .is_none_or(|p| name_stop(p) && !matches!(p, '该' | '各' | '省' | '县' | '区' | '市'));
        if local {
            // 我市 / 本市 / 全市: only the newspaper's own place, at its own level.
            (i - 1, own_place(city, admin)?)
        } else if bare_ok && body_end.is_some() {
            // 市政府 → the newspaper's city; 省财政厅 in a city paper stays as written.
            match own_place(city, admin) {
                Some(c) => (i, c),
                None => (i, admin.to_string()),
            }
        } else {
            return None;
        }
    };
    let (end, name, has_body) = match body_end {
        Some(e) => {
            let body: String = cs[i + 1..e].iter().collect();
            // 市政府 and 市人民政府 are the same body: name it in full.
            let body = if body == "政府" {
                "人民政府".to_string()
            } else {
                body
            };
            (e, format!("{place}{body}"), true)
        }
        None => (i + 1, place, false),
    };
    // A place alone must act: an issuing verb within a few chars.
    if !has_body {
        let window = end..(end + 4).min(cs.len());
        if !window
            .clone()
            .any(|k| ISSUING_VERBS.iter().any(|v| at(cs, k, v)))
        {
            return None;
        }
    }
    Some(Mention {
        start,
        end,
        name,
        has_body,
    })
}

/// Whether an issuing verb follows the mention ending at `end` within a few characters of its
/// clause (`广东省人民政府办公厅日前印发`).
fn acts(cs: &[char], end: usize, to: usize) -> bool {
    // `省财政厅、省发展改革委近日联合印发`: the verb acts for every body listed before it.
    let reach = if cs.get(end) == Some(&'、') { 16 } else { 6 };
    (end..(end + reach).min(to))
        .take_while(|&k| !matches!(cs[k], '，' | '。' | '；' | '：' | ',' | ';' | '\n'))
        .any(|k| ISSUING_VERBS.iter().any(|v| at(cs, k, v)))
}

/// Whether the mention is only quoted as the source of the news: `从广东省商务厅获悉`.
fn quoted_as_source(cs: &[char], m: &Mention) -> bool {
    m.start > 0
        && cs[m.start - 1] == '从'
        && ["获悉", "了解到", "得知", "获知"]
            .iter()
            .any(|w| (m.end..(m.end + 2).min(cs.len())).any(|k| at(cs, k, w)))
}

/// Whether `short` abbreviates `long` (its characters appear in `long` in order:
/// `市发改委` in `市发展和改革委员会`), so the two name one body.
fn abbreviates(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// The issuer named in `cs[from..to]`: a place with a body wins over a place alone; among
/// equals the first. A body only quoted as the news' source (`从…获悉`) gives way to another
/// body that acts (`…日前印发`), unless that one is its own abbreviation. Returns its span and
/// the resolved name.
pub(crate) fn find_issuer(
    cs: &[char],
    from: usize,
    to: usize,
    city: Option<&str>,
) -> Option<((usize, usize), String)> {
    let mut best: Option<Mention> = None;
    // The first body that acts, for when the best one is only a source.
    let mut actor: Option<(usize, usize, String)> = None;
    let mut depth = 0u32;
    for i in from..to {
        match cs[i] {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || !ADMIN.contains(&cs[i]) {
            continue;
        }
        if let Some(m) = mention_at(cs, i, city) {
            if m.start < from || m.end > to {
                continue;
            }
            if m.has_body && acts(cs, m.end, to) && actor.is_none() {
                actor = Some((m.start, m.end, m.name.clone()));
            }
            let better = match &best {
                None => true,
                Some(b) => m.has_body && !b.has_body,
            };
            if better {
                best = Some(m);
            }
        }
    }
    if best.as_ref().is_none_or(|b| !b.has_body) {
        if let Some(m) = national_body(cs, from, to) {
            return Some(m);
        }
    }
    if let (Some(b), Some((s, e, name))) = (&best, &actor) {
        let same_body = abbreviates(name, &b.name) || abbreviates(&b.name, name);
        if b.has_body && quoted_as_source(cs, b) && !same_body {
            return Some(((*s, *e), name.clone()));
        }
    }
    best.map(|m| ((m.start, m.end), m.name))
}

/// Central bodies, named without a place.
const NATIONAL_BODIES: Words = Words::new(&[
    "国务院常务会议",
    "国务院办公厅",
    "国务院",
    "财政部",
    "国家税务总局",
    "税务总局",
    "中国人民银行",
    "国家发展改革委",
    "国家发改委",
    "商务部",
    "工业和信息化部",
    "工信部",
    "人力资源社会保障部",
    "人社部",
    "住房城乡建设部",
    "交通运输部",
    "文化和旅游部",
    "海关总署",
    "国家医保局",
    "银保监会",
    "国家市场监管总局",
]);

/// A central body that acts (an issuing verb within a few chars: `财政部、税务总局发布`).
/// The central body a document's title opens with (`国务院办公厅关于…的通知`): the
/// `<issuer>关于<subject>的<kind>` convention names the issuer without an issuing verb.
pub(crate) fn titled_national_body(cs: &[char]) -> Option<String> {
    let e = NATIONAL_BODIES.eat(cs, 0)?;
    at(cs, e, "关于").then(|| cs[..e].iter().collect())
}

fn national_body(cs: &[char], from: usize, to: usize) -> Option<((usize, usize), String)> {
    for i in from..to {
        let Some(e) = NATIONAL_BODIES.eat(cs, i) else {
            continue;
        };
        if e > to {
            break;
        }
        let window = e..(e + 8).min(to);
        if window
            .clone()
            .any(|k| ISSUING_VERBS.iter().any(|v| at(cs, k, v)))
        {
            return Some(((i, e), cs[i..e].iter().collect()));
        }
    }
    None
}

/// Nouns naming who benefits; most need a modifier (`外贸企业`, not `企业`).
const BENEFICIARY_NOUNS: &[(&str, bool)] = &[
    ("个体工商户", true),
    ("消费者", true),
    ("农民工", true),
    ("购房者", true),
    ("车主", false),
    ("市场主体", false),
    ("企业", false),
    ("工商户", false),
    ("商户", false),
    ("农户", false),
    ("居民", false),
    ("市民", false),
    ("群众", false),
    ("家庭", false),
    ("毕业生", false),
    ("职工", false),
    ("务工人员", false),
    ("人才", true),
    ("研究生", true),
    ("个体户", true),
    ("退役军人", true),
    ("低保户", true),
    ("老年人", true),
    ("残疾人", true),
    ("孕产妇", true),
    ("农民", false),
    ("老人", false),
    ("儿童", false),
    ("学生", false),
    ("患者", false),
    ("经营主体", false),
    ("纳税人", false),
    ("婴幼儿", true),
    ("机构", false),
    ("行业", false),
    ("人员", false),
];

const BENEFICIARY_MODIFIERS: &[&str] = &[
    "就业困难",
    "中小微",
    "中小",
    "小微",
    "微型",
    // Firms by size, as relief tiers name them (`大型企业按…30%返还`).
    "大中型",
    "大型",
    "中型",
    "外贸",
    "进出口",
    "出口",
    "外资",
    "民营",
    "困难",
    "高层次",
    "博士",
    "规模以上",
    "规上",
    "工业",
    "制造业",
    "科技型",
    "高新技术",
    "文旅",
    "旅游",
    "餐饮",
    "住宿",
    "零售",
    "批发零售",
    "商贸",
    "物流",
    "交通运输",
    "电商",
    "个体",
    "实体",
    "农业",
    "新办",
    "初创",
    "骨干",
    "汽车",
    "购车",
    "购房",
    "首次购房",
    "城镇",
    "农村",
    "城乡",
    "低保",
    "特困",
    "失业",
    "贫困",
    "残疾",
    "高校",
    "应届",
    "外来",
    "参保",
    "新能源汽车",
    "文化",
    "体育",
    "会展",
    "养殖",
    "种植",
    "家政",
    "个人",
    "服务业",
    "住宿餐饮",
    "线下",
    "演出",
    "影院",
    "景区",
    "失能",
    "半失能",
    "高龄",
    "空巢",
    "留守",
    "独居",
    "经济困难",
    "种粮",
    "增值税小规模",
    "小规模",
    "小型微利",
    "普惠托育",
    "托育",
    "养老",
    "中小学",
    "在校",
];

/// Beneficiaries named in `cs[from..to]`, longest form first, no duplicates, none that is
/// part of a longer one found.
pub(crate) fn find_beneficiaries(
    cs: &[char],
    from: usize,
    to: usize,
) -> Vec<((usize, usize), String)> {
    let mut found: Vec<((usize, usize), String)> = Vec::new();
    let mut i = from;
    while i < to {
        let Some((noun, alone_ok)) = BENEFICIARY_NOUNS.iter().find(|(n, _)| at(cs, i, n)) else {
            i += 1;
            continue;
        };
        let end = i + noun.chars().count();
        if end > to {
            break;
        }
        // Extend backwards over modifiers (中小微 + 外贸 + 企业).
        let mut start = i;
        loop {
            let m = BENEFICIARY_MODIFIERS.iter().find(|m| {
                let n = m.chars().count();
                start >= from + n && at(cs, start - n, m)
            });
            match m {
                Some(m) => start -= m.chars().count(),
                None => break,
            }
        }
        // `对新招用高校毕业生的企业`: the head after `对…的` benefits; who it employs or serves
        // only qualifies it. A bare head (`企业`) is named with its qualifier.
        let qualifier = qualifier_before(cs, from, start);
        if let Some(q) = qualifier {
            found.retain(|((a, _), _)| *a < q);
        }
        let start = match qualifier {
            Some(q) if start == i && !*alone_ok => q,
            _ => start,
        };
        if start < i || *alone_ok {
            let name: String = cs[start..end].iter().collect();
            if !found.iter().any(|(_, f)| f.contains(&name)) {
                found.retain(|(_, f)| !name.contains(f.as_str()));
                found.push(((start, end), name));
            }
        }
        i = end;
    }
    found
}

/// Where the qualifier of a beneficiary starting at `start` begins: just after the `对` of
/// `对…的<beneficiary>` (at most 40 characters, within the clause), if the beneficiary follows
/// `的`.
fn qualifier_before(cs: &[char], from: usize, start: usize) -> Option<usize> {
    if start == from || cs[start - 1] != '的' {
        return None;
    }
    let lo = start.saturating_sub(40).max(from);
    (lo..start - 1)
        .rev()
        .take_while(|&k| !matches!(cs[k], '，' | ',' | '。' | '；' | ';' | '：' | ':'))
        .find(|&k| cs[k] == '对')
        .map(|k| k + 1)
        .filter(|&q| q < start - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(text: &str, city: Option<&str>) -> Option<String> {
        let cs: Vec<char> = text.chars().collect();
        find_issuer(&cs, 0, cs.len(), city).map(|(_, n)| n)
    }

    #[test]
    fn a_paper_named_without_its_level_that_speaks_of_its_county_is_the_county() {
        let city = city_of_publication("北川日报");
        assert_eq!(city.as_deref(), Some("北川市"));
        let city = city.as_deref();
        assert_eq!(
            issuer("3月6日，县人民政府印发《措施》", city).as_deref(),
            Some("北川县人民政府")
        );
        assert_eq!(
            issuer("记者从县农业农村局了解到", city).as_deref(),
            Some("北川县农业农村局")
        );
        assert_eq!(issuer("我县出台十条措施", city).as_deref(), Some("北川县"));
        // A city's own bodies stay the city's; a district is not named from the paper.
        assert_eq!(
            issuer("市政府印发通知", city).as_deref(),
            Some("北川市人民政府")
        );
        assert_eq!(
            issuer("区政府印发通知", city).as_deref(),
            Some("区人民政府")
        );
    }

    #[test]
    fn issuers_are_places_that_act_or_bodies() {
        let city = Some("株洲市");
        let cases = [
            ("近日，醴陵市出台《支持外贸企业十二条》", Some("醴陵市")),
            (
                "我市出台了补贴政策，市政府安排了300万元支持资金",
                Some("株洲市人民政府"),
            ),
            ("为提振消费，我市出台了补贴政策", Some("株洲市")),
            ("湘潭县人民政府印发通知", Some("湘潭县人民政府")),
            ("日前，省财政厅发布通知", Some("省财政厅")),
            ("长沙市商务局日前发放消费券", Some("长沙市商务局")),
            ("，张家界市推出十条措施", Some("张家界市")),
            ("给醴陵市外贸经济造成巨大冲击", None),
            ("全市上下众志成城", None),
            ("超市和农贸市场", None),
            ("财政部、税务总局近日发布公告", Some("财政部")),
            (
                "记者昨日从市发展和改革委员会获悉",
                Some("株洲市发展和改革委员会"),
            ),
            // The first of two bodies acting together; a bureau is a body too.
            (
                "佛山市发展和改革局、市财政局联合发布《若干措施》",
                Some("佛山市发展和改革局"),
            ),
            // 景区, 园区, 超市 end like places but are common nouns.
            ("对A级旅游景区门票实行半价优惠", None),
            ("高新技术园区实行新政", None),
            ("成都市实行新政", Some("成都市")),
            ("柯桥区人力社保局出台政策", Some("柯桥区人力社保局")),
            // Bodies issuing together: the first named, even after a quoted source.
            (
                "记者从市财政局获悉，省财政厅、省发展改革委近日联合印发《通知》",
                Some("省财政厅"),
            ),
            ("市城管局明确，路内停车首1小时免费", Some("株洲市城管局")),
            // The addressees of a notice, named or not, do not issue it.
            ("各省、自治区、直辖市人民政府，国务院各部委：", None),
            (
                "浏阳市委人才工作领导小组办公室印发《细则》",
                Some("浏阳市委人才工作领导小组办公室"),
            ),
            (
                "昆明市人才工作领导小组办公室发布《若干措施》",
                Some("昆明市人才工作领导小组办公室"),
            ),
            ("市委书记出席会议并讲话", None),
            // 市民 are citizens; 市民政局 is a bureau.
            ("记者从市民政局获悉", Some("株洲市民政局")),
            ("市民可凭身份证免费入园", None),
            ("各县（市）、区人民政府，市政府各部门：", None),
            ("湘江新区管委会近日出台措施", Some("湘江新区管委会")),
            // People's organisations issue too, alone or first among several bodies.
            (
                "记者从市残联获悉，市残联、市财政局近日联合发布《通知》",
                Some("株洲市残联"),
            ),
            ("市总工会近日发放职工消费券", Some("株洲市总工会")),
            ("市退役军人事务局出台优待措施", Some("株洲市退役军人事务局")),
            (
                "国务院总理主持召开国务院常务会议，部署稳经济一揽子措施",
                Some("国务院常务会议"),
            ),
            // A body quoted as the source of the news is not the one that issues.
            (
                "记者7日从广东省商务厅获悉，广东省人民政府办公厅日前印发《若干措施》",
                Some("广东省人民政府办公厅"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(issuer(text, city).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn publication_names_resolve_to_places() {
        let cases = [
            ("株洲日报", Some("株洲市")),
            ("湖南日报", Some("湖南省")),
            ("北京晚报", Some("北京市")),
            ("广西日报", Some("广西自治区")),
            ("人民日报", None),
            ("柳州日报", Some("柳州市")),
            ("珠海特区报", Some("珠海市")),
            // Named after a region, not a place (session 9).
            ("三峡日报", Some("宜昌市")),
            ("齐鲁晚报", Some("山东省")),
            ("三湘都市报", Some("湖南省")),
        ];
        for (p, want) in cases {
            assert_eq!(city_of_publication(p).as_deref(), want, "{p}");
        }
    }

    fn beneficiary_names(text: &str) -> Vec<String> {
        let cs: Vec<char> = text.chars().collect();
        find_beneficiaries(&cs, 0, cs.len())
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    }

    #[test]
    fn the_head_after_dui_de_benefits_not_its_qualifier() {
        let cases: [(&str, &[&str]); 6] = [
            ("对餐饮、零售等5个特困行业缓缴社会保险费", &["特困行业"]),
            (
                "对吸纳就业困难人员和退役军人的",
                &["就业困难人员", "退役军人"],
            ),
            (
                "对新招用高校毕业生的企业，给予补助",
                &["新招用高校毕业生的企业"],
            ),
            ("对招用高校毕业生的小微企业给予补贴", &["小微企业"]),
            ("对受疫情影响严重的中小微企业", &["中小微企业"]),
            (
                "对个人消费者购买新能源汽车的，每辆给予补贴",
                &["个人消费者"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(beneficiary_names(text), want, "{text}");
        }
    }

    #[test]
    fn beneficiaries_take_their_modifiers() {
        let cases: [(&str, &[&str]); 12] = [
            ("造成该市中小微外贸企业普遍出现订单难", &["中小微外贸企业"]),
            // People, not only firms.
            ("经济困难的失能老年人护理补贴标准提高", &["失能老年人"]),
            ("80周岁以上老年人享受高龄津贴", &["老年人"]),
            ("对种粮农民给予一次性补贴", &["种粮农民"]),
            ("对增值税小规模纳税人免征增值税", &["增值税小规模纳税人"]),
            ("对小型微利企业减按25%计算应纳税所得额", &["小型微利企业"]),
            // Infants and care providers; lenders are no beneficiaries.
            (
                "对新设立的普惠托育机构给予补助，对三周岁以下婴幼儿发放补贴",
                &["普惠托育机构", "婴幼儿"],
            ),
            ("鼓励金融机构贷款利率下调15%以上", &[]),
            // A long qualifier (`对…的`) still only qualifies the head.
            (
                "对招用毕业年度高校毕业生并签订1年以上劳动合同的中小微企业，给予补贴",
                &["中小微企业"],
            ),
            ("购车消费者单辆车价在30万元以内的消费者", &["购车消费者"]),
            (
                "帮助困难企业尤其是小微企业和个体工商户",
                &["困难企业", "小微企业", "个体工商户"],
            ),
            ("企业生产用水", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(beneficiary_names(text), want, "{text}");
        }
    }

    #[test]
    fn categories_follow_the_documented_cues() {
        let cases = [
            ("实行“7×24小时”通关服务", "trade_facilitation"),
            ("鼓励金融机构贷款利率下调15%以上", "finance_credit"),
            (
                "购买新车的个人消费者，按车辆发票价格的2%给予补贴",
                "subsidy",
            ),
            ("工业用水价格按现行价格的80%收取", "price_tariff"),
            ("统一按原到户电价水平的95%结算", "price_tariff"),
            ("房产税减半征收", "tax_fee_relief"),
            (
                "对单车价格不超过30万元的乘用车，减半征收车辆购置税",
                "tax_fee_relief",
            ),
            ("市政府安排了300万元支持资金，设立抽奖活动", "consumption"),
            ("提高其展位费补贴标准", "subsidy"),
            ("稳岗返还", "employment"),
            // Of credit, tariff and relief cues, the one stated first is the measure.
            (
                "今年二季度缓缴住房公积金，缓缴期间不影响职工提取和贷款",
                "tax_fee_relief",
            ),
            ("对中小企业贷款给予贴息，免收担保费", "finance_credit"),
            ("电费按照0.45元/千瓦时执行", "price_tariff"),
            // Housing: a grant to buyers is a subsidy, a provident-fund loan is credit; buying
            // a home is no consumer incentive of its own.
            ("对首次购房的高校毕业生给予3万元购房补贴", "subsidy"),
            ("按实际缴纳契税的50%给予契税补贴", "subsidy"),
            ("住房公积金贷款额度提高至80万元", "finance_credit"),
            ("契税减半征收", "tax_fee_relief"),
            ("免征增值税", "tax_fee_relief"),
            ("开展主题活动", "service"),
            ("充电服务费上限由每千瓦时0.8元下调至0.6元", "price_tariff"),
            ("停车场收费标准下调", "price_tariff"),
            ("免收物业服务费3个月", "tax_fee_relief"),
            ("配送车辆通行高速公路的，通行费按九折收取", "tax_fee_relief"),
            ("成立领导小组", "other"),
        ];
        for (text, want) in cases {
            assert_eq!(categorize(text), want, "{text}");
        }
        for (_, cues) in CATEGORY_CUES {
            assert!(!cues.is_empty());
        }
        assert!(CATEGORY_CUES
            .iter()
            .all(|(c, _)| CATEGORIES.iter().any(|(n, _)| n == c)));
    }
}

/// The UI's list of category codes is generated from [`CATEGORIES`], like the ts-rs bindings
/// (`cargo test -p policy-ledger-core export_bindings`; `scripts/check-bindings` fails on drift),
/// so the interface never offers a code the classifier does not know or misses a new one.
#[cfg(test)]
mod ui_bindings {
    use super::CATEGORIES;

    #[test]
    fn export_bindings_category_codes() {
        let Some(dir) = std::env::var_os("TS_RS_EXPORT_DIR") else {
            return;
        };
        let codes: Vec<String> = CATEGORIES
            .iter()
            .map(|(c, _)| format!("  {c:?},\n"))
            .collect();
        let text = format!(
            "// Generated from the classifier's categories (crates/core/src/extract/issuers.rs) by\n\
             // `cargo test -p policy-ledger-core export_bindings`. Do not edit this file manually.\n\n\
             /** The category codes core's classifier assigns, in its order. */\n\
             export const CATEGORY_CODES = [\n{}] as const;\n",
            codes.concat()
        );
        // Relative to the workspace root, as ts-rs resolves it.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = root.join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("categoryCodes.ts"), text).unwrap();
    }
}
