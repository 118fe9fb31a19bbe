// A virtual grid for tables of any length whose rows live in core: every row has the same
// height, so the rows in view follow from the scroll offset alone (grid/geometry.ts) and a small,
// fixed set of row elements is reused for whichever rows are in view; only their text changes as
// the analyst scrolls. Rows arrive in blocks from core (grid/blocks.ts). Cells hold text nodes
// only: imported text never reaches the DOM as markup.
//
// Why not a grid library: Tabulator (used until session 4) measures each row and rebuilds the
// row elements of every page (≈ 1.3 ms a row under Xvfb); see ARCHITECTURE.md and
// docs/performance.md, "Session 4".

import { clear, h } from "../dom";
import { BlockCache, type Fetch } from "./blocks";
import { columnBoxes, scrollTopFor, scrollHeight, visibleWindow, type Track, type Viewport } from "./geometry";

export type Editor =
  /** A one-line text input; `select` selects its contents on opening. */
  | { kind: "text"; placeholder?: string; select?: boolean }
  /** A closed list of values with their labels. */
  | { kind: "select"; options: [string, string][] }
  /** Free text with suggestions (the labels are offered; a chosen label is saved as its value). */
  | { kind: "combo"; options: [string, string][] };

export interface Column<R> {
  /** Name of the field (the cell's `data-field`). */
  field: string;
  title: string;
  /** Fixed width in px; otherwise the column takes `grow` shares of the room left. */
  width?: number;
  minWidth?: number;
  grow?: number;
  align?: "left" | "right" | "center";
  /**
   * The text is digits and punctuation only (ids, dates): drawn without kerning or ligatures
   * (`text-rendering: optimizeSpeed`), which changes no pixel of such text and keeps WebKit from
   * remembering the width of every distinct value it draws (with kerning on, each short text
   * measured goes into a per-font width cache: 100,000 ids scrolled past held a 20 MB table).
   */
  plainText?: boolean;
  sortable?: boolean;
  /** The cell's text: a function of the row alone (made each time the row is put in a slot). */
  text(row: R): string;
  /** The whole text shown on hover, when the cell may cut it (a function of the row alone). */
  tip?(row: R): string;
  /** Draws the cell itself (text and buttons only) instead of `text`. */
  render?(cell: HTMLElement, row: R): void;
  /** What `render` draws from: the cell is drawn again only when this changes (no new elements while scrolling). */
  renderKey?(row: R): string;
  /** Editable: how, and the value the editor starts from. */
  editor?: Editor;
  editValue?(row: R): string;
  /** Double click, or Enter on the active cell of a column that is not editable. */
  activate?(row: R): void;
  /** A click inside the cell (before any edit starts); return true to stop there. */
  click?(row: R, target: HTMLElement): boolean;
}

export interface GridLabels {
  selectRow: string;
  selectInView: string;
  empty: string;
}

export interface GridOptions<R> {
  columns: Column<R>[];
  rowHeight: number;
  blockSize?: number;
  /** The row's identity (kept by selection and edits across fetches). */
  key(row: R): number;
  fetch: Fetch<R>;
  labels: GridLabels;
  /** Classes of a row element, each with when the row has it (no object made per row drawn). */
  rowClasses?: Record<string, (row: R) => boolean>;
  /** Save an edit; resolves to the row as stored, or null when refused (the old value returns). */
  save(row: R, field: string, value: string): Promise<R | null>;
  total?(total: number): void;
  /** The rows in view changed: the first one's index, how many, of how many. */
  shown?(first: number, count: number, total: number): void;
  selection?(keys: number[]): void;
  failed?(error: unknown): void;
  /** Sort chosen by a header click (null: core's default order). */
  sort?: Sort | null;
  sorted?(sort: Sort | null): void;
  /**
   * The columns still drawn while the table is flicked (a jump past the rows drawn, then another
   * before the scroll has rested), besides the tick boxes and the column sorted by: the other
   * columns' cells are skipped until the scroll rests (docs/performance.md, "Session 10").
   * Unset: every column is drawn in every frame.
   */
  flickColumns?: string[];
  /** Column widths set by dragging a header's edge, by field. */
  widths?: Record<string, number>;
  resized?(widths: Record<string, number>): void;
}

export interface Sort {
  field: string;
  dir: "asc" | "desc";
}

/** One reusable row element and the row it shows. */
interface Slot<R> {
  el: HTMLElement;
  check: HTMLInputElement;
  cells: HTMLElement[];
  index: number;
  row: R | undefined;
  /** Render generation the slot was filled in (a new one re-fills every slot). */
  filled: number;
  /** Only the cells kept in a flick hold this row (the others are hidden until the scroll rests). */
  partial: boolean;
}

const SELECT_WIDTH = 36;
/** Rows drawn beyond the bottom of the view, so a small scroll shows rows already filled. */
const OVERSCAN = 3;
/**
 * After a jump past every row drawn, how long the scroll must rest before the rows beyond the
 * bottom are drawn again (ms): a flick or a dragged scrollbar jumps in every frame.
 */
const SETTLE_MS = 120;
/** Height assumed before the grid is laid out (and in tests without layout). */
const FALLBACK_HEIGHT = 600;

export class VirtualGrid<R extends object> {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  private head: HTMLElement;
  private sizer: HTMLElement;
  private rowsBox: HTMLElement;
  private emptyBox: HTMLElement;
  private headCheck: HTMLInputElement;
  private slots: Slot<R>[] = [];
  private cache: BlockCache<R>;
  private selected = new Set<number>();
  /** Row index of the last checkbox clicked (shift+click selects the rows between). */
  private anchor: number | null = null;
  private active = { row: 0, col: 0 };
  private editing: { index: number; col: number; key: number; el: HTMLInputElement | HTMLSelectElement; done: boolean } | null = null;
  private generation = 0;
  /** For cells a column draws itself: what they were last drawn from. */
  private drawnKeys = new WeakMap<HTMLElement, string>();
  /**
   * The text and tooltip each cell was last given. Compared instead of reading the cell back:
   * every read of a text node's `data` or an element's `title` makes a new JavaScript string
   * whose length counts towards the next garbage collection, and scrolling fills every row of
   * the screen each frame.
   */
  private shownText = new WeakMap<HTMLElement, string>();
  private shownTip = new WeakMap<HTMLElement, string>();
  /** Whether the rows' box is `flicking` (only the kept cells are drawn). */
  private flicking = false;
  /** Per column: drawn in a flick (`flickColumns` and the column sorted by; set with the sort marks). */
  private kept: boolean[] = [];
  private sort: Sort | null;
  private widths: Record<string, number>;
  private resizeObserver: ResizeObserver | null = null;
  private frame = 0;
  /** Draws the overscan rows once a run of jumps has stopped (0: none pending). */
  private settleTimer = 0;

  constructor(
    host: HTMLElement,
    private opts: GridOptions<R>,
  ) {
    this.sort = opts.sort ?? null;
    this.widths = { ...(opts.widths ?? {}) };
    this.cache = new BlockCache(
      opts.fetch,
      {
        loaded: (total) => {
          opts.total?.(total);
          // Blocks fetched ahead arrive while the analyst scrolls: draw only when a row drawn
          // was waiting for one (or the count changed), not once more per block.
          if (total !== this.drawnTotal || this.slots.some((s) => !s.el.hidden && s.row !== this.cache.get(s.index))) this.render();
        },
        failed: (e) => opts.failed?.(e),
      },
      opts.blockSize ?? 100,
    );
    this.headCheck = h("input", { type: "checkbox", class: "grid-check", title: opts.labels.selectInView, "aria-label": opts.labels.selectInView });
    this.headCheck.addEventListener("change", () => this.selectInView(this.headCheck.checked));
    this.head = h("div", { class: "grid-head", role: "row" }, h("div", { class: "grid-hcell grid-select", role: "columnheader" }, this.headCheck));
    for (const c of opts.columns) this.head.append(this.headerCell(c));
    this.updateSortMarks();
    this.sizer = h("div", { class: "grid-sizer" });
    this.rowsBox = h("div", { class: "grid-rows", role: "rowgroup" });
    this.emptyBox = h("div", { class: "grid-empty", hidden: true }, opts.labels.empty);
    this.body = h("div", { class: "grid-body", tabindex: 0 }, this.sizer, this.rowsBox, this.emptyBox);
    this.root = h("div", { class: "vgrid", role: "grid", "aria-rowcount": 0, "aria-colcount": opts.columns.length + 1 }, this.head, this.body);
    host.append(this.root);
    this.layoutColumns();
    this.body.addEventListener("scroll", () => this.onScroll(), { passive: true });
    this.body.addEventListener("keydown", (ev) => this.onKey(ev));
    this.rowsBox.addEventListener("click", (ev) => this.onClick(ev));
    this.rowsBox.addEventListener("dblclick", (ev) => this.onDblClick(ev));
    if (typeof ResizeObserver !== "undefined") {
      this.resizeObserver = new ResizeObserver(() => this.render());
      this.resizeObserver.observe(this.body);
    }
    this.render();
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settleTimer);
    this.root.remove();
    this.cache.invalidate(false);
  }

  /** Rows matching the query (null until core has answered). */
  get total(): number | null {
    return this.cache.total;
  }

  get scrollTop(): number {
    return this.body.scrollTop;
  }

  get selectedKeys(): number[] {
    return [...this.selected];
  }

  /** The rows drawn, top to bottom, with their index (loaded ones only). */
  rowsShown(): { index: number; row: R }[] {
    return this.slots.filter((s) => !s.el.hidden && s.row !== undefined).map((s) => ({ index: s.index, row: s.row as R }));
  }

  /** A new query (filters, grouping): forget the rows and the selection, back to the top. */
  reset(): void {
    this.finishEdit(false);
    this.cache.invalidate(false);
    this.setSelection(new Set());
    this.active = { row: 0, col: this.active.col };
    this.body.scrollTop = 0;
    this.render();
  }

  /** The same query again after a change (an edit, undo, a bulk change): keep the place and the rows on screen until fresh ones arrive. */
  refresh(): void {
    this.cache.invalidate(true);
    this.render();
  }

  clearSelection(): void {
    this.anchor = null;
    this.setSelection(new Set());
  }

  /** Scroll so the row at `index` is in view. */
  scrollToIndex(index: number): void {
    const total = this.cache.total ?? 0;
    this.body.scrollTop = scrollTopFor(index, total, this.opts.rowHeight, this.viewport());
    this.render();
  }

  /** Restore a scroll offset (the view mounted again), as soon as core has said how many rows there are. */
  restoreScroll(scrollTop: number): void {
    this.pendingScroll = Math.max(0, scrollTop);
    if (this.cache.total !== null) this.render();
  }
  private pendingScroll = 0;
  /** The first row drawn last time (which way the analyst is scrolling). */
  private lastFirst = 0;
  /** The row count the scrollable area was last sized for (undefined: never). */
  private drawnTotal: number | null | undefined = undefined;
  /** Where the first drawn row sits (px, in the scrollable area). */
  private windowTop = 0;
  /** The header's horizontal scroll offset, as last set. */
  private headLeft = 0;
  /** The body's width the columns were last sized for (px; -1: never). */
  private columnsWidth = -1;

  // ---------------------------------------------------------------------------------------

  private viewport(): Viewport {
    return { scrollTop: this.body.scrollTop, height: this.body.clientHeight || FALLBACK_HEIGHT };
  }

  private onScroll(): void {
    // The header follows a horizontal scroll. Read before `render` writes to the page, and
    // written only when it moved: reading or setting a scroll offset after a write makes the
    // browser lay the page out there and then, in the middle of the scroll handler.
    const left = this.body.scrollLeft;
    if (left !== this.headLeft) {
      this.head.scrollLeft = left;
      this.headLeft = left;
      // The rows' tick boxes stay at the left edge, as the header's do (sticky there).
      this.rowsBox.style.setProperty("--grid-sx", `${left}px`);
    }
    // Draw in the same frame the scroll is painted in: scroll events run before the frame's paint.
    this.render();
  }

  private render(): void {
    const { rowHeight } = this.opts;
    const total = this.cache.total;
    const shown = total ?? 0;
    // Only when the row count changes: a write before the viewport is read below would make
    // the browser lay the page out again in the middle of every scroll frame.
    if (total !== this.drawnTotal) {
      this.drawnTotal = total;
      this.sizer.style.height = `${scrollHeight(shown, rowHeight)}px`;
      this.root.setAttribute("aria-rowcount", String(shown + 1));
      this.emptyBox.hidden = total !== 0;
    }
    if (total !== null && this.pendingScroll > 0) {
      this.body.scrollTop = this.pendingScroll;
      this.pendingScroll = 0;
    }
    // Read once, before anything below changes the page.
    const view = this.viewport();
    const width = this.body.clientWidth;
    if (width !== this.columnsWidth) {
      this.columnsWidth = width;
      this.layoutColumns();
    }
    // Until core has answered, nothing is drawn (the first block is on its way).
    const w = total === null ? { first: 0, count: 0, top: 0 } : this.rowsToDraw(shown, view);
    this.rowsBox.style.transform = `translateY(${w.top}px)`;
    this.windowTop = w.top;
    this.keepRowsInTheirSlots(w.first - this.lastFirst, w.count);
    while (this.slots.length < w.count) this.slots.push(this.newSlot());
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (i >= w.count) {
        if (!slot.el.hidden) {
          if (this.editing && this.editing.index === slot.index) this.finishEdit(true);
          slot.el.hidden = true;
          slot.el.removeAttribute("data-id");
          slot.index = -1;
        }
        continue;
      }
      this.fill(slot, w.first + i);
    }
    this.cache.ensure(w.first, Math.max(w.count, total === null ? 1 : 0));
    // The next block in the direction of travel, fetched while the analyst reads this one:
    // from the middle of a block on, the one after it (or before it, scrolling up).
    if (total !== null && w.count > 0) {
      const half = Math.floor((this.opts.blockSize ?? 100) / 2);
      this.cache.prefetch(w.first >= this.lastFirst ? w.first + w.count + half : w.first - half);
    }
    this.lastFirst = w.first;
    this.updateHeadCheck(view);
    const inView = Math.min(w.count, Math.max(0, Math.floor((view.height - (w.top - view.scrollTop)) / rowHeight)));
    this.opts.shown?.(w.first, inView, shown);
  }

  /**
   * The rows to draw. A jump past half the rows drawn (a flick, a dragged scrollbar, Page Down)
   * fills every row anew, and the rows beyond the bottom would be laid out only to be replaced in the next frame:
   * each cell drawn costs the frame about 15 µs under WebKit's software painting, and those rows
   * are an eighth of them. So a jump draws the rows in view only, and the rows below follow once
   * the scroll has rested for SETTLE_MS (docs/performance.md, "Session 9").
   */
  private rowsToDraw(total: number, view: Viewport): ReturnType<typeof visibleWindow> {
    const { rowHeight } = this.opts;
    const inView = visibleWindow(total, rowHeight, view, 0);
    const drawn = this.slots.findIndex((s) => s.el.hidden);
    const shown = drawn < 0 ? this.slots.length : drawn;
    // Past half the rows drawn, every slot is filled anew (see keepRowsInTheirSlots).
    if (shown === 0 || 2 * Math.abs(inView.first - this.lastFirst) <= shown) return visibleWindow(total, rowHeight, view, OVERSCAN);
    // A second jump before the scroll has rested is a flick: its rows are on screen for a frame each.
    if (this.settleTimer !== 0) this.setFlicking(true);
    clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      this.settleTimer = 0;
      this.setFlicking(false);
      this.render();
    }, SETTLE_MS);
    return inView;
  }

  /**
   * A flick draws the kept columns only (`flickColumns` and the column sorted by): at one
   * viewport a frame every cell is new in every frame, and each costs about 15–20 µs of WebKit's
   * software painting, so eleven columns made a frame twice the static table's. The other cells
   * still get their text but are not laid out or painted (`content-visibility: hidden` while the
   * rows' box is `flicking`); once the scroll rests they are, in one frame.
   */
  private setFlicking(on: boolean): void {
    if (!this.opts.flickColumns || this.flicking === on) return;
    this.flicking = on;
    this.rowsBox.classList.toggle("flicking", on);
  }

  /** Marks the cells of the columns drawn in a flick (`grid-keep`): see `kept`. */
  private markKept(cells: HTMLElement[]): void {
    if (this.opts.flickColumns) this.kept.forEach((on, i) => cells[i].classList.toggle("grid-keep", on));
  }

  /**
   * On a scroll of fewer rows than half those drawn (a wheel, an arrow key), the rows still drawn keep
   * their elements: the slots of the rows that left move to the other end, and only they are
   * filled again (`fill` skips a slot already showing its row). The browser then lays out the
   * new rows' text only, not every row's. DOM order stays row order (assistive technology and
   * text selection read it). `shift`: how many rows the first drawn row moved down (negative: up).
   */
  private keepRowsInTheirSlots(shift: number, count: number): void {
    const drawn = this.slots.findIndex((s) => s.el.hidden);
    const shown = drawn < 0 ? this.slots.length : drawn;
    // Moving a row element makes the browser build its boxes again, which costs more than
    // giving it new text: past half the rows drawn, every slot is filled in place instead.
    if (shift === 0 || shown !== count || 2 * Math.abs(shift) > count) return;
    const n = Math.abs(shift);
    const moved = shift > 0 ? this.slots.splice(0, n) : this.slots.splice(count - n, n);
    // A row being edited that leaves the drawn rows is saved, as when any slot changes row.
    if (this.editing && moved.some((s) => s.index === this.editing?.index)) this.finishEdit(true);
    if (shift > 0) {
      const before = this.slots[count - n]?.el ?? null; // the first hidden slot, if any
      for (const slot of moved) this.rowsBox.insertBefore(slot.el, before);
      this.slots.splice(count - n, 0, ...moved);
    } else {
      const before = this.slots[0].el;
      for (const slot of moved) this.rowsBox.insertBefore(slot.el, before);
      this.slots.unshift(...moved);
    }
  }

  private newSlot(): Slot<R> {
    const check = h("input", { type: "checkbox", class: "grid-check", tabindex: -1, "aria-label": this.opts.labels.selectRow });
    const select = h("div", { class: "grid-cell grid-select", role: "gridcell" }, check);
    const el = h("div", { class: "grid-row", role: "row", hidden: true }, select);
    // Each cell placed at its column's box (layoutColumns), through the CSSOM: the CSP allows
    // no style attributes.
    select.style.width = "var(--gw0)";
    const cells = this.opts.columns.map((c, i) => {
      const cell = h("div", { class: `grid-cell align-${c.align ?? "left"}${c.plainText ? " plain-text" : ""}`, role: "gridcell", "data-field": c.field });
      cell.style.left = `var(--gx${i + 1})`;
      cell.style.width = `var(--gw${i + 1})`;
      cell.append(document.createTextNode(""));
      el.append(cell);
      return cell;
    });
    this.markKept(cells);
    this.rowsBox.append(el);
    return { el, check, cells, index: -1, row: undefined, filled: -1, partial: false };
  }

  private fill(slot: Slot<R>, index: number): void {
    const row = this.cache.get(index);
    const current = this.cache.isCurrent(index);
    const sameRow = slot.index === index && slot.row === row && slot.filled === this.generation && !slot.el.hidden;
    // A row drawn in a flick with only its kept cells is drawn whole once the flick is over.
    if (sameRow && !(slot.partial && !this.flicking)) {
      slot.el.classList.toggle("stale", row !== undefined && !current);
      return;
    }
    if (this.editing && this.editing.index === slot.index && slot.index !== index) this.finishEdit(true);
    const editingHere = this.editing && this.editing.index === index;
    slot.el.hidden = false;
    slot.index = index;
    slot.row = row;
    slot.filled = this.generation;
    // In a flick only the kept cells are drawn; the others keep what they showed, hidden, and
    // are filled once the scroll rests (render after SETTLE_MS).
    const partial = this.flicking && row !== undefined;
    slot.partial = partial;
    slot.el.setAttribute("aria-rowindex", String(index + 2));
    slot.el.classList.toggle("loading", row === undefined);
    slot.el.classList.toggle("stale", row !== undefined && !current);
    if (row === undefined) {
      slot.el.removeAttribute("data-id");
      slot.check.checked = false;
      slot.check.disabled = true;
      for (const cell of slot.cells) {
        this.setText(cell, "");
        this.setTip(cell, "");
        this.drawnKeys.delete(cell);
      }
      return;
    }
    // Nothing is made for a row beyond the strings of the cells drawn: a flick draws a hundred
    // thousand rows, each once, and whatever a frame allocates brings the garbage collector's
    // next full collection closer, which is what slows a flick's frames (docs/performance.md,
    // "Session 12"). A row that stays in view keeps its slot and is not filled again.
    if (!sameRow) {
      const key = this.opts.key(row);
      slot.el.dataset.id = String(key);
      slot.check.disabled = false;
      slot.check.checked = this.selected.has(key);
      slot.el.classList.toggle("selected", slot.check.checked);
      const classes = this.opts.rowClasses;
      if (classes) for (const name in classes) slot.el.classList.toggle(name, classes[name](row));
    }
    const { columns } = this.opts;
    for (let c = 0; c < columns.length; c++) {
      if (partial && !this.kept[c]) continue;
      const col = columns[c];
      const cell = slot.cells[c];
      cell.classList.toggle("active", this.active.row === index && this.active.col === c);
      if (editingHere && this.editing?.col === c) continue;
      if (col.render) {
        const key = col.renderKey?.(row);
        if (key === undefined || this.drawnKeys.get(cell) !== key) {
          clear(cell);
          col.render(cell, row);
          if (key !== undefined) this.drawnKeys.set(cell, key);
        }
      } else this.setText(cell, col.text(row));
      this.setTip(cell, col.tip?.(row) ?? "");
    }
  }

  /** Cell text through its one text node (no markup, no new nodes while scrolling). */
  private setText(cell: HTMLElement, text: string): void {
    const node = cell.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
      if (this.shownText.get(cell) !== text) (node as Text).data = text;
    } else {
      clear(cell);
      cell.append(document.createTextNode(text));
    }
    this.shownText.set(cell, text);
  }

  /** The cell's tooltip ("" for none), written only when it changes. */
  private setTip(cell: HTMLElement, tip: string): void {
    if ((this.shownTip.get(cell) ?? "") === tip) return;
    if (tip) cell.title = tip;
    else cell.removeAttribute("title");
    this.shownTip.set(cell, tip);
  }

  private slotOf(target: EventTarget | null): { slot: Slot<R>; col: number } | null {
    const cellEl = (target as HTMLElement | null)?.closest?.(".grid-cell");
    const rowEl = cellEl?.closest(".grid-row");
    const slot = this.slots.find((s) => s.el === rowEl);
    if (!slot || !cellEl) return null;
    return { slot, col: slot.cells.indexOf(cellEl as HTMLElement) };
  }

  private onClick(ev: MouseEvent): void {
    const hit = this.slotOf(ev.target);
    if (!hit || hit.slot.row === undefined) return;
    const { slot, col } = hit;
    const target = ev.target as HTMLElement;
    if (target === slot.check) {
      this.toggleSelected(slot.index, slot.check.checked, ev.shiftKey);
      return;
    }
    if (col < 0) return;
    if (this.editing && this.editing.index === slot.index && this.editing.col === col) return;
    this.setActive(slot.index, col);
    const column = this.opts.columns[col];
    if (column.click?.(slot.row as R, target)) return;
    if (column.editor) this.startEdit(slot.index, col);
    else this.body.focus({ preventScroll: true });
  }

  private onDblClick(ev: MouseEvent): void {
    const hit = this.slotOf(ev.target);
    if (!hit || hit.col < 0 || hit.slot.row === undefined) return;
    this.opts.columns[hit.col].activate?.(hit.slot.row);
  }

  private setActive(row: number, col: number): void {
    const total = this.cache.total ?? 0;
    this.active = { row: Math.min(Math.max(0, row), Math.max(0, total - 1)), col: Math.min(Math.max(0, col), this.opts.columns.length - 1) };
    for (const slot of this.slots) slot.cells.forEach((cell, c) => cell.classList.toggle("active", slot.index === this.active.row && c === this.active.col));
  }

  private onKey(ev: KeyboardEvent): void {
    if (this.editing || ev.target !== this.body) return;
    const total = this.cache.total ?? 0;
    if (!total) return;
    const pageRows = Math.max(1, Math.floor(this.viewport().height / this.opts.rowHeight) - 1);
    const { row, col } = this.active;
    const move: Record<string, [number, number] | undefined> = {
      ArrowDown: [row + 1, col],
      ArrowUp: [row - 1, col],
      ArrowRight: [row, col + 1],
      ArrowLeft: [row, col - 1],
      PageDown: [row + pageRows, col],
      PageUp: [row - pageRows, col],
      Home: ev.ctrlKey ? [0, col] : [row, 0],
      End: ev.ctrlKey ? [total - 1, col] : [row, this.opts.columns.length - 1],
    };
    const to = move[ev.key];
    if (to) {
      ev.preventDefault();
      this.setActive(to[0], to[1]);
      this.scrollToIndex(this.active.row);
      return;
    }
    const column = this.opts.columns[col];
    const data = this.cache.get(row);
    if (ev.key === " " && data !== undefined) {
      ev.preventDefault();
      this.toggleSelected(row, !this.selected.has(this.opts.key(data)), ev.shiftKey);
    } else if ((ev.key === "Enter" || ev.key === "F2") && data !== undefined) {
      ev.preventDefault();
      if (column.editor) this.startEdit(row, col);
      else column.activate?.(data);
    }
  }

  // --- selection ---------------------------------------------------------------------------

  private toggleSelected(index: number, on: boolean, range: boolean): void {
    const next = new Set(this.selected);
    const from = range && this.anchor !== null ? Math.min(this.anchor, index) : index;
    const to = range && this.anchor !== null ? Math.max(this.anchor, index) : index;
    for (let i = from; i <= to; i++) {
      const row = this.cache.get(i);
      if (row === undefined) continue;
      if (on) next.add(this.opts.key(row));
      else next.delete(this.opts.key(row));
    }
    this.anchor = index;
    this.setSelection(next);
  }

  /** The loaded rows wholly inside the viewport (not the ones drawn beyond it). */
  rowsInView({ scrollTop, height }: Viewport = this.viewport()): { index: number; row: R }[] {
    return this.rowsShown().filter(({ index }) => {
      const y = this.windowTop + (index - (this.slots[0]?.index ?? 0)) * this.opts.rowHeight;
      return y >= scrollTop - 0.5 && y + this.opts.rowHeight <= scrollTop + height + 0.5;
    });
  }

  private selectInView(on: boolean): void {
    const next = new Set(this.selected);
    for (const { row } of this.rowsInView()) {
      if (on) next.add(this.opts.key(row));
      else next.delete(this.opts.key(row));
    }
    this.setSelection(next);
  }

  private setSelection(next: Set<number>): void {
    this.selected = next;
    for (const slot of this.slots) {
      const on = slot.row !== undefined && next.has(this.opts.key(slot.row));
      slot.check.checked = on;
      slot.el.classList.toggle("selected", on);
    }
    this.updateHeadCheck();
    this.opts.selection?.([...next]);
  }

  private updateHeadCheck(view?: Viewport): void {
    // Counted without building lists: this runs in every scroll frame.
    let shown = 0;
    let n = 0;
    if (this.selected.size > 0 || this.headCheck.checked || this.headCheck.indeterminate) {
      for (const { row } of this.rowsInView(view)) {
        shown++;
        if (this.selected.has(this.opts.key(row))) n++;
      }
    }
    this.headCheck.checked = shown > 0 && n === shown;
    this.headCheck.indeterminate = n > 0 && n < shown;
  }

  // --- editing -----------------------------------------------------------------------------

  private startEdit(index: number, col: number): boolean {
    const column = this.opts.columns[col];
    const row = this.cache.get(index);
    const slot = this.slots.find((s) => s.index === index && !s.el.hidden);
    if (!column.editor || row === undefined || !slot) return false;
    this.finishEdit(true);
    const value = column.editValue?.(row) ?? column.text(row);
    const ed = column.editor;
    let el: HTMLInputElement | HTMLSelectElement;
    if (ed.kind === "select") {
      el = h("select", { class: "grid-editor" }, ...ed.options.map(([v, label]) => h("option", { value: v }, label)));
      el.value = value;
    } else {
      el = h("input", { class: "grid-editor", value: ed.kind === "combo" ? (ed.options.find(([v]) => v === value)?.[1] ?? value) : value, autocomplete: "off" });
      if (ed.kind === "text" && ed.placeholder) el.placeholder = ed.placeholder;
      if (ed.kind === "combo") {
        const list = h("datalist", { id: `grid-list-${column.field}` }, ...ed.options.map(([, label]) => h("option", { value: label })));
        el.setAttribute("list", list.id);
        slot.cells[col].append(list);
      }
    }
    const cell = slot.cells[col];
    const key = this.opts.key(row);
    this.editing = { index, col, key, el, done: false };
    this.setActive(index, col);
    cell.classList.add("editing");
    // The text stays in the cell (under the editor) so the row keeps its look.
    cell.append(el);
    (el as HTMLElement).addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        ev.preventDefault();
        this.finishEdit(true);
        this.body.focus({ preventScroll: true });
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        ev.stopPropagation();
        this.finishEdit(false);
        this.body.focus({ preventScroll: true });
      } else if (ev.key === "Tab") {
        const next = this.nextEditable(col, ev.shiftKey ? -1 : 1);
        if (next === null) return;
        ev.preventDefault();
        this.finishEdit(true);
        this.startEdit(index, next);
      }
    });
    el.addEventListener("blur", () => this.finishEdit(true));
    if (ed.kind === "select") el.addEventListener("change", () => this.finishEdit(true));
    el.focus({ preventScroll: true });
    if (el instanceof HTMLInputElement && (ed.kind !== "text" || ed.select !== false)) el.select();
    return true;
  }

  private nextEditable(col: number, step: number): number | null {
    for (let c = col + step; c >= 0 && c < this.opts.columns.length; c += step) if (this.opts.columns[c].editor) return c;
    return null;
  }

  /** Close the editor; with `commit`, save a changed value (core decides whether it stands). */
  private finishEdit(commit: boolean): void {
    const e = this.editing;
    if (!e || e.done) return;
    e.done = true;
    this.editing = null;
    const column = this.opts.columns[e.col];
    const typed = e.el.value;
    const options = column.editor?.kind === "combo" ? column.editor.options : [];
    const value = options.find(([, label]) => label === typed)?.[0] ?? typed;
    const cell = e.el.closest(".grid-cell");
    cell?.querySelector("datalist")?.remove();
    e.el.remove();
    cell?.classList.remove("editing");
    const row = this.cache.get(e.index);
    const key = e.key;
    const before = row !== undefined && this.opts.key(row) === key ? row : undefined;
    if (!commit || before === undefined || value === (column.editValue?.(before) ?? column.text(before))) {
      this.generation++;
      this.render();
      return;
    }
    // Shown at once; the stored row replaces it when core answers, the old one if it refuses.
    if (cell instanceof HTMLElement) {
      this.setText(cell, column.editor?.kind === "combo" ? typed : value);
      cell.classList.add("saving");
    }
    void this.opts.save(before, column.field, value).then(
      (saved) => this.saved(key, saved, cell),
      () => this.saved(key, null, cell),
    );
  }

  private saved(key: number, row: R | null, cell: Element | null): void {
    cell?.classList.remove("saving");
    if (row !== null) this.cache.replace((r) => this.opts.key(r) === key, row);
    this.generation++;
    this.render();
  }

  // --- header ------------------------------------------------------------------------------

  private headerCell(c: Column<R>): HTMLElement {
    const cell = h("div", { class: `grid-hcell align-${c.align ?? "left"}`, role: "columnheader", "data-field": c.field }, h("span", { class: "grid-title" }, c.title));
    if (c.sortable) {
      cell.classList.add("sortable");
      cell.tabIndex = 0;
      const sortBy = () => {
        const dir = this.sort?.field === c.field ? (this.sort.dir === "asc" ? "desc" : null) : "asc";
        this.sort = dir ? { field: c.field, dir } : null;
        this.updateSortMarks();
        this.opts.sorted?.(this.sort);
        this.reset();
      };
      cell.addEventListener("click", (ev) => {
        if (!(ev.target as HTMLElement).closest(".grid-resize")) sortBy();
      });
      cell.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          sortBy();
        }
      });
    }
    const handle = h("span", { class: "grid-resize", "aria-hidden": "true" });
    handle.addEventListener("pointerdown", (ev) => this.dragWidth(ev, c, cell));
    cell.append(handle);
    return cell;
  }

  private updateSortMarks(): void {
    const flick = this.opts.flickColumns ?? [];
    this.kept = this.opts.columns.map((c) => flick.includes(c.field) || (flick.length > 0 && this.sort?.field === c.field));
    for (const slot of this.slots) this.markKept(slot.cells);
    for (const cell of this.head.querySelectorAll<HTMLElement>(".grid-hcell[data-field]")) {
      const sort = this.sort;
      const dir = sort && sort.field === cell.dataset.field ? sort.dir : null;
      cell.setAttribute("aria-sort", dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none");
    }
  }

  private dragWidth(ev: PointerEvent, c: Column<R>, cell: HTMLElement): void {
    ev.preventDefault();
    ev.stopPropagation();
    const startX = ev.clientX;
    const startW = cell.getBoundingClientRect().width;
    const move = (e: PointerEvent) => {
      this.widths[c.field] = Math.max(c.minWidth ?? 40, Math.round(startW + e.clientX - startX));
      this.layoutColumns();
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      this.opts.resized?.({ ...this.widths });
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  }

  /**
   * The columns' boxes for the body's width, shared by the header (a CSS grid template in px)
   * and every row's cells (absolutely placed at `--gxN`, `--gwN` px). Rows are no CSS grids:
   * a flick's frame gives every row new text, and CSS-grid rows, which size their tracks again
   * in each relayout, took 6 % more style and layout time (docs/performance.md, "Session 9").
   */
  private layoutColumns(): void {
    const tracks: Track[] = [{ fixed: SELECT_WIDTH }];
    for (const c of this.opts.columns) {
      const fixed = this.widths[c.field] ?? c.width;
      tracks.push(fixed !== undefined ? { fixed } : { min: c.minWidth ?? 80, grow: c.grow ?? 1 });
    }
    const boxes = columnBoxes(tracks, Math.max(0, this.columnsWidth));
    const min = tracks.reduce((sum, t) => sum + ("fixed" in t ? t.fixed : t.min), 0);
    // Through the CSSOM: the CSP allows no style attributes.
    const style = this.root.style;
    style.setProperty("--grid-cols", boxes.map((b) => `${b.width}px`).join(" "));
    style.setProperty("--grid-min-width", `${min}px`);
    boxes.forEach((b, i) => {
      style.setProperty(`--gx${i}`, `${b.x}px`);
      style.setProperty(`--gw${i}`, `${b.width}px`);
    });
  }
}
