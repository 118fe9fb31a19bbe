// Editing a measure in the UI: the editable fields of a stored Measure (what update_measure
// takes), and the text shown for a typed value. No validation here: core validates.

import type { Measure } from "../bindings/Measure";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { MeasureValue } from "../bindings/MeasureValue";

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

const BOUND: Record<string, string> = { exact: "", at_least: "≥ ", at_most: "≤ " };

function signed(n: string): string {
  return n.startsWith("-") ? n : `+${n}`;
}

/** A typed value as a short human string, e.g. "≥ -15%" or "-0.4 CNY/立方米". */
export function formatValue(v: MeasureValue | null): string {
  if (!v) return "";
  switch (v.kind) {
    case "amount":
      return `${BOUND[v.bound] ?? ""}${v.amount} ${v.currency}`;
    case "unit_price":
      return `${v.amount} ${v.currency}${v.unit ? `/${v.unit}` : ""}`;
    case "percentage":
      return `${BOUND[v.bound] ?? ""}${v.percent}%`;
    case "percent_change":
      return `${BOUND[v.bound] ?? ""}${signed(v.percent)}%`;
    case "percentage_points":
      return `${BOUND[v.bound] ?? ""}${signed(v.points)} pp`;
    case "change_per_unit":
      return `${signed(v.amount)} ${v.currency}/${v.unit}`;
    case "text":
      return v.text;
  }
}
