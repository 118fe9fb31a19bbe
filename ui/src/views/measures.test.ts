import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { rowOfMeasure, treeCell } from "./measures";

beforeEach(() => setLang("en"));

describe("rows of the measures grid", () => {
  it("a saved measure becomes a row with its first quote, kept at its place in the package", () => {
    const m = measure({
      id: 9,
      title: "电价优惠",
      sources: [
        { article_id: 4, start: 0, end: 4, quote: "电价优惠" },
        { article_id: 4, start: 0, end: 2, quote: "电价" },
      ],
    });
    const row = rowOfMeasure(m, { depth: 1, items: 0 });
    expect([row.id, row.title, row.quote, row.article_id, row.more_sources, row.depth]).toEqual([9, "电价优惠", "电价优惠", 4, 1, 1]);
    const bare = rowOfMeasure(measure({ id: 3, sources: [] }), { depth: 0, items: 2 });
    expect([bare.quote, bare.article_id, bare.more_sources, bare.items]).toEqual([null, null, 0, 2]);
  });
});

describe("packages in the measures grid", () => {
  const at = (id: number, depth: number, items: number) => rowOfMeasure(measure({ id }), { depth, items });

  it("a package shows a toggle with its item count; an item is indented and has none", () => {
    const pkg = treeCell(at(1, 0, 12), false);
    const toggle = pkg.querySelector<HTMLButtonElement>(".package-toggle")!;
    expect(toggle.textContent).toBe("▾ 12 items");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const collapsed = treeCell(at(1, 0, 12), true);
    expect(collapsed.querySelector(".package-toggle")!.textContent).toBe("▸ 12 items");
    const item = treeCell(at(2, 2, 0), false);
    expect(item.querySelector(".package-toggle")).toBeNull();
    expect(item.style.paddingLeft).toBe("28px");
  });
});
