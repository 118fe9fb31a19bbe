// An interleaved A/B of page styles for the measures grid, inside one page of the real app
// (docs/performance.md, "Session 9"). Each variant is a stylesheet (adopted through the CSSOM:
// the app's CSP refuses an injected <style>); they take turns in blocks of 40 far jumps (7.3
// viewports, every row new), 24 blocks in all, so a machine that slows or speeds up during the
// run weighs on every variant alike. Per frame: the style + layout forced at the start of the
// animation-frame callback (the grid's scroll handler has run), and the time from the scroll to
// a message posted there (includes waiting for the frame; performance.now() is coarsened to 1 ms
// in WebKit, so compare means over many frames).
//
//   APP_BINARY=target/release/policy-ledger-app BENCH_DB=copy-of-ledger.sqlite3 \
//   AB_VARIANTS='{"as built":"","grid rows":"#measures-grid .grid-row{display:grid;grid-template-columns:var(--grid-cols)} …"}' \
//   xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" node e2e/layout.ab.mjs
import { session, step } from "./harness.mjs";
const db = process.env.BENCH_DB;
const variants = JSON.parse(process.env.AB_VARIANTS); // {name: css}
const r = await session("layout-ab", () => ({ db }), async ({ browser }) => {
  await browser.setTimeout({ script: 30 * 60_000 });
  const nav = await browser.$("#nav-measures");
  await nav.waitForExist({ timeout: 30000 });
  await nav.click();
  await browser.waitUntil(async () => (await browser.$$("#measures-grid .grid-row[data-id]")).length > 10, { timeout: 30000 });
  await browser.pause(1000);
  return await browser.executeAsync((variants, done) => {
    const body = document.querySelector("#measures-grid .grid-body");
    const sheets = Object.fromEntries(Object.entries(variants).map(([k, css]) => { const s = new CSSStyleSheet(); s.replaceSync(css); return [k, s]; }));
    const base = [...document.adoptedStyleSheets];
    const res = Object.fromEntries(Object.keys(variants).map((k) => [k, { layout: [], frame: [] }]));
    const ch = new MessageChannel();
    let pos = 0;
    const max = body.scrollHeight - body.clientHeight;
    const jump = () => { pos = (pos + body.clientHeight * 7.3) % max; body.scrollTop = pos; };
    const names = Object.keys(variants);
    let block = 0, n = 0, t0 = 0, cur = null;
    const BLOCKS = 24, PER = 40;
    const startBlock = () => {
      cur = names[block % names.length];
      document.adoptedStyleSheets = [...base, sheets[cur]];
      n = 0;
      void document.body.offsetHeight;
      setTimeout(next, 50);
    };
    const next = () => { t0 = performance.now(); jump(); requestAnimationFrame(() => { const a = performance.now(); void document.body.offsetHeight; const b = performance.now(); if (n >= 3) res[cur].layout.push(b - a); ch.port2.postMessage(0); }); };
    ch.port1.onmessage = () => { if (n >= 3) res[cur].frame.push(performance.now() - t0); n++; if (n < PER + 3) setTimeout(next, 0); else { block++; if (block < BLOCKS) startBlock(); else done(res); } };
    startBlock();
  }, variants);
});
const stat = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = xs.reduce((a, b) => a + b, 0) / xs.length; return `mean ${m.toFixed(2)} p50 ${s[Math.floor(s.length / 2)].toFixed(2)} p90 ${s[Math.floor(s.length * 0.9)].toFixed(2)} n ${s.length}`; };
for (const [k, v] of Object.entries(r.value)) console.log(`${k}: layout ${stat(v.layout)} | frame ${stat(v.frame)}`);
