import { describe, expect, it } from "vitest";
import { BlockCache, type Page } from "./blocks";

/** A source of `total` rows (row i is i) that records what was asked and answers when told. */
function source(total: number) {
  const asked: number[] = [];
  const waiting: (() => void)[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Page<number>>((resolve) => {
      asked.push(offset);
      waiting.push(() => resolve({ total, rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i) }));
    });
  const answerAll = async () => {
    while (waiting.length) {
      waiting.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { asked, fetch, answerAll };
}

const quiet = { loaded() {}, failed() {} };

describe("rows fetched in blocks as they come into view", () => {
  it("asks for each block covering the range once, and serves rows from it", async () => {
    const s = source(1000);
    const cache = new BlockCache(s.fetch, quiet, 100);
    cache.ensure(150, 100);
    cache.ensure(150, 100);
    expect(s.asked).toEqual([100, 200]);
    expect(cache.get(150)).toBeUndefined();
    await s.answerAll();
    expect(cache.get(150)).toBe(150);
    expect(cache.get(249)).toBe(249);
    expect(cache.total).toBe(1000);
  });

  it("keeps only the most recently used blocks", async () => {
    const s = source(100_000);
    const cache = new BlockCache(s.fetch, quiet, 100, 3, 1);
    for (const first of [0, 100, 200, 300]) {
      cache.ensure(first, 10);
      await s.answerAll();
    }
    expect(cache.loadedRows).toBe(300);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(300)).toBe(300);
  });

  it("while fetches are busy, fetches only the latest range asked for next", async () => {
    const s = source(100_000);
    const cache = new BlockCache(s.fetch, quiet, 100, 12, 1);
    cache.ensure(0, 10);
    cache.ensure(5000, 10);
    cache.ensure(9000, 10);
    expect(s.asked).toEqual([0]);
    await s.answerAll();
    expect(s.asked).toEqual([0, 9000]);
  });

  it("drops answers to a query that was replaced, and keeps rows on screen through a refresh", async () => {
    const s = source(1000);
    const cache = new BlockCache(s.fetch, quiet, 100);
    cache.ensure(0, 10);
    await s.answerAll();
    cache.invalidate(true);
    expect(cache.get(5)).toBe(5);
    expect(cache.isCurrent(5)).toBe(false);
    cache.ensure(0, 10);
    cache.invalidate(false);
    expect(cache.get(5)).toBeUndefined();
    expect(cache.total).toBeNull();
    await s.answerAll();
    expect(cache.get(5)).toBeUndefined();
  });

  it("a failed block is reported once and not asked for again until the query changes", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const cache = new BlockCache<number>(
      () => {
        calls++;
        return Promise.reject(new Error("disk"));
      },
      { loaded() {}, failed: (e) => errors.push(e) },
      100,
    );
    cache.ensure(0, 10);
    await new Promise((r) => setTimeout(r, 0));
    cache.ensure(0, 10);
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    cache.invalidate(false);
    cache.ensure(0, 10);
    expect(calls).toBe(2);
  });

  it("an edit replaces the row in every block holding it", async () => {
    const s = source(300);
    const cache = new BlockCache(s.fetch, quiet, 100);
    cache.ensure(0, 300);
    await s.answerAll();
    cache.replace((r) => r === 123, -123);
    expect(cache.get(123)).toBe(-123);
  });
});

describe("fetching ahead", () => {
  it("fetches the block ahead when a fetch is free, and never before what the view waits for", async () => {
    const s = source(1000);
    const cache = new BlockCache(s.fetch, quiet, 100, 12, 1);
    cache.prefetch(150);
    expect(s.asked, "nothing before the total is known").toEqual([]);
    cache.ensure(0, 30);
    cache.prefetch(150);
    expect(s.asked, "the only fetch is busy with the view's block").toEqual([0]);
    await s.answerAll();
    cache.prefetch(150);
    expect(s.asked).toEqual([0, 100]);
    await s.answerAll();
    cache.prefetch(150);
    cache.prefetch(5000);
    expect(s.asked, "loaded, or past the end: nothing more").toEqual([0, 100]);
  });
});
