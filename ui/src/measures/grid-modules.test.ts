import { afterEach, describe, expect, it } from "vitest";
import { TabulatorFull as Tabulator } from "tabulator-tables";
import { registerGridModules } from "./grid-modules";
import { pageResponse } from "./query";

registerGridModules();

interface Row {
  id: number;
  title: string;
}

const PAGE = 5;
const TOTAL = 12;

/** A grid loading TOTAL rows PAGE at a time; pages after the first wait for `release()`. */
function grid() {
  const el = document.createElement("div");
  document.body.append(el);
  const asked: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const table = new Tabulator(el, {
    height: 200,
    index: "id",
    ajaxURL: "test://rows",
    ajaxRequestFunc: async (_u: string, _c: unknown, p: { page: number; size: number }) => {
      asked.push(p.page);
      if (p.page > 1) await gate;
      const first = (p.page - 1) * p.size + 1;
      const rows: Row[] = [];
      for (let id = first; id < first + p.size && id <= TOTAL; id++) rows.push({ id, title: `措施 ${id}` });
      return pageResponse(TOTAL, p.size, rows);
    },
    progressiveLoad: "scroll",
    paginationSize: PAGE,
    selectableRows: true,
    columns: [{ title: "id", field: "id" }, { title: "title", field: "title" }],
  });
  const built = new Promise<void>((r) => table.on("tableBuilt", () => r()));
  return { table, asked, release, built, el };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

afterEach(() => {
  document.body.innerHTML = "";
});

describe("progressive scroll loading", () => {
  it("appends each page after the rows already loaded, in order, once each", async () => {
    const { table, asked, release, built } = grid();
    await built;
    release();
    await until(() => table.getData().length === TOTAL);
    expect((table.getData() as Row[]).map((r) => r.id)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(asked).toEqual([1, 2, 3]);
  });

  it("keeps the rows already loaded, and their selection, when the next page arrives", async () => {
    const { table, release, built } = grid();
    await built;
    await until(() => table.getData().length === PAGE);
    const first = table.getRows()[0];
    table.selectRow([2]);
    release();
    await until(() => table.getData().length === TOTAL);
    expect(table.getRows()[0]).toBe(first);
    expect((table.getSelectedData() as Row[]).map((r) => r.id)).toEqual([2]);
  });
});

describe("rows scrolled out of the grid", () => {
  it("give up their cells, keep their data and selection, and get their cells back when shown again", async () => {
    const el = document.createElement("div");
    document.body.append(el);
    const data: Row[] = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, title: `措施 ${i + 1}` }));
    const table = new Tabulator(el, {
      height: 200,
      index: "id",
      data,
      selectableRows: true,
      columns: [{ title: "id", field: "id" }, { title: "title", field: "title" }],
    });
    await new Promise<void>((r) => table.on("tableBuilt", () => r()));
    const row = table.getRow(3);
    type RowInternals = { element: HTMLElement; cells: unknown[]; initialize(): void };
    const internal = (row as unknown as { _row: RowInternals })._row;
    // happy-dom has no layout, so the renderer draws no row by itself: draw row 3 the way
    // the virtual renderer does when it scrolls into view, and take it out when it leaves.
    const show = () => {
      internal.initialize();
      el.querySelector(".tabulator-table")!.append(internal.element);
    };
    show();
    expect(internal.cells.length).toBe(2);
    table.selectRow([3]);
    const module = (table as unknown as { modules: { releaseOffscreenCells: { release(): number } } }).modules.releaseOffscreenCells;

    module.release();
    expect(internal.cells.length).toBe(2); // in the document: kept

    internal.element.remove();
    expect(module.release()).toBeGreaterThanOrEqual(1);
    expect(internal.cells.length).toBe(0);
    expect(row.getData()).toEqual({ id: 3, title: "措施 3" });
    expect((table.getSelectedData() as Row[]).map((r) => r.id)).toEqual([3]);

    show();
    expect(internal.cells.length).toBe(2);
    expect(internal.element.textContent).toContain("措施 3");
  });
});
