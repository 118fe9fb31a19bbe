// Shared test data.

import type { Measure } from "../bindings/Measure";
import type { TableRow } from "../bindings/TableRow";

/** A stored measure with every field set, overridable. */
export function measure(over: Partial<Measure> = {}): Measure {
  return {
    id: 1,
    uid: "u",
    parent_id: null,
    title: "电价优惠",
    issuer: "醴陵市",
    category: null,
    beneficiaries: [],
    value: null,
    effective_from: "2020-04-25",
    expires_on: "2020-12-31",
    status: "confirmed",
    notes: "",
    sources: [{ article_id: 3, start: 10, end: 12, quote: "电价" }],
    jurisdiction: null,
    effective_precision: null,
    effective_inferred: false,
    expires_precision: null,
    expires_inferred: false,
    suggestion_key: null,
    revision: 0,
    created_at: "2020-04-25T00:00:00Z",
    updated_at: "2020-04-25T00:00:00Z",
    ...over,
  };
}

/** A row of the measures table as core's `query_table` / `update_table_row` give it, overridable. */
export function tableRow(over: Partial<TableRow> = {}): TableRow {
  return {
    id: 1,
    parent_id: null,
    title: "电价优惠",
    issuer: "醴陵市",
    category: null,
    value: null,
    effective_from: "2020-04-25",
    expires_on: "2020-12-31",
    status: "confirmed",
    quote: "电价",
    article_id: 3,
    more_sources: 0,
    depth: 0,
    items: 0,
    ...over,
  };
}
