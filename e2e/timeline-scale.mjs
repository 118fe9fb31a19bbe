// How fast the Timeline redraws on a large ledger, in the real app (not part of the E2E suite:
// it needs a generated ledger). Prints, for each control change, the time from the change
// event to the next animation frame after the redraw, and the bare `timeline` invoke time.
//
// Usage (after `scripts/test-e2e timeline` built the app):
//   policy-ledger-bench generate --size 1 --out /tmp/tl --ledger
//   TIMELINE_LEDGER=/tmp/tl/ledger.sqlite3 APP_BINARY=target/debug/policy-ledger-app \
//     xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" node e2e/timeline-scale.mjs
// The ledger is copied first: the app may write to the file it opens.

import fs from "node:fs";
import path from "node:path";
import { run, step } from "./harness.mjs";

const source = process.env.TIMELINE_LEDGER;
if (!source) {
  console.error("set TIMELINE_LEDGER to a ledger file (policy-ledger-bench generate --ledger)");
  process.exit(2);
}

function prepare(tmp) {
  const db = path.join(tmp, "ledger.sqlite3");
  fs.copyFileSync(source, db);
  return { db };
}

await run("timeline-scale", prepare, async ({ browser, $, text }) => {
  step("open the Timeline");
  await (await $("#nav-timeline")).waitForDisplayed({ timeout: 30_000 });
  const opened = Date.now();
  await (await $("#nav-timeline")).click();
  await (await $("#timeline-chart")).waitForDisplayed({ timeout: 120_000 });
  console.log(`first draw: ${Date.now() - opened} ms — ${await text("#timeline-summary")}`);

  step("change one control at a time");
  const changes = [
    ["#tl-within", "31"],
    ["#tl-marker", "2020-06-30"],
    ["#tl-group-by", "package"],
    ["#tl-group-by", "category"],
    ["#tl-group-by", "issuer"],
    ["#tl-within", "32"],
  ];
  for (const [selector, value] of changes) {
    const ms = await browser.executeAsync((selector, value, done) => {
      const before = document.querySelector("#timeline-summary");
      const started = performance.now();
      const el = document.querySelector(selector);
      el.value = value;
      el.dispatchEvent(new Event("change"));
      // The view replaces its summary when it draws a new answer.
      const poll = () => {
        const now = document.querySelector("#timeline-summary");
        if (now && now !== before) requestAnimationFrame(() => done(performance.now() - started));
        else setTimeout(poll, 5);
      };
      poll();
    }, selector, value);
    const bars = await browser.execute(() => document.querySelectorAll(".tl-bar").length);
    console.log(`${selector} = ${value}: ${Math.round(ms)} ms to the redrawn frame, ${bars} bars`);
  }

  step("the bare command");
  for (let i = 0; i < 3; i++) {
    const [ms, bytes] = await browser.executeAsync((done) => {
      const started = performance.now();
      const query = {
        group_by: "issuer", statuses: ["suggested", "confirmed"], from: null, until: null, marker: "2020-06-30",
        expiring_within_days: 30, text: null, group_offset: 0, group_limit: 20, bars_per_group: 50,
      };
      window.__TAURI_INTERNALS__
        .invoke("timeline", { query })
        .then((answer) => done([performance.now() - started, JSON.stringify(answer).length]), (e) => done([-1, String(e)]));
    });
    console.log(`timeline invoke: ${Math.round(ms)} ms, ${bytes} bytes of JSON`);
  }
});
