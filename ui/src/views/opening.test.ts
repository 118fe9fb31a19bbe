import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenStatus } from "../bindings/OpenStatus";
import type { UpgradeProgress } from "../bindings/UpgradeProgress";
import { setLang } from "../i18n";
import { mountApp, unmountApps } from "../test/app";
import { LEDGER_STATUS_EVENT, OPENING_TEXT_AFTER_MS, percent, waitForLedger } from "./opening";

const tick = () => new Promise((r) => setTimeout(r, 10));

function upgrading(step: number, name: string, fraction: number | null, backup: string | null = null): OpenStatus {
  const progress: UpgradeProgress = { step, steps: 3, name, from_version: 4, to_version: 6, fraction, backup };
  return { state: "upgrading", progress };
}

/** The IPC with `ledger_status` answering `status`; records every command called. */
function mockShell(status: OpenStatus): string[] {
  const calls: string[] = [];
  mockIPC(
    (cmd) => {
      calls.push(cmd);
      if (cmd === "ledger_status") return status;
      return cmd === "list_issues" ? [] : null;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

beforeEach(() => setLang("en"));
afterEach(unmountApps);

describe("opening screen", () => {
  it("shows each upgrade step with its share and the kept copy, then the app", async () => {
    const calls = mockShell(upgrading(1, "copy", 0.4));
    const { app, root } = mountApp(() => ({}));
    const opened = waitForLedger(root).then((s) => {
      app.start();
      return s;
    });
    await tick();
    expect(root.querySelector("#opening-title")?.textContent).toBe("Upgrading your ledger to this version");
    expect(root.querySelector("#opening-step")?.textContent).toBe("Step 1 of 3 (keeping a copy of the previous file) — 40 %");
    expect(root.querySelector("#opening-copy")).toBeNull();
    expect(root.querySelector(".topbar"), "no app behind the screen").toBeNull();

    await emit(LEDGER_STATUS_EVENT, upgrading(2, "package_tree", 0.25, "/data/ledger.sqlite3.before-v6.bak"));
    await tick();
    expect(root.querySelector("#opening-step")?.textContent).toBe("Step 2 of 3 (placing each measure in its package) — 25 %");
    expect(root.querySelector("#opening-copy")?.textContent).toBe(
      "A copy of the previous file was kept at /data/ledger.sqlite3.before-v6.bak.",
    );
    // A report that arrives late (the command's answer after an event) does not go back.
    await emit(LEDGER_STATUS_EVENT, upgrading(1, "copy", 0.9));
    await tick();
    expect(root.querySelector("#opening-step")?.textContent).toContain("Step 2 of 3");
    // A step that cannot tell its share shows none.
    await emit(LEDGER_STATUS_EVENT, upgrading(3, "sources_index", null, "/data/x.bak"));
    await tick();
    expect(root.querySelector("#opening-step")?.textContent).toBe("Step 3 of 3 (indexing the sources)");
    expect(calls.filter((c) => c !== "ledger_status" && !c.startsWith("plugin:event"))).toEqual([]);

    await emit(LEDGER_STATUS_EVENT, { state: "ready" });
    expect(await opened).toEqual({ state: "ready" });
    await tick();
    expect(root.querySelector("#opening")).toBeNull();
    expect(root.querySelector(".topbar"), "the app once the ledger is open").not.toBeNull();
  });

  it("draws nothing for a ledger that opens at once", async () => {
    mockShell({ state: "opening" });
    const root = document.createElement("div");
    const opened = waitForLedger(root);
    await tick();
    await emit(LEDGER_STATUS_EVENT, { state: "ready" });
    expect(await opened).toEqual({ state: "ready" });
    await new Promise((r) => setTimeout(r, OPENING_TEXT_AFTER_MS + 20));
    expect(root.childNodes.length).toBe(0);
  });

  it("draws nothing when the ledger is already open", async () => {
    mockShell({ state: "ready" });
    const root = document.createElement("div");
    expect(await waitForLedger(root)).toEqual({ state: "ready" });
    expect(root.childNodes.length).toBe(0);
  });

  it("hands a failed open to the app, which reports it as before", async () => {
    mockShell({ state: "failed", code: "newer_database", message: "written by a newer version" });
    const root = document.createElement("div");
    const s = await waitForLedger(root);
    expect(s.state).toBe("failed");
    expect(root.childNodes.length).toBe(0);
  });

  it("says it is opening only when that takes a while, then any upgrade, in the chosen language", async () => {
    setLang("zh");
    mockShell({ state: "opening" });
    const root = document.createElement("div");
    void waitForLedger(root);
    await tick();
    expect(root.childNodes.length, "no flash of text for a quick open").toBe(0);
    await new Promise((r) => setTimeout(r, OPENING_TEXT_AFTER_MS));
    expect(root.querySelector("#opening-title")?.textContent).toBe("正在打开台账…");
    await emit(LEDGER_STATUS_EVENT, upgrading(1, "copy", 0, "<b>/tmp/a.bak</b>"));
    await tick();
    expect(root.querySelector("#opening-step")?.textContent).toBe("第 1 步，共 3 步（保存原文件的副本） — 0 %");
    expect(root.querySelector("#opening-copy")?.textContent).toBe("原文件的副本已保存在 <b>/tmp/a.bak</b>");
    expect(root.querySelector("#opening b"), "a path is text, never markup").toBeNull();
    await emit(LEDGER_STATUS_EVENT, { state: "ready" });
  });

  it("rounds a share down, so 100 % means done", () => {
    expect([0, 0.004, 0.999, 1, 1.2, null].map(percent)).toEqual(["0 %", "0 %", "99 %", "100 %", "100 %", null]);
  });
});
