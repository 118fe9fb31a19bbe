// Imported text in every column of the measures grid reaches the cells and tooltips as text,
// never as markup: Tabulator writes a string a formatter or tooltip returns with innerHTML,
// so the view must hand it DOM nodes.

import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { MeasuresView, plain, plainTip } from "./measures";

const MARKUP = '<img src=x id="pwned"><b id="bold">粗</b>';

beforeEach(() => setLang("zh"));

describe("text in the measures grid", () => {
  it("plain and plainTip make text nodes of markup", () => {
    const cell = plain(MARKUP);
    expect(cell.textContent).toBe(MARKUP);
    expect(cell.querySelector("img, b")).toBeNull();
    const tip = plainTip(MARKUP) as HTMLElement;
    expect(tip.textContent).toBe(MARKUP);
    expect(tip.querySelector("img, b")).toBeNull();
    expect(plainTip("")).toBe("");
  });

  it("every formatter and tooltip of the grid gives a node holding markup as text", () => {
    const hostile = {
      ...measure({
        id: 7,
        title: `标题${MARKUP}`,
        issuer: `机关${MARKUP}`,
        category: `类别${MARKUP}`,
        value: { kind: "text", text: `数值${MARKUP}` },
        sources: [{ article_id: 3, start: 0, end: MARKUP.length, quote: MARKUP }],
      }),
      depth: 1,
      items: 0,
    };
    const stubApp = {} as ConstructorParameters<typeof MeasuresView>[0];
    const columns = new MeasuresView(stubApp).columns();
    let checked = 0;
    for (const col of columns) {
      const cell = {
        getValue: () => (hostile as Record<string, unknown>)[col.field ?? ""],
        getRow: () => ({ getData: () => hostile }),
        getData: () => hostile,
      };
      const outputs: unknown[] = [];
      if (typeof col.formatter === "function") outputs.push((col.formatter as (...a: unknown[]) => unknown)(cell, {}, () => {}));
      if (typeof col.tooltip === "function") outputs.push((col.tooltip as (...a: unknown[]) => unknown)(new MouseEvent("mouseover"), cell, () => {}));
      expect(col.tooltip === true, `column ${col.field}: tooltip: true writes the value with innerHTML`).toBe(false);
      for (const out of outputs) {
        checked++;
        expect(typeof out === "string" ? out : "node", `column ${col.field} returned a string`).toMatch(/^(node|)$/);
        if (out instanceof Node) {
          expect((out as Element).querySelector?.("img, b") ?? null, `column ${col.field}`).toBeNull();
        }
      }
    }
    expect(checked, "the title, issuer, category, value, status, source and package columns").toBeGreaterThanOrEqual(8);
  });
});
