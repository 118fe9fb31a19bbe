// "New measure from selection": core's proposal (propose_measure) shown as form values, and
// the form turned back into a MeasureInput. Fields core filled keep their typed value,
// precision and inferred flag as long as the analyst leaves their text unchanged; a retyped
// field is the analyst's (a value becomes text, a date loses its precision). No date or value
// is read here: core did that.

import type { FieldEvidence } from "../bindings/FieldEvidence";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { SelectionProposal } from "../bindings/SelectionProposal";
import type { SourceSpan } from "../bindings/SourceSpan";
import { categoryLabel } from "../i18n";
import { formatValue, valueFromText } from "./edit";
import { categoryCode } from "./query";

export const FORM_FIELDS = ["title", "issuer", "category", "beneficiaries", "effective_from", "expires_on", "value"] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField | "notes", string>;

/** Separator used to show several beneficiaries in one field (and to split it back). */
const LIST_SEPARATOR = "、";

export interface FormDraft {
  values: FormValues;
  /** The evidence of each field core filled (the first one when it read several). */
  proposed: Partial<Record<FormField, FieldEvidence>>;
}

/** An empty form for `span` (when core could not be asked). */
export function emptyDraft(span: SourceSpan): FormDraft {
  return {
    values: { title: titleFromQuote(span.quote), issuer: "", category: "", beneficiaries: "", effective_from: "", expires_on: "", value: "", notes: "" },
    proposed: {},
  };
}

/** A prefill title: the start of the quote, on one line. */
export function titleFromQuote(quote: string): string {
  const line = quote.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** The form's values for a proposal, and which fields are proposals. */
export function draftFromProposal(p: SelectionProposal): FormDraft {
  const i = p.input;
  const proposed: FormDraft["proposed"] = {};
  for (const e of p.evidence) proposed[e.field] ??= e;
  return {
    values: {
      title: i.title,
      issuer: i.issuer ?? "",
      category: categoryLabel(i.category),
      beneficiaries: i.beneficiaries.join(LIST_SEPARATOR),
      effective_from: i.effective_from ?? "",
      expires_on: i.expires_on ?? "",
      value: formatValue(i.value),
      notes: i.notes,
    },
    proposed,
  };
}

export function splitList(s: string): string[] {
  return s
    .split(/[、,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * The measure to create from the form: `base` is core's proposal (or an empty input for the
 * span), `shown` what the form was opened with, `values` what it holds now.
 */
export function inputFromForm(base: MeasureInput, shown: FormValues, values: FormValues): MeasureInput {
  const v = (f: keyof FormValues) => values[f].trim();
  const kept = (f: keyof FormValues) => values[f].trim() === shown[f].trim();
  return {
    ...base,
    title: v("title"),
    issuer: v("issuer") || null,
    category: categoryCode(v("category") || null),
    beneficiaries: kept("beneficiaries") ? base.beneficiaries : splitList(values.beneficiaries),
    value: kept("value") ? base.value : valueFromText(values.value),
    effective_from: v("effective_from") || null,
    effective_precision: kept("effective_from") ? base.effective_precision : null,
    effective_inferred: kept("effective_from") ? base.effective_inferred : false,
    expires_on: v("expires_on") || null,
    expires_precision: kept("expires_on") ? base.expires_precision : null,
    expires_inferred: kept("expires_on") ? base.expires_inferred : false,
    status: "confirmed",
    notes: v("notes"),
  };
}

/** A measure input with nothing but `span` (the proposal's shape when core is not asked). */
export function bareInput(span: SourceSpan): MeasureInput {
  return {
    parent_id: null,
    title: "",
    issuer: null,
    jurisdiction: null,
    category: null,
    beneficiaries: [],
    value: null,
    effective_from: null,
    effective_precision: null,
    effective_inferred: false,
    expires_on: null,
    expires_precision: null,
    expires_inferred: false,
    status: "confirmed",
    notes: "",
    sources: [span],
    suggestion_key: null,
  };
}


