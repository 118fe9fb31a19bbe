// Timeline: measures as bars over time, grouped by issuer, package or category, with a marker
// day (core's today unless chosen) and the list of what expires soon after it.
//
// Core lays everything out (store/timeline.rs): the window, month ticks, each bar's start and
// end as day offsets, the marker's offset. This view only turns offsets into percentages and
// builds elements with the text-only DOM builder; dates stay 'YYYY-MM-DD' strings and no JS
// Date is ever made from them. Positions are set through the CSSOM (element.style), which
// the strict CSP allows (it refuses style attributes in markup, which we never write).

import type { App, View } from "../app";
import type { ExpiringMeasure } from "../bindings/ExpiringMeasure";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import type { Timeline } from "../bindings/Timeline";
import type { TimelineBar } from "../bindings/TimelineBar";
import type { TimelineGroup } from "../bindings/TimelineGroup";
import type { TimelineGrouping } from "../bindings/TimelineGrouping";
import type { TimelineQuery } from "../bindings/TimelineQuery";
import type { TimelineTick } from "../bindings/TimelineTick";
import { clear, h } from "../dom";
import { errorSentence } from "../errors";
import { categoryLabel, getLang, t, type Key } from "../i18n";
import { api, toAppError } from "../ipc";
import { looksLikeDate } from "../measures/query";

/** The controls as typed (text fields stay strings until they are checked). */
export interface TimelineForm {
  groupBy: TimelineGrouping;
  statuses: MeasureStatus[];
  /** Blank: core's today. */
  marker: string;
  /** Blank: fitted to the data. */
  from: string;
  until: string;
  within: string;
  text: string;
}

/** Suggested and confirmed: what an analyst reviews and relies on; rejected ones on request. */
export const DEFAULT_TIMELINE_FORM: TimelineForm = {
  groupBy: "issuer",
  statuses: ["suggested", "confirmed"],
  marker: "",
  from: "",
  until: "",
  within: "30",
  text: "",
};

export const GROUPS_PER_PAGE = 20;
export const BARS_PER_GROUP = 50;
const STATUSES: MeasureStatus[] = ["confirmed", "suggested", "rejected"];
const GROUPINGS: TimelineGrouping[] = ["issuer", "package", "category"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The fields that can be written badly. */
export type TimelineProblem = "statuses" | "marker" | "from" | "until" | "within";
export type BuiltTimelineQuery = { ok: true; query: TimelineQuery } | { ok: false; problems: TimelineProblem[] };

/** The controls → core's TimelineQuery, or the fields that are not acceptable. */
export function buildTimelineQuery(f: TimelineForm, groupOffset = 0): BuiltTimelineQuery {
  const problems: TimelineProblem[] = [];
  const s = { marker: f.marker.trim(), from: f.from.trim(), until: f.until.trim(), within: f.within.trim(), text: f.text.trim() };
  if (f.statuses.length === 0) problems.push("statuses");
  for (const k of ["marker", "from", "until"] as const) {
    if (s[k] && !looksLikeDate(s[k])) problems.push(k);
  }
  if (s.within && !/^\d{1,4}$/.test(s.within)) problems.push("within");
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    query: {
      group_by: f.groupBy,
      statuses: [...f.statuses],
      from: s.from || null,
      until: s.until || null,
      marker: s.marker || null,
      expiring_within_days: s.within ? Number(s.within) : null,
      text: s.text || null,
      group_offset: groupOffset,
      group_limit: GROUPS_PER_PAGE,
      bars_per_group: BARS_PER_GROUP,
    },
  };
}

/** A day offset as a percentage of the window's width (the only arithmetic done here). */
export function percent(day: number, days: number): number {
  return days > 0 ? (day / days) * 100 : 0;
}

/** "5月" / "May", or the year on a January tick. */
export function tickLabel(tick: TimelineTick): string {
  if (tick.kind === "year") return String(tick.year);
  return getLang() === "zh" ? `${tick.month}月` : MONTHS_EN[tick.month - 1];
}

function groupLabel(g: TimelineGroup, by: TimelineGrouping): string {
  if (g.label !== null) return by === "category" ? categoryLabel(g.label) : g.label;
  const none: Record<TimelineGrouping, Key> = { issuer: "tlNoIssuer", package: "tlNoPackage", category: "tlNoCategory" };
  return t(none[by]);
}

/** "2020-04-10 – 2020-06-04", with an unknown bound shown as such. */
export function dateRange(from: string | null, until: string | null): string {
  return `${from ?? t("tlOpenStart")} – ${until ?? t("tlOpenEnd")}`;
}

function barTooltip(b: TimelineBar): string {
  const lines = [b.title, dateRange(b.effective_from, b.expires_on), t(`status_${b.status}` as Key)];
  if (b.issuer) lines.push(b.issuer);
  if (b.effective_inferred || b.expires_inferred) lines.push(t("tlInferred"));
  if (b.is_package) lines.push(t("tlPackage"));
  return lines.join("\n");
}

/** Bars narrower than this share of the track carry their dates beside them. */
const NARROW_BAR = 22;

/** What the bar styles mean. */
function legend(): HTMLElement {
  const item = (cls: string, label: Key) => h("span", { class: "tl-legend-item" }, h("span", { class: `tl-swatch ${cls}` }), t(label));
  return h(
    "div",
    { class: "tl-legend", "aria-label": t("tlLegend") },
    item("status-confirmed", "status_confirmed"),
    item("status-suggested", "status_suggested"),
    item("status-rejected", "status_rejected"),
    item("open", "tlLegendOpen"),
    item("inferred", "tlLegendInferred"),
    h("span", { class: "tl-legend-item" }, h("span", { class: "tl-swatch marker" }), t("tlMarker")),
  );
}

export class TimelineView implements View {
  form: TimelineForm = { ...DEFAULT_TIMELINE_FORM, statuses: [...DEFAULT_TIMELINE_FORM.statuses] };
  groupOffset = 0;
  /** The last timeline drawn (tests, and the marker field's default). */
  data: Timeline | null = null;
  private body: HTMLElement | null = null;
  private problemLine: HTMLElement | null = null;
  private inputs = new Map<"marker" | "from" | "until" | "within", HTMLInputElement>();
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  /** Answers are drawn only if no newer request was sent meanwhile. */
  private generation = 0;
  /** Page Up / Page Down from a bar: focus the first bar of the page once it is drawn. */
  private focusFirstBar = false;

  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    this.inputs.clear();
    root.append(h("div", { class: "timeline", id: "timeline" }, this.controls(), (this.problemLine = h("p", { class: "problem", id: "timeline-problem", role: "alert" })), (this.body = h("div", { class: "tl-body" }))));
    await this.load();
  }

  unmount(): void {
    clearTimeout(this.textTimer);
    this.generation++;
    this.body = null;
  }

  private controls(): HTMLElement {
    const field = (name: "marker" | "from" | "until" | "within", label: Key, attrs: Record<string, string> = {}) => {
      const input = h("input", { type: "text", name, id: `tl-${name}`, value: this.form[name], autocomplete: "off", spellcheck: "false", ...attrs });
      input.addEventListener("change", () => {
        this.form[name] = input.value;
        this.groupOffset = 0;
        void this.load();
      });
      this.inputs.set(name, input);
      return h("label", { class: "tl-field" }, h("span", {}, t(label)), input);
    };
    const groupBy = h("select", { id: "tl-group-by", name: "groupBy" }, ...GROUPINGS.map((g) => h("option", { value: g }, t(`tlBy_${g}` as Key))));
    groupBy.value = this.form.groupBy;
    groupBy.addEventListener("change", () => {
      this.form.groupBy = groupBy.value as TimelineGrouping;
      this.groupOffset = 0;
      void this.load();
    });
    const statuses = STATUSES.map((s) => {
      const box = h("input", { type: "checkbox", name: "status", value: s, checked: this.form.statuses.includes(s) });
      box.addEventListener("change", () => {
        this.form.statuses = STATUSES.filter((x) => (x === s ? box.checked : this.form.statuses.includes(x)));
        this.groupOffset = 0;
        void this.load();
      });
      return h("label", { class: "check" }, box, t(`status_${s}` as Key));
    });
    const text = h("input", { type: "search", id: "tl-text", name: "text", value: this.form.text, placeholder: t("tlTextPlaceholder") });
    text.addEventListener("input", () => {
      this.form.text = text.value;
      clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => {
        this.groupOffset = 0;
        void this.load();
      }, 250);
    });
    const today = h(
      "button",
      {
        type: "button",
        id: "tl-today",
        on: {
          click: () => {
            this.form.marker = "";
            const m = this.inputs.get("marker");
            if (m) m.value = "";
            void this.load();
          },
        },
      },
      t("tlToday"),
    );
    return h(
      "div",
      { class: "toolbar tl-controls" },
      h("label", { class: "tl-field" }, h("span", {}, t("tlGroupBy")), groupBy),
      field("marker", "tlMarker", { placeholder: "YYYY-MM-DD", size: "10" }),
      today,
      field("within", "tlWithin", { size: "3", inputmode: "numeric" }),
      h("span", { class: "sep" }),
      field("from", "tlFrom", { placeholder: t("tlFitted"), size: "10" }),
      field("until", "tlUntil", { placeholder: t("tlFitted"), size: "10" }),
      h("span", { class: "sep" }),
      h("span", { class: "tl-statuses" }, ...statuses),
      text,
    );
  }

  /** Ask core for the timeline with the current controls and draw it. */
  async load(): Promise<void> {
    const built = buildTimelineQuery(this.form, this.groupOffset);
    for (const [name, input] of this.inputs) input.classList.toggle("invalid", !built.ok && built.problems.includes(name));
    if (!built.ok) {
      if (this.problemLine) this.problemLine.textContent = built.problems.map((p) => t(`tlProblem_${p}` as Key)).join(" ");
      return;
    }
    if (this.problemLine) this.problemLine.textContent = "";
    const generation = ++this.generation;
    try {
      const data = await api.timeline(built.query);
      if (generation !== this.generation || !this.body) return;
      this.data = data;
      this.draw(data);
    } catch (e) {
      if (generation !== this.generation) return;
      const err = toAppError(e);
      if (this.problemLine) this.problemLine.textContent = errorSentence(err);
      this.app.notify(errorSentence(err), "error");
    }
  }

  private draw(tl: Timeline): void {
    const body = this.body!;
    clear(body);
    // A blank marker field means today: it shows core's date as its placeholder. (Writing it
    // into the value would fight the analyst's typing: clearing the field fires "change".)
    const marker = this.inputs.get("marker");
    if (marker) marker.placeholder = tl.marker.today ? tl.marker.date : "YYYY-MM-DD";
    body.append(
      h("div", { class: "tl-info" }, this.summary(tl), legend()),
      h("div", { class: "tl-layout" }, this.chart(tl), this.expiringList(tl)),
    );
    if (this.focusFirstBar) {
      this.focusFirstBar = false;
      body.querySelector<HTMLElement>(".tl-bar")?.focus();
    }
  }

  private summary(tl: Timeline): HTMLElement {
    const parts = [
      t("tlSummary", { matched: tl.matched, groups: tl.groups_total }),
      t("tlWindow", { from: tl.window.from, until: tl.window.until }) + (tl.window.fitted ? t("tlWindowFitted") : ""),
    ];
    if (tl.window.clamped) parts.push(t("tlWindowClamped"));
    if (tl.undated) parts.push(t("tlUndatedTotal", { n: tl.undated }));
    if (tl.outside) parts.push(t("tlOutsideTotal", { n: tl.outside }));
    if (tl.marker.day === null) parts.push(t("tlMarkerOutside", { date: tl.marker.date }));
    return h("p", { class: "tl-summary", id: "timeline-summary" }, parts.join(t("listSep")));
  }

  private chart(tl: Timeline): HTMLElement {
    const days = tl.window.days;
    const place = (el: HTMLElement, day: number) => {
      el.style.left = `${percent(day, days)}%`;
      return el;
    };
    const axis = h("div", { class: "tl-axis", id: "timeline-axis" });
    for (const tick of tl.ticks) {
      axis.append(place(h("span", { class: `tl-tick ${tick.kind}`, "data-date": tick.date }, tickLabel(tick)), tick.day));
    }
    const grid = h("div", { class: "tl-grid", "aria-hidden": "true" });
    for (const tick of tl.ticks) grid.append(place(h("span", { class: `tl-line ${tick.kind}` }), tick.day));
    if (tl.marker.day !== null) {
      // The line stands in the middle of the marker's day.
      grid.append(place(h("span", { class: "tl-marker", id: "timeline-marker", "data-date": tl.marker.date }), tl.marker.day + 0.5));
      axis.append(
        place(
          h("span", { class: "tl-marker-label", title: tl.marker.today ? t("tlToday") : t("tlMarker") }, tl.marker.today ? `${t("tlToday")} ${tl.marker.date}` : tl.marker.date),
          tl.marker.day + 0.5,
        ),
      );
    }
    const rows = h("div", { class: "tl-rows", id: "timeline-rows", on: { keydown: (ev: KeyboardEvent) => this.onBarKey(ev, tl) } }, grid);
    if (tl.groups.length === 0) rows.append(h("p", { class: "empty tl-empty" }, t("tlNothing")));
    for (const g of tl.groups) rows.append(...this.groupRows(g, tl));
    const head = h("div", { class: "tl-row tl-head" }, h("div", { class: "tl-label" }, t(`tlBy_${tl.group_by}` as Key)), axis);
    return h("section", { class: "tl-chart", id: "timeline-chart" }, head, rows, this.pager(tl));
  }

  private groupRows(g: TimelineGroup, tl: Timeline): HTMLElement[] {
    const days = tl.window.days;
    const notes: string[] = [];
    if (g.undated) notes.push(t("tlUndated", { n: g.undated }));
    if (g.outside) notes.push(t("tlOutside", { n: g.outside }));
    const label = groupLabel(g, tl.group_by);
    const head = h(
      "div",
      { class: "tl-row tl-group", "data-key": g.key ?? "", title: label },
      h("div", { class: "tl-label" }, h("span", { class: "tl-group-name" }, label), h("span", { class: "tl-count" }, String(g.count))),
      h("div", { class: "tl-track tl-group-notes" }, notes.join(t("listSep"))),
    );
    const out = [head];
    for (const b of g.bars) {
      const classes = ["tl-bar", `status-${b.status}`];
      if (b.open_start) classes.push("open-start");
      if (b.open_end) classes.push("open-end");
      if (b.starts_before) classes.push("starts-before");
      if (b.ends_after) classes.push("ends-after");
      if (b.effective_inferred || b.expires_inferred) classes.push("inferred");
      if (b.is_package) classes.push("package");
      const left = percent(b.start_day, days);
      const width = percent(b.end_day - b.start_day, days);
      const range = dateRange(b.effective_from, b.expires_on);
      const barEl = h("button", { type: "button", class: classes.join(" "), "data-measure-id": b.id, title: barTooltip(b), "aria-label": `${b.title}: ${range}`, on: { click: () => void this.open(b) } });
      barEl.style.left = `${left}%`;
      barEl.style.width = `${width}%`;
      // The dates go inside a bar wide enough for them, else beside it on the side with room.
      const label = h("span", { class: "tl-bar-text", "aria-hidden": "true" }, range);
      const track = h("div", { class: "tl-track" }, barEl);
      if (width >= NARROW_BAR) barEl.append(label);
      else {
        label.classList.add("beside");
        if (left + width > 70) {
          label.classList.add("before");
          label.style.right = `${100 - left}%`;
        } else label.style.left = `${left + width}%`;
        track.append(label);
      }
      out.push(
        h(
          "div",
          // Grouped by package, the items stand indented under their package's bar.
          { class: `tl-row tl-item${b.is_package ? " package" : ""}${tl.group_by === "package" && b.parent_id !== null ? " item" : ""}`, "data-measure-id": b.id },
          h("div", { class: "tl-label", title: barTooltip(b) }, h("span", { class: `tl-dot status-${b.status}` }), b.title),
          track,
        ),
      );
    }
    if (g.bars_cut) out.push(h("div", { class: "tl-row tl-more" }, h("div", { class: "tl-label" }), h("div", { class: "tl-track" }, t("tlCut", { n: g.bars_cut }))));
    return out;
  }

  /**
   * Keys on a focused bar (each bar is a button, so Tab and Enter already work): ↑ / ↓ the bar
   * above or below, Home / End the first or last bar, Page Up / Page Down the previous or next
   * page of groups, with the focus on its first bar once drawn.
   */
  private onBarKey(ev: KeyboardEvent, tl: Timeline): void {
    const target = ev.target as HTMLElement;
    if (!target.classList?.contains("tl-bar") || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const bars = [...(ev.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(".tl-bar")];
    const at = bars.indexOf(target);
    const to: Record<string, number | undefined> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: bars.length - 1 };
    const index = to[ev.key];
    if (index !== undefined) {
      ev.preventDefault();
      bars[Math.min(Math.max(0, index), bars.length - 1)]?.focus();
      return;
    }
    const page = ev.key === "PageDown" ? GROUPS_PER_PAGE : ev.key === "PageUp" ? -GROUPS_PER_PAGE : 0;
    if (!page) return;
    ev.preventDefault();
    const offset = Math.max(0, tl.group_offset + page);
    if (offset === tl.group_offset || offset >= tl.groups_total) return;
    this.focusFirstBar = true;
    this.goToGroups(offset);
  }

  private goToGroups(offset: number): void {
    this.groupOffset = Math.max(0, offset);
    void this.load();
  }

  private pager(tl: Timeline): HTMLElement | null {
    if (tl.groups_total <= tl.groups.length && tl.group_offset === 0) return null;
    const first = tl.group_offset + 1;
    const last = tl.group_offset + tl.groups.length;
    return h(
      "div",
      { class: "tl-pager" },
      h("button", { type: "button", id: "tl-prev", disabled: tl.group_offset === 0, on: { click: () => this.goToGroups(tl.group_offset - GROUPS_PER_PAGE) } }, "‹"),
      h("span", {}, t("tlGroupsPage", { first, last, total: tl.groups_total })),
      h("button", { type: "button", id: "tl-next", disabled: last >= tl.groups_total, on: { click: () => this.goToGroups(tl.group_offset + GROUPS_PER_PAGE) } }, "›"),
    );
  }

  private expiringList(tl: Timeline): HTMLElement {
    const aside = h(
      "aside",
      { class: "tl-expiring", id: "timeline-expiring" },
      h("h3", {}, t("tlExpiringTitle", { n: tl.expiring_within_days, date: tl.marker.date })),
    );
    if (tl.expiring.length === 0) {
      aside.append(h("p", { class: "empty" }, t("tlExpiringNone")));
      return aside;
    }
    const list = h("ol", {});
    for (const e of tl.expiring) {
      list.append(
        h(
          "li",
          { "data-measure-id": e.id, "data-expires": e.expires_on },
          h(
            "button",
            { type: "button", class: "tl-expiring-entry", on: { click: () => void this.open(e) } },
            h("span", { class: `tl-days${e.days_left <= 7 ? " soon" : ""}` }, e.days_left === 0 ? t("tlExpiresToday") : t("tlDaysLeft", { n: e.days_left })),
            h("span", { class: "tl-entry-title" }, e.title),
            h("span", { class: "meta" }, [e.expires_on + (e.expires_inferred ? ` (${t("tlInferredShort")})` : ""), e.issuer, t(`status_${e.status}` as Key)].filter(Boolean).join(" · ")),
          ),
        ),
      );
    }
    aside.append(list);
    if (tl.expiring_total > tl.expiring.length) aside.append(h("p", { class: "meta" }, t("tlExpiringMore", { n: tl.expiring_total - tl.expiring.length })));
    return aside;
  }

  /** Open the measure's source in the reader (as the measures table does). */
  private async open(m: TimelineBar | ExpiringMeasure): Promise<void> {
    if (m.article_id === null || m.issue_id === null) {
      this.app.notify(t("tlNoSource", { title: m.title }));
      return;
    }
    Object.assign(this.app.selection, { issueId: m.issue_id, articleId: m.article_id, measureId: m.id });
    await this.app.show("reader");
  }
}
