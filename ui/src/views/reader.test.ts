import { describe, expect, it } from "vitest";
import { measure } from "../test/fixtures";
import { articleMeta, highlightsFor, renderArticleText, spanOfSelection, titleFromQuote } from "./reader";

describe("reader", () => {
  it("names a reporter once when the dateline already does", () => {
    expect(articleMeta({ dateline: "本报讯（记者 王芳）", byline: "记者 王芳" })).toBe("本报讯（记者 王芳）");
    expect(articleMeta({ dateline: "株洲日报讯", byline: "株洲日报记者 胡文洁" })).toBe("株洲日报讯  株洲日报记者 胡文洁");
    expect(articleMeta({ dateline: null, byline: "文/图 赵六" })).toBe("文/图 赵六");
    expect(articleMeta({ dateline: "本报讯", byline: null })).toBe("本报讯");
    expect(articleMeta({ dateline: null, byline: null })).toBe("");
  });

  it("renders imported markup as text, never as HTML", () => {
    const hostile = '<img src=x onerror="alert(1)">电价<script>alert(2)</script>';
    const at = hostile.indexOf("电价");
    const box = renderArticleText(hostile, [{ start: at, end: at + 2, measureId: 1 }], new Map([[1, "电价"]]));
    expect(box.querySelector("img, script")).toBeNull();
    expect(box.textContent).toBe(hostile);
    expect(box.querySelector("mark")?.textContent).toBe("电价");
  });

  it("highlights only the spans that cite this article", () => {
    const ms = [
      measure({ id: 1, sources: [{ article_id: 3, start: 0, end: 2, quote: "ab" }] }),
      measure({ id: 2, sources: [{ article_id: 4, start: 0, end: 2, quote: "ab" }] }),
    ];
    expect(highlightsFor(3, ms)).toEqual([{ start: 0, end: 2, measureId: 1 }]);
  });

  it("marks overlapping measures on the shared run", () => {
    const box = renderArticleText("abcdef", [
      { start: 0, end: 4, measureId: 1 },
      { start: 2, end: 6, measureId: 2 },
    ], new Map());
    const marks = [...box.querySelectorAll("mark")].map((m) => [m.textContent, m.dataset.measureIds]);
    expect(marks).toEqual([["ab", "1"], ["cd", "1 2"], ["ef", "2"]]);
  });

  it("reads a selection across highlight spans as scalar offsets", () => {
    const text = "𠀋一二三四五";
    const box = renderArticleText(text, [{ start: 2, end: 4, measureId: 1 }], new Map());
    document.body.append(box);
    const mark = box.querySelector("mark")!;
    const range = document.createRange();
    range.setStart(box.firstChild!, 2); // after 𠀋 (two UTF-16 units)
    range.setEnd(mark.firstChild!, 1); // after 二
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    expect(spanOfSelection(box, text, sel)).toEqual({ start: 1, end: 3, quote: "一二" });
    box.remove();
  });

  it("ignores a selection outside the article text", () => {
    const box = renderArticleText("abc", [], new Map());
    const other = document.createElement("p");
    other.textContent = "elsewhere";
    document.body.append(box, other);
    const range = document.createRange();
    range.selectNodeContents(other);
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    expect(spanOfSelection(box, "abc", sel)).toBeNull();
    box.remove();
    other.remove();
  });

  it("prefills a one-line title from the quote", () => {
    expect(titleFromQuote("对外贸易企业\n用电")).toBe("对外贸易企业 用电");
    expect(titleFromQuote("字".repeat(50))).toBe(`${"字".repeat(40)}…`);
  });
});
