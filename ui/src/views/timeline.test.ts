// The timeline against a mocked `timeline` command: the query the controls send, bars and the
// marker placed from core's offsets, the expiring list, hostile titles kept as text, errors
// as sentences, and a click opening the source in the reader.

import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../app";
import type { Timeline } from "../bindings/Timeline";
import type { TimelineBar } from "../bindings/TimelineBar";
import type { TimelineQuery } from "../bindings/TimelineQuery";
import { setLang } from "../i18n";
import { buildTimelineQuery, DEFAULT_TIMELINE_FORM, percent, TimelineView } from "./timeline";
import { mountApp, unmountApps } from "../test/app";

const bar = (over: Partial<TimelineBar> = {}): TimelineBar => ({
  id: 1,
  uid: "u1",
  title: "购车补贴",
  status: "confirmed",
  issuer: "株洲市",
  category: null,
  parent_id: null,
  is_package: false,
  effective_from: "2020-04-10",
  expires_on: "2020-06-04",
  start_day: 40,
  end_day: 96,
  open_start: false,
  open_end: false,
  starts_before: false,
  ends_after: false,
  effective_inferred: false,
  expires_inferred: false,
  article_id: 7,
  issue_id: 3,
  ...over,
});

const timeline = (over: Partial<Timeline> = {}): Timeline => ({
  window: { from: "2020-03-01", until: "2020-12-31", days: 306, fitted: true, clamped: false },
  ticks: [
    { date: "2020-03-01", day: 0, year: 2020, month: 3, kind: "month" },
    { date: "2020-04-01", day: 31, year: 2020, month: 4, kind: "month" },
  ],
  marker: { date: "2020-05-01", day: 61, today: false },
  group_by: "issuer",
  groups: [
    { key: "株洲市", label: "株洲市", package_id: null, count: 3, undated: 1, outside: 0, bars: [bar()], bars_cut: 1 },
    {
      key: null,
      label: null,
      package_id: null,
      count: 1,
      undated: 0,
      outside: 0,
      bars: [bar({ id: 2, title: "长期措施", effective_from: "2020-05-01", expires_on: null, open_end: true, start_day: 61, end_day: 306, article_id: null, issue_id: null })],
      bars_cut: 0,
    },
  ],
  group_offset: 0,
  groups_total: 2,
  matched: 4,
  undated: 1,
  outside: 0,
  expiring_within_days: 30,
  expiring: [
    { id: 5, uid: "u5", title: "展位补贴", issuer: "醴陵市", status: "suggested", expires_on: "2020-05-01", days_left: 0, expires_inferred: false, article_id: 8, issue_id: 3 },
    { id: 1, uid: "u1", title: "购车补贴", issuer: "株洲市", status: "confirmed", expires_on: "2020-05-31", days_left: 30, expires_inferred: true, article_id: 7, issue_id: 3 },
  ],
  expiring_total: 2,
  ...over,
});

let queries: TimelineQuery[];
let answer: () => Timeline | Promise<never>;
const tick = () => new Promise((r) => setTimeout(r, 20));

function mock() {
  mockIPC((cmd, args) => {
    if (cmd === "timeline") {
      queries.push((args as { query: TimelineQuery }).query);
      return answer();
    }
    return null;
  });
}

async function setup(): Promise<{ app: App; view: TimelineView; root: HTMLElement }> {
  let view!: TimelineView;
  const { app, root } = mountApp((a) => ({ timeline: (view = new TimelineView(a)) }));
  app.start();
  await app.show("timeline");
  await tick();
  return { app, view, root };
}

function change(root: HTMLElement, selector: string, value: string) {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  el.value = value;
  el.dispatchEvent(new Event("change"));
}

beforeEach(() => {
  setLang("en");
  queries = [];
  answer = () => timeline();
  mock();
});
afterEach(unmountApps);

describe("timeline query", () => {
  it("defaults to suggested and confirmed, a fitted window, core's today and 30 days", () => {
    expect(buildTimelineQuery(DEFAULT_TIMELINE_FORM)).toEqual({
      ok: true,
      query: {
        group_by: "issuer",
        statuses: ["suggested", "confirmed"],
        from: null,
        until: null,
        marker: null,
        expiring_within_days: 30,
        text: null,
        group_offset: 0,
        group_limit: 20,
        bars_per_group: 50,
      },
    });
  });

  it("refuses badly written dates, days and an empty status choice by field", () => {
    const built = buildTimelineQuery({ ...DEFAULT_TIMELINE_FORM, statuses: [], marker: "2020-5-1", until: "tomorrow", within: "-3" });
    expect(built).toEqual({ ok: false, problems: ["statuses", "marker", "until", "within"] });
  });

  it("turns day offsets into percentages of the window", () => {
    expect(percent(0, 306)).toBe(0);
    expect(percent(153, 306)).toBe(50);
    expect(percent(306, 306)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe("timeline view", () => {
  it("sends the controls' query, then again when group, marker and days change", async () => {
    const { root } = await setup();
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ group_by: "issuer", marker: null, expiring_within_days: 30, statuses: ["suggested", "confirmed"] });
    change(root, "#tl-group-by", "package");
    change(root, "#tl-marker", "2020-05-01");
    change(root, "#tl-within", "10");
    change(root, "#tl-from", "2020-01-01");
    await tick();
    expect(queries.at(-1)).toMatchObject({ group_by: "package", marker: "2020-05-01", expiring_within_days: 10, from: "2020-01-01", until: null });
    const rejected = root.querySelector<HTMLInputElement>("input[name=status][value=rejected]")!;
    rejected.checked = true;
    rejected.dispatchEvent(new Event("change"));
    await tick();
    expect(queries.at(-1)!.statuses).toEqual(["confirmed", "suggested", "rejected"]);
  });

  it("shows core's today in the empty marker field and keeps sending null for it", async () => {
    answer = () => timeline({ marker: { date: "2026-11-27", day: null, today: true } });
    const { root } = await setup();
    const field = root.querySelector<HTMLInputElement>("#tl-marker")!;
    expect([field.value, field.placeholder]).toEqual(["", "2026-11-27"]);
    change(root, "#tl-within", "7");
    await tick();
    expect(queries.at(-1)!.marker).toBeNull();
    expect(root.querySelector("#timeline-marker")).toBeNull();
    expect(root.querySelector("#timeline-summary")!.textContent).toContain("the marker 2026-11-27 is outside the window");
  });

  it("sends the text filter once typing pauses, and Today clears a chosen marker", async () => {
    const { root } = await setup();
    const text = root.querySelector<HTMLInputElement>("#tl-text")!;
    for (const typed of ["电", "电价"]) {
      text.value = typed;
      text.dispatchEvent(new Event("input"));
    }
    expect(queries).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(queries).toHaveLength(2);
    expect(queries[1].text).toBe("电价");
    change(root, "#tl-marker", "2020-05-01");
    await tick();
    expect(queries.at(-1)!.marker).toBe("2020-05-01");
    root.querySelector<HTMLButtonElement>("#tl-today")!.click();
    await tick();
    expect(queries.at(-1)!.marker).toBeNull();
    expect(root.querySelector<HTMLInputElement>("#tl-marker")!.value).toBe("");
  });

  it("does not send a badly written date and says which field is wrong", async () => {
    const { root } = await setup();
    change(root, "#tl-marker", "1/5/2020");
    await tick();
    expect(queries).toHaveLength(1);
    expect(root.querySelector("#tl-marker")!.classList.contains("invalid")).toBe(true);
    expect(root.querySelector("#timeline-problem")!.textContent).toMatch(/YYYY-MM-DD/);
  });

  it("places bars, ticks and the marker from core's offsets", async () => {
    const { root } = await setup();
    const b = root.querySelector<HTMLElement>(".tl-bar[data-measure-id='1']")!;
    expect(parseFloat(b.style.left)).toBeCloseTo((40 / 306) * 100, 6);
    expect(parseFloat(b.style.width)).toBeCloseTo((56 / 306) * 100, 6);
    // 18% of the track: the dates stand beside the bar, starting where it ends.
    const beside = root.querySelector<HTMLElement>(".tl-item[data-measure-id='1'] .tl-bar-text")!;
    expect(beside.textContent).toBe("2020-04-10 – 2020-06-04");
    expect(beside.classList.contains("beside")).toBe(true);
    expect(parseFloat(beside.style.left)).toBeCloseTo((96 / 306) * 100, 6);
    const open = root.querySelector<HTMLElement>(".tl-bar[data-measure-id='2']")!;
    expect(open.classList.contains("open-end")).toBe(true);
    expect(parseFloat(open.style.left) + parseFloat(open.style.width)).toBeCloseTo(100, 6);
    expect(open.textContent).toBe("2020-05-01 – open-ended");
    const marker = root.querySelector<HTMLElement>("#timeline-marker")!;
    expect(parseFloat(marker.style.left)).toBeCloseTo((61.5 / 306) * 100, 6);
    const ticks = [...root.querySelectorAll<HTMLElement>(".tl-tick")];
    expect(ticks.map((t) => t.textContent)).toEqual(["Mar", "Apr"]);
    expect(parseFloat(ticks[1].style.left)).toBeCloseTo((31 / 306) * 100, 6);
  });

  it("labels groups, the unknown group, undated and cut counts", async () => {
    const { root } = await setup();
    const groups = [...root.querySelectorAll(".tl-group")].map((g) => g.textContent);
    expect(groups[0]).toContain("株洲市");
    expect(groups[0]).toContain("1 undated");
    expect(groups[1]).toContain("Issuer unknown");
    expect(root.querySelector(".tl-more")!.textContent).toContain("1 more not drawn");
    expect(root.querySelector("#timeline-summary")!.textContent).toContain("4 measures in 2 groups");
  });

  it("indents a package's items under it when grouped by package", async () => {
    answer = () =>
      timeline({
        group_by: "package",
        groups: [
          {
            key: "9",
            label: "十二条",
            package_id: 9,
            count: 2,
            undated: 0,
            outside: 0,
            bars: [bar({ id: 9, title: "十二条", is_package: true }), bar({ id: 10, title: "电价", parent_id: 9 })],
            bars_cut: 0,
          },
        ],
      });
    const { root } = await setup();
    const rows = [...root.querySelectorAll<HTMLElement>(".tl-item")];
    expect(rows.map((r) => [r.dataset.measureId, r.classList.contains("package"), r.classList.contains("item")])).toEqual([
      ["9", true, false],
      ["10", false, true],
    ]);
    expect(root.querySelector(".tl-head .tl-label")!.textContent).toBe("Package");
  });

  it("lists what expires soon with days left, in core's order", async () => {
    const { root } = await setup();
    const items = [...root.querySelectorAll<HTMLElement>("#timeline-expiring li")];
    expect(items.map((li) => li.dataset.measureId)).toEqual(["5", "1"]);
    expect(items[0].textContent).toContain("expires that day");
    expect(items[1].textContent).toContain("30 days left");
    expect(items[1].textContent).toContain("2020-05-31 (inferred)");
    expect(root.querySelector("#timeline-expiring h3")!.textContent).toBe("Expiring within 30 days of 2020-05-01");
  });

  it("keeps hostile titles and issuers as text", async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    answer = () =>
      timeline({
        groups: [{ key: hostile, label: hostile, package_id: null, count: 1, undated: 0, outside: 0, bars: [bar({ title: hostile })], bars_cut: 0 }],
        expiring: [{ ...timeline().expiring[0], title: hostile, issuer: hostile }],
      });
    const { root } = await setup();
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".tl-item .tl-label")!.textContent).toBe(hostile);
    expect(root.querySelector(".tl-group-name")!.textContent).toBe(hostile);
    expect(root.querySelector(".tl-entry-title")!.textContent).toBe(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("shows core's refusal as a sentence", async () => {
    answer = () => Promise.reject({ code: "invalid", message: "the window ends (2020-04-01) before it starts (2020-05-01)" });
    const { root } = await setup();
    const sentence = "Not saved: the window ends (2020-04-01) before it starts (2020-05-01)";
    expect(root.querySelector("#timeline-problem")!.textContent).toBe(sentence);
    expect(document.querySelector("#notice")!.textContent).toBe(sentence);
  });

  it("opens a bar's or an entry's source in the reader, and says when there is none", async () => {
    const { app, root } = await setup();
    root.querySelector<HTMLElement>(".tl-bar[data-measure-id='2']")!.click();
    await tick();
    expect(app.view).toBe("timeline");
    expect(document.querySelector("#notice")!.textContent).toBe("“长期措施” has no source text");
    root.querySelector<HTMLElement>("#timeline-expiring li[data-measure-id='5'] button")!.click();
    await tick();
    expect(app.view).toBe("reader");
    expect(app.selection).toEqual({ issueId: 3, articleId: 8, measureId: 5 });
  });

  it("moves between bars with the arrow keys, Home and End, and pages with Page Up / Page Down", async () => {
    answer = () => timeline({ groups_total: 45 });
    const { root } = await setup();
    const key = (k: string) => (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    const focused = () => (document.activeElement as HTMLElement).dataset.measureId;
    root.querySelector<HTMLElement>(".tl-bar[data-measure-id='1']")!.focus();
    expect(key("ArrowDown"), "the key is taken").toBe(false);
    expect(focused()).toBe("2");
    key("ArrowDown");
    expect(focused(), "stays on the last bar").toBe("2");
    key("Home");
    expect(focused()).toBe("1");
    key("End");
    expect(focused()).toBe("2");
    key("ArrowUp");
    expect(focused()).toBe("1");
    // The next page of groups; its first bar takes the focus once drawn.
    answer = () => timeline({ groups_total: 45, group_offset: 20, groups: [{ key: "醴陵市", label: "醴陵市", package_id: null, count: 1, undated: 0, outside: 0, bars: [bar({ id: 9 })], bars_cut: 0 }] });
    key("PageDown");
    await tick();
    expect(queries.at(-1)!.group_offset).toBe(20);
    expect(focused()).toBe("9");
    // A key with a modifier, or on something else than a bar, is left alone.
    expect((document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", ctrlKey: true, bubbles: true, cancelable: true }))).toBe(true);
  });

  it("pages through groups", async () => {
    answer = () => timeline({ groups_total: 45 });
    const { root } = await setup();
    expect(root.querySelector(".tl-pager")!.textContent).toContain("Groups 1–2 of 45");
    root.querySelector<HTMLButtonElement>("#tl-next")!.click();
    await tick();
    expect(queries.at(-1)!.group_offset).toBe(20);
  });
});
