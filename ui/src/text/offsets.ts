// Core counts span offsets in Unicode scalar values (Rust `char`s); JavaScript strings index
// UTF-16 code units. A character outside the Basic Multilingual Plane (e.g. 𠀋, emoji) is one
// scalar but two code units, so every offset crossing the IPC edge is converted here and
// nowhere else.

/** UTF-16 index where the `scalar`-th character of `text` starts (clamped to the text). */
export function scalarToUtf16(text: string, scalar: number): number {
  let units = 0;
  let seen = 0;
  while (seen < scalar && units < text.length) {
    units += isHighSurrogateAt(text, units) ? 2 : 1;
    seen += 1;
  }
  return Math.min(units, text.length);
}

/** Number of scalar values before UTF-16 index `index` (an index inside a pair counts the pair). */
export function utf16ToScalar(text: string, index: number): number {
  let units = 0;
  let seen = 0;
  const end = Math.min(index, text.length);
  while (units < end) {
    units += isHighSurrogateAt(text, units) ? 2 : 1;
    seen += 1;
  }
  return seen;
}

function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** A selection in the article text, in core's terms. */
export interface ScalarSpan {
  start: number;
  end: number;
  quote: string;
}

/** Turn a UTF-16 selection of `text` into a span core accepts (`null` for an empty one). */
export function selectionToSpan(text: string, from16: number, to16: number): ScalarSpan | null {
  const a = Math.max(0, Math.min(from16, to16));
  const b = Math.min(text.length, Math.max(from16, to16));
  const start = utf16ToScalar(text, a);
  const end = utf16ToScalar(text, b);
  if (end <= start) return null;
  const quote = text.slice(scalarToUtf16(text, start), scalarToUtf16(text, end));
  return { start, end, quote };
}

/** A span of highlighted text: which measures cite it, in scalar offsets. */
export interface Highlight {
  start: number;
  end: number;
  measureId: number;
}

/** A run of text with the same set of citing measures (empty = plain text). */
export interface Segment {
  text: string;
  measureIds: number[];
}

/**
 * Cut `text` into runs at every highlight boundary, so overlapping highlights become
 * separate runs each knowing every measure that covers it. Out-of-range spans are clamped.
 */
export function highlightSegments(text: string, highlights: Highlight[]): Segment[] {
  const total = utf16ToScalar(text, text.length);
  const bounds = new Set<number>([0, total]);
  const spans = highlights
    .map((h) => ({ ...h, start: clamp(h.start, total), end: clamp(h.end, total) }))
    .filter((h) => h.end > h.start);
  for (const s of spans) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const ids = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.measureId);
    const piece = text.slice(scalarToUtf16(text, from), scalarToUtf16(text, to));
    const last = segments[segments.length - 1];
    if (last && sameIds(last.measureIds, ids)) last.text += piece;
    else segments.push({ text: piece, measureIds: [...new Set(ids)].sort((a, b) => a - b) });
  }
  return segments;
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

function sameIds(a: number[], b: number[]): boolean {
  const sb = [...new Set(b)].sort((x, y) => x - y);
  return a.length === sb.length && a.every((v, i) => v === sb[i]);
}
