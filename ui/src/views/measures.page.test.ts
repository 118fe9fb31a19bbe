import { mockIPC } from "@tauri-apps/api/mocks";
import type { Tabulator } from "tabulator-tables";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { mountApp, unmountApps } from "../test/app";
import { MeasuresView } from "./measures";

beforeEach(() => setLang("en"));
afterEach(unmountApps);

type Asked = Array<{ offset: number; limit: number }>;

/** Core's answer for a ledger of `total` measures: the rows of the page asked for. */
function ledgerOf(total: number, asked: Asked) {
  return (cmd: string, args: unknown) => {
    if (cmd !== "query_measures") return null;
    const { offset, limit } = (args as { query: { offset: number; limit: number } }).query;
    asked.push({ offset, limit });
    const ids = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i + 1);
    return { total, rows: ids.map((id) => measure({ id, title: `措施 ${id}` })) };
  };
}

const settle = () => new Promise((r) => setTimeout(r, 100));

async function openGrid(total: number, asked: Asked) {
  mockIPC(ledgerOf(total, asked), { shouldMockEvents: true });
  let view!: MeasuresView;
  const { app, root } = mountApp((a) => ({ measures: (view = new MeasuresView(a)) }));
  app.start();
  await app.show("measures");
  await settle();
  // happy-dom does no layout, so Tabulator keeps the rows out of the document; its row list is
  // what it would draw.
  const table = (view as unknown as { table: Tabulator }).table;
  const ids = () => table.getData().map((d) => d.id as number);
  return { root, table, ids };
}

describe("the measures grid holds one page of core's query", () => {
  it("asks core for 100 rows and holds exactly that page", async () => {
    const asked: Asked = [];
    const { ids } = await openGrid(1000, asked);
    expect(asked).toEqual([{ offset: 0, limit: 100 }]);
    expect(ids()).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("the next page replaces the rows with core's next 100, not adds them", async () => {
    const asked: Asked = [];
    const { table, ids } = await openGrid(250, asked);
    await table.nextPage();
    await settle();
    expect(asked.at(-1)).toEqual({ offset: 100, limit: 100 });
    expect(ids()).toEqual(Array.from({ length: 100 }, (_, i) => i + 101));
    await table.setPage(3);
    await settle();
    expect(ids()).toEqual(Array.from({ length: 50 }, (_, i) => i + 201));
  });
});
