// Editing a measure in the UI: the editable fields of a stored Measure (what update_measure
// takes), and the text shown for a typed value. No validation here: core validates.

import type { Measure } from "../bindings/Measure";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { MeasureValue } from "../bindings/MeasureValue";
import { getLang, type Lang } from "../i18n";

function optional(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const v = s.trim();
  return v === "" ? null : v;
}

/** The editable fields of `m`, with blank text fields and dates sent as null. */
export function inputFromMeasure(m: Measure): MeasureInput {
  return {
    parent_id: m.parent_id,
    title: m.title.trim(),
    issuer: optional(m.issuer),
    jurisdiction: optional(m.jurisdiction),
    category: optional(m.category),
    beneficiaries: m.beneficiaries,
    value: m.value,
    effective_from: optional(m.effective_from),
    effective_precision: m.effective_precision,
    effective_inferred: m.effective_inferred,
    expires_on: optional(m.expires_on),
    expires_precision: m.expires_precision,
    expires_inferred: m.expires_inferred,
    status: m.status,
    notes: m.notes,
    sources: m.sources,
    suggestion_key: m.suggestion_key,
  };
}

/** Free text typed by the analyst becomes a text value; blank means no value. */
export function valueFromText(s: string): MeasureValue | null {
  const v = s.trim();
  return v === "" ? null : { kind: "text", text: v };
}

/**
 * A non-negative decimal string divided by 10^`digits`, without floating point (amounts are
 * exact decimals from core): "3000000", 4 → "300"; "12345", 4 → "1.2345".
 */
export function shiftDecimal(s: string, digits: number): string {
  const [whole, frac = ""] = s.split(".");
  const padded = whole.padStart(digits + 1, "0");
  const head = padded.slice(0, padded.length - digits).replace(/^0+(?=\d)/, "");
  const tail = (padded.slice(padded.length - digits) + frac).replace(/0+$/, "");
  return tail ? `${head}.${tail}` : head;
}

/** "3000000.50" → "3000000.5", "-0.40" → "-0.4": core's decimals without trailing zeros. */
function normalise(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function decimals(s: string): number {
  return s.includes(".") ? s.split(".")[1].length : 0;
}

/** "3000000" → "3,000,000" (English digit grouping of the whole part). */
function grouped(s: string): string {
  const [whole, frac] = s.split(".");
  const g = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${g}.${frac}` : g;
}

/**
 * Money as its reader writes it. Chinese: 3000000 → 300万元, 150000000 → 1.5亿元, amounts that
 * would need more than two decimals in 万 stay in 元 (the rule of core's export/describe.rs).
 * English: 3,000,000 yuan.
 */
function money(amount: string, currency: string, lang: Lang): string {
  const negative = amount.startsWith("-") && /[1-9]/.test(amount);
  const abs = normalise(amount.replace(/^[-+]/, ""));
  const yuan = currency === "" || currency.toUpperCase() === "CNY";
  const sign = negative ? "-" : "";
  if (lang === "en") return `${sign}${grouped(abs)} ${yuan ? "yuan" : currency}`;
  const whole = abs.split(".")[0];
  let text = abs;
  for (const [digits, word] of [[8, "亿"], [4, "万"]] as const) {
    const q = shiftDecimal(abs, digits);
    if (whole.length > digits && decimals(q) <= 2) {
      text = `${q}${word}`;
      break;
    }
  }
  return `${sign}${text}${yuan ? "元" : ` ${currency}`}`;
}

type Bounded = "exact" | "at_least" | "at_most";

/**
 * A typed value as the analyst reads it, in the interface language: "最高300万元" /
 * "up to 3,000,000 yuan", "按原标准的95%" / "95% of the old rate", "下调15%以上" / "cut by 15% or
 * more", "每立方米下降0.4元" / "down 0.4 yuan per 立方米", "原标准的1.5倍" / "1.5× the old
 * amount". The words follow core's export
 * (export/describe.rs) so the table, the reader and the printed calendar agree.
 */
export function formatValue(v: MeasureValue | null, lang: Lang = getLang()): string {
  if (!v) return "";
  const zh = lang === "zh";
  const prefix = (b: Bounded, z: [string, string, string], e: [string, string, string]) =>
    (zh ? z : e)[["exact", "at_least", "at_most"].indexOf(b)];
  const suffix = (b: Bounded) =>
    zh ? { exact: "", at_least: "以上", at_most: "以内" }[b] : { exact: "", at_least: " or more", at_most: " at most" }[b];
  const magnitude = (n: string) => normalise(n.replace(/^[-+]/, ""));
  const down = (n: string) => n.startsWith("-") && /[1-9]/.test(n);
  switch (v.kind) {
    case "amount":
      return prefix(v.bound, ["", "不低于", "最高"], ["", "at least ", "up to "]) + money(v.amount, v.currency, lang);
    case "unit_price":
      return `${money(v.amount, v.currency, lang)}${v.unit ? `/${v.unit}` : ""}`;
    case "percentage":
      return zh
        ? `${prefix(v.bound, ["按原标准的", "不低于原标准的", "不超过原标准的"], ["", "", ""])}${normalise(v.percent)}%`
        : `${prefix(v.bound, ["", "at least ", "at most "], ["", "at least ", "at most "])}${normalise(v.percent)}% of the old rate`;
    case "rate":
      return zh
        ? `${prefix(v.bound, ["比率", "比率不低于", "比率不超过"], ["", "", ""])}${normalise(v.percent)}%`
        : `${prefix(v.bound, ["rate ", "rate at least ", "rate at most "], ["rate ", "rate at least ", "rate at most "])}${normalise(v.percent)}%`;
    case "percent_change":
      return zh
        ? `${down(v.percent) ? "下调" : "上调"}${magnitude(v.percent)}%${suffix(v.bound)}`
        : `${down(v.percent) ? "cut by" : "raised by"} ${magnitude(v.percent)}%${suffix(v.bound)}`;
    case "percentage_points":
      return zh
        ? `${down(v.points) ? "下降" : "上升"}${magnitude(v.points)}个百分点${suffix(v.bound)}`
        : `${down(v.points) ? "down" : "up"} ${magnitude(v.points)} pp${suffix(v.bound)}`;
    case "change_per_unit": {
      const amount = money(v.amount.replace(/^-/, ""), v.currency, lang);
      if (zh) return `${v.unit ? `每${v.unit}` : ""}${down(v.amount) ? "下降" : "上涨"}${amount}`;
      return `${down(v.amount) ? "down" : "up"} ${amount}${v.unit ? ` per ${v.unit}` : ""}`;
    }
    case "multiple":
      return zh
        ? `${prefix(v.bound, ["原标准的", "不低于原标准的", "最高为原标准的"], ["", "", ""])}${normalise(v.factor)}倍`
        : `${prefix(v.bound, ["", "at least ", "up to "], ["", "at least ", "up to "])}${normalise(v.factor)}× the old amount`;
    case "text":
      return v.text;
  }
}
