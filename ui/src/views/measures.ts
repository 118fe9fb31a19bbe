// Measures table: a virtualised Tabulator grid whose rows are loaded page by page from core
// (filter, sort and paging in SQLite), edited in place (core validates; a refusal restores
// the cell and is shown as a sentence), bulk status change, and undo / redo.

import { TabulatorFull as Tabulator, type CellComponent, type ColumnDefinition, type RowComponent } from "tabulator-tables";
import "tabulator-tables/dist/css/tabulator_simple.min.css";
import type { App, View } from "../app";
import type { Measure } from "../bindings/Measure";
import type { MeasurePage } from "../bindings/MeasurePage";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import { h } from "../dom";
import { CATEGORY_CODES, categoryLabel, getLang, t, type Key } from "../i18n";
import { api } from "../ipc";
import { formatValue, inputFromMeasure } from "../measures/edit";
import {
  buildMeasureQuery,
  filterProblems,
  looksLikeDate,
  NO_FILTERS,
  pageResponse,
  type MeasureFilters,
  type TableParams,
  type TreeView,
} from "../measures/query";

const STATUSES: MeasureStatus[] = ["suggested", "confirmed", "rejected"];
// Rows per page. The whole page is in the DOM (renderVertical "basic" below), so turning a page
// costs ≈ 1.3 ms a row under Xvfb (Tabulator building the rows, then their style and layout):
// ≈ 130 ms for 100. Larger pages are the analyst's choice.
const PAGE_SIZE = 100;
const PAGE_SIZES = [50, 100, 200, 500];
const DATE_FIELDS = new Set(["effective_from", "expires_on"]);

/** Tabulator's own pagination strings in the interface language. */
function paginationLangs() {
  const strings = (zh: boolean) => ({
    pagination: {
      page_size: zh ? "每页" : "Page size",
      page_title: zh ? "显示第" : "Show page",
      first: zh ? "首页" : "First",
      first_title: zh ? "首页" : "First page",
      last: zh ? "末页" : "Last",
      last_title: zh ? "末页" : "Last page",
      prev: zh ? "上一页" : "Prev",
      prev_title: zh ? "上一页" : "Previous page",
      next: zh ? "下一页" : "Next",
      next_title: zh ? "下一页" : "Next page",
      all: zh ? "全部" : "All",
    },
  });
  return { zh: strings(true), en: strings(false) };
}

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

/** A grid row: the measure and where it sits in its package (from core's grouped page). */
export type GridRow = Measure & { depth: number; items: number };

/** Page rows with their depth and item count (0 when the page is not grouped). */
export function gridRows(page: MeasurePage): GridRow[] {
  return page.rows.map((m, i) => ({ ...m, depth: page.tree?.[i]?.depth ?? 0, items: page.tree?.[i]?.items ?? 0 }));
}

/** The package toggle and indentation of a row: text and button only, no HTML. */
/**
 * Cell text as an element holding a text node. Tabulator puts a string a formatter returns into the cell with
 * `innerHTML` (and a tooltip string into its popup the same way), so imported text — quotes,
 * titles, free-text values, categories — must never reach it as a string.
 */
export function plain(s: string | null | undefined): HTMLElement {
  const span = document.createElement("span");
  span.textContent = s ?? "";
  return span;
}

/** A tooltip whose content is text only (see [`plain`]); none for empty text. */
export function plainTip(s: string | null | undefined): HTMLElement | "" {
  if (!s) return "";
  const tip = document.createElement("div");
  tip.textContent = s;
  return tip;
}

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

export class MeasuresView implements View {
  private table: Tabulator | null = null;
  private filters: MeasureFilters = { ...NO_FILTERS };
  /** Packages grouped with their items (on by default), and the collapsed ones. */
  private tree: TreeView = { grouped: true, collapsed: [] };
  private total = 0;
  private totalBox = h("span", { id: "measure-total", class: "total" });
  private selectedBox = h("span", { id: "measure-selected", class: "total" });

  constructor(private app: App) {}

  mount(root: HTMLElement): void {
    const grid = h("div", { id: "measures-grid", class: "measures-grid" });
    root.append(this.toolbar(), this.filterBar(), grid);
    this.table = new Tabulator(grid, {
      height: "100%",
      layout: "fitColumns",
      index: "id",
      placeholder: t("totalCount", { n: 0 }),
      // One page of rows at a time, filtered, sorted and paged by core; within the page only
      // the visible rows are in the DOM. Memory and drawing stay bounded by the page whatever
      // the ledger's size: progressive "scroll" loading kept every row it had ever loaded
      // (2–2.6 GB after scrolling 100,000 measures; docs/performance.md, "App").
      ajaxURL: "ledger://measures",
      ajaxRequestFunc: (_url: string, _config: unknown, params: TableParams) => this.fetchPage(params),
      pagination: true,
      paginationMode: "remote",
      // The page's rows are all in the DOM: with one page (≤ 500 rows) held at a time,
      // scrolling moves what is already laid out, as in any table, instead of Tabulator's
      // virtual renderer tearing down and rebuilding rows — each measured and laid out one by
      // one — on every frame (under Xvfb, scroll frames p50 37 → 16 ms, the static table's;
      // docs/performance.md, "App").
      renderVertical: "basic",
      paginationSize: PAGE_SIZE,
      paginationSizeSelector: PAGE_SIZES,
      paginationButtonCount: 7,
      paginationCounter: (size: number, firstRow: number, _page: number, totalRows: number) =>
        plain(t("pageRows", { from: totalRows ? firstRow : 0, to: Math.min(firstRow + size - 1, totalRows), total: totalRows })),
      locale: getLang(),
      langs: paginationLangs(),
      sortMode: "remote",
      // Rows are selected with their checkbox only, so clicking a cell to edit it never
      // adds the row to a bulk status change by accident.
      selectableRows: "highlight",
      rowHeader: { formatter: "rowSelection", titleFormatter: "rowSelection", headerSort: false, width: 36, hozAlign: "center", frozen: true },
      rowFormatter: (row: RowComponent) => {
        const d = row.getData() as GridRow;
        row.getElement().classList.toggle("package-item", d.depth > 0);
        row.getElement().classList.toggle("package", d.items > 0);
      },
      columns: this.columns(),
    });
    this.table.on("cellEdited", (cell: CellComponent) => void this.saveEdit(cell));
    this.table.on("rowSelectionChanged", (data: Measure[]) => {
      this.selectedBox.textContent = data.length ? t("selectedCount", { n: data.length }) : "";
    });
  }

  unmount(): void {
    this.table?.destroy();
    this.table = null;
  }

  private async fetchPage(params: TableParams) {
    try {
      const page = await api.queryMeasures(buildMeasureQuery(this.filters, { ...params, size: params.size ?? PAGE_SIZE }, this.tree));
      this.total = page.total;
      this.totalBox.textContent = t("totalCount", { n: page.total });
      return pageResponse(page.total, params.size ?? PAGE_SIZE, gridRows(page));
    } catch (e) {
      this.app.fail(e);
      return pageResponse(0, PAGE_SIZE, []);
    }
  }

  /** The grid's columns (not private: a test calls every formatter with hostile text). */
  columns(): ColumnDefinition[] {
    const statusValues = Object.fromEntries(STATUSES.map((s) => [s, statusLabel(s)]));
    const dateEditor = { editor: "input" as const, editorParams: { selectContents: true, elementAttributes: { placeholder: "YYYY-MM-DD" } } };
    return [
      { title: t("colId"), field: "id", width: 64, hozAlign: "right" },
      {
        // Packages: indentation and the toggle (separate from the title so a click on it
        // never starts an edit).
        title: "",
        field: "items",
        width: 92,
        headerSort: false,
        formatter: (c) => treeCell(c.getRow().getData() as GridRow, this.tree.collapsed.includes((c.getRow().getData() as GridRow).id)),
        cellClick: (e, c) => {
          if ((e.target as HTMLElement).closest(".package-toggle")) void this.toggle((c.getRow().getData() as GridRow).id);
        },
      },
      // Long Chinese titles and values are cut with an ellipsis; the tooltip has them whole.
      { title: t("colTitle"), field: "title", editor: "input", minWidth: 220, widthGrow: 3, tooltip: (_e, c) => plainTip(c.getValue() as string) },
      { title: t("colIssuer"), field: "issuer", editor: "input", widthGrow: 1, tooltip: (_e, c) => plainTip(c.getValue() as string | null) },
      {
        title: t("colCategory"),
        field: "category",
        formatter: (c) => plain(categoryLabel(c.getValue() as string | null)),
        // The known categories by name; anything else the analyst types is kept as typed.
        editor: "list",
        editorParams: {
          values: Object.fromEntries(CATEGORY_CODES.map((code) => [code, categoryLabel(code)])),
          autocomplete: true,
          freetext: true,
          allowEmpty: true,
          listOnEmpty: true,
        },
        widthGrow: 1,
      },
      { title: t("colValue"), field: "value", headerSort: false, formatter: (c) => plain(formatValue(c.getValue())), tooltip: (_e, c) => plainTip(formatValue(c.getValue())), widthGrow: 1 },
      { title: t("colEffective"), field: "effective_from", width: 118, ...dateEditor },
      { title: t("colExpires"), field: "expires_on", width: 118, ...dateEditor },
      {
        title: t("colStatus"),
        field: "status",
        width: 96,
        editor: "list",
        editorParams: { values: statusValues },
        formatter: (c) => plain(statusLabel(c.getValue())),
      },
      {
        title: t("colQuote"),
        field: "sources",
        headerSort: false,
        widthGrow: 2,
        formatter: (c) => plain((c.getValue() as Measure["sources"])[0]?.quote.replace(/\s+/g, " ")),
        tooltip: (_e, c) => plainTip((c.getValue() as Measure["sources"]).map((s) => s.quote).join("\n")),
        cellDblClick: (_e, c) => void this.openSource(c.getRow().getData() as Measure),
      },
    ];
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
              void this.table?.setData();
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
    void this.table?.setData();
  }

  /** Ask core again for the page on screen (after a change that keeps the filters). */
  private async reloadPage(): Promise<void> {
    const table = this.table;
    if (!table) return;
    const page = table.getPage();
    // Past the last page (the change removed rows), or not paged yet: the first page.
    await (typeof page === "number" && page > 1 ? table.setPage(page).catch(() => table.setData()) : table.setData());
  }

  /** Show or hide a package's items: core leaves collapsed items out of the pages. */
  private async toggle(id: number): Promise<void> {
    const collapsed = this.tree.collapsed.includes(id);
    this.tree = { ...this.tree, collapsed: collapsed ? this.tree.collapsed.filter((x) => x !== id) : [...this.tree.collapsed, id] };
    await this.reloadPage();
    await this.table?.scrollToRow(id, "top", false).catch(() => undefined);
  }

  private async saveEdit(cell: CellComponent): Promise<void> {
    const row = cell.getRow();
    const field = cell.getField();
    const before = { ...(row.getData() as Measure), [field]: cell.getOldValue() } as Measure;
    const next = editedMeasure(before, field, cell.getValue());
    if (typeof next === "string") {
      cell.restoreOldValue();
      this.app.notify(next, "error");
      return;
    }
    try {
      const saved = await api.updateMeasure(before.id, inputFromMeasure(next));
      await row.update(saved);
      this.app.notify(t("saved"));
    } catch (e) {
      cell.restoreOldValue();
      this.app.fail(e);
    }
  }

  private async bulk(status: MeasureStatus): Promise<void> {
    const ids = (this.table?.getSelectedData() as Measure[] | undefined)?.map((m) => m.id) ?? [];
    if (!ids.length) return;
    try {
      await api.setMeasureStatus(ids, status);
      await this.reloadPage();
      this.app.notify(t("saved"));
    } catch (e) {
      this.app.fail(e);
    }
  }

  private async openSource(m: Measure): Promise<void> {
    const src = m.sources[0];
    if (!src) return;
    try {
      const article = await api.getArticle(src.article_id);
      Object.assign(this.app.selection, { issueId: article.issue_id, articleId: article.id, measureId: m.id });
      await this.app.show("reader");
    } catch (e) {
      this.app.fail(e);
    }
  }

  /** Rows matched by the current filters (for tests and the status line). */
  get matched(): number {
    return this.total;
  }
}
