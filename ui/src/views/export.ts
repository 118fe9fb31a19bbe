// Export: the policy calendar (.ics), CSV, the printable calendar (HTML) and the JSON
// interchange document, with the options of `policy-ledger export` (core's ExportOptions).
// A preview from core says how many measures go out and which are left out for an unknown
// date before anything is saved; the file is chosen in the native save dialog (from Rust).
// Dates stay 'YYYY-MM-DD' strings: core parses and compares them.

import type { App, View } from "../app";
import type { EventLayout } from "../bindings/EventLayout";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportOptions } from "../bindings/ExportOptions";
import type { ExportReport } from "../bindings/ExportReport";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import { clear, h } from "../dom";
import { t, type Key } from "../i18n";
import { api, toAppError } from "../ipc";
import { looksLikeDate } from "../measures/query";

/** The dialog's fields as typed (text fields stay strings until they are checked). */
export interface ExportForm {
  statuses: MeasureStatus[];
  issuers: string;
  categories: string;
  packageId: string;
  from: string;
  until: string;
  layout: EventLayout;
  reminderDays: string;
  reminderEvents: boolean;
  alarms: boolean;
  name: string;
  refreshHours: string;
  bom: boolean;
}

/** The CLI's defaults (docs/calendar.md): confirmed only, one event per validity, … */
export const DEFAULT_EXPORT_FORM: ExportForm = {
  statuses: ["confirmed"],
  issuers: "",
  categories: "",
  packageId: "",
  from: "",
  until: "",
  layout: "span",
  reminderDays: "",
  reminderEvents: true,
  alarms: true,
  name: "政策台账",
  refreshHours: "24",
  bom: true,
};

const STATUSES: MeasureStatus[] = ["confirmed", "suggested", "rejected"];
const LAYOUTS: EventLayout[] = ["span", "milestones", "both"];
const FORMATS: ExportFormat[] = ["ics", "csv", "html", "json"];

/** Several names in one field: separated by commas (ASCII or full-width), 、, ; or lines. */
export function splitNames(s: string): string[] {
  return s
    .split(/[,，、;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const isCount = (s: string) => /^\d{1,6}$/.test(s);

export type BuiltOptions = { ok: true; options: ExportOptions } | { ok: false; problems: (keyof ExportForm)[] };

/** The form → core's ExportOptions, or the fields that are not acceptable. */
export function buildExportOptions(f: ExportForm): BuiltOptions {
  const problems: (keyof ExportForm)[] = [];
  const s = {
    packageId: f.packageId.trim(),
    from: f.from.trim(),
    until: f.until.trim(),
    reminderDays: f.reminderDays.trim(),
    refreshHours: f.refreshHours.trim(),
  };
  // No status ticked would mean "every status" to core; ask instead of guessing.
  if (f.statuses.length === 0) problems.push("statuses");
  if (s.packageId && !(isCount(s.packageId) && Number(s.packageId) > 0)) problems.push("packageId");
  if (s.from && !looksLikeDate(s.from)) problems.push("from");
  if (s.until && !looksLikeDate(s.until)) problems.push("until");
  if (s.reminderDays && !isCount(s.reminderDays)) problems.push("reminderDays");
  if (s.refreshHours && !isCount(s.refreshHours)) problems.push("refreshHours");
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    options: {
      filter: {
        statuses: STATUSES.filter((x) => f.statuses.includes(x)),
        issuers: splitNames(f.issuers),
        categories: splitNames(f.categories),
        package: s.packageId ? Number(s.packageId) : null,
        from: s.from || null,
        until: s.until || null,
      },
      calendar: {
        layout: f.layout,
        reminder_days: s.reminderDays ? Number(s.reminderDays) : null,
        reminder_events: f.reminderEvents,
        alarms: f.alarms,
        name: f.name.trim() || DEFAULT_EXPORT_FORM.name,
        refresh_hours: s.refreshHours ? Number(s.refreshHours) : 0,
        dtstamp: null,
      },
      csv: { bom: f.bom },
    },
  };
}

/** The preview as sentences: what passes the filters, what each format takes. */
export function previewLines(r: ExportReport): string[] {
  const lines = [t("exportSelected", { selected: r.selected, considered: r.considered })];
  const removed = (Object.entries(r.filtered_out) as [string, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${t(`removed_${reason}` as Key)} ${n}`);
  if (removed.length) lines.push(t("exportRemoved", { list: removed.join(t("listSep")) }));
  lines.push(
    r.events > 0 ? t("exportCalendarLine", { events: r.events, exported: r.exported }) : t("exportNoEvents"),
  );
  lines.push(t("exportTableLine", { selected: r.selected }));
  lines.push(t("exportJsonLine", { considered: r.considered }));
  return lines;
}

/** Measures with at least one calendar event left out for an unknown date. */
export function leftOutMeasures(r: ExportReport): number {
  return new Set(r.left_out.map((l) => l.measure_id)).size;
}

export class ExportView implements View {
  form: ExportForm = { ...DEFAULT_EXPORT_FORM, statuses: [...DEFAULT_EXPORT_FORM.statuses] };
  private root: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    this.root = root;
    root.append(this.draw());
    await this.refreshPreview();
  }

  unmount(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.root = null;
  }

  private $<T extends Element>(sel: string): T | null {
    return this.root?.querySelector<T>(sel) ?? null;
  }

  private draw(): HTMLElement {
    const f = this.form;
    const text = (name: keyof ExportForm, label: Key, placeholder = "") =>
      h(
        "label",
        {},
        h("span", {}, t(label)),
        h("input", { name, id: `export-${name}`, value: String(f[name]), placeholder, autocomplete: "off" }),
      );
    const check = (name: keyof ExportForm, label: Key) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", name, id: `export-${name}`, checked: f[name] === true }), t(label));
    const statuses = h(
      "div",
      { class: "filters", id: "export-statuses" },
      h("span", {}, t("filterStatus")),
      ...STATUSES.map((s) =>
        h("label", {}, h("input", { type: "checkbox", name: "status", value: s, checked: f.statuses.includes(s) }), t(`status_${s}` as Key)),
      ),
    );
    const layout = h(
      "select",
      { name: "layout", id: "export-layout" },
      ...LAYOUTS.map((l) => h("option", { value: l, selected: l === f.layout }, t(`layout_${l}` as Key))),
    );
    const form = h(
      "form",
      { id: "export-form", class: "measure-form" },
      h("h3", {}, t("exportFilters")),
      statuses,
      text("issuers", "filterIssuer", t("severalHint")),
      text("categories", "filterCategory", t("severalHint")),
      text("packageId", "exportPackage", t("exportPackageHint")),
      text("from", "exportFrom", "YYYY-MM-DD"),
      text("until", "exportUntil", "YYYY-MM-DD"),
      h("h3", {}, t("exportCalendar")),
      h("label", {}, h("span", {}, t("exportLayout")), layout),
      text("reminderDays", "exportReminderDays", t("exportReminderHint")),
      check("reminderEvents", "exportReminderEvents"),
      check("alarms", "exportAlarms"),
      text("name", "exportName"),
      text("refreshHours", "exportRefresh"),
      h("h3", {}, "CSV"),
      check("bom", "exportBom"),
    );
    form.addEventListener("submit", (ev) => ev.preventDefault());
    const changed = () => {
      this.readForm(form);
      this.schedulePreview();
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);

    const save = (format: ExportFormat) =>
      h(
        "button",
        { id: `export-${format}`, type: "button", class: format === "ics" ? "primary" : "", on: { click: () => void this.save(format) } },
        t(`save_${format}` as Key),
      );
    return h(
      "section",
      { class: "export" },
      h("h2", {}, t("navExport")),
      form,
      h("h3", {}, t("exportPreviewTitle")),
      h("div", { id: "export-preview", "aria-live": "polite" }),
      h("div", { class: "buttons filters" }, ...FORMATS.map(save)),
      h("div", { id: "export-result", class: "result" }),
    );
  }

  /** Copy the form's fields into `this.form`. */
  private readForm(form: HTMLFormElement): void {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? "";
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
    this.form = {
      statuses: [...form.querySelectorAll<HTMLInputElement>("input[name=status]")].filter((i) => i.checked).map((i) => i.value as MeasureStatus),
      issuers: value("issuers"),
      categories: value("categories"),
      packageId: value("packageId"),
      from: value("from"),
      until: value("until"),
      layout: value("layout") as EventLayout,
      reminderDays: value("reminderDays"),
      reminderEvents: checked("reminderEvents"),
      alarms: checked("alarms"),
      name: value("name"),
      refreshHours: value("refreshHours"),
      bom: checked("bom"),
    };
  }

  private schedulePreview(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshPreview(), 250);
  }

  /** Ask core what the calendar export would take with the current options, and show it. */
  async refreshPreview(): Promise<void> {
    const box = this.$<HTMLElement>("#export-preview");
    if (!box) return;
    const built = this.checked();
    if (!built) return;
    const generation = ++this.generation;
    try {
      const report = await api.previewExport("ics", built);
      if (generation !== this.generation || !this.root) return; // a newer preview is coming
      this.showPreview(box, report);
    } catch (e) {
      if (generation !== this.generation) return;
      clear(box);
      box.append(h("p", { class: "error" }, this.app.fail(e).message));
    }
  }

  private showPreview(box: HTMLElement, r: ExportReport): void {
    clear(box);
    box.append(...previewLines(r).map((line) => h("p", {}, line)));
    if (r.left_out.length) {
      box.append(
        h("p", { id: "export-left-out-count" }, t("exportLeftOut", { n: leftOutMeasures(r) })),
        h(
          "ul",
          { id: "export-left-out" },
          ...r.left_out.map((l) =>
            h(
              "li",
              { "data-measure-id": l.measure_id },
              `#${l.measure_id} ${l.title}: ${t(`event_${l.event}` as Key)} — ${t(`missing_${l.missing}` as Key)}`,
            ),
          ),
        ),
      );
    }
  }

  /** The options, or null after marking the fields that are not acceptable (and, when
   * saving, saying so in the notice line: while typing, the preview box is enough). */
  private checked(notify = false): ExportOptions | null {
    const built = buildExportOptions(this.form);
    for (const el of this.root?.querySelectorAll(".invalid") ?? []) el.classList.remove("invalid");
    if (built.ok) return built.options;
    for (const p of built.problems) {
      const el = this.$(p === "statuses" ? "#export-statuses" : `#export-${p}`);
      el?.classList.add("invalid");
      el?.setAttribute("aria-invalid", "true");
    }
    const message = t(`problem_${built.problems[0]}` as Key);
    const box = this.$<HTMLElement>("#export-preview");
    if (box) {
      clear(box);
      box.append(h("p", { class: "error" }, message));
    }
    if (notify) this.app.notify(message, "error");
    return null;
  }

  async save(format: ExportFormat): Promise<void> {
    const options = this.checked(true);
    if (!options) return;
    const result = this.$<HTMLElement>("#export-result");
    const buttons = [...(this.root?.querySelectorAll<HTMLButtonElement>(".buttons button") ?? [])];
    for (const b of buttons) b.disabled = true;
    try {
      const saved = await api.exportFile(format, options);
      const line = saved
        ? `${t("exported", { path: saved.path })} (${format === "ics" ? t("exportCalendarLine", { events: saved.report.events, exported: saved.report.exported }) : t("exportCount", { n: saved.report.exported })})`
        : t("exportCancelled");
      if (result) result.textContent = line;
      this.app.notify(line);
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "nothing_to_do") {
        if (result) result.textContent = "";
        this.app.notify(t("exportNoEvents"), "error");
      } else {
        this.app.fail(err);
      }
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }
}
