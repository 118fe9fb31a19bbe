import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { gridRows, treeCell } from "./measures";

beforeEach(() => setLang("en"));

describe("packages in the measures grid", () => {
  it("gives each row its depth and item count from core's grouped page", () => {
    const rows = gridRows({
      total: 3,
      rows: [measure({ id: 1 }), measure({ id: 2, parent_id: 1 }), measure({ id: 3 })],
      tree: [{ depth: 0, items: 1 }, { depth: 1, items: 0 }, { depth: 0, items: 0 }],
    });
    expect(rows.map((r) => [r.id, r.depth, r.items])).toEqual([[1, 0, 1], [2, 1, 0], [3, 0, 0]]);
  });

  it("a flat page has every row at depth 0", () => {
    const rows = gridRows({ total: 1, rows: [measure({ id: 5, parent_id: 1 })] });
    expect([rows[0].depth, rows[0].items]).toEqual([0, 0]);
  });

  it("a package shows a toggle with its item count; an item is indented and has none", () => {
    const pkg = treeCell({ ...measure({ id: 1 }), depth: 0, items: 12 }, false);
    const toggle = pkg.querySelector<HTMLButtonElement>(".package-toggle")!;
    expect(toggle.textContent).toBe("▾ 12 items");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const collapsed = treeCell({ ...measure({ id: 1 }), depth: 0, items: 12 }, true);
    expect(collapsed.querySelector(".package-toggle")!.textContent).toBe("▸ 12 items");
    const item = treeCell({ ...measure({ id: 2 }), depth: 2, items: 0 }, false);
    expect(item.querySelector(".package-toggle")).toBeNull();
    expect(item.style.paddingLeft).toBe("28px");
  });
});
