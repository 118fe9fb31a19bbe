// Imported text in every column of the measures grid reaches the cells and tooltips as text,
// never as markup; the columns drawn without kerning hold digits and dashes only.

import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang, type Lang } from "../i18n";
import { mountApp, unmountApps } from "../test/app";
import { tableRow } from "../test/fixtures";
import { MeasuresView } from "./measures";

const MARKUP = '<img src=x id="pwned"><b id="bold">粗</b>';

beforeEach(() => setLang("zh"));
afterEach(unmountApps);

describe("text in the measures grid", () => {
  it("every column shows hostile imported text as text, in the cell and its tooltip", async () => {
    const hostile = tableRow({
      id: 7,
      parent_id: 1,
      title: `标题${MARKUP}`,
      issuer: `机关${MARKUP}`,
      category: `类别${MARKUP}`,
      value: { kind: "text", text: `数值${MARKUP}` },
      quote: MARKUP,
      article_id: 3,
      depth: 1,
    });
    mockIPC((cmd) => (cmd === "query_table" ? { total: 1, rows: [hostile] } : null), { shouldMockEvents: true });
    const { app, root } = mountApp((a) => ({ measures: new MeasuresView(a) }));
    app.start();
    await app.show("measures");
    await new Promise((r) => setTimeout(r, 50));
    const row = root.querySelector(".grid-row[data-id='7']")!;
    expect(row, "the row is drawn").not.toBeNull();
    expect(root.querySelector("#pwned, #bold")).toBeNull();
    const cell = (field: string) => row.querySelector<HTMLElement>(`.grid-cell[data-field='${field}']`)!;
    for (const field of ["title", "issuer", "category", "value", "sources"]) {
      expect(cell(field).textContent, field).toContain(MARKUP);
    }
    for (const field of ["title", "issuer", "value", "sources"]) {
      expect(cell(field).title, `${field} tooltip`).toContain(MARKUP);
    }
    expect(row.classList.contains("package-item")).toBe(true);
  });

  // `text-rendering: optimizeSpeed` (Column.plainText) draws digits and dashes exactly as
  // kerning would; Latin words (English labels) or CJK text would be drawn differently.
  it.each<[Lang]>([["zh"], ["en"]])("the columns drawn without kerning show digits and dashes only (%s)", async (lang) => {
    setLang(lang);
    const rows = [
      tableRow({ id: 7, effective_from: "2020-04-25", expires_on: "2021-12-31" }),
      tableRow({ id: 100001, effective_from: null, expires_on: "2030-01-01" }),
    ];
    mockIPC((cmd) => (cmd === "query_table" ? { total: rows.length, rows } : null), { shouldMockEvents: true });
    const { app, root } = mountApp((a) => ({ measures: new MeasuresView(a) }));
    app.start();
    await app.show("measures");
    await new Promise((r) => setTimeout(r, 50));
    const plain = [...root.querySelectorAll<HTMLElement>(".grid-row[data-id] .grid-cell.plain-text")];
    expect(new Set(plain.map((c) => c.dataset.field))).toEqual(new Set(["id", "effective_from", "expires_on"]));
    expect(plain.map((c) => c.textContent).filter((t) => t !== "")).toHaveLength(5);
    for (const c of plain) expect(c.textContent, c.dataset.field).toMatch(/^[0-9-]*$/);
  });
});
