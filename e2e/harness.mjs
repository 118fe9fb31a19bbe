// What every E2E script shares: a fresh ledger and webview profile in a temporary folder,
// tauri-driver in its own process group, a WebDriver session on the `e2e` build of the app,
// small DOM helpers, and clean-up that keeps the folder (with a failure screenshot) when a
// step fails.
//
// Env: APP_BINARY (default ../target/debug/policy-ledger-app), SCREENSHOT_DIR (default
// ../docs/screenshots), TAURI_DRIVER (default tauri-driver on PATH), WDIO_LOG_LEVEL.

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..");
const app = path.resolve(process.env.APP_BINARY ?? path.join(repo, "target/debug/policy-ledger-app"));
const shots = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(repo, "docs/screenshots"));
const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";

/** A port nobody listens on now: each run has its own, so a driver left over from an
 * interrupted run (or another run at the same time) is never the one this run talks to. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function step(name) {
  console.log(`• ${name}`);
}

/**
 * Save a picture of the app's window as the X server shows it (ImageMagick's `import`), not
 * through WebDriver: WebKitWebDriver's screenshot never answers when WebKit paints without
 * compositing, which the app chooses on machines without a GPU (src-tauri/src/render.rs) —
 * Xvfb included. What the X server shows is also exactly what the analyst would see.
 */
export function windowShot(file) {
  // Another window can vanish between xdotool listing the windows and asking each for its
  // attributes (a closing session's window, a tooltip): Xlib then stops xdotool with
  // BadWindow. That says nothing about the app, so the search and the capture are retried.
  let lastError;
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const ids = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "Policy Ledger"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      })
        .split("\n")
        .filter(Boolean);
      if (ids.length === 0) throw new Error("the app's window is not on the display");
      execFileSync("import", ["-window", ids.at(-1), file], { timeout: 30_000, stdio: ["ignore", "pipe", "pipe"] });
      return;
    } catch (e) {
      lastError = e;
      execFileSync("sleep", [String(0.2 * attempt)]);
    }
  }
  throw lastError;
}

async function waitForDriver(port) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("tauri-driver did not answer /status within 30 s");
}

/**
 * Prepare a temporary folder, then run `body(ctx)` against the app and exit with its outcome.
 *
 * `prepare(tmp)` runs before the app starts and returns `{ pick: [paths], save: [paths], db? }`:
 * the files the import dialog "picks" and the paths the save dialog "chooses", one per use,
 * and optionally a ready-made ledger to open instead of a fresh one.
 */
export async function run(name, prepare, body) {
  const { ok } = await session(name, prepare, body);
  process.exit(ok ? 0 : 1);
}

/**
 * One app session as `run` describes, without exiting: resolves to `{ ok, value }` (`value` is
 * what `body` returned), so a script can start the app several times (the app benchmark).
 *
 * Besides the helpers, `ctx` carries `driverPid` (the tauri-driver process, ancestor of the
 * app) and `sessionRequestedAt` / `sessionCreatedAt` (epoch ms around the WebDriver session
 * creation, which is what launches the app).
 */
export async function session(name, prepare, body) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `policy-ledger-${name}-`));
  fs.mkdirSync(shots, { recursive: true });
  const prepared = (await prepare(tmp)) ?? {};
  const db = prepared.db ?? path.join(tmp, "ledger.sqlite3");
  fs.writeFileSync(path.join(tmp, "pick.list"), (prepared.pick ?? []).map((p) => `${p}\n`).join(""));
  fs.writeFileSync(path.join(tmp, "save.list"), (prepared.save ?? []).map((p) => `${p}\n`).join(""));
  const env = {
    ...process.env,
    POLICY_LEDGER_DB: db,
    POLICY_LEDGER_E2E_PICK: path.join(tmp, "pick.list"),
    POLICY_LEDGER_E2E_SAVE: path.join(tmp, "save.list"),
    // A fresh webview profile (localStorage: the interface language) for every run, so one
    // run never sees what the previous one chose.
    XDG_DATA_HOME: path.join(tmp, "xdg-data"),
    XDG_CACHE_HOME: path.join(tmp, "xdg-cache"),
    XDG_CONFIG_HOME: path.join(tmp, "xdg-config"),
  };

  // The driver gets its own process group so everything it started can be killed at the end.
  // A port found free can be taken by another process before the driver binds it
  // (WebKitWebDriver then exits with "Unable to listen for HTTP server" and tauri-driver never
  // answers): such a start is retried on new ports, twice at most.
  let driver;
  let port;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const nativePort = await freePort();
    driver = spawn(driverBin, ["--port", String(port), "--native-port", String(nativePort)], {
      env,
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
    });
    try {
      await waitForDriver(port);
      break;
    } catch (e) {
      try {
        process.kill(-driver.pid, "SIGKILL");
      } catch {
        // already gone
      }
      if (attempt === 3) throw e;
      console.error(`tauri-driver did not start (attempt ${attempt}); retrying on new ports`);
    }
  }
  let browser;
  let failed = false;
  let value;
  let sessionRequestedAt;
  try {
    sessionRequestedAt = Date.now();
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: process.env.WDIO_LOG_LEVEL ?? "warn",
      capabilities: {
        browserName: "wry",
        "wdio:enforceWebDriverClassic": true,
        "tauri:options": { application: app },
      },
    });
    const sessionCreatedAt = Date.now();
    const ctx = {
      browser,
      driverPid: driver.pid,
      sessionRequestedAt,
      sessionCreatedAt,
      tmp,
      db,
      shots,
      $: (sel) => browser.$(sel),
      /** Save `docs/screenshots/<name>.png` once the view has settled. */
      shot: async (shotName) => {
        await browser.pause(300);
        windowShot(path.join(shots, `${shotName}.png`));
      },
      // DOM text: WebKitWebDriver's visible-text atom returns "" for some visible elements
      // (Tabulator cells, the notice line), so text is read from the DOM.
      text: (sel) => browser.execute((s) => document.querySelector(s)?.textContent ?? "", sel),
      /** Rows of the stored database, read directly (not through the app). */
      sql: (query) =>
        JSON.parse(
          execFileSync(
            "python3",
            ["-c", "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))", db, query],
            { encoding: "utf8" },
          ),
        ),
    };
    ctx.notice = () => ctx.text("#notice");
    value = await body(ctx);
  } catch (e) {
    failed = true;
    console.error(e);
    try {
      windowShot(path.join(tmp, "failure.png"));
    } catch (shotError) {
      console.error(`no failure screenshot: ${shotError.message}`);
    }
    console.error(`artifacts in ${tmp}`);
  } finally {
    if (browser) await browser.deleteSession().catch(() => {});
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // already gone
    }
    if (!failed) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { ok: !failed, value };
}
