// The shell: navigation between the five views, the language switch, the notice line, and
// the keyboard shortcuts that apply everywhere (undo / redo).

import { actionText, getLang, onLangChange, setLang, t, type Key } from "./i18n";
import { h, clear } from "./dom";
import { api, toAppError, type AppError } from "./ipc";
import { errorSentence } from "./errors";

export type ViewName = "library" | "reader" | "measures" | "timeline" | "export";

export interface View {
  /** Draw into `root` (called on every visit and language change). */
  mount(root: HTMLElement): void | Promise<void>;
  /** Release listeners and widgets before another view is mounted. */
  unmount?(): void;
}

export interface Selection {
  issueId: number | null;
  articleId: number | null;
  /** A measure to bring into view in the reader. */
  measureId: number | null;
}

export class App {
  readonly selection: Selection = { issueId: null, articleId: null, measureId: null };
  private current: ViewName = "library";
  private views: Record<ViewName, View>;
  private main!: HTMLElement;
  private nav!: HTMLElement;
  private notice!: HTMLElement;
  private footer!: HTMLElement;
  private title!: HTMLElement;
  private langSelect!: HTMLSelectElement;
  private ledgerPath: string | null = null;

  constructor(private root: HTMLElement, make: (app: App) => Record<ViewName, View>) {
    this.views = make(this);
  }

  private stops: (() => void)[] = [];

  start(): void {
    document.documentElement.lang = getLang() === "zh" ? "zh-CN" : "en";
    this.drawChrome();
    this.stops.push(
      onLangChange(() => {
        this.relabelChrome();
        void this.show(this.current);
      }),
    );
    const onKey = (ev: KeyboardEvent) => void this.onKey(ev);
    document.addEventListener("keydown", onKey);
    this.stops.push(() => document.removeEventListener("keydown", onKey));
    void this.show("library");
  }

  /** Detach from the document (tests; a window is never stopped). */
  stop(): void {
    this.views[this.current].unmount?.();
    for (const s of this.stops.splice(0)) s();
  }

  get view(): ViewName {
    return this.current;
  }

  async show(name: ViewName): Promise<void> {
    this.views[this.current].unmount?.();
    this.current = name;
    for (const b of this.nav.querySelectorAll("button")) {
      b.classList.toggle("active", b.dataset.view === name);
    }
    clear(this.main);
    this.main.dataset.view = name;
    await this.views[name].mount(this.main);
  }

  /** Redraw the current view (after undo, import...). */
  refresh(): Promise<void> {
    return this.show(this.current);
  }

  notify(text: string, kind: "info" | "error" = "info"): void {
    this.notice.textContent = text;
    this.notice.className = `notice ${kind}`;
    this.notice.dataset.kind = kind;
  }

  fail(e: unknown): AppError {
    const err = toAppError(e);
    this.notify(errorSentence(err), "error");
    return err;
  }

  /** Build the header and footer once; a language change relabels them in place (replacing
   * the button being clicked would leave a detached node under the pointer). */
  private drawChrome(): void {
    clear(this.root);
    const tab = (name: ViewName) =>
      h("button", { type: "button", "data-view": name, id: `nav-${name}`, on: { click: () => void this.show(name) } });
    this.nav = h("nav", { class: "tabs" }, tab("library"), tab("reader"), tab("measures"), tab("timeline"), tab("export"));
    // A picker rather than a toggle: choosing a language is idempotent, so a repeated event
    // can never flip it back.
    this.langSelect = h(
      "select",
      { id: "lang-select", class: "lang", "aria-label": "Language / 语言" },
      h("option", { value: "zh" }, "中文"),
      h("option", { value: "en" }, "English"),
    );
    this.langSelect.addEventListener("change", () => {
      const lang = this.langSelect.value;
      if ((lang === "zh" || lang === "en") && lang !== getLang()) setLang(lang);
    });
    this.title = h("h1", {});
    this.notice = h("div", { id: "notice", class: "notice", role: "status", "aria-live": "polite" });
    this.main = h("main", { id: "view" });
    this.footer = h("footer", { id: "ledger-path" });
    this.root.append(h("header", { class: "topbar" }, this.title, this.nav, this.notice, this.langSelect), this.main, this.footer);
    this.relabelChrome();
    api
      .ledgerLocation()
      .then((p) => {
        this.ledgerPath = p;
        this.relabelChrome();
      })
      .catch(() => {});
  }

  private relabelChrome(): void {
    const labels: Record<ViewName, Key> = { library: "navLibrary", reader: "navReader", measures: "navMeasures", timeline: "navTimeline", export: "navExport" };
    for (const b of this.nav.querySelectorAll<HTMLButtonElement>("button")) {
      const view = b.dataset.view as ViewName;
      b.textContent = t(labels[view]);
      b.classList.toggle("active", view === this.current);
    }
    this.title.textContent = t("appName");
    this.langSelect.value = getLang();
    this.notice.textContent = "";
    this.notice.className = "notice";
    this.footer.textContent = this.ledgerPath ? t("ledgerAt", { path: this.ledgerPath }) : "";
  }

  /** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) walk core's change log, except inside text fields. */
  private async onKey(ev: KeyboardEvent): Promise<void> {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    const key = ev.key.toLowerCase();
    if (key !== "z" && key !== "y") return;
    if (isTextEntry(ev.target)) return;
    ev.preventDefault();
    await this.undoRedo(key === "y" || ev.shiftKey ? "redo" : "undo");
  }

  async undoRedo(which: "undo" | "redo"): Promise<void> {
    try {
      const report = which === "undo" ? await api.undo() : await api.redo();
      await this.refresh();
      this.notify(t(which === "undo" ? "undone" : "redone", { label: actionText(report.action, report.label) }));
    } catch (e) {
      this.fail(e);
    }
  }
}

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type);
}
