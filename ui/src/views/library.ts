// Library: every stored issue with its counts; import through the native picker or by
// dropping files; progress and a per-file report; correcting an issue's date and publication.

import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { App, View } from "../app";
import type { FileReport } from "../bindings/FileReport";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { IssueSummary } from "../bindings/IssueSummary";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { api, IMPORT_PROGRESS_EVENT } from "../ipc";
import { looksLikeDate } from "../measures/query";

/** One line of the per-file report. */
export function reportLine(r: FileReport): string {
  const name = r.path.split(/[\\/]/).pop() ?? r.path;
  switch (r.outcome.status) {
    case "imported":
      return `${name}: ${t("reportImported", { articles: r.outcome.articles })}, ${t("reportSuggestions", { count: r.outcome.suggestions })}`;
    case "duplicate":
      return `${name}: ${t("reportDuplicate", { id: r.outcome.existing_issue_id })}`;
    case "failed":
      return `${name}: ${t("reportFailed", { reason: r.outcome.reason })}`;
  }
}

/** Import time as stored (RFC 3339 UTC), shown to the minute and labelled UTC. */
export function importedAt(rfc3339: string): string {
  return `${rfc3339.slice(0, 16).replace("T", " ")} UTC`;
}

export function reportSummary(reports: FileReport[]): string {
  const count = (s: string) => reports.filter((r) => r.outcome.status === s).length;
  return t("importDone", {
    imported: count("imported"),
    duplicates: count("duplicate"),
    failed: count("failed"),
  });
}

export class LibraryView implements View {
  private root: HTMLElement | null = null;
  private progress: ImportProgress | null = null;
  private reports: FileReport[] = [];
  private busy = false;
  private unlisten: UnlistenFn | null = null;
  private editing: number | null = null;

  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    this.root = root;
    this.unlisten = await listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (ev) => {
      this.progress = ev.payload;
      this.drawProgress();
    }).catch(() => null);
    await this.draw();
  }

  unmount(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.root = null;
  }

  /** Import from the picker (`"pick"`) or from dropped paths. */
  async runImport(source: "pick" | string[]): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.progress = null;
    this.reports = [];
    await this.draw();
    try {
      const reports = source === "pick" ? await api.importPickedFiles() : await api.importPaths(source);
      this.reports = reports;
      this.app.notify(reports.length ? reportSummary(reports) : t("importCancelled"));
    } catch (e) {
      this.app.fail(e);
    } finally {
      this.busy = false;
      this.progress = null;
      await this.draw();
    }
  }

  private progressBox = h("div", { id: "import-progress", class: "progress" });

  private drawProgress(): void {
    clear(this.progressBox);
    const p = this.progress;
    if (!this.busy || !p) {
      this.progressBox.hidden = true;
      return;
    }
    this.progressBox.hidden = false;
    this.progressBox.append(
      h("progress", { max: Math.max(1, p.total), value: p.done }),
      h("span", {}, t("importing", { current: p.current, done: p.done, total: p.total })),
    );
  }

  private async draw(): Promise<void> {
    const root = this.root;
    if (!root) return;
    let issues: IssueSummary[] = [];
    try {
      issues = await api.listIssues();
    } catch (e) {
      this.app.fail(e);
    }
    if (this.root !== root) return;
    clear(root);
    const importButton = h(
      "button",
      { id: "import-button", class: "primary", type: "button", disabled: this.busy, on: { click: () => void this.runImport("pick") } },
      t("importButton"),
    );
    this.drawProgress();
    const report = h(
      "ul",
      { id: "import-report", class: "report" },
      ...this.reports.map((r) =>
        h("li", { class: `report-${r.outcome.status}`, "data-status": r.outcome.status }, reportLine(r)),
      ),
    );
    root.append(
      h("section", { class: "toolbar" }, importButton, this.progressBox),
      report,
      issues.length ? this.table(issues) : h("p", { class: "empty", id: "no-issues" }, t("noIssues")),
    );
  }

  private table(issues: IssueSummary[]): HTMLElement {
    const head = h(
      "tr",
      {},
      ...[t("colPublication"), t("colDate"), t("colSource"), t("colArticles"), t("colMeasures"), t("colImportedAt"), ""].map((c) =>
        h("th", {}, c),
      ),
    );
    const rows = issues.map((i) => (this.editing === i.id ? this.editRow(i) : this.row(i)));
    return h("table", { id: "issues", class: "grid" }, h("thead", {}, head), h("tbody", {}, ...rows));
  }

  private row(i: IssueSummary): HTMLElement {
    return h(
      "tr",
      { "data-issue-id": i.id },
      h("td", { class: "publication" }, i.publication || "—"),
      h("td", { class: "date", title: i.date_evidence ?? "" }, i.date ?? t("dateUnknown")),
      h("td", { class: "source" }, i.source_name),
      h("td", { class: "num article-count" }, String(i.article_count)),
      h("td", { class: "num measure-count" }, String(i.measure_count)),
      h("td", { class: "imported" }, importedAt(i.imported_at)),
      h(
        "td",
        { class: "actions" },
        h("button", { type: "button", class: "open-issue", on: { click: () => this.open(i.id) } }, t("open")),
        h("button", { type: "button", class: "edit-issue", on: { click: () => this.edit(i.id) } }, t("edit")),
      ),
    );
  }

  private editRow(i: IssueSummary): HTMLElement {
    const publication = h("input", { class: "edit-publication", value: i.publication });
    const date = h("input", { class: "edit-date", value: i.date ?? "", placeholder: "YYYY-MM-DD", title: t("dateFormatHint") });
    const save = async () => {
      const d = date.value.trim();
      if (d && !looksLikeDate(d)) {
        this.app.notify(t("dateFormatHint"), "error");
        return;
      }
      try {
        await api.setIssueMeta(i.id, d || null, publication.value.trim() || null);
        this.editing = null;
        this.app.notify(t("issueSaved"));
        await this.draw();
      } catch (e) {
        this.app.fail(e);
      }
    };
    return h(
      "tr",
      { "data-issue-id": i.id, class: "editing" },
      h("td", {}, publication),
      h("td", {}, date),
      h("td", { class: "source" }, i.source_name),
      h("td", { class: "num" }, String(i.article_count)),
      h("td", { class: "num" }, String(i.measure_count)),
      h("td", {}, importedAt(i.imported_at)),
      h(
        "td",
        { class: "actions" },
        h("button", { type: "button", class: "save-issue primary", on: { click: () => void save() } }, t("save")),
        h("button", { type: "button", on: { click: () => { this.editing = null; void this.draw(); } } }, t("cancel")),
      ),
    );
  }

  private edit(id: number): void {
    this.editing = id;
    void this.draw();
  }

  private open(id: number): void {
    this.app.selection.issueId = id;
    this.app.selection.articleId = null;
    void this.app.show("reader");
  }
}
