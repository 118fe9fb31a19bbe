// Two Tabulator modules that keep the measures grid's cost bounded by what is on screen, not by
// how far the analyst has scrolled through a large ledger (docs/performance.md, "App").
//
// AppendingPageModule — progressive "scroll" loading that appends each page. Tabulator 6.5 handles every page after the first with
// `rowManager.setData(rowManager.getData().concat(page))`: it wipes and re-creates a Row for
// every row loaded so far, so the n-th page costs O(n × page size) and scrolling through the
// 100,000 measures of a large ledger is quadratic (frames of seconds near the end, and the
// selection is lost whenever a page arrives). Its "load" mode already appends with
// `rowManager.addRows(page)`; this module appends too (see appendRows) and keeps the rest of
// Tabulator's logic: the page count from `last_page`, the row-count estimate, and asking for
// the next page while the grid is not yet filled past the scroll margin.

import { Module, PageModule, TabulatorFull } from "tabulator-tables";

/** The parts of Tabulator's page module (not in its type declarations) this override uses. */
interface PageInternals {
  progressiveLoad: boolean;
  mode: string;
  page: number;
  max: number;
  remoteRowCountEstimate: number;
  table: {
    options: { progressiveLoadScrollMargin?: number };
    rowManager: RowManagerInternals;
  };
  nextPage(): Promise<unknown>;
}

interface RowManagerInternals {
  element: HTMLElement;
  rows: object[];
  addRows(rows: unknown[]): Promise<unknown>;
  refreshActiveData(stage: false, skipStage: boolean, renderInPosition: boolean): void;
}

/**
 * Append `defs` as new rows, then run the display pipeline once, as Tabulator's own `setData`
 * does for a whole data set. Not `rowManager.addRows`: it copies the array of every active row
 * once per row added (`setActiveRows` in `addRowActual`), O(rows loaded) per row — a page
 * appended at 10,000 rows made ≈ 8 MB of garbage the web process never gave back.
 */
function appendRows(rm: RowManagerInternals, defs: unknown[]): void {
  const RowClass = rm.rows[0]?.constructor as (new (data: unknown, manager: unknown) => object) | undefined;
  if (!RowClass) {
    void rm.addRows(defs);
    return;
  }
  for (const def of defs) {
    if (def && typeof def === "object") rm.rows.push(new RowClass(def, rm));
  }
  rm.refreshActiveData(false, false, true);
}

interface RemotePage {
  last_page?: number | string;
  last_row?: number;
  data?: unknown[];
}

const Base = PageModule as unknown as new (table: unknown) => object;

export class AppendingPageModule extends Base {
  static moduleName = "page";

  _parseRemoteData(data: RemotePage): unknown {
    const self = this as unknown as PageInternals;
    if (!(self.progressiveLoad && self.mode === "progressive_scroll" && self.page !== 1 && data.data)) {
      return (PageModule.prototype as unknown as { _parseRemoteData(d: RemotePage): unknown })._parseRemoteData.call(this, data);
    }
    self.max = Number.parseInt(String(data.last_page)) || 1;
    self.remoteRowCountEstimate = data.last_row ?? self.max * data.data.length;
    appendRows(self.table.rowManager, data.data);
    const el = self.table.rowManager.element;
    const margin = self.table.options.progressiveLoadScrollMargin || el.clientHeight * 2;
    if (el.scrollHeight <= el.clientHeight + margin && self.page < self.max) {
      setTimeout(() => void self.nextPage().catch(() => {}));
    }
    return false;
  }
}

/** The parts of a Tabulator row (not in its type declarations) ReleaseOffscreenCells uses. */
interface RowInternals {
  element: HTMLElement | false | null;
  cells: unknown[];
  initialized: boolean;
  deleteCells(): void;
}

const ModuleBase = Module as unknown as new (table: unknown) => object;

/**
 * ReleaseOffscreenCells — Tabulator's virtual renderer takes rows that scroll out of view out of
 * the document but keeps their cells (a Cell, its element, formatter output) for ever: after a
 * scroll through 100,000 measures the webview held every cell of every row, over a gigabyte.
 * Shortly after each scroll this module deletes the cells of rows no longer in the document and
 * marks them uninitialised; Tabulator builds them again (initialize → generateCells) if they
 * come back into view. Row data, height and selection stay on the Row.
 */
export class ReleaseOffscreenCells extends ModuleBase {
  static moduleName = "releaseOffscreenCells";
  private rendered = new Set<RowInternals>();
  private pending = false;

  initialize(): void {
    const on = (this as unknown as { subscribe(ev: string, fn: (...a: unknown[]) => void): void }).subscribe.bind(this);
    on("row-layout", (row) => this.rendered.add(row as RowInternals));
    on("rows-wipe", () => this.rendered.clear());
    on("scroll-vertical", () => this.schedule());
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.release();
    }, 250);
  }

  /** Delete the cells of every row that is out of the document; returns how many rows. */
  release(): number {
    let released = 0;
    for (const row of this.rendered) {
      if (row.element && row.element.isConnected) continue;
      if (row.cells.length) {
        row.deleteCells();
        released++;
      }
      row.initialized = false;
      this.rendered.delete(row);
    }
    return released;
  }
}

let registered = false;

/** Make every Tabulator built after this call use the modules above. */
export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  const T = TabulatorFull as unknown as { registerModule(m: unknown): void };
  T.registerModule(AppendingPageModule);
  T.registerModule(ReleaseOffscreenCells);
}
