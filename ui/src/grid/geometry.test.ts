import { describe, expect, it } from "vitest";
import { MAX_SCROLL_PX, columnBoxes, scrollHeight, scrollTopFor, visibleWindow, type Track } from "./geometry";

const RH = 28;

describe("which rows a scroll offset shows", () => {
  it.each([
    // total, scrollTop, height → first, count, top
    [1000, 0, 280, 0, 13, 0],
    [1000, 27, 280, 0, 13, 0],
    [1000, 28, 280, 1, 13, 28],
    [1000, 2800, 280, 100, 13, 2800],
    [5, 0, 280, 0, 5, 0],
    [0, 0, 280, 0, 0, 0],
  ])("%i rows at %i px in a %i px view: rows from %i, %i drawn, at %i px", (total, scrollTop, height, first, count, top) => {
    expect(visibleWindow(total, RH, { scrollTop, height }, 2)).toEqual({ first, count, top });
  });

  it("never draws past the last row, even scrolled beyond the end", () => {
    const w = visibleWindow(1000, RH, { scrollTop: 1e9, height: 280 }, 2);
    expect(w.first + w.count).toBe(1000);
    expect(w.first).toBe(1000 - 10);
  });

  it("caps the scrollable height and still reaches the first and the last of ten million rows", () => {
    const total = 10_000_000;
    expect(scrollHeight(total, RH)).toBe(MAX_SCROLL_PX);
    const view = { height: 560 };
    expect(visibleWindow(total, RH, { ...view, scrollTop: 0 }).first).toBe(0);
    const end = visibleWindow(total, RH, { ...view, scrollTop: MAX_SCROLL_PX - 560 }, 0);
    expect(end.first + end.count).toBeGreaterThanOrEqual(total);
    // The drawn rows cover the viewport wherever it is.
    for (const scrollTop of [1, 12345.5, MAX_SCROLL_PX / 2, MAX_SCROLL_PX - 561]) {
      const w = visibleWindow(total, RH, { ...view, scrollTop }, 0);
      expect(w.top).toBeLessThanOrEqual(scrollTop);
      expect(w.top + w.count * RH).toBeGreaterThanOrEqual(Math.min(scrollTop + 560, w.top + (total - w.first) * RH));
    }
  });

  it("scrolled halfway through a capped table shows the middle rows", () => {
    const total = 2_000_000;
    const w = visibleWindow(total, RH, { scrollTop: (MAX_SCROLL_PX - 560) / 2, height: 560 });
    expect(Math.abs(w.first - total / 2)).toBeLessThan(20);
  });
});

describe("scrolling a row into view", () => {
  const view = { scrollTop: 2800, height: 280 };
  it("leaves the offset alone for a row already in full view", () => {
    expect(scrollTopFor(100, 1000, RH, view)).toBe(2800);
    expect(scrollTopFor(108, 1000, RH, view)).toBe(2800);
  });
  it("moves the least to show a row above or below", () => {
    expect(scrollTopFor(99, 1000, RH, view)).toBe(99 * RH);
    expect(scrollTopFor(110, 1000, RH, view)).toBe(111 * RH - 280);
  });
  it("puts the row at the top when asked, within the scrollable range", () => {
    expect(scrollTopFor(500, 1000, RH, view, "top")).toBe(500 * RH);
    expect(scrollTopFor(999, 1000, RH, view, "top")).toBe(1000 * RH - 280);
  });
  it("brings any row of a capped table into view", () => {
    const total = 3_000_000;
    for (const i of [0, 1, 1_234_567, total - 1]) {
      const scrollTop = scrollTopFor(i, total, RH, { scrollTop: 0, height: 560 });
      const w = visibleWindow(total, RH, { scrollTop, height: 560 }, 0);
      expect(i).toBeGreaterThanOrEqual(w.first);
      expect(i).toBeLessThan(w.first + w.count);
    }
  });
});

describe("column boxes, sized as CSS grid sizes Npx and minmax(Mpx, Gfr) tracks", () => {
  const tracks: Track[] = [{ fixed: 36 }, { fixed: 64 }, { min: 220, grow: 3 }, { min: 100, grow: 1 }];

  it("shares the room left after the fixed columns by the columns' shares", () => {
    // 1000 − 100 fixed = 900: 3 shares of 225 and 1 of 225.
    const boxes = columnBoxes(tracks, 1000);
    expect(boxes.map((b) => b.width)).toEqual([36, 64, 675, 225]);
    expect(boxes.map((b) => b.x)).toEqual([0, 36, 100, 775]);
  });

  it("keeps a column whose share falls under its minimum at the minimum and shares the rest among the others", () => {
    // 500 − 100 = 400: a share of 100 would give the 1-share column 100 and the 3-share one 300;
    // with a 150 minimum on the 1-share column it keeps 150 and the other takes 250.
    const boxes = columnBoxes([{ fixed: 36 }, { fixed: 64 }, { min: 220, grow: 3 }, { min: 150, grow: 1 }], 500);
    expect(boxes.map((b) => b.width)).toEqual([36, 64, 250, 150]);
  });

  it("puts every flexible column at its minimum when there is no room, so the row scrolls", () => {
    const boxes = columnBoxes(tracks, 200);
    expect(boxes.map((b) => b.width)).toEqual([36, 64, 220, 100]);
    expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBe(420);
    // Before the grid has a width (no layout yet) the columns are at their minimum too.
    expect(columnBoxes(tracks, 0).map((b) => b.width)).toEqual([36, 64, 220, 100]);
  });

  it("fills exactly the width it is given when the minimums fit", () => {
    for (const width of [420, 777.5, 1234, 1920]) {
      const boxes = columnBoxes(tracks, width);
      const last = boxes.at(-1)!;
      expect(last.x + last.width).toBeCloseTo(width, 6);
      boxes.forEach((b, i) => expect(b.width).toBeGreaterThanOrEqual("fixed" in tracks[i] ? (tracks[i] as { fixed: number }).fixed : (tracks[i] as { min: number }).min));
    }
  });
});
