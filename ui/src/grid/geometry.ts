// Where the rows of a virtual grid sit. Every row has the same height, so which rows are in
// view follows from the scroll offset alone: nothing is measured. Beyond MAX_SCROLL_PX the
// scrollable height is capped (WebKit's layout units stop at about 33 million pixels, a million
// rows of 28 px) and the offset is scaled to the row count instead.

/** The tallest scrollable area the grid makes; beyond it scroll offsets are scaled. */
export const MAX_SCROLL_PX = 8_000_000;

export interface Viewport {
  /** Scroll offset of the body, px. */
  scrollTop: number;
  /** Height of the body's visible area, px. */
  height: number;
}

/** The height of the scrollable area for `total` rows. */
export function scrollHeight(total: number, rowHeight: number): number {
  return Math.min(total * rowHeight, MAX_SCROLL_PX);
}

export interface Window {
  /** Index of the first row drawn (may be partly above the viewport). */
  first: number;
  /** Rows drawn: those in view plus the overscan below, never past `total`. */
  count: number;
  /** Where the first drawn row's top goes, in the scrollable area's coordinates (px). */
  top: number;
}

/**
 * The rows to draw for a viewport. Unscaled, row i sits at i × rowHeight. Scaled, the scroll
 * offset is mapped linearly onto the rows so that the top of the area shows row 0 and its
 * bottom shows the last rows; the rows are then drawn from the current offset, moved up by the
 * fraction of the first row already scrolled past.
 */
export function visibleWindow(total: number, rowHeight: number, view: Viewport, overscan = 2): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, count: 0, top: 0 };
  const height = Math.max(0, view.height);
  const full = total * rowHeight;
  const area = scrollHeight(total, rowHeight);
  const maxTop = Math.max(0, area - height);
  const scrollTop = Math.min(Math.max(0, view.scrollTop), maxTop);
  let firstExact: number;
  if (full <= area || maxTop === 0) {
    firstExact = scrollTop / rowHeight;
  } else {
    const rowsInView = height / rowHeight;
    firstExact = (scrollTop / maxTop) * (total - rowsInView);
  }
  const first = Math.min(Math.floor(firstExact), total - 1);
  const top = full <= area ? first * rowHeight : scrollTop - (firstExact - first) * rowHeight;
  const count = Math.min(total - first, Math.ceil(height / rowHeight) + 1 + overscan);
  return { first, count, top };
}

/**
 * The scroll offset that brings row `index` into view with the least movement ("nearest"), or
 * to the top of the viewport ("top"). Returns the current offset when it is already in view.
 */
export function scrollTopFor(index: number, total: number, rowHeight: number, view: Viewport, align: "nearest" | "top" = "nearest"): number {
  if (total <= 0) return 0;
  const i = Math.min(Math.max(0, index), total - 1);
  const area = scrollHeight(total, rowHeight);
  const maxTop = Math.max(0, area - view.height);
  const full = total * rowHeight;
  const rowsInView = view.height / rowHeight;
  // Scroll offset at which row i is the first row in view.
  const atTop = full <= area ? i * rowHeight : maxTop === 0 ? 0 : (i / Math.max(1, total - rowsInView)) * maxTop;
  const clamp = (v: number) => Math.min(Math.max(0, v), maxTop);
  if (align === "top") return clamp(atTop);
  const w = visibleWindow(total, rowHeight, view, 0);
  const firstFull = w.top >= view.scrollTop ? w.first : w.first + 1;
  const lastFull = w.first + Math.floor((view.scrollTop + view.height - w.top) / rowHeight) - 1;
  if (i >= firstFull && i <= lastFull) return view.scrollTop;
  if (i < firstFull) return clamp(atTop);
  // Row i as the last full row in view.
  const rowsAbove = Math.max(0, Math.floor(rowsInView) - 1);
  return clamp(full <= area ? (i + 1) * rowHeight - view.height : ((i - rowsAbove) / Math.max(1, total - rowsInView)) * maxTop);
}

/** A column's width rule: a fixed width, or a share of the room left with a minimum. */
export type Track = { fixed: number } | { min: number; grow: number };

/** Where a column sits in a row: its left edge and width, px. */
export interface ColumnBox {
  x: number;
  width: number;
}

/**
 * The columns' boxes in a row `width` px wide, as CSS grid would size the tracks `Npx` and
 * `minmax(Mpx, Gfr)` (CSS Grid, "find the size of an fr"): fixed tracks take their width; the
 * room left is shared by the flexible ones in proportion to their shares, except that a track
 * whose share would be under its minimum keeps the minimum and leaves the sharing. With no room
 * left every flexible track is at its minimum (the row is then wider than `width` and scrolls).
 *
 * The grid places its cells from these boxes instead of laying each row out as a CSS grid: when
 * every row's text changes (a flick), rows of absolutely placed cells took 6 % less style and
 * layout time than CSS-grid rows, which size their tracks again in each relayout
 * (docs/performance.md, "Session 9").
 */
export function columnBoxes(tracks: Track[], width: number): ColumnBox[] {
  const fixed = tracks.reduce((sum, t) => sum + ("fixed" in t ? t.fixed : 0), 0);
  const flexible = new Set(tracks.flatMap((t, i) => ("fixed" in t || t.grow <= 0 ? [] : [i])));
  let room = Math.max(0, width - fixed);
  // Tracks held at their minimum leave the sharing, and their minimum leaves the room.
  for (const t of tracks) if (!("fixed" in t) && t.grow <= 0) room -= t.min;
  let fr = 0;
  for (;;) {
    const shares = [...flexible].reduce((sum, i) => sum + (tracks[i] as { grow: number }).grow, 0);
    fr = shares > 0 ? Math.max(0, room) / shares : 0;
    const under = [...flexible].filter((i) => {
      const t = tracks[i] as { min: number; grow: number };
      return t.grow * fr < t.min;
    });
    if (under.length === 0) break;
    for (const i of under) {
      flexible.delete(i);
      room -= (tracks[i] as { min: number }).min;
    }
  }
  let x = 0;
  return tracks.map((t, i) => {
    const w = "fixed" in t ? t.fixed : flexible.has(i) ? t.grow * fr : t.min;
    const box = { x, width: w };
    x += w;
    return box;
  });
}
