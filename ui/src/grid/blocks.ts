// The rows of a virtual grid, fetched from core in fixed blocks as they come into view and
// kept in a small least-recently-used cache, so memory stays bounded whatever the ledger's size
// and however far the analyst scrolls.

export interface Page<R> {
  /** Rows matching the query, before paging. */
  total: number;
  rows: R[];
}

export type Fetch<R> = (offset: number, limit: number) => Promise<Page<R>>;

export interface BlockEvents {
  /** A block arrived (the total may have changed with it). */
  loaded(total: number): void;
  /** A fetch failed; the block stays empty until the next invalidation. */
  failed(error: unknown): void;
}

export class BlockCache<R> {
  /** Blocks by index, least recently used first (a Map keeps insertion order). */
  private blocks = new Map<number, R[]>();
  /** Rows of the previous generation, shown until their block is fetched again (a refresh). */
  private stale = new Map<number, R[]>();
  private inFlight = new Set<number>();
  private failedBlocks = new Set<number>();
  /** The latest range asked for while fetches were busy: fetched next, older wishes dropped. */
  private wanted: [number, number] | null = null;
  private generation = 0;
  total: number | null = null;

  constructor(
    private fetch: Fetch<R>,
    private events: BlockEvents,
    readonly blockSize = 100,
    /** Blocks kept; at least the blocks of two screens. */
    private keep = 12,
    /** Fetches at once: while the analyst drags the scrollbar, only the latest range is fetched next. */
    private parallel = 2,
  ) {}

  /** The row at `index`, or undefined while its block is not loaded. */
  get(index: number): R | undefined {
    const b = Math.floor(index / this.blockSize);
    const block = this.blocks.get(b) ?? this.stale.get(b);
    return block?.[index - b * this.blockSize];
  }

  /** Whether the row at `index` is current (not missing, not from before a refresh). */
  isCurrent(index: number): boolean {
    return this.blocks.has(Math.floor(index / this.blockSize));
  }

  /** Fetch the blocks covering rows [first, first + count) that are not loaded or loading. */
  ensure(first: number, count: number): void {
    if (count <= 0 && this.total !== null) return;
    const lo = Math.floor(first / this.blockSize);
    const hi = Math.floor((first + Math.max(count, 1) - 1) / this.blockSize);
    for (let b = lo; b <= hi; b++) {
      const block = this.blocks.get(b);
      if (block) {
        // Most recently used last.
        this.blocks.delete(b);
        this.blocks.set(b, block);
      }
    }
    for (let b = lo; b <= hi; b++) {
      if (this.blocks.has(b) || this.inFlight.has(b) || this.failedBlocks.has(b)) continue;
      if (this.total !== null && b * this.blockSize >= this.total && b > 0) continue;
      if (this.inFlight.size >= this.parallel) {
        this.wanted = [first, count];
        return;
      }
      this.load(b);
    }
  }

  /**
   * Fetch the block holding row `index` ahead of need, when a fetch is free; never displaces
   * what the view is waiting for.
   */
  prefetch(index: number): void {
    const b = Math.floor(index / this.blockSize);
    if (index < 0 || this.total === null || b * this.blockSize >= this.total) return;
    if (this.blocks.has(b) || this.inFlight.has(b) || this.failedBlocks.has(b)) return;
    if (this.wanted || this.inFlight.size >= this.parallel) return;
    this.load(b);
  }

  /**
   * Forget every block (new filters or sort: `keepRows` false), or mark them stale so the rows
   * on screen stay until their fresh copies arrive (the same query after an edit: `keepRows`).
   * Answers to fetches already under way are dropped.
   */
  invalidate(keepRows: boolean): void {
    this.generation++;
    this.stale = keepRows ? new Map([...this.stale, ...this.blocks]) : new Map();
    this.blocks = new Map();
    this.inFlight.clear();
    this.failedBlocks.clear();
    this.wanted = null;
    if (!keepRows) this.total = null;
  }

  /** Replace, in every loaded block, the rows for which `same` holds (an edit core saved). */
  replace(same: (row: R) => boolean, next: R): void {
    for (const map of [this.blocks, this.stale]) {
      for (const block of map.values()) {
        const i = block.findIndex(same);
        if (i >= 0) block[i] = next;
      }
    }
  }

  /** Rows loaded at the moment (for tests and the memory figure). */
  get loadedRows(): number {
    let n = 0;
    for (const block of this.blocks.values()) n += block.length;
    return n;
  }

  private load(b: number): void {
    const generation = this.generation;
    this.inFlight.add(b);
    this.fetch(b * this.blockSize, this.blockSize).then(
      (page) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(b);
        this.total = page.total;
        this.blocks.set(b, page.rows);
        this.stale.delete(b);
        while (this.blocks.size > this.keep) {
          const oldest = this.blocks.keys().next().value as number;
          this.blocks.delete(oldest);
        }
        this.events.loaded(page.total);
        this.next();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(b);
        this.failedBlocks.add(b);
        this.events.failed(error);
        this.next();
      },
    );
  }

  private next(): void {
    const wanted = this.wanted;
    this.wanted = null;
    if (wanted) this.ensure(...wanted);
  }
}
