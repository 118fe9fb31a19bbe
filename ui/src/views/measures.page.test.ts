import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure, tableRow } from "../test/fixtures";
import { mountApp, unmountApps } from "../test/app";
import { MeasuresView } from "./measures";

beforeEach(() => setLang("en"));
afterEach(unmountApps);

type Asked = Array<{ offset: number; limit: number; sort: string; descending: boolean }>;

/** What the view sent with `update_table_row`. */
type Saved = { id: number; title: string; expires_on: string | null; grouped: boolean };

/**
 * Core's answer for a ledger of `total` measures: the rows of the block asked for. A saved
 * edit is answered with core's row, which here also carries a quote and a package place the
 * view could not have made up from the edit (so a test can tell core's row from a copy).
 */
function ledgerOf(total: number, asked: Asked, saved: Saved[] = []) {
  return (cmd: string, args: unknown) => {
    if (cmd === "get_measure") {
      const { id } = args as { id: number };
      return measure({ id, title: `措施 ${id}` });
    }
    if (cmd === "update_table_row") {
      const { id, input, grouped } = args as { id: number; input: { title: string; expires_on: string | null }; grouped: boolean };
      saved.push({ id, title: input.title, expires_on: input.expires_on, grouped });
      return tableRow({ id, title: input.title, expires_on: input.expires_on, quote: "核心的引文", depth: 1, parent_id: 1 });
    }
    if (cmd !== "query_table") return null;
    const { offset, limit, sort, descending } = (args as { query: Asked[number] }).query;
    asked.push({ offset, limit, sort, descending });
    const ids = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i + 1);
    return { total, rows: ids.map((id) => tableRow({ id, title: `措施 ${id}` })) };
  };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

async function openGrid(total: number, asked: Asked, saved: Saved[] = []) {
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

});

describe("an edit in the measures grid is saved by core, which answers with the row to show", () => {
  /** Type `value` into the cell of `field` in row `id` and press Enter. */
  async function edit(root: HTMLElement, id: number, field: string, value: string) {
    const cell = root.querySelector<HTMLElement>(`.grid-row[data-id='${id}'] .grid-cell[data-field='${field}']`)!;
    cell.click();
    const input = cell.querySelector("input")!;
    input.value = value;
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
  }
  const cell = (root: HTMLElement, id: number, field: string) =>
    root.querySelector<HTMLElement>(`.grid-row[data-id='${id}'] .grid-cell[data-field='${field}']`)!;

  it("an edited title goes to update_table_row and core's row replaces the old one", async () => {
    const saved: Saved[] = [];
    const { root } = await openGrid(10, [], saved);
    await edit(root, 2, "title", "新标题");
    expect(saved).toEqual([{ id: 2, title: "新标题", expires_on: "2020-12-31", grouped: true }]);
    expect(cell(root, 2, "title").textContent).toBe("新标题");
    // The rest of the row is core's answer, not the old row with one field changed.
    expect(cell(root, 2, "sources").textContent).toBe("核心的引文");
    expect(root.querySelector(".grid-row[data-id='2']")!.classList.contains("package-item")).toBe(true);
    expect(cell(root, 3, "sources").textContent, "other rows untouched").toBe("电价");
  });

  it("an ungrouped table asks core for a flat row", async () => {
    const saved: Saved[] = [];
    const { root } = await openGrid(10, [], saved);
    const group = root.querySelector<HTMLInputElement>("#group-packages")!;
    group.checked = false;
    group.dispatchEvent(new Event("change"));
    await settle();
    await edit(root, 4, "expires_on", "2021-06-30");
    expect(saved).toEqual([{ id: 4, title: "措施 4", expires_on: "2021-06-30", grouped: false }]);
    expect(cell(root, 4, "expires_on").textContent).toBe("2021-06-30");
  });

  it("core's refusal keeps the old row and is shown as a sentence", async () => {
    mockIPC(
      (cmd, args) => {
        if (cmd === "update_table_row") throw { code: "invalid", message: "the expiry date 2020-01-01 is before the effective date 2020-04-25" };
        return ledgerOf(10, [])(cmd, args);
      },
      { shouldMockEvents: true },
    );
    const { app, root } = mountApp((a) => ({ measures: new MeasuresView(a) }));
    app.start();
    await app.show("measures");
    await settle();
    await edit(root, 2, "expires_on", "2020-01-01");
    expect(cell(root, 2, "expires_on").textContent).toBe("2020-12-31");
    expect(root.querySelector("#notice")!.textContent).toContain("2020-01-01");
  });

  it("a malformed date is refused before it reaches core", async () => {
    const saved: Saved[] = [];
    const { root } = await openGrid(10, [], saved);
    await edit(root, 2, "expires_on", "2020/13/45");
    expect(saved).toEqual([]);
    expect(cell(root, 2, "expires_on").textContent).toBe("2020-12-31");
  });
});
