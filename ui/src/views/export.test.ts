import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExportReport } from "../bindings/ExportReport";
import { setLang } from "../i18n";
import { buildExportOptions, DEFAULT_EXPORT_FORM, ExportView, previewLines, splitNames, type ExportForm } from "./export";
import { mountApp, unmountApps } from "../test/app";

const report = (over: Partial<ExportReport> = {}): ExportReport => ({
  considered: 5,
  selected: 3,
  exported: 2,
  events: 2,
  filtered_out: { status: 2, issuer: 0, category: 0, package: 0, outside_window: 0, no_date_for_window: 0 },
  left_out: [{ measure_id: 7, uid: "u7", title: "长期有效", event: "span", missing: "expires_on" }],
  ...over,
});

const form = (over: Partial<ExportForm> = {}): ExportForm => ({ ...DEFAULT_EXPORT_FORM, ...over });

const tick = () => new Promise((r) => setTimeout(r, 20));

async function setup(): Promise<{ view: ExportView; root: HTMLElement }> {
  let view!: ExportView;
  const { app, root } = mountApp((a) => ({ export: (view = new ExportView(a)) }));
  app.start();
  await app.show("export");
  return { view, root };
}

beforeEach(() => setLang("en"));
afterEach(unmountApps);

describe("export options", () => {
  it("default to the CLI's: confirmed only, one span event, reminders on when days are given, BOM", () => {
    const built = buildExportOptions(DEFAULT_EXPORT_FORM);
    expect(built).toEqual({
      ok: true,
      options: {
        filter: { statuses: ["confirmed"], issuers: [], categories: [], package: null, from: null, until: null },
        calendar: { layout: "span", reminder_days: null, reminder_events: true, alarms: true, name: "政策台账", refresh_hours: 24, dtstamp: null },
        csv: { bom: true },
      },
    });
  });

  it("carry every field as typed, with dates as the strings entered", () => {
    const built = buildExportOptions(
      form({
        statuses: ["suggested", "confirmed"],
        issuers: "醴陵市、 株洲市商务局,",
        categories: "外贸",
        packageId: " 12 ",
        from: "2020-05-01",
        until: "2020-12-31",
        layout: "both",
        reminderDays: "0",
        reminderEvents: false,
        alarms: false,
        name: "  ",
        refreshHours: "6",
        bom: false,
      }),
    );
    if (!built.ok) throw new Error(`refused: ${built.problems}`);
    expect(built.options.filter).toEqual({
      statuses: ["confirmed", "suggested"],
      issuers: ["醴陵市", "株洲市商务局"],
      categories: ["外贸"],
      package: 12,
      from: "2020-05-01",
      until: "2020-12-31",
    });
    expect(built.options.calendar).toMatchObject({ layout: "both", reminder_days: 0, reminder_events: false, alarms: false, name: "政策台账", refresh_hours: 6 });
    expect(built.options.csv.bom).toBe(false);
  });

  it.each([
    [{ statuses: [] }, ["statuses"]],
    [{ from: "2020-5-1" }, ["from"]],
    [{ until: "31/12/2020" }, ["until"]],
    [{ packageId: "0" }, ["packageId"]],
    [{ packageId: "abc" }, ["packageId"]],
    [{ reminderDays: "-1" }, ["reminderDays"]],
    [{ refreshHours: "1.5", from: "x" }, ["from", "refreshHours"]],
  ] as [Partial<ExportForm>, string[]][])("refuses %o naming the fields %o", (over, problems) => {
    expect(buildExportOptions(form(over))).toEqual({ ok: false, problems });
  });

  it("splits several names on ASCII and full-width separators", () => {
    expect(splitNames("a，b、c;d；e\nf, ")).toEqual(["a", "b", "c", "d", "e", "f"]);
  });
});

describe("export preview", () => {
  it("says what passes the filters and what each format takes", () => {
    expect(previewLines(report())).toEqual([
      "3 of 5 measures pass the filters.",
      "Removed by the filters: status 2.",
      "calendar: 2 events for 2 measures",
      "CSV and printable calendar: 3 measures",
      "JSON: always the whole ledger (5 measures)",
    ]);
  });

  it("warns that a calendar without events cannot be saved", () => {
    const lines = previewLines(report({ exported: 0, events: 0 }));
    expect(lines).toContain("No selected measure has the dates a calendar event needs, so there is no calendar to save.");
  });

  it("asks core with the form's options and lists the measures left out for an unknown date", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "preview_export") {
        asked.push(args);
        return report();
      }
      return null;
    });
    const { root } = await setup();
    await tick();
    expect(asked[0]).toMatchObject({ format: "ics", options: { filter: { statuses: ["confirmed"] } } });
    expect(root.querySelector("#export-left-out-count")?.textContent).toBe(
      "1 measures have events left out for an unknown date (no date is invented):",
    );
    expect([...root.querySelectorAll("#export-left-out li")].map((l) => l.textContent)).toEqual([
      "#7 长期有效: validity span — no expiry date",
    ]);

    const from = root.querySelector<HTMLInputElement>("#export-from")!;
    from.value = "2020-05-01";
    from.dispatchEvent(new Event("input", { bubbles: true }));
    const layout = root.querySelector<HTMLSelectElement>("#export-layout")!;
    layout.value = "milestones";
    layout.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 400));
    expect(asked).toHaveLength(2); // debounced: one more request, not one per keystroke
    expect(asked[1]).toMatchObject({ options: { filter: { from: "2020-05-01" }, calendar: { layout: "milestones" } } });
  });

  it("marks a badly written date instead of asking core", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      return cmd === "preview_export" ? report() : null;
    });
    const { view, root } = await setup();
    const until = root.querySelector<HTMLInputElement>("#export-until")!;
    until.value = "2020/12/31";
    until.dispatchEvent(new Event("input", { bubbles: true }));
    await view.refreshPreview();
    expect(until.classList.contains("invalid")).toBe(true);
    expect(root.querySelector("#export-preview")?.textContent).toBe("The window end is written YYYY-MM-DD, e.g. 2020-12-31");
    expect(root.querySelector("#notice")?.textContent).toBe(""); // typing is not an error yet
    await view.save("ics");
    expect(asked.filter((c) => c === "export_file")).toEqual([]);
    expect(root.querySelector("#notice")?.textContent).toBe("The window end is written YYYY-MM-DD, e.g. 2020-12-31");
  });

  it("saves through export_file and reports the path and counts", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "preview_export") return report();
      if (cmd === "export_file") {
        expect(args).toMatchObject({ format: "ics", options: { csv: { bom: true } } });
        return { path: "/tmp/policy.ics", report: report() };
      }
      return null;
    });
    const { view, root } = await setup();
    await view.save("ics");
    expect(root.querySelector("#export-result")?.textContent).toBe("Exported to /tmp/policy.ics (calendar: 2 events for 2 measures)");
  });

  it("turns core's refusal of an empty calendar into a sentence about dates", async () => {
    mockIPC((cmd) => {
      if (cmd === "preview_export") return report({ events: 0, exported: 0 });
      if (cmd === "export_file") throw { code: "nothing_to_do", message: "nothing to put in the calendar" };
      return null;
    });
    const { view, root } = await setup();
    await view.save("ics");
    const notice = root.querySelector("#notice")!;
    expect(notice.textContent).toBe("No selected measure has the dates a calendar event needs, so there is no calendar to save.");
    expect(notice.classList.contains("error")).toBe(true);
  });
});
