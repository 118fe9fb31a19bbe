use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The typed value of a measure. Money is a decimal, never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureValue {
    /// A sum of money: `300万元` → 3000000 CNY.
    Amount {
        #[ts(type = "string")]
        amount: Decimal,
        currency: String,
        #[serde(default)]
        bound: Bound,
    },
    /// A price per unit: `综合水价3.64元` (per 立方米 / 吨 when stated).
    UnitPrice {
        #[ts(type = "string")]
        amount: Decimal,
        currency: String,
        unit: Option<String>,
    },
    /// A level as a percentage of a reference: `按原电价的95%结算`, `九五折` → 95.
    Percentage {
        #[ts(type = "string")]
        percent: Decimal,
        #[serde(default)]
        bound: Bound,
    },
    /// A rate set to a level, in percent: `失业保险费率降至0.5%`, `征收率由3%降至1%` → 1. Not a
    /// share of the old level ([`MeasureValue::Percentage`]) nor a change.
    Rate {
        #[ts(type = "string")]
        percent: Decimal,
        #[serde(default)]
        bound: Bound,
    },
    /// A relative change in percent, signed: `下调15%以上` → -15, at least.
    PercentChange {
        #[ts(type = "string")]
        percent: Decimal,
        #[serde(default)]
        bound: Bound,
    },
    /// A change in percentage points, signed: `下降0.5个百分点` → -0.5.
    PercentagePoints {
        #[ts(type = "string")]
        points: Decimal,
        #[serde(default)]
        bound: Bound,
    },
    /// A change of a unit price, signed: `下降0.4元/立方米` → -0.4 CNY per 立方米.
    ChangePerUnit {
        #[ts(type = "string")]
        amount: Decimal,
        currency: String,
        unit: String,
    },
    /// A multiple of a reference, as a factor: `补贴标准提高到原来的1.5倍` → 1.5,
    /// `按实际缴纳社保费的2倍给予补贴` → 2, `奖励金额翻一番` → 2 (session 8).
    Multiple {
        #[ts(type = "string")]
        factor: Decimal,
        #[serde(default)]
        bound: Bound,
    },
    /// Anything else, as the analyst words it.
    Text { text: String },
}

/// Whether a figure is exact or a floor/ceiling (`以上`, `不低于`; `以内`, `最高`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Bound {
    #[default]
    Exact,
    AtLeast,
    AtMost,
}
