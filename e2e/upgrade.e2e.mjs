// End-to-end test of opening a ledger written by an older version: the window appears while
// the ledger is upgraded, says which step it is on and where the copy of the previous file is
// kept, then shows the app with every measure. The old ledger is the seed issue imported by
// the app, then taken back to schema 4 by crates/bench/src/downgrade_to_4.sql (what the
// benchmarks use for ledgers of any size). An E2E-only pause after each upgrade report
// (POLICY_LEDGER_E2E_UPGRADE_PAUSE_MS) keeps the screen up long enough to look at.
// Writes docs/screenshots/upgrade.png (the upgrading screen).
//
// Usage: scripts/test-e2e upgrade

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { here, repo, session, step } from "./harness.mjs";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "policy-ledger-upgrade-"));
const db = path.join(work, "ledger.sqlite3");
const sqlite = (script) =>
  execFileSync("python3", ["-c", script, db], { encoding: "utf8" }).trim();

const first = await session(
  "upgrade-seed",
  (tmp) => {
    const seed = path.join(tmp, "株洲日报-2020-04-25.txt");
    fs.copyFileSync(path.join(here, "fixtures/seed.txt"), seed);
    return { pick: [seed], db };
  },
  async ({ $, sql }) => {
    step("a ledger of this version with the seed issue and its suggested measures");
    await (await $("#import-button")).waitForDisplayed({ timeout: 20_000 });
    await (await $("#import-button")).click();
    await (await $("#import-report li[data-status='imported']")).waitForDisplayed({ timeout: 30_000 });
    return sql("SELECT count(*) FROM measures")[0][0];
  },
);
if (!first.ok) process.exit(1);
const measures = first.value;
assert.ok(measures > 0, "the seed gives measures");

step("take the ledger back to schema 4 (as an older version left it)");
const downgrade = fs.readFileSync(path.join(repo, "crates/bench/src/downgrade_to_4.sql"), "utf8");
sqlite(`import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.executescript(${JSON.stringify(downgrade)}); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")`);
assert.equal(sqlite("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])"), "4");

process.env.POLICY_LEDGER_E2E_UPGRADE_PAUSE_MS = "600";
const second = await session(
  "upgrade",
  () => ({ db }),
  async ({ browser, $, text, shot, sql }) => {
    step("the window appears at once and shows the upgrade, step by step");
    await (await $("#opening-step")).waitForExist({ timeout: 20_000 });
    assert.match(await text("#opening-title"), /Upgrading your ledger|正在把台账升级/);
    assert.match(await text("#opening-step"), /(Step|第) \d+ (of|步，共) 3/);
    await (await $("#opening-copy")).waitForExist({ timeout: 20_000 });
    const copyLine = await text("#opening-copy");
    const kept = fs.readdirSync(work).find((f) => f.includes("before-v6"));
    assert.ok(kept, "a copy of the previous file is kept beside it");
    assert.ok(copyLine.includes(path.join(work, kept)), `the screen names the copy: ${copyLine}`);
    await shot("upgrade");

    step("then the app, with every measure of the old ledger");
    await (await $("#nav-measures")).waitForDisplayed({ timeout: 60_000 });
    assert.equal(await browser.execute(() => document.querySelector("#opening") === null), true);
    await (await $("#nav-measures")).click();
    await browser.waitUntil(async () => new RegExp(`\\b${measures}\\b`).test(await text("#measure-total")), {
      timeout: 20_000,
      timeoutMsg: `the table does not count the ${measures} measures`,
    });
    assert.equal(sql("PRAGMA user_version")[0][0], 6, "the ledger is at this version's schema");
    const [[placed]] = sql("SELECT count(*) FROM measures WHERE tree_path <> '' AND root_id IS NOT NULL");
    assert.equal(placed, measures, "every measure is placed in its package tree");
  },
);
if (second.ok) fs.rmSync(work, { recursive: true, force: true });
else console.error(`old ledger kept in ${work}`);
process.exit(second.ok ? 0 : 1);
