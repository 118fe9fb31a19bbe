// The measures table's filters, and the block of rows and sort its grid asks for, turned into core's
// MeasureQuery. Filtering, sorting and paging all happen in SQLite; the table only ever holds
// the pages it shows.

import type { MeasureQuery } from "../bindings/MeasureQuery";
import type { MeasureSort } from "../bindings/MeasureSort";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import { CATEGORY_CODES, categoryLabel } from "../i18n";

/** A category typed by its name ("补贴奖励", "Subsidies and awards") filters on its code. */
export function categoryCode(typed: string | null): string | null {
  if (typed === null) return null;
  const known = CATEGORY_CODES.find((code) => categoryLabel(code) === typed);
  return known ?? typed;
}

export interface MeasureFilters {
  status: MeasureStatus | "";
  issuer: string;
  category: string;
  /** 'YYYY-MM-DD' or "" */
  inForceOn: string;
  /** Whole days from today, as typed ("" for no limit); core does the date arithmetic. */
  expiringWithinDays: string;
  text: string;
}

/** How the table shows packages: grouped with their items, and which are collapsed. */
export interface TreeView {
  grouped: boolean;
  collapsed: number[];
}

export const FLAT: TreeView = { grouped: false, collapsed: [] };

export const NO_FILTERS: MeasureFilters = {
  status: "",
  issuer: "",
  category: "",
  inForceOn: "",
  expiringWithinDays: "",
  text: "",
};

/** The rows the grid asks for (a block: first row and count) and the column it sorts by. */
export interface TableParams {
  offset?: number;
  limit?: number;
  sort?: { field: string; dir: "asc" | "desc" } | null;
}

const SORTABLE: Record<string, MeasureSort> = {
  id: "id",
  title: "title",
  issuer: "issuer",
  category: "category",
  status: "status",
  effective_from: "effective_from",
  expires_on: "expires_on",
  updated_at: "updated_at",
};

export function isSortable(field: string): boolean {
  return field in SORTABLE;
}

/** A civil date as the wire carries it. Shape only: core decides whether the day exists. */
export function looksLikeDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/** Filters whose values are not acceptable, by field name (the date must look like a date). */
export function filterProblems(f: MeasureFilters): (keyof MeasureFilters)[] {
  const out: (keyof MeasureFilters)[] = [];
  if (f.inForceOn.trim() && !looksLikeDate(f.inForceOn.trim())) out.push("inForceOn");
  if (f.expiringWithinDays.trim() && !isDayCount(f.expiringWithinDays.trim())) out.push("expiringWithinDays");
  return out;
}

/** 0 or a whole positive number of days that fits core's u32. */
export function isDayCount(s: string): boolean {
  return /^\d{1,9}$/.test(s);
}

function blankToNull(s: string): string | null {
  const v = s.trim();
  return v === "" ? null : v;
}

export function buildMeasureQuery(f: MeasureFilters, p: TableParams = {}, tree: TreeView = FLAT): MeasureQuery {
  const limit = p.limit && p.limit > 0 ? p.limit : 100;
  const offset = p.offset && p.offset > 0 ? p.offset : 0;
  const first = p.sort && p.sort.field in SORTABLE ? p.sort : null;
  return {
    statuses: f.status ? [f.status] : [],
    issuer: blankToNull(f.issuer),
    category: categoryCode(blankToNull(f.category)),
    text: blankToNull(f.text),
    in_force_on: blankToNull(f.inForceOn),
    expiring_from: null,
    expiring_until: null,
    issue_id: null,
    parent_id: null,
    // The window starts on today's date as core's clock sees it.
    expiring_within_days: isDayCount(f.expiringWithinDays.trim()) ? Number(f.expiringWithinDays.trim()) : null,
    group_packages: tree.grouped,
    collapsed: tree.grouped ? tree.collapsed : [],
    sort: first ? SORTABLE[first.field] : "id",
    descending: first?.dir === "desc",
    offset,
    limit,
  };
}
