// Measures table: a virtual grid (grid/grid.ts) over core's query — filter, sort and paging in
// SQLite, rows fetched in blocks as they scroll into view — edited in place (core validates; a
// refusal restores the cell and is shown as a sentence), bulk status change, and undo / redo.

import type { App, View } from "../app";
import type { Measure } from "../bindings/Measure";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import type { TableRow } from "../bindings/TableRow";
import { h } from "../dom";
import { VirtualGrid, type Column, type Sort } from "../grid/grid";
import { CATEGORY_CODES, categoryLabel, t, type Key } from "../i18n";
import { api } from "../ipc";
import { formatValue, inputFromMeasure } from "../measures/edit";
import { buildMeasureQuery, filterProblems, isSortable, looksLikeDate, NO_FILTERS, type MeasureFilters, type TreeView } from "../measures/query";

const STATUSES: MeasureStatus[] = ["suggested", "confirmed", "rejected"];
/** Every row is this tall (px): the grid places rows without measuring them. */
export const ROW_HEIGHT = 28;
/** Rows per request to core. */
export const BLOCK_SIZE = 100;
const DATE_FIELDS = new Set(["effective_from", "expires_on"]);

export function statusLabel(s: MeasureStatus): string {
  return t(`status_${s}` as Key);
}

/**
 * Apply an in-place edit of `field` to the stored measure `before`. Returns the measure to
 * save, or a sentence saying why the value is refused before it reaches core.
 */
export function editedMeasure(before: Measure, field: string, value: unknown): Measure | string {
  const text = typeof value === "string" ? value.trim() : value;
  if (DATE_FIELDS.has(field) && typeof text === "string" && text !== "" && !looksLikeDate(text)) {
    return t("dateFormatHint");
  }
  return { ...before, [field]: text === "" ? null : text } as Measure;
}

/** A row of the table as core gives it: the columns shown, the first quote, the place in its package. */
export type GridRow = TableRow;

/** The package toggle and indentation of a row: text and button only, no HTML. */
export function treeCell(row: GridRow, collapsed: boolean): HTMLElement {
  const box = h("span", { class: "tree-cell", "data-depth": row.depth });
  // Through the CSSOM: the CSP allows no style attributes.
  box.style.paddingLeft = `${row.depth * 14}px`;
  if (row.items > 0) {
    box.append(
      h(
        "button",
        {
          type: "button",
          class: "package-toggle",
          "data-measure-id": row.id,
          "aria-expanded": String(!collapsed),
          title: t(collapsed ? "expandPackage" : "collapsePackage"),
        },
        `${collapsed ? "▸" : "▾"} ${t("packageItems", { n: row.items })}`,
      ),
    );
  } else if (row.depth > 0) {
    box.append(h("span", { class: "item-mark" }, "└"));
  }
  return box;
}


/** What the view keeps between visits (and re-draws after undo or a language change). */
interface Place {
  scrollTop: number;
  sort: Sort | null;
  widths: Record<string, number>;
}

export class MeasuresView implements View {
  private grid: VirtualGrid<GridRow> | null = null;
  private filters: MeasureFilters = { ...NO_FILTERS };
  /** Packages grouped with their items (on by default), and the collapsed ones. */
  private tree: TreeView = { grouped: true, collapsed: [] };
  private place: Place = { scrollTop: 0, sort: null, widths: {} };
  private totalBox = h("span", { id: "measure-total", class: "total" });
  private rangeBox = h("span", { id: "measure-range", class: "total" });
  private selectedBox = h("span", { id: "measure-selected", class: "total" });

  constructor(private app: App) {}

  mount(root: HTMLElement): void {
    const host = h("div", { id: "measures-grid", class: "measures-grid" });
    root.append(this.toolbar(), this.filterBar(), host, h("div", { class: "grid-status" }, this.rangeBox));
    this.selectedBox.textContent = "";
    this.grid = new VirtualGrid<GridRow>(host, {
      columns: this.columns(),
      rowHeight: ROW_HEIGHT,
      blockSize: BLOCK_SIZE,
      key: (row) => row.id,
      fetch: (offset, limit) => this.fetch(offset, limit),
      labels: { selectRow: t("selectRow"), selectInView: t("selectInView"), empty: t("totalCount", { n: 0 }) },
      rowClasses: { "package-item": (row) => row.depth > 0, package: (row) => row.items > 0 },
      // While the table is flicked (each row on screen for a frame), the id and the title, and
      // the column sorted by, tell the analyst where they are; the rest follows when it rests.
      flickColumns: ["id", "title"],
      save: (row, field, value) => this.save(row, field, value),
      total: (n) => {
        // Each block reports the total: touch the toolbar only when it changes.
        const text = t("totalCount", { n });
        if (this.totalBox.textContent !== text) this.totalBox.textContent = text;
      },
      shown: (first, count, total) => {
        const text = total ? t("pageRows", { from: first + 1, to: first + count, total }) : "";
        if (this.rangeBox.textContent !== text) this.rangeBox.textContent = text;
      },
      selection: (ids) => {
        this.selectedBox.textContent = ids.length ? t("selectedCount", { n: ids.length }) : "";
      },
      failed: (e) => this.app.fail(e),
      sort: this.place.sort,
      sorted: (sort) => {
        this.place.sort = sort;
      },
      widths: this.place.widths,
      resized: (widths) => {
        this.place.widths = widths;
      },
    });
    this.grid.restoreScroll(this.place.scrollTop);
  }

  unmount(): void {
    if (this.grid) this.place.scrollTop = this.grid.scrollTop;
    this.grid?.destroy();
    this.grid = null;
  }

  /** One block of rows from core, with the view's filters, grouping and sort. */
  private fetch(offset: number, limit: number): Promise<{ total: number; rows: GridRow[] }> {
    return api.queryTable(buildMeasureQuery(this.filters, { offset, limit, sort: this.place.sort }, this.tree));
  }

  /** The grid's columns (not private: a test draws every column with hostile text). */
  columns(): Column<GridRow>[] {
    const statusOptions = STATUSES.map((s): [string, string] => [s, statusLabel(s)]);
    const date = (field: "effective_from" | "expires_on", title: Key): Column<GridRow> => ({
      field,
      title: t(title),
      width: 118,
      plainText: true,
      sortable: true,
      text: (m) => m[field] ?? "",
      editor: { kind: "text", placeholder: "YYYY-MM-DD", select: true },
    });
    const quote = (m: GridRow) => m.quote?.replace(/\s+/g, " ") ?? "";
    const columns: Column<GridRow>[] = [
      { field: "id", title: t("colId"), width: 64, align: "right", plainText: true, sortable: true, text: (m) => String(m.id) },
      {
        // Packages: indentation and the toggle (separate from the title so a click on it
        // never starts an edit).
        field: "items",
        title: "",
        width: 92,
        text: () => "",
        render: (cell, m) => {
          cell.replaceChildren(treeCell(m, this.tree.collapsed.includes(m.id)));
        },
        // An item's cell shows only its depth; a package's, its id, count and state.
        renderKey: (m) => (m.items > 0 ? `${m.depth} ${m.id} ${m.items} ${this.tree.collapsed.includes(m.id)}` : `${m.depth}`),
        click: (m, target) => {
          if (!target.closest(".package-toggle")) return false;
          this.toggle(m.id);
          return true;
        },
      },
      // Long Chinese titles and values are cut with an ellipsis; the tooltip has them whole.
      { field: "title", title: t("colTitle"), minWidth: 220, grow: 3, sortable: true, text: (m) => m.title, tip: (m) => m.title, editor: { kind: "text" } },
      { field: "issuer", title: t("colIssuer"), minWidth: 100, grow: 1, sortable: true, text: (m) => m.issuer ?? "", tip: (m) => m.issuer ?? "", editor: { kind: "text" } },
      {
        field: "category",
        title: t("colCategory"),
        minWidth: 90,
        grow: 1,
        sortable: true,
        text: (m) => categoryLabel(m.category),
        editValue: (m) => m.category ?? "",
        // The known categories by name; anything else the analyst types is kept as typed.
        editor: { kind: "combo", options: CATEGORY_CODES.map((code): [string, string] => [code, categoryLabel(code)]) },
      },
      { field: "value", title: t("colValue"), minWidth: 100, grow: 1, text: (m) => formatValue(m.value), tip: (m) => formatValue(m.value) },
      date("effective_from", "colEffective"),
      date("expires_on", "colExpires"),
      {
        field: "status",
        title: t("colStatus"),
        width: 96,
        sortable: true,
        text: (m) => statusLabel(m.status),
        editValue: (m) => m.status,
        editor: { kind: "select", options: statusOptions },
      },
      {
        field: "sources",
        title: t("colQuote"),
        minWidth: 120,
        grow: 2,
        text: quote,
        tip: (m) => (m.quote ?? "") + (m.more_sources ? `\n${t("moreSources", { n: m.more_sources })}` : ""),
        activate: (m) => void this.openSource(m),
      },
    ];
    return columns.map((c) => ({ ...c, sortable: c.sortable === true && isSortable(c.field) }));
  }

  /**
   * Save an edit of one field: the whole measure is read from core, changed, and written back;
   * core answers with the saved row (its place in a grouped table included), which the grid
   * puts in place of the old one.
   */
  private async save(row: GridRow, field: string, value: string): Promise<GridRow | null> {
    try {
      const before = await api.getMeasure(row.id);
      const next = editedMeasure(before, field, value);
      if (typeof next === "string") {
        this.app.notify(next, "error");
        return null;
      }
      const saved = await api.updateTableRow(row.id, inputFromMeasure(next), this.tree.grouped);
      this.app.notify(t("saved"));
      return saved;
    } catch (e) {
      this.app.fail(e);
      return null;
    }
  }

  private toolbar(): HTMLElement {
    const bulk = h("select", { id: "bulk-status" }, ...STATUSES.map((s) => h("option", { value: s }, statusLabel(s))));
    return h(
      "section",
      { class: "toolbar" },
      h("button", { type: "button", id: "undo", on: { click: () => void this.app.undoRedo("undo") } }, `↶ ${t("undo")}`),
      h("button", { type: "button", id: "redo", on: { click: () => void this.app.undoRedo("redo") } }, `↷ ${t("redo")}`),
      h("span", { class: "sep" }),
      h("label", {}, t("bulkStatus"), " ", bulk),
      h("button", { type: "button", id: "bulk-apply", on: { click: () => void this.bulk(bulk.value as MeasureStatus) } }, t("apply")),
      this.selectedBox,
      h("span", { class: "sep" }),
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          id: "group-packages",
          checked: this.tree.grouped,
          on: {
            change: (ev: Event) => {
              this.tree = { grouped: (ev.target as HTMLInputElement).checked, collapsed: [] };
              this.grid?.reset();
            },
          },
        }),
        " ",
        t("groupPackages"),
      ),
      h("span", { class: "grow" }),
      this.totalBox,
    );
  }

  private filterBar(): HTMLElement {
    const f = this.filters;
    const status = h(
      "select",
      { id: "filter-status", name: "status" },
      h("option", { value: "" }, t("filterAll")),
      ...STATUSES.map((s) => h("option", { value: s }, statusLabel(s))),
    );
    status.value = f.status;
    const input = (id: string, name: keyof MeasureFilters, placeholder = "") =>
      h("input", { id, name, value: f[name], placeholder, autocomplete: "off" });
    const form: HTMLFormElement = h(
      "form",
      { id: "measure-filters", class: "filters" },
      h("label", {}, t("filterStatus"), " ", status),
      h("label", {}, t("filterIssuer"), " ", input("filter-issuer", "issuer")),
      h("label", {}, t("filterCategory"), " ", input("filter-category", "category")),
      h("label", {}, t("filterInForce"), " ", input("filter-in-force", "inForceOn", "YYYY-MM-DD")),
      h("label", {}, t("filterExpiringWithin"), " ", input("filter-expiring", "expiringWithinDays", "N"), " ", t("filterDays")),
      h("label", {}, t("filterText"), " ", input("filter-text", "text")),
      h("button", { type: "submit", id: "apply-filters", class: "primary" }, t("applyFilters")),
      h("button", { type: "button", id: "clear-filters", on: { click: (): void => this.setFilters({ ...NO_FILTERS }, form) } }, t("clearFilters")),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
      this.setFilters(
        {
          status: v("status") as MeasureFilters["status"],
          issuer: v("issuer"),
          category: v("category"),
          inForceOn: v("inForceOn").trim(),
          expiringWithinDays: v("expiringWithinDays").trim(),
          text: v("text"),
        },
        form,
      );
    });
    return form;
  }

  private setFilters(next: MeasureFilters, form: HTMLFormElement): void {
    const problems = filterProblems(next);
    for (const el of form.querySelectorAll("input")) el.classList.toggle("invalid", problems.includes(el.name as keyof MeasureFilters));
    if (problems.length) {
      this.app.notify(t(problems.includes("inForceOn") ? "dateFormatHint" : "daysHint"), "error");
      return;
    }
    this.filters = next;
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
      el.value = String(next[el.name as keyof MeasureFilters] ?? "");
    }
    this.grid?.reset();
  }

  /** Show or hide a package's items: core leaves collapsed items out. The rows above stay put. */
  private toggle(id: number): void {
    const collapsed = this.tree.collapsed.includes(id);
    this.tree = { ...this.tree, collapsed: collapsed ? this.tree.collapsed.filter((x) => x !== id) : [...this.tree.collapsed, id] };
    this.grid?.refresh();
  }

  private async bulk(status: MeasureStatus): Promise<void> {
    const ids = this.grid?.selectedKeys ?? [];
    if (!ids.length) return;
    try {
      await api.setMeasureStatus(ids, status);
      this.grid?.clearSelection();
      this.grid?.refresh();
      this.app.notify(t("saved"));
    } catch (e) {
      this.app.fail(e);
    }
  }

  private async openSource(m: GridRow): Promise<void> {
    if (m.article_id === null) return;
    try {
      const article = await api.getArticle(m.article_id);
      Object.assign(this.app.selection, { issueId: article.issue_id, articleId: article.id, measureId: m.id });
      await this.app.show("reader");
    } catch (e) {
      this.app.fail(e);
    }
  }

  /** The grid on screen (tests). */
  get table(): VirtualGrid<GridRow> | null {
    return this.grid;
  }
}
