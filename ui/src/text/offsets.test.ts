import { describe, expect, it } from "vitest";
import { highlightSegments, scalarToUtf16, selectionToSpan, utf16ToScalar } from "./offsets";

// 𠀋 (U+2000B) is one Unicode scalar value but two UTF-16 code units.
const ASTRAL = "𠀋";
const text = `电价${ASTRAL}按95%结算`;

describe("offset conversion", () => {
  it.each([
    [0, 0],
    [2, 2],
    [3, 4], // after the astral character, UTF-16 is one ahead
    [4, 5],
    [9, 10],
  ])("scalar %i is UTF-16 index %i", (scalar, u16) => {
    expect(scalarToUtf16(text, scalar)).toBe(u16);
    expect(utf16ToScalar(text, u16)).toBe(scalar);
  });

  it("clamps offsets past the end", () => {
    expect(scalarToUtf16(text, 99)).toBe(text.length);
    expect(utf16ToScalar(text, 99)).toBe(9);
  });

  it("counts an index inside a surrogate pair as the whole character", () => {
    expect(utf16ToScalar(text, 3)).toBe(3);
  });

  it("turns a UTF-16 selection into a scalar span whose quote has end-start characters", () => {
    const span = selectionToSpan(text, 2, 6)!;
    expect(span).toEqual({ start: 2, end: 5, quote: `${ASTRAL}按9` });
    expect([...span.quote].length).toBe(span.end - span.start);
  });

  it("accepts a backwards selection and refuses an empty one", () => {
    expect(selectionToSpan(text, 6, 2)).toEqual(selectionToSpan(text, 2, 6));
    expect(selectionToSpan(text, 4, 4)).toBeNull();
  });
});

describe("highlight segments", () => {
  it("leaves text without highlights as one plain run", () => {
    expect(highlightSegments(text, [])).toEqual([{ text, measureIds: [] }]);
  });

  it("splits overlapping highlights into runs that know every covering measure", () => {
    const segs = highlightSegments("abcdefgh", [
      { start: 1, end: 5, measureId: 7 },
      { start: 3, end: 7, measureId: 9 },
    ]);
    expect(segs).toEqual([
      { text: "a", measureIds: [] },
      { text: "bc", measureIds: [7] },
      { text: "de", measureIds: [7, 9] },
      { text: "fg", measureIds: [9] },
      { text: "h", measureIds: [] },
    ]);
  });

  it("places highlights by scalar offsets after astral characters", () => {
    const segs = highlightSegments(text, [{ start: 3, end: 5, measureId: 1 }]);
    expect(segs.map((s) => s.text)).toEqual([`电价${ASTRAL}`, "按9", "5%结算"]);
  });

  it("rejoins the exact text whatever the highlights", () => {
    const segs = highlightSegments(text, [
      { start: 0, end: 3, measureId: 1 },
      { start: 2, end: 100, measureId: 2 },
      { start: 5, end: 4, measureId: 3 },
    ]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
  });
});
