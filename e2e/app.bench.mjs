// App-level benchmark of issue 7 in the real app, in a real window under Xvfb, driven through
// tauri-driver + WebKitWebDriver (the harness of the E2E tests). Not a test: it prints figures
// next to a baseline measured in the same run and never fails because a target is missed.
//
//   cold start   process spawn of policy-ledger-app (from /proc) → the Measures tab shows its
//                first page of rows, painted, with the main thread free (see `coldStart`);
//                baseline: the same app and window on an empty ledger.
//   frames       the page's work for each scrolled frame (scroll event → the grid's handler,
//                style, layout, paint → page free again; split into those parts), the
//                requestAnimationFrame intervals, and the CPU time per frame of each process,
//                while the grid is scrolled at wheel speed (3 rows a frame) from the top, then
//                the whole table one viewport a frame, top to bottom, with the grid fetching the
//                rows coming into view from core in blocks as it goes; each scroll is made in a
//                task between frames, as a wheel makes it; baseline: a plain static 200-row
//                <table> scrolled one viewport a frame in the same page.
//   memory       VmRSS / VmHWM / Pss of the app and every process it started (WebKitWebProcess,
//                WebKitNetworkProcess, …) after load and after the scroll; baseline: empty ledger.
//
// Usage (scripts/bench-app builds the app and the ledger, then runs this under xvfb-run):
//   BENCH_DB=ledger.sqlite3 node app.bench.mjs
// Env: BENCH_DB (required: the ledger to open), BENCH_RUNS (cold starts per ledger, default 3),
// BENCH_SCROLL=0 (skip the scroll), BENCH_SCROLL_MAX_S (give up scrolling after this, default
// 1200; the row then says INCOMPLETE and how far it got), BENCH_SCROLL_STRIDE (viewports a frame in
// the whole-table scroll, default 1), BENCH_WHEEL_ROWS / BENCH_WHEEL_FRAMES (the wheel-speed
// scroll before it: rows a frame, default 3, and frames, default 1000), BENCH_SETUP_JS (a script
// run in the page before the grid is scrolled: to try a style or DOM change without a rebuild;
// styles through the CSSOM, e.g. a constructable stylesheet: the CSP refuses a <style> element,
// and the table reports what it refused),
// BENCH_OUT (JSON results), BENCH_LABEL (the size, for the table), plus the harness's
// (APP_BINARY, …).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { session, step } from "./harness.mjs";

const db = process.env.BENCH_DB;
assert.ok(db && fs.existsSync(db), "BENCH_DB must name an existing ledger");
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const scroll = process.env.BENCH_SCROLL !== "0";
const label = process.env.BENCH_LABEL ?? "";
const maxScrollS = Number(process.env.BENCH_SCROLL_MAX_S ?? 1200);
// Viewports scrolled per frame in the grid, as the static table is (one viewport a frame, a
// fast flick: ≈ 30,000 px/s).
const stride = Number(process.env.BENCH_SCROLL_STRIDE ?? 1);
// Before the whole table: a scroll at the speed of a wheel (three 28 px rows a frame, 5,000 px/s)
// from the top, for this many frames.
const wheelRows = Number(process.env.BENCH_WHEEL_ROWS ?? 3);
const wheelFrames = Number(process.env.BENCH_WHEEL_FRAMES ?? 1000);

// ---------------------------------------------------------------------------------------------
// /proc: process tree, spawn time, memory

const CLK_TCK = 100; // USER_HZ on Linux; /proc/<pid>/stat counts starttime in these ticks.

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/** { pid, ppid, comm, start (ticks since boot) } of every process we can read. */
function processes() {
  const out = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(entry, "stat");
    if (!stat) continue;
    // comm is in parentheses and may contain spaces: split after the last ')'.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const rest = stat.slice(close + 2).split(" ");
    out.push({ pid: Number(entry), ppid: Number(rest[1]), comm, start: Number(rest[19]) });
  }
  return out;
}

function descendants(all, root) {
  const found = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    for (const p of all) {
      if (p.ppid === pid) {
        found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/** The app process under the driver, and the processes it started. */
function appTree(driverPid) {
  const all = processes();
  const app = descendants(all, driverPid).find((p) => p.comm.startsWith("policy-ledger"));
  assert.ok(app, "the app process is not running under tauri-driver");
  return { app, children: descendants(all, app.pid) };
}

/**
 * CPU time (ms, user + system) each process of the app has used so far, by command name. Over a
 * scroll, divided by its frames, this is the cost of a frame that other work on the machine
 * does not inflate (a wall-clock time does): the figure to compare between two builds.
 */
function cpuTimes(driverPid) {
  const { app, children } = appTree(driverPid);
  const out = {};
  for (const p of [app, ...children]) {
    const stat = readProc(p.pid, "stat");
    if (!stat) continue;
    // Fields after the command: state is 3rd; utime and stime are the 14th and 15th.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // comm is cut at 15 characters ("WebKitWebProces").
    const name = p.comm.startsWith("policy-ledger") ? "app" : p.comm.startsWith("WebKitWeb") ? "web" : p.comm.startsWith("WebKitNetwork") ? "network" : p.comm;
    out[name] = (out[name] ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  }
  return out;
}

/** CPU ms per frame for each process between two `cpuTimes` readings. */
function cpuPerFrame(before, after, frames) {
  const out = {};
  for (const [name, ms] of Object.entries(after)) out[name] = (ms - (before[name] ?? 0)) / Math.max(1, frames);
  return out;
}

/** Epoch ms at which `pid` was spawned (10 ms resolution: /proc counts in clock ticks). */
function spawnedAt(p) {
  const uptime = Number(fs.readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  return Date.now() - (uptime - p.start / CLK_TCK) * 1000;
}

function kB(text, key) {
  const m = text?.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) : 0;
}

/**
 * Where a process's resident memory is, in kB: the mappings of /proc/<pid>/smaps grouped by
 * what backs them (a library or file by its base name, "[anon]" for the heaps), largest first.
 */
function breakdown(pid, top = 6) {
  const smaps = readProc(pid, "smaps");
  if (!smaps) return [];
  const by = new Map();
  let name = null;
  for (const line of smaps.split("\n")) {
    const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (head) {
      const file = head[1].trim();
      name = file === "" ? "[anon]" : file.startsWith("[") ? file : path.basename(file);
      continue;
    }
    const rss = line.match(/^Rss:\s+(\d+) kB/);
    if (rss && name) by.set(name, (by.get(name) ?? 0) + Number(rss[1]));
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, top).map(([n, k]) => ({ name: n, rss: k }));
}

/** Resident memory of the app and everything it started, in kB. */
function memory(driverPid) {
  const { app, children } = appTree(driverPid);
  const procs = [app, ...children].map((p) => {
    const status = readProc(p.pid, "status");
    const rollup = readProc(p.pid, "smaps_rollup");
    const rss = kB(status, "VmRSS");
    return { pid: p.pid, comm: p.comm, rss, hwm: kB(status, "VmHWM"), pss: kB(rollup, "Pss"), where: breakdown(p.pid) };
  });
  const sum = (k) => procs.reduce((a, p) => a + p[k], 0);
  return { procs, rss: sum("rss"), hwm: sum("hwm"), pss: sum("pss"), unique: uniquePages(procs.map((p) => p.pid)) };
}

/**
 * The memory the app's processes occupy, each physical page counted once (kB), or null when
 * /proc/<pid>/pagemap gives no frame numbers (reading them needs root). Σ RSS counts a library
 * page once per process mapping it (libwebkit2gtk is in all three); Σ Pss divides it by every
 * process on the machine mapping it, so it moves with what else runs (another WebKit program).
 * Split into anonymous pages (heaps, JavaScript, relocated library data) and file pages
 * (libraries, fonts, the binary: page cache, shared with any GTK/WebKit program).
 */
function uniquePages(pids) {
  const seen = new Map();
  const chunk = 1 << 16;
  const buf = Buffer.alloc(chunk * 8);
  for (const pid of pids) {
    let smaps, fd;
    try {
      smaps = fs.readFileSync(`/proc/${pid}/smaps`, "utf8");
      fd = fs.openSync(`/proc/${pid}/pagemap`, "r");
    } catch {
      return null;
    }
    try {
      // Only the mappings with resident pages (WebKit reserves tens of GB it never touches).
      const ranges = [];
      let range = null;
      for (const line of smaps.split("\n")) {
        const head = line.match(/^([0-9a-f]+)-([0-9a-f]+) /);
        if (head) range = [parseInt(head[1], 16) / 4096, parseInt(head[2], 16) / 4096];
        else if (range && /^Rss:\s+[1-9]/.test(line)) ranges.push(range);
      }
      for (const [start, end] of ranges) {
        for (let page = start; page < end; page += chunk) {
          const n = Math.min(chunk, end - page);
          const got = fs.readSync(fd, buf, 0, n * 8, page * 8);
          for (const v of new BigUint64Array(buf.buffer, buf.byteOffset, got / 8)) {
            if (!(v >> 63n)) continue;
            const frame = v & ((1n << 55n) - 1n);
            if (frame === 0n) return null; // not root: frame numbers are hidden
            if (!seen.has(frame)) seen.set(frame, (v >> 61n) & 1n);
          }
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  let file = 0;
  for (const k of seen.values()) file += Number(k);
  return { kb: seen.size * 4, anonKb: (seen.size - file) * 4, fileKb: file * 4 };
}

// ---------------------------------------------------------------------------------------------
// In the page

/**
 * Runs in the page as soon as the session exists: waits for the tab bar, clicks Measures at
 * once (the fastest possible user), and reports epoch-ms times of each stage. "Interactive":
 * the grid holds its first page of rows (or its empty placeholder) and the total, two animation
 * frames have passed since (so that state has been painted), and a task posted then ran (the
 * main thread is free to take input).
 */
function coldStartInPage(done) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const when = (pred) =>
    new Promise((resolve) => {
      if (pred()) return resolve();
      const mo = new MutationObserver(() => {
        if (pred()) {
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  (async () => {
    const out = { scriptAt: Date.now(), timeOrigin: performance.timeOrigin };
    const nav = performance.getEntriesByType("navigation")[0];
    if (nav) {
      out.domContentLoadedAt = performance.timeOrigin + nav.domContentLoadedEventEnd;
      out.loadAt = performance.timeOrigin + nav.loadEventEnd;
    }
    await when(() => document.querySelector("#nav-measures"));
    out.navAt = Date.now();
    document.querySelector("#nav-measures").click();
    await when(() => {
      const total = document.querySelector("#measure-total")?.textContent;
      return Boolean(total) && Boolean(document.querySelector("#measures-grid .grid-row[data-id], #measures-grid .grid-empty:not([hidden])"));
    });
    out.rowsAt = Date.now();
    out.rows = document.querySelectorAll("#measures-grid .grid-row[data-id]:not([hidden])").length;
    out.total = document.querySelector("#measure-total").textContent;
    await frame();
    out.frame1At = Date.now();
    await frame();
    out.paintedAt = Date.now();
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    if (fcp) out.firstContentfulPaintAt = performance.timeOrigin + fcp.startTime;
    await new Promise((r) => setTimeout(r, 0));
    out.interactiveAt = Date.now();
    done(out);
  })();
}

/**
 * Starts recording requestAnimationFrame intervals (ms) in the page: "idle" (nothing moves),
 * "static" (a plain table scrolled one viewport per frame) or "grid" (the measures grid
 * scrolled to its end). The result lands in `window.__benchFrames` (see `framesOf`), so no
 * WebDriver request stays open for the minutes a full scroll can take.
 */
function framesInPage(kind, arg) {
  const frames = [];
  // For the grid: whether rows in view were still placeholders (their block on its way from
  // core) in the frame just painted.
  const blanks = [];
  // For the grid: whether the frame drew the columns kept in a flick only (the rows' box
  // `flicking`: the others follow once the scroll rests; ui/src/grid/grid.ts, setFlicking).
  const partial = [];
  // The page's own work for each scrolled frame: from the scroll event (the start of the frame's
  // rendering update: WebKit runs the scroll steps first, so the grid's scroll handler draws
  // the rows there) until the page is free again after the frame's style, layout and paint —
  // what must stay under 16 ms for the frame to be on time. The scroll itself is made in a
  // task between frames, as a wheel or a key makes it (not in an animation-frame callback:
  // there the scroll events would only run in the next frame and the frame painted would show
  // the rows of the previous scroll position).
  const work = [];
  // The same work in three parts: the page's scroll handlers (the grid drawing its rows), style
  // and layout (forced at the start of the animation-frame callback, where the frame would
  // do them next anyway), and the rest: painting the frame and handing it to the window.
  const split = { handlers: [], layout: [], paint: [] };
  // When each scrolled frame began (ms since the epoch), to set its slow frames beside logs.
  const at = [];
  // When the current frame's first scroll event reached the page (window, capture phase: before
  // any handler of the page's own), and when the last handler had run.
  let scrollAt = null;
  let handledAt = null;
  let laidOutAt = null;
  const onScroll = () => {
    if (scrollAt === null) scrollAt = performance.now();
  };
  const onScrolled = () => {
    handledAt = performance.now();
  };
  window.addEventListener("scroll", onScroll, { capture: true, passive: true });
  // Registered after the page's own handler on the scroller, so it runs after it.
  const scroller = kind === "grid" ? document.querySelector("#measures-grid .grid-body") : null;
  scroller?.addEventListener("scroll", onScrolled, { passive: true });
  // A message posted in an animation-frame callback runs once that frame is painted.
  const painted = new MessageChannel();
  let last = null;
  const frame = (now) => {
    if (last !== null) frames.push(now - last);
    last = now;
    if (scrollAt !== null) {
      void document.body.offsetHeight; // style and layout, now rather than right after this callback
      laidOutAt = performance.now();
    }
    painted.port2.postMessage(0);
  };
  // `afterPaint()` runs after each painted frame and returns false to stop.
  const run = (afterPaint) => {
    painted.port1.onmessage = () => {
      if (scrollAt !== null) {
        const now = performance.now();
        work.push(now - scrollAt);
        at.push(performance.timeOrigin + scrollAt);
        const handled = handledAt ?? scrollAt;
        split.handlers.push(handled - scrollAt);
        split.layout.push((laidOutAt ?? handled) - handled);
        split.paint.push(now - (laidOutAt ?? handled));
      }
      const more = afterPaint(scrollAt !== null);
      scrollAt = handledAt = laidOutAt = null;
      if (more) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  window.__benchFrames = null;
  const finish = (extra) => {
    window.removeEventListener("scroll", onScroll, { capture: true });
    scroller?.removeEventListener("scroll", onScrolled);
    painted.port1.onmessage = null;
    window.__benchFrames = { frames, blanks, partial, work, split, at, ...extra };
    return false;
  };
  if (kind === "idle") {
    run(() => frames.length < arg || finish({}));
    return;
  }
  if (kind === "static") {
    // A plain table of 200 rows, nine cells each, in a scrolling box of the grid's size.
    const grid = document.querySelector("#measures-grid").getBoundingClientRect();
    const box = document.createElement("div");
    Object.assign(box.style, {
      position: "fixed",
      left: `${grid.left}px`,
      top: `${grid.top}px`,
      width: `${grid.width}px`,
      height: `${grid.height}px`,
      overflow: "auto",
      background: "#fff",
      zIndex: "9999",
    });
    const table = document.createElement("table");
    for (let r = 0; r < 200; r++) {
      const tr = table.insertRow();
      for (let c = 0; c < 9; c++) tr.insertCell().textContent = c === 1 ? `第${r}项 关于支持外贸企业稳定发展的若干措施` : `${r}-${c} 株洲市`;
    }
    box.append(table);
    document.body.append(box);
    run(() => {
      if (frames.length >= arg) {
        box.remove();
        return finish({});
      }
      box.scrollTop = box.scrollTop + box.clientHeight >= box.scrollHeight - 1 ? 0 : box.scrollTop + box.clientHeight;
      return true;
    });
    return;
  }
  // The grid: scroll its body down `arg.stride` viewports per frame while it fetches the rows
  // coming into view from core in blocks; record for each scrolled frame whether rows in view
  // were still on their way (drawn as placeholders). Stop at the bottom once the last row is
  // drawn, or when nothing moved for arg.stallMs.
  const body = document.querySelector("#measures-grid .grid-body");
  const grid = document.querySelector("#measures-grid .vgrid");
  const rowsBox = document.querySelector("#measures-grid .grid-rows");
  const started = performance.now();
  let lastProgress = started;
  let lastTop = -1;
  let blankFrames = 0;
  const rowCount = () => Number(grid.getAttribute("aria-rowcount")) - 1;
  const drawn = () => [...body.querySelectorAll(".grid-row:not([hidden])")];
  // Rows wholly or partly in view that have no data yet (read after the paint: the layout is
  // clean, so this forces none).
  const blankRows = () => {
    const top = body.getBoundingClientRect().top;
    const bottom = top + body.clientHeight;
    return drawn().filter((r) => {
      if (!r.classList.contains("loading")) return false;
      const b = r.getBoundingClientRect();
      return b.bottom > top && b.top < bottom;
    }).length;
  };
  const lastIndexShown = () => {
    const rows = drawn().filter((r) => r.dataset.id);
    return rows.length ? Number(rows.at(-1).getAttribute("aria-rowindex")) - 1 : 0;
  };
  run((scrolled) => {
    const now = performance.now();
    const blank = blankRows();
    if (scrolled) {
      blanks.push(blank > 0);
      partial.push(rowsBox?.classList.contains("flicking") ?? false);
      if (blank > 0) blankFrames++;
    }
    if (body.scrollTop !== lastTop) lastProgress = now;
    lastTop = body.scrollTop;
    const atBottom = body.scrollTop + body.clientHeight >= body.scrollHeight - 1;
    if (atBottom && blank === 0 && lastIndexShown() === rowCount()) {
      return finish({ complete: true, ms: now - started, blankFrames, lastId: lastIndexShown() });
    }
    if (now - lastProgress > arg.stallMs || now - started > arg.maxMs) {
      return finish({ complete: false, ms: now - started, blankFrames, lastId: lastIndexShown() });
    }
    if (arg.maxFrames && frames.length >= arg.maxFrames) {
      return finish({ complete: true, ms: now - started, blankFrames, lastId: lastIndexShown() });
    }
    if (!atBottom) body.scrollTop += arg.px ?? body.clientHeight * arg.stride;
    else lastProgress = now;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------

function sqlite(path, query) {
  return JSON.parse(
    execFileSync("python3", ["-c", "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))", path, query], {
      encoding: "utf8",
    }),
  );
}

async function coldStart(ctx) {
  const { browser } = ctx;
  const page = await browser.executeAsync(coldStartInPage);
  const { app } = appTree(ctx.driverPid);
  const spawn = spawnedAt(app);
  // The grid takes input: a click on a title cell opens its editor (WebDriver round trips
  // included, so this is an upper bound; reported as information).
  const clickAt = Date.now();
  const cell = await browser.$("#measures-grid .grid-row[data-id] .grid-cell[data-field='title']");
  let editorMs = null;
  if (await cell.isExisting()) {
    await cell.click();
    await browser.$("#measures-grid .grid-cell input").waitForExist({ timeout: 10_000 });
    editorMs = Date.now() - clickAt;
    await browser.keys("Escape");
  }
  const rel = (t) => (t == null ? null : Math.round(t - spawn));
  return {
    spawnToSession: rel(ctx.sessionCreatedAt),
    spawnToPage: rel(page.timeOrigin),
    spawnToDomContentLoaded: rel(page.domContentLoadedAt),
    spawnToNav: rel(page.navAt),
    spawnToRows: rel(page.rowsAt),
    spawnToFirstContentfulPaint: rel(page.firstContentfulPaintAt),
    spawnToFrame1: rel(page.frame1At),
    spawnToPainted: rel(page.paintedAt),
    spawnToInteractive: rel(page.interactiveAt),
    sessionRequestToSpawn: Math.round(spawn - ctx.sessionRequestedAt),
    rows: page.rows,
    total: page.total,
    editorMs,
  };
}

/** Run `framesInPage(kind, arg)` and wait for its result. */
async function framesOf(browser, kind, arg) {
  await browser.execute(framesInPage, kind, arg);
  let result = null;
  while (!(result = await browser.execute(() => window.__benchFrames))) await browser.pause(2000);
  return result;
}

function stats(frames) {
  const s = [...frames].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0);
  return {
    n: s.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: s.at(-1) ?? 0,
    over16: s.filter((f) => f > 16.7).length,
    over20: s.filter((f) => f > 20).length,
    over33: s.filter((f) => f > 33.4).length,
  };
}

/**
 * Runs BENCH_SETUP_JS in the page and returns what the page's content security policy refused
 * while it ran (one line per violation). The app's CSP allows no inline `<style>` element and no
 * style attribute: a setup script must change styles through the CSSOM (a constructable
 * stylesheet in `document.adoptedStyleSheets`, `element.style`), or its change silently does
 * nothing and the run measures the app unchanged.
 */
async function runSetup(browser, script) {
  await browser.execute(() => {
    window.__benchRefused = [];
    document.addEventListener("securitypolicyviolation", (ev) => window.__benchRefused.push(`${ev.effectiveDirective} (${ev.blockedURI || "inline"})`));
  });
  await browser.execute(script);
  // Violations are reported in a task after the refusal.
  await browser.pause(200);
  const refused = await browser.execute(() => window.__benchRefused);
  if (refused.length) step(`BENCH_SETUP_JS: the page's CSP refused ${refused.length} change(s): ${refused.join(", ")} — the run measures the app without them`);
  return refused;
}

async function sessionOn(name, dbPath, withScroll) {
  const result = await session(name, () => ({ db: dbPath }), async (ctx) => {
    const { browser } = ctx;
    await browser.setTimeout({ script: 60 * 60_000 });
    const start = await coldStart(ctx);
    step(`${name}: interactive ${start.spawnToInteractive} ms after spawn (${start.total}, ${start.rows} rows in the DOM)`);
    await browser.pause(1500); // let the first page settle before reading memory
    const memLoad = memory(ctx.driverPid);
    const out = { start, memLoad };
    if (withScroll) {
      const lastId = sqlite(dbPath, "SELECT max(id) FROM measures")[0][0];
      const total = sqlite(dbPath, "SELECT count(*) FROM measures")[0][0];
      step(`${name}: idle frames and the static 200-row table (baselines)`);
      out.idle = await framesOf(browser, "idle", 300);
      let cpu = cpuTimes(ctx.driverPid);
      out.static = await framesOf(browser, "static", 1200);
      out.static.cpu = cpuPerFrame(cpu, cpuTimes(ctx.driverPid), out.static.frames.length);
      if (process.env.BENCH_SETUP_JS) out.setupRefused = await runSetup(browser, process.env.BENCH_SETUP_JS);
      step(`${name}: ${wheelFrames} frames at wheel speed, ${wheelRows} rows a frame`);
      cpu = cpuTimes(ctx.driverPid);
      out.wheel = await framesOf(browser, "grid", { lastId, stallMs: 30_000, maxMs: maxScrollS * 1000, px: wheelRows * 28, maxFrames: wheelFrames });
      out.wheel.cpu = cpuPerFrame(cpu, cpuTimes(ctx.driverPid), out.wheel.frames.length);
      await browser.execute(() => {
        document.querySelector("#measures-grid .grid-body").scrollTop = 0;
      });
      await browser.pause(1000);
      step(`${name}: scrolling all ${total} measures, ${stride} viewport(s) per frame`);
      cpu = cpuTimes(ctx.driverPid);
      out.grid = await framesOf(browser, "grid", { lastId, stallMs: 30_000, maxMs: maxScrollS * 1000, stride });
      out.grid.cpu = cpuPerFrame(cpu, cpuTimes(ctx.driverPid), out.grid.frames.length);
      step(`${name}: scrolled to row ${out.grid.lastId} of ${total} in ${(out.grid.ms / 1000).toFixed(1)} s`);
      out.grid.total = total;
      await ctx.shot("bench-app-scrolled");
      out.memScroll = memory(ctx.driverPid);
      // Garbage of the scroll that JavaScriptCore has not collected (or bmalloc not yet given
      // back) shows in the reading right after it; this one, after 15 s idle, shows what stays.
      await browser.pause(15_000);
      out.memIdle = memory(ctx.driverPid);
    }
    return out;
  });
  assert.ok(result.ok, `${name} failed`);
  return result.value;
}

// ---------------------------------------------------------------------------------------------

const empty = `${process.env.TMPDIR ?? "/tmp"}/policy-ledger-bench-empty-${process.pid}.sqlite3`;
const starts = { empty: [], full: [] };
const mem = { empty: [], full: [] };
let scrolled = null;
try {
  for (let i = 0; i < runs; i++) {
    // Alternate, so both ledgers see the same load on this shared machine.
    for (const f of ["-wal", "-shm", ""]) fs.rmSync(empty + f, { force: true });
    const e = await sessionOn(`empty #${i + 1}`, empty, false);
    starts.empty.push(e.start);
    mem.empty.push(e.memLoad);
    const last = i === runs - 1;
    const f = await sessionOn(`ledger #${i + 1}`, db, last && scroll);
    starts.full.push(f.start);
    mem.full.push(f.memLoad);
    if (last && scroll) scrolled = f;
  }
} finally {
  for (const f of ["-wal", "-shm", ""]) fs.rmSync(empty + f, { force: true });
}

// ---------------------------------------------------------------------------------------------
// The table

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (k) => `${(k / 1024).toFixed(0)} MB`;
const ms = (x) => `${Math.round(x)} ms`;
const f1 = (x) => x.toFixed(1);
const rows = [];
const row = (what, measured, baseline, ratio, target, verdict) => rows.push([what, measured, baseline, ratio, target, verdict]);
const verdict = (ok) => (ok ? "PASS" : "**MISS**");

const coldFull = median(starts.full.map((s) => s.spawnToInteractive));
const coldEmpty = median(starts.empty.map((s) => s.spawnToInteractive));
row(
  `cold start → interactive measures table (${starts.full[0].total}; median of ${runs})`,
  ms(coldFull),
  `${ms(coldEmpty)} (empty ledger)`,
  `${(coldFull / coldEmpty).toFixed(2)}×`,
  "< 1.5 s",
  verdict(coldFull < 1500),
);
const stage = (k) => `${ms(median(starts.full.map((s) => s[k])))} / ${ms(median(starts.empty.map((s) => s[k])))}`;
row("  of which: spawn → page navigation start (ledger / empty)", stage("spawnToPage"), "", "", "", "info");
row("  spawn → tab bar drawn, Measures clicked", stage("spawnToNav"), "", "", "", "info");
row("  spawn → first page of rows in the DOM", stage("spawnToRows"), "", "", "", "info");
row("  spawn → next animation frame / the one after (rows painted)", `${stage("spawnToFrame1")}; ${stage("spawnToPainted")}`, "", "", "", "info");
if (starts.full[0].spawnToFirstContentfulPaint != null) row("  spawn → first contentful paint (the library)", stage("spawnToFirstContentfulPaint"), "", "", "", "info");
row("  spawn → WebDriver session returned", stage("spawnToSession"), "", "", "", "info");
const editor = starts.full.map((s) => s.editorMs).filter((x) => x != null);
if (editor.length) row("click a title cell → editor open (WebDriver round trips included)", ms(median(editor)), "", "", "", "info");

const memFull = median(mem.full.map((m) => m.rss));
const memEmpty = median(mem.empty.map((m) => m.rss));
row("resident memory after load (Σ VmRSS, app + WebKit processes)", mb(memFull), `${mb(memEmpty)} (empty ledger)`, `${(memFull / memEmpty).toFixed(2)}×`, "< 300 MB", verdict(memFull < 300 * 1024));
const pssFull = median(mem.full.map((m) => m.pss));
row("  same, Σ Pss (a shared page divided among every process on the machine mapping it)", mb(pssFull), mb(median(mem.empty.map((m) => m.pss))), "", "< 300 MB", verdict(pssFull < 300 * 1024));
const uniq = (ms) => (ms.every((m) => m.unique) ? median(ms.map((m) => m.unique.kb)) : null);
const uniqSplit = (m) => (m.unique ? ` (anonymous ${mb(m.unique.anonKb)}, library and font pages ${mb(m.unique.fileKb)})` : "");
if (uniq(mem.full) !== null) {
  row(
    "  same, the app's pages counted once (physical pages of the app and its WebKit processes)",
    `${mb(uniq(mem.full))}${uniqSplit(mem.full.at(-1))}`,
    `${mb(uniq(mem.empty))} (empty ledger)`,
    `${(uniq(mem.full) / uniq(mem.empty)).toFixed(2)}×`,
    "< 300 MB",
    verdict(uniq(mem.full) < 300 * 1024),
  );
}

if (scrolled?.setupRefused?.length) {
  row("BENCH_SETUP_JS refused by the page's CSP (the frames below are the app's without it)", scrolled.setupRefused.join(", "), "", "", "", "**MISS**");
}
if (scrolled) {
  const g = stats(scrolled.grid.frames);
  const st = stats(scrolled.static.frames);
  const idle = stats(scrolled.idle.frames);
  const fr = (s) => `p50 ${f1(s.p50)} / p95 ${f1(s.p95)} / p99 ${f1(s.p99)} / max ${f1(s.max)} ms; ${s.over16} of ${s.n} > 16.7 ms (${s.over33} > 33.4)`;
  row(
    `scroll the whole table (${scrolled.grid.total} measures, ${stride} viewport(s) a frame, ${(scrolled.grid.ms / 1000).toFixed(1)} s${scrolled.grid.complete ? "" : `, INCOMPLETE: gave up at row ${scrolled.grid.lastId}`})`,
    fr(g),
    `static 200-row table: ${fr(st)}`,
    "",
    "frames < 16 ms",
    verdict(scrolled.grid.complete && g.over16 === 0),
  );
  row("  ratio to the static table (p50 / p95)", "", "", `${(g.p50 / st.p50).toFixed(2)}× / ${(g.p95 / st.p95).toFixed(2)}×`, "", "info");
  const gw = stats(scrolled.grid.work ?? []);
  const sw = stats(scrolled.static.work ?? []);
  row(
    "  the page's work per scrolled frame (scroll event → rows drawn, style, layout, paint; page free again)",
    fr(gw),
    `static 200-row table: ${fr(sw)}`,
    `${(gw.p95 / Math.max(0.1, sw.p95)).toFixed(2)}× (p95)`,
    "< 16 ms",
    verdict(scrolled.grid.complete && gw.over16 === 0),
  );
  const parts = (w) => (w?.split ? `handlers p50 ${f1(stats(w.split.handlers).p50)} / p99 ${f1(stats(w.split.handlers).p99)}; style + layout p50 ${f1(stats(w.split.layout).p50)} / p99 ${f1(stats(w.split.layout).p99)}; paint p50 ${f1(stats(w.split.paint).p50)} / p99 ${f1(stats(w.split.paint).p99)} ms` : "");
  row("    of which (scroll handlers; style + layout; paint and the rest)", parts(scrolled.grid), `static 200-row table: ${parts(scrolled.static)}`, "", "", "info");
  const cpu = (c) => (c ? Object.entries(c).map(([n, ms]) => `${n} ${ms.toFixed(2)}`).join(", ") + " ms" : "");
  row("  CPU time per frame, by process (user + system; the machine's other work does not inflate it)", cpu(scrolled.grid.cpu), `static 200-row table: ${cpu(scrolled.static.cpu)}`, "", "", "info");
  if (scrolled.wheel) {
    const ww = stats(scrolled.wheel.work ?? []);
    row(
      `scroll at wheel speed (${wheelRows} rows a frame, ${scrolled.wheel.frames.length} frames from the top): the page's work per scrolled frame`,
      fr(ww),
      `static 200-row table: ${fr(sw)}`,
      `${(ww.p95 / Math.max(0.1, sw.p95)).toFixed(2)}× (p95)`,
      "< 16 ms",
      verdict(ww.over16 === 0),
    );
    row("    of which (scroll handlers; style + layout; paint and the rest)", parts(scrolled.wheel), "", "", "", "info");
    row("    CPU time per frame, by process", cpu(scrolled.wheel.cpu), "", "", "", "info");
    row("    frame intervals", fr(stats(scrolled.wheel.frames)), "", "", "", "info");
  }
  const blank = scrolled.grid.blanks ?? [];
  row(
    "  frames with rows in view still on their way from core (drawn as placeholders)",
    `${blank.filter(Boolean).length} of ${blank.length}`,
    "",
    "",
    "",
    "info",
  );
  const partial = scrolled.grid.partial ?? [];
  row(
    "  frames of the whole-table scroll drawn with the kept columns only (a flick: id, title, the column sorted by)",
    `${partial.filter(Boolean).length} of ${partial.length}`,
    "",
    "",
    "",
    "info",
  );
  row("  idle page, nothing moving (Xvfb's own frame cadence)", fr(idle), "", "", "", "info");
  const m = scrolled.memScroll;
  row("resident memory after the scroll (Σ VmRSS; Σ VmHWM)", `${mb(m.rss)}; HWM ${mb(m.hwm)}`, `${mb(memEmpty)} (empty ledger)`, `${(m.rss / memEmpty).toFixed(2)}×`, "< 300 MB", verdict(m.hwm < 300 * 1024));
  row("  same, Σ Pss", mb(m.pss), "", "", "< 300 MB", verdict(m.pss < 300 * 1024));
  if (m.unique) row("  same, the app's pages counted once", `${mb(m.unique.kb)}${uniqSplit(m)}`, "", "", "< 300 MB", verdict(m.unique.kb < 300 * 1024));
  const after = scrolled.memIdle;
  row("resident memory 15 s after the scroll (Σ VmRSS)", mb(after.rss), `${mb(memEmpty)} (empty ledger)`, `${(after.rss / memEmpty).toFixed(2)}×`, "< 300 MB", verdict(after.rss < 300 * 1024));
  if (after.unique) row("  same, the app's pages counted once", `${mb(after.unique.kb)}${uniqSplit(after)}`, "", "", "< 300 MB", verdict(after.unique.kb < 300 * 1024));
  row("  per process after the scroll", m.procs.map((p) => `${p.comm} ${mb(p.rss)} (HWM ${mb(p.hwm)})`).join(", "), "", "", "", "info");
}
const perProc = (m) => m.procs.map((p) => `${p.comm} ${mb(p.rss)} (Pss ${mb(p.pss)})`).join(", ");
row("  per process after load", perProc(mem.full.at(-1)), perProc(mem.empty.at(-1)), "", "", "info");
const where = (m) =>
  m.procs.map((p) => `${p.comm}: ${p.where.map((w) => `${w.name} ${mb(w.rss)}`).join(", ")}`).join("; ");
row("  largest mappings after load (RSS)", where(mem.full.at(-1)), where(mem.empty.at(-1)), "", "", "info");
if (scrolled) row("  largest mappings after the scroll (RSS)", where(scrolled.memScroll), "", "", "", "info");

const header = ["App benchmark" + (label ? ` (${label})` : ""), "Measured", "Baseline (same run)", "Ratio", "Target", "Verdict"];
const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
console.log(`\n${table}\n`);
if (process.env.BENCH_OUT) {
  fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ label, starts, mem, scrolled, table }, null, 1));
}
process.exit(0);
