import { afterEach, describe, expect, it, vi } from "vitest";
import type { Page } from "./blocks";
import { VirtualGrid, type Column, type GridOptions, type Sort } from "./grid";

interface Row {
  id: number;
  name: string;
  note: string;
}

const RH = 28;
const MARKUP = '<img src=x id="pwned"><b>粗</b>';

const columns: Column<Row>[] = [
  { field: "id", title: "Id", width: 60, sortable: true, text: (r) => String(r.id) },
  { field: "name", title: "Name", grow: 2, sortable: true, text: (r) => r.name, tip: (r) => r.name, editor: { kind: "text" } },
  { field: "note", title: "Note", grow: 1, text: (r) => r.note, editor: { kind: "select", options: [["a", "Alpha"], ["b", "Beta"]] } },
];

const settle = () => new Promise((r) => setTimeout(r, 0));

function rowsOf(total: number, names: (i: number) => string = (i) => `row ${i}`) {
  const asked: { offset: number; limit: number }[] = [];
  const fetch = vi.fn(async (offset: number, limit: number): Promise<Page<Row>> => {
    asked.push({ offset, limit });
    const n = Math.max(0, Math.min(limit, total - offset));
    return { total, rows: Array.from({ length: n }, (_, i) => ({ id: offset + i + 1, name: names(offset + i), note: "a" })) };
  });
  return { asked, fetch };
}

function open(total: number, over: Partial<GridOptions<Row>> = {}, names?: (i: number) => string) {
  const host = document.createElement("div");
  document.body.append(host);
  const src = rowsOf(total, names);
  const grid = new VirtualGrid<Row>(host, {
    columns,
    rowHeight: RH,
    blockSize: 100,
    key: (r) => r.id,
    fetch: src.fetch,
    labels: { selectRow: "select", selectInView: "select all", empty: "none" },
    save: async (row, field, value) => ({ ...row, [field]: value }),
    ...over,
  });
  const shownIds = () => grid.rowsShown().map(({ row }) => row.id);
  const cell = (id: number, field: string) => host.querySelector<HTMLElement>(`.grid-row[data-id='${id}'] .grid-cell[data-field='${field}']`)!;
  return { host, grid, ...src, shownIds, cell };
}

afterEach(() => document.body.replaceChildren());

describe("a virtual grid over rows in core", () => {
  it("asks for the first block and draws a screen of it with a fixed set of row elements", async () => {
    const { host, asked, shownIds } = open(100_000);
    await settle();
    expect(asked).toEqual([{ offset: 0, limit: 100 }]);
    // No layout in the test DOM: the grid assumes a 600 px view, 22 rows, then 1 + 3 below.
    expect(shownIds()).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(host.querySelector(".vgrid")!.getAttribute("aria-rowcount")).toBe("100001");
    expect(host.querySelector<HTMLElement>(".grid-sizer")!.style.height).toBe(`${100_000 * RH}px`);
  });

  it("scrolling far fetches the block there and reuses the same row elements", async () => {
    const { host, grid, asked, shownIds } = open(100_000);
    await settle();
    const elements = [...host.querySelectorAll(".grid-row")];
    grid.body.scrollTop = 50_000 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    // A jump draws the rows in view only (22 + the one cut at the bottom), not the 3 below.
    expect(host.querySelectorAll(".grid-row.loading").length).toBe(23);
    await settle();
    expect(asked.at(-1)).toEqual({ offset: 50_000, limit: 100 });
    expect(shownIds()[0]).toBe(50_001);
    expect([...host.querySelectorAll(".grid-row")]).toEqual(elements);
  });

  it("a jump draws the rows in view only, and the rows below them once the scroll rests", async () => {
    const { grid, shownIds } = open(100_000);
    await settle();
    expect(shownIds()).toHaveLength(26);
    // A flick: each frame one screen further, every row new.
    for (const first of [22, 44, 66]) {
      grid.body.scrollTop = first * RH;
      grid.body.dispatchEvent(new Event("scroll"));
      expect(shownIds()).toEqual(Array.from({ length: 23 }, (_, i) => first + i + 1));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(shownIds()).toEqual(Array.from({ length: 26 }, (_, i) => 66 + i + 1));
    // A small scroll (a wheel) keeps the rows below drawn.
    grid.body.scrollTop = 69 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(shownIds()).toEqual(Array.from({ length: 26 }, (_, i) => 69 + i + 1));
  });

  it("a flick draws the kept columns and the one sorted by, and every column once it rests", async () => {
    const { host, grid, shownIds } = open(100_000, { flickColumns: ["name"] });
    await settle();
    const rows = host.querySelector(".grid-rows")!;
    const kept = (field: string) => new Set([...host.querySelectorAll(`.grid-row .grid-cell[data-field='${field}']`)].map((c) => c.classList.contains("grid-keep")));
    expect(kept("name")).toEqual(new Set([true]));
    expect(kept("id")).toEqual(new Set([false]));
    expect(kept("note")).toEqual(new Set([false]));
    const jump = (first: number) => {
      grid.body.scrollTop = first * RH;
      grid.body.dispatchEvent(new Event("scroll"));
    };
    // One jump (Page Down, a click in the scrollbar's track) draws every column.
    jump(22);
    expect(rows.classList.contains("flicking")).toBe(false);
    // A second one before the scroll rests is a flick.
    jump(44);
    expect(rows.classList.contains("flicking")).toBe(true);
    await settle();
    expect(shownIds()[0]).toBe(45);
    // The kept cells show the new rows; the skipped ones (hidden while the rows' box is
    // `flicking`) are not touched: they still hold the rows of the jump before.
    const row45 = (field: string) => host.querySelector(`.grid-row[data-id='45'] .grid-cell[data-field='${field}']`)!;
    expect(row45("name").textContent).toBe("row 44");
    expect(row45("name").getAttribute("title")).toBe("row 44");
    expect(row45("id").textContent).toBe("23");
    await new Promise((r) => setTimeout(r, 200));
    expect(rows.classList.contains("flicking")).toBe(false);
    // Once the scroll rests, every cell of every row in view shows its row.
    expect(row45("id").textContent).toBe("45");
    for (const row of host.querySelectorAll<HTMLElement>(".grid-row:not([hidden])")) {
      expect(row.querySelector("[data-field='id']")!.textContent).toBe(row.dataset.id);
      expect(row.querySelector("[data-field='name']")!.textContent).toBe(`row ${Number(row.dataset.id) - 1}`);
    }
    // A small scroll is no flick.
    jump(45);
    jump(46);
    expect(rows.classList.contains("flicking")).toBe(false);
    // Sorted by a column, that column is drawn in a flick too (and only the one sorted by).
    host.querySelector<HTMLElement>(".grid-hcell[data-field='id']")!.click();
    await settle();
    expect(kept("id")).toEqual(new Set([true]));
    expect(kept("note")).toEqual(new Set([false]));
    host.querySelector<HTMLElement>(".grid-hcell[data-field='name']")!.click();
    expect(kept("id")).toEqual(new Set([false]));
    expect(kept("name")).toEqual(new Set([true]));
  });

  it("a block fetched ahead redraws nothing; a block a drawn row waits for fills that row", async () => {
    const { host, grid, fetch } = open(100_000);
    await settle();
    const textOfFirst = () => host.querySelector(".grid-row:not([hidden]) [data-field='name']")!;
    // Rows 40–65 are in view; the block ahead (rows 100–199) is asked for and arrives.
    grid.body.scrollTop = 40 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    const first = textOfFirst();
    const data = Object.getOwnPropertyDescriptor(CharacterData.prototype, "data")!;
    let writes = 0;
    const spy = vi.spyOn(CharacterData.prototype, "data", "set").mockImplementation(function (this: CharacterData, v: string) {
      writes++;
      data.set!.call(this, v);
    });
    await settle();
    expect(fetch.mock.calls.map(([offset]) => offset)).toContain(100);
    expect(writes, "no cell is drawn again when a block no row drawn waits for arrives").toBe(0);
    spy.mockRestore();
    // A jump to rows not loaded draws placeholders, and their block's arrival fills them.
    grid.body.scrollTop = 70_000 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(host.querySelectorAll(".grid-row.loading").length).toBeGreaterThan(0);
    await settle();
    expect(host.querySelectorAll(".grid-row.loading").length).toBe(0);
    expect(textOfFirst().textContent).toBe("row 70000");
    expect(first).toBe(textOfFirst());
  });

  it("without kept columns a flick draws every column", async () => {
    const { host, grid } = open(100_000);
    await settle();
    for (const first of [22, 44, 66]) {
      grid.body.scrollTop = first * RH;
      grid.body.dispatchEvent(new Event("scroll"));
    }
    expect(host.querySelector(".grid-rows")!.classList.contains("flicking")).toBe(false);
    expect(host.querySelectorAll(".grid-keep").length).toBe(0);
  });

  it("marks the cells of plain-text columns, and only those, for drawing without kerning", async () => {
    const plain: Column<Row>[] = [{ ...columns[0], plainText: true }, ...columns.slice(1)];
    const { host } = open(3, { columns: plain });
    await settle();
    const marked = (field: string) => [...host.querySelectorAll(`.grid-row .grid-cell[data-field='${field}']`)].map((c) => c.classList.contains("plain-text"));
    expect(marked("id").length).toBeGreaterThan(0);
    expect(new Set(marked("id"))).toEqual(new Set([true]));
    expect(new Set([...marked("name"), ...marked("note")])).toEqual(new Set([false]));
  });

  it("a row whose block is still on its way shows neither the text nor the tooltip of the row drawn there before", async () => {
    const { host, grid } = open(100_000);
    await settle();
    const first = host.querySelector<HTMLElement>(".grid-row[data-id='1'] .grid-cell[data-field='name']")!;
    expect(first.title).toBe("row 0");
    grid.body.scrollTop = 50_000 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(first.closest(".grid-row")!.classList.contains("loading")).toBe(true);
    expect(first.textContent).toBe("");
    expect(first.hasAttribute("title")).toBe(false);
    await settle();
    expect(first.title).toMatch(/^row 500\d\d$/);
  });

  it("computes a row's texts once however many frames it is drawn in", async () => {
    const text = vi.fn((r: Row) => r.name);
    const counted: Column<Row>[] = [columns[0], { ...columns[1], text }, columns[2]];
    const { grid, cell } = open(1_000, { columns: counted });
    await settle();
    for (let y = 1; y <= 10; y++) {
      grid.body.scrollTop = y * RH;
      grid.body.dispatchEvent(new Event("scroll"));
    }
    await settle();
    // Rows 1–36 have been on screen (26 drawn at a time, the view moved by 10): each computed once.
    expect(text.mock.calls.map(([r]) => r.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(cell(36, "name").textContent).toBe("row 35");
  });

  it("puts imported text in cells and tooltips as text, never markup", async () => {
    const { host, cell } = open(3, {}, () => MARKUP);
    await settle();
    expect(cell(1, "name").textContent).toBe(MARKUP);
    expect(cell(1, "name").title).toBe(MARKUP);
    expect(host.querySelector("#pwned, b")).toBeNull();
  });

  it("shows its empty text when nothing matches", async () => {
    const { host } = open(0);
    await settle();
    expect(host.querySelector<HTMLElement>(".grid-empty")!.hidden).toBe(false);
  });
});

describe("editing a cell", () => {
  it("a click opens the editor on the value; Enter saves what was typed and shows the stored row", async () => {
    const save = vi.fn(async (row: Row, field: string, value: string) => ({ ...row, [field]: `${value}（已存）` }));
    const { cell } = open(10, { save });
    await settle();
    cell(3, "name").click();
    const input = cell(3, "name").querySelector("input")!;
    expect(input.value).toBe("row 2");
    input.value = "新名称";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ id: 3 }), "name", "新名称");
    await settle();
    expect(cell(3, "name").querySelector("input")).toBeNull();
    expect(cell(3, "name").textContent).toBe("新名称（已存）");
  });

  it("Escape closes the editor and saves nothing", async () => {
    const save = vi.fn();
    const { cell } = open(10, { save });
    await settle();
    cell(2, "name").click();
    const input = cell(2, "name").querySelector("input")!;
    input.value = "不要";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await settle();
    expect(save).not.toHaveBeenCalled();
    expect(cell(2, "name").textContent).toBe("row 1");
  });

  it("a refused value gives the old text back", async () => {
    const { cell } = open(10, { save: async () => null });
    await settle();
    cell(2, "name").click();
    const input = cell(2, "name").querySelector("input")!;
    input.value = "拒绝";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    expect(cell(2, "name").textContent).toBe("row 1");
  });

  it("an unchanged value is not saved", async () => {
    const save = vi.fn();
    const { cell } = open(10, { save });
    await settle();
    cell(2, "name").click();
    cell(2, "name").querySelector("input")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(save).not.toHaveBeenCalled();
  });

  it("a list editor saves the value of the label chosen", async () => {
    const save = vi.fn(async (row: Row, field: string, value: string) => ({ ...row, [field]: value }));
    const { cell } = open(10, { save });
    await settle();
    cell(4, "note").click();
    const select = cell(4, "note").querySelector("select")!;
    select.value = "b";
    select.dispatchEvent(new Event("change"));
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ id: 4 }), "note", "b");
  });
});

describe("keyboard and selection", () => {
  it("arrow keys move the active cell, Enter edits it, Space ticks its row", async () => {
    const selection = vi.fn();
    const { grid, host } = open(100, { selection });
    await settle();
    const key = (k: string, init: KeyboardEventInit = {}) => grid.body.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, ...init }));
    key("ArrowDown");
    key("ArrowDown");
    key("ArrowRight");
    const active = host.querySelector(".grid-cell.active")!;
    expect(active.getAttribute("data-field")).toBe("name");
    expect(active.closest(".grid-row")!.getAttribute("data-id")).toBe("3");
    key(" ");
    expect(selection).toHaveBeenLastCalledWith([3]);
    key("Enter");
    expect(active.querySelector("input")).not.toBeNull();
  });

  it("Ctrl+End goes to the last row, fetching its block", async () => {
    const { grid, asked, host } = open(1000);
    await settle();
    grid.body.dispatchEvent(new KeyboardEvent("keydown", { key: "End", ctrlKey: true, bubbles: true }));
    await settle();
    expect(asked.at(-1)).toEqual({ offset: 900, limit: 100 });
    expect(host.querySelector(".grid-cell.active")!.closest(".grid-row")!.getAttribute("data-id")).toBe("1000");
  });

  it("shift+click ticks every row between the last ticked and this one", async () => {
    const selection = vi.fn();
    const { host } = open(100, { selection });
    await settle();
    const check = (id: number) => host.querySelector<HTMLInputElement>(`.grid-row[data-id='${id}'] .grid-check`)!;
    check(2).click();
    check(6).dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));
    expect(selection).toHaveBeenLastCalledWith([2, 3, 4, 5, 6]);
  });

  it("the header box ticks the rows in view, and untick them", async () => {
    const selection = vi.fn();
    const { host } = open(100, { selection });
    await settle();
    const head = host.querySelector<HTMLInputElement>(".grid-head .grid-check")!;
    head.click();
    // 21 rows of 28 px fit wholly in the 600 px view.
    expect(selection.mock.lastCall![0]).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    head.click();
    expect(selection).toHaveBeenLastCalledWith([]);
  });
});

describe("sorting and refreshing", () => {
  it("a header click sorts ascending, then descending, then back to core's order, each from the top", async () => {
    const sorts: (Sort | null)[] = [];
    const { host, asked } = open(1000, { sorted: (s) => sorts.push(s) });
    await settle();
    const header = host.querySelector<HTMLElement>(".grid-hcell[data-field='name']")!;
    for (let i = 0; i < 3; i++) {
      header.click();
      await settle();
    }
    expect(sorts).toEqual([{ field: "name", dir: "asc" }, { field: "name", dir: "desc" }, null]);
    expect(asked.map((a) => a.offset)).toEqual([0, 0, 0, 0]);
    expect(header.getAttribute("aria-sort")).toBe("none");
    expect(host.querySelector<HTMLElement>(".grid-hcell[data-field='note']")!.classList.contains("sortable")).toBe(false);
  });

  it("a refresh keeps the rows on screen until their fresh copies arrive", async () => {
    let version = 1;
    const { grid, host, cell } = open(50, {
      fetch: async (offset) => ({ total: 50, rows: Array.from({ length: 50 - offset }, (_, i) => ({ id: i + 1, name: `v${version} ${i}`, note: "a" })) }),
    });
    await settle();
    version = 2;
    grid.refresh();
    expect(cell(1, "name").textContent).toBe("v1 0");
    expect(host.querySelector(".grid-row.loading")).toBeNull();
    await settle();
    expect(cell(1, "name").textContent).toBe("v2 0");
  });
});

describe("scrolling ahead of the rows", () => {
  it("from the middle of a block on, fetches the next one before it comes into view", async () => {
    const { grid, asked } = open(1000);
    await settle();
    grid.body.scrollTop = 40 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    await settle();
    expect(asked.map((a) => a.offset)).toEqual([0, 100]);
  });

  it("draws a cell its column draws itself only when what it shows changes", async () => {
    let draws = 0;
    const treeish: Column<Row> = { field: "mark", title: "", width: 40, text: () => "", renderKey: (r) => String(r.id % 2), render: (cell, r) => {
      draws++;
      cell.append(document.createTextNode(r.id % 2 ? "odd" : "even"));
    } };
    const { grid, host } = open(1000, { columns: [...columns, treeish] });
    await settle();
    const before = draws;
    grid.body.scrollTop = 2 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(draws - before, "every row moved by two: the parity in each cell is unchanged").toBe(0);
    // A jump past every drawn row by an odd number of rows: each cell's parity changes.
    grid.body.scrollTop = 31 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(draws - before).toBeGreaterThan(0);
    expect(host.querySelector(".grid-row[data-id='32'] .grid-cell[data-field='mark']")!.textContent).toBe("even");
  });

  it("a small scroll keeps each drawn row in its element and fills only the rows that came into view", async () => {
    const { grid, host, shownIds } = open(1000);
    await settle();
    const elementOf = (id: number) => host.querySelector(`.grid-row[data-id='${id}']`);
    const kept = elementOf(10);
    const writes = vi.fn();
    new MutationObserver((records) => writes(records.length)).observe(host.querySelector(".grid-rows")!, { characterData: true, subtree: true });
    grid.body.scrollTop = 3 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(shownIds()).toEqual(Array.from({ length: 26 }, (_, i) => i + 4));
    expect(elementOf(10), "row 10 is still drawn by the same element").toBe(kept);
    await settle();
    // Three rows came into view: their id and name (every note is "a", so no write), nothing
    // else rewritten (before: every drawn row's, 26 × 2).
    expect(writes.mock.calls.reduce((n, [k]) => n + k, 0)).toBe(6);
    // The DOM order is the rows' order, for assistive technology.
    const order = [...host.querySelectorAll(".grid-row:not([hidden])")].map((r) => Number(r.getAttribute("aria-rowindex")));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // And back up by two.
    grid.body.scrollTop = 1 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(shownIds()).toEqual(Array.from({ length: 26 }, (_, i) => i + 2));
    expect(elementOf(10)).toBe(kept);
    const again = [...host.querySelectorAll(".grid-row:not([hidden])")].map((r) => Number(r.getAttribute("aria-rowindex")));
    expect(again).toEqual([...again].sort((a, b) => a - b));
  });

  it("an editor stays open while its row is scrolled but still drawn", async () => {
    const save = vi.fn(async (row: Row) => row);
    const { grid, cell } = open(1000, { save });
    await settle();
    cell(12, "name").click();
    expect(cell(12, "name").querySelector("input")).not.toBeNull();
    grid.body.scrollTop = 2 * RH;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(cell(12, "name").querySelector("input")).not.toBeNull();
    expect(save).not.toHaveBeenCalled();
  });
});

describe("column widths", () => {
  it("dragging a header's edge sets that column's width for the header and every row", async () => {
    const resized = vi.fn();
    const { host } = open(10, { resized });
    await settle();
    const handle = host.querySelector<HTMLElement>(".grid-hcell[data-field='name'] .grid-resize")!;
    handle.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, clientX: 100 }));
    window.dispatchEvent(new PointerEvent("pointermove", { clientX: 340 }));
    window.dispatchEvent(new PointerEvent("pointerup", { clientX: 340 }));
    // No layout here: the column started 0 px wide, so it is now the 240 px dragged.
    expect(resized).toHaveBeenCalledWith({ name: 240 });
    const cols = host.querySelector<HTMLElement>(".vgrid")!.style.getPropertyValue("--grid-cols");
    expect(cols.split(" ").slice(0, 3)).toEqual(["36px", "60px", "240px"]);
  });

  it("places every row's cells at the header's column boxes, and sizes them again when the grid's width changes", async () => {
    const { host, grid, cell } = open(10);
    await settle();
    const root = host.querySelector<HTMLElement>(".vgrid")!;
    const vars = () => [0, 1, 2, 3].map((i) => [root.style.getPropertyValue(`--gx${i}`), root.style.getPropertyValue(`--gw${i}`)]);
    // No layout yet: every flexible column at its minimum (80 px without one).
    expect(vars()).toEqual([["0px", "36px"], ["36px", "60px"], ["96px", "80px"], ["176px", "80px"]]);
    const name = cell(1, "name");
    expect([name.style.left, name.style.width]).toEqual(["var(--gx2)", "var(--gw2)"]);
    expect(cell(1, "note").style.left).toBe("var(--gx3)");
    // The grid grows to 396 px: 300 px left after the fixed columns, shared 2 : 1.
    Object.defineProperty(grid.body, "clientWidth", { configurable: true, get: () => 396 });
    grid.body.dispatchEvent(new Event("scroll"));
    expect(vars()).toEqual([["0px", "36px"], ["36px", "60px"], ["96px", "200px"], ["296px", "100px"]]);
    expect(root.style.getPropertyValue("--grid-cols")).toBe("36px 60px 200px 100px");
  });

  it("keeps the rows' tick boxes at the left edge when the rows scroll sideways, as the header's", async () => {
    const { host, grid } = open(10);
    await settle();
    const rows = host.querySelector<HTMLElement>(".grid-rows")!;
    grid.body.scrollLeft = 120;
    grid.body.dispatchEvent(new Event("scroll"));
    expect(rows.style.getPropertyValue("--grid-sx")).toBe("120px");
    expect(host.querySelector<HTMLElement>(".grid-head")!.scrollLeft).toBe(120);
  });

  it("starts from the widths it is given (kept by the view across redraws)", async () => {
    const { host } = open(10, { widths: { note: 77 } });
    await settle();
    expect(host.querySelector<HTMLElement>(".vgrid")!.style.getPropertyValue("--grid-cols").endsWith("77px")).toBe(true);
  });
});
