import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../app";
import { setLang } from "../i18n";
import { importedAt, LibraryView, reportLine } from "./library";
import { mountApp, unmountApps } from "../test/app";

const issue = {
  id: 1,
  publication: "株洲日报",
  date: "2020-04-25",
  date_evidence: "file name",
  source_name: "seed.txt",
  imported_at: "2026-01-01T00:00:00.000Z",
  article_count: 7,
  measure_count: 2,
};


function setup(): { app: App; library: LibraryView; root: HTMLElement } {
  let library!: LibraryView;
  const { app, root } = mountApp((a) => ({ library: (library = new LibraryView(a)) }));
  return { app, library, root };
}

beforeEach(() => setLang("en"));
afterEach(unmountApps);

describe("library", () => {
  it("lists issues with their counts", async () => {
    mockIPC((cmd) => (cmd === "list_issues" ? [issue] : null), { shouldMockEvents: true });
    const { app, root } = setup();
    app.start();
    await new Promise((r) => setTimeout(r, 20));
    const row = root.querySelector("#issues tr[data-issue-id='1']")!;
    expect(row.querySelector(".publication")?.textContent).toBe("株洲日报");
    expect(row.querySelector(".article-count")?.textContent).toBe("7");
    expect(row.querySelector(".measure-count")?.textContent).toBe("2");
  });

  it("imports through the picker command and shows the per-file report", async () => {
    const calls: string[] = [];
    mockIPC(
      (cmd) => {
        calls.push(cmd);
        if (cmd === "import_picked_files") {
          return [
            { path: "/tmp/seed.txt", outcome: { status: "imported", issue_id: 1, articles: 7, suggestions: 3, warnings: [] } },
            { path: "/tmp/bad.bin", outcome: { status: "failed", code: "import_failed", reason: "bad.bin is not text, HTML, DOCX or PDF" } },
          ];
        }
        return cmd === "list_issues" ? [issue] : null;
      },
      { shouldMockEvents: true },
    );
    const { app, library, root } = setup();
    app.start();
    await new Promise((r) => setTimeout(r, 20));
    await library.runImport("pick");
    expect(calls).toContain("import_picked_files");
    const lines = [...root.querySelectorAll("#import-report li")].map((l) => l.textContent);
    expect(lines).toEqual(["seed.txt: imported: 7 articles, 3 suggestions", "bad.bin: failed: bad.bin is not text, HTML, DOCX or PDF"]);
    expect(root.querySelector("#notice")?.textContent).toBe("Import finished: 1 new, 0 already stored, 1 failed");
  });

  it("shows a failing command as a sentence, not a stack trace", async () => {
    mockIPC(
      (cmd) => {
        if (cmd === "list_issues") throw { code: "newer_database", message: "the database at /x was written by a newer version" };
        return null;
      },
      { shouldMockEvents: true },
    );
    const { app, root } = setup();
    app.start();
    await new Promise((r) => setTimeout(r, 20));
    const notice = root.querySelector("#notice")!;
    expect(notice.textContent).toBe(
      "This database was written by a newer Policy Ledger; upgrade the app: the database at /x was written by a newer version",
    );
    expect(notice.classList.contains("error")).toBe(true);
  });

  it("writes a duplicate's line with the stored issue", () => {
    expect(reportLine({ path: "C:\\papers\\a.txt", outcome: { status: "duplicate", existing_issue_id: 4 } })).toBe(
      "a.txt: already stored (issue 4)",
    );
  });

  it("labels the stored import time as UTC rather than passing it off as local time", () => {
    expect(importedAt("2026-01-02T03:04:05.678Z")).toBe("2026-01-02 03:04 UTC");
  });

  it("switches language in place from the language picker", async () => {
    mockIPC((cmd) => (cmd === "list_issues" ? [issue] : null), { shouldMockEvents: true });
    const { app, root } = setup();
    app.start();
    await new Promise((r) => setTimeout(r, 20));
    const picker = root.querySelector<HTMLSelectElement>("#lang-select")!;
    expect(picker.value).toBe("en");
    expect(root.querySelector("#nav-library")?.textContent).toBe("Library");
    picker.value = "zh";
    picker.dispatchEvent(new Event("change"));
    picker.dispatchEvent(new Event("change"));
    await new Promise((r) => setTimeout(r, 20));
    expect(root.querySelector("#nav-library")?.textContent).toBe("文库");
    expect(root.querySelector("#lang-select")).toBe(picker);
    expect(localStorage.getItem("policy-ledger.lang")).toBe("zh");
  });
});
