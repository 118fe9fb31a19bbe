import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { mountApp, unmountApps } from "../test/app";
import { MeasuresView, rowOfMeasure } from "./measures";

beforeEach(() => setLang("en"));
afterEach(unmountApps);

type Asked = Array<{ offset: number; limit: number; sort: string; descending: boolean }>;

/** Core's answer for a ledger of `total` measures: the rows of the block asked for. */
function ledgerOf(total: number, asked: Asked, saved: unknown[] = []) {
  return (cmd: string, args: unknown) => {
    if (cmd === "get_measure") {
      const { id } = args as { id: number };
      return measure({ id, title: `措施 ${id}` });
    }
    if (cmd === "update_measure") {
      const { id, input } = args as { id: number; input: { title: string } };
      saved.push({ id, title: input.title });
      return measure({ id, title: input.title });
    }
    if (cmd !== "query_table") return null;
    const { offset, limit, sort, descending } = (args as { query: Asked[number] }).query;
    asked.push({ offset, limit, sort, descending });
    const ids = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i + 1);
    return { total, rows: ids.map((id) => rowOfMeasure(measure({ id, title: `措施 ${id}` }), { depth: 0, items: 0 })) };
  };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

async function openGrid(total: number, asked: Asked, saved: unknown[] = []) {
  mockIPC(ledgerOf(total, asked, saved), { shouldMockEvents: true });
  let view!: MeasuresView;
  const { app, root } = mountApp((a) => ({ measures: (view = new MeasuresView(a)) }));
  app.start();
  await app.show("measures");
  await settle();
  const grid = view.table!;
  const ids = () => grid.rowsShown().map(({ row }) => row.id);
  return { app, root, view, grid: () => view.table!, ids };
}

describe("the measures grid fetches blocks of core's query as they scroll into view", () => {
  it("asks core for the first 100 rows and draws only a screen of them", async () => {
    const asked: Asked = [];
    const { root, ids } = await openGrid(100_000, asked);
    expect(asked.map(({ offset, limit }) => ({ offset, limit }))).toEqual([{ offset: 0, limit: 100 }]);
    expect(ids()[0]).toBe(1);
    expect(ids().length).toBeLessThan(40);
    expect(root.querySelector("#measure-total")!.textContent).toBe("100000 measures");
    expect(root.querySelector("#measure-range")!.textContent).toMatch(/^1–\d+ of 100000$/);
  });

  it("scrolling to the end asks for the last block only, and holds a bounded number of rows", async () => {
    const asked: Asked = [];
    const { grid, ids } = await openGrid(100_000, asked);
    const body = grid().body;
    for (const at of [10_000, 40_000, 70_000, 99_990]) {
      body.scrollTop = at * 28;
      body.dispatchEvent(new Event("scroll"));
      await settle();
    }
    expect(asked.map((a) => a.offset)).toEqual([0, 10_000, 40_000, 70_000, 99_900]);
    expect(ids().at(-1)).toBe(100_000);
  });

  it("sorting by a column asks core for that order from the first row", async () => {
    const asked: Asked = [];
    const { root } = await openGrid(500, asked);
    root.querySelector<HTMLElement>(".grid-hcell[data-field='expires_on']")!.click();
    await settle();
    root.querySelector<HTMLElement>(".grid-hcell[data-field='expires_on']")!.click();
    await settle();
    expect(asked.slice(1)).toEqual([
      { offset: 0, limit: 100, sort: "expires_on", descending: false },
      { offset: 0, limit: 100, sort: "expires_on", descending: true },
    ]);
  });

  it("keeps its place, sort and rows through undo's redraw of the view", async () => {
    const asked: Asked = [];
    const { app, grid, ids } = await openGrid(5000, asked);
    const body = grid().body;
    body.scrollTop = 3000 * 28;
    body.dispatchEvent(new Event("scroll"));
    await settle();
    await app.refresh();
    await settle();
    expect(ids()[0]).toBe(3001);
  });

  it("an edited title is saved through core and shown as stored", async () => {
    const asked: Asked = [];
    const saved: unknown[] = [];
    const { root } = await openGrid(10, asked, saved);
    const cell = () => root.querySelector<HTMLElement>(".grid-row[data-id='2'] .grid-cell[data-field='title']")!;
    cell().click();
    const input = cell().querySelector("input")!;
    input.value = "新标题";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    expect(saved).toEqual([{ id: 2, title: "新标题" }]);
    expect(cell().textContent).toBe("新标题");
  });
});
