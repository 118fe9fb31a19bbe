import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { tableRow } from "../test/fixtures";
import { treeCell } from "./measures";

beforeEach(() => setLang("en"));

describe("packages in the measures grid", () => {
  const at = (id: number, depth: number, items: number) => tableRow({ id, depth, items });

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
