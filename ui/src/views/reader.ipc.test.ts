// The reader against mocked commands: suggestions accepted / rejected with buttons and the
// keyboard (one set_measure_status call each), and search results rendered and opened.

import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Measure } from "../bindings/Measure";
import type { SearchHit } from "../bindings/SearchHit";
import { setLang } from "../i18n";
import { measure } from "../test/fixtures";
import { ReaderView, renderSearchHit } from "./reader";
import { mountApp, unmountApps } from "../test/app";

const text = "𠀋醴陵出台十二条。工业电价按九五折执行，天然气下降0.4元。";
const article = (id: number, headline: string, body: string) => ({
  id, issue_id: 1, seq: id - 1, headline, subheadings: [], byline: null, dateline: null, text: body, page: null, layout_notes: [],
});
const issue = { id: 1, publication: "株洲日报", date: "2020-04-25", articles: [article(1, "其他", "无关的文字"), article(2, "醴陵出台", text)] };

function spanOf(quote: string) {
  const at = [...text].findIndex((_, i) => [...text].slice(i).join("").startsWith(quote));
  return { article_id: 2, start: at, end: at + [...quote].length, quote };
}

let measures: Measure[];
let calls: { cmd: string; args: Record<string, unknown> }[];

function mock(hits: SearchHit[] = []) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    switch (cmd) {
      case "get_issue":
        return issue;
      case "query_measures":
        return { rows: measures, total: measures.length };
      case "set_measure_status": {
        const { ids, status } = args as { ids: number[]; status: Measure["status"] };
        measures = measures.map((m) => (ids.includes(m.id) ? { ...m, status } : m));
        return measures.filter((m) => ids.includes(m.id));
      }
      case "update_measure": {
        const { id, input } = args as { id: number; input: Partial<Measure> };
        measures = measures.map((m) => (m.id === id ? { ...m, ...input } : m));
        return measures.find((m) => m.id === id);
      }
      case "search_articles":
        return hits;
      default:
        return null;
    }
  });
}

async function openReader(articleId = 2): Promise<HTMLElement> {
  const { app, root } = mountApp((a) => ({ reader: new ReaderView(a) }));
  app.start();
  app.selection.issueId = 1;
  app.selection.articleId = articleId;
  await app.show("reader");
  return root;
}

const settle = () => new Promise((r) => setTimeout(r, 10));
const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
const statusCalls = () => calls.filter((c) => c.cmd === "set_measure_status").map((c) => c.args);

beforeEach(() => {
  setLang("en");
  calls = [];
  measures = [
    measure({ id: 10, title: "电价九五折", status: "suggested", sources: [spanOf("电价按九五折")] }),
    measure({ id: 11, title: "天然气", status: "suggested", sources: [spanOf("天然气下降0.4元")] }),
    measure({ id: 12, title: "已确认", status: "confirmed", sources: [spanOf("十二条")] }),
  ];
});
afterEach(unmountApps);

describe("reader suggestions", () => {
  it("shows each measure's status and accept / reject only on suggestions", async () => {
    mock();
    const root = await openReader();
    const items = [...root.querySelectorAll<HTMLElement>("#article-measures li")];
    expect(items.map((li) => [li.dataset.measureId, li.querySelector(".badge")?.textContent])).toEqual([
      ["10", "Suggested"], ["11", "Suggested"], ["12", "Confirmed"],
    ]);
    expect(items.map((li) => li.querySelector(".accept") !== null)).toEqual([true, true, false]);
  });

  it("Accept sends one status change for that measure and redraws its badge", async () => {
    mock();
    const root = await openReader();
    root.querySelector<HTMLButtonElement>("li[data-measure-id='11'] .accept")!.click();
    await settle();
    expect(statusCalls()).toEqual([{ ids: [11], status: "confirmed" }]);
    expect(root.querySelector("li[data-measure-id='11'] .badge")?.textContent).toBe("Confirmed");
    expect(root.querySelector("li[data-measure-id='11'] .accept")).toBeNull();
  });

  it("j / k move between suggestions, a accepts and r rejects the one under the cursor", async () => {
    mock();
    const root = await openReader();
    press("j");
    expect(root.querySelector("#article-measures li.cursor")?.getAttribute("data-measure-id")).toBe("10");
    press("j");
    press("j"); // stays on the last suggestion; the confirmed measure is skipped
    expect(root.querySelector("#article-measures li.cursor")?.getAttribute("data-measure-id")).toBe("11");
    press("k");
    press("r");
    await settle();
    expect(statusCalls()).toEqual([{ ids: [10], status: "rejected" }]);
    // The cursor moved on to the remaining suggestion.
    expect(root.querySelector("#article-measures li.cursor")?.getAttribute("data-measure-id")).toBe("11");
    press("a");
    await settle();
    expect(statusCalls()).toEqual([{ ids: [10], status: "rejected" }, { ids: [11], status: "confirmed" }]);
  });

  it("ignores the keys while a text field has focus", async () => {
    mock();
    const root = await openReader();
    const input = root.querySelector<HTMLInputElement>("#search-input")!;
    input.focus();
    for (const key of ["j", "a"]) input.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    await settle();
    expect(statusCalls()).toEqual([]);
  });

  it("e opens the form prefilled and saving updates the measure as confirmed", async () => {
    mock();
    const root = await openReader();
    press("j");
    press("e");
    const form = root.querySelector<HTMLFormElement>("#measure-form")!;
    const title = form.querySelector<HTMLInputElement>("input[name=title]")!;
    expect(title.value).toBe("电价九五折");
    expect(form.querySelector<HTMLInputElement>("input[name=expires_on]")!.value).toBe("2020-12-31");
    title.value = "工业电价九五折";
    form.requestSubmit();
    await settle();
    const update = calls.find((c) => c.cmd === "update_measure")!.args as { id: number; input: { title: string; status: string; sources: unknown } };
    expect(update.id).toBe(10);
    expect(update.input.title).toBe("工业电价九五折");
    expect(update.input.status).toBe("confirmed");
    expect(update.input.sources).toEqual(measures[0].sources);
  });
});

describe("reader search", () => {
  const hit: SearchHit = {
    issue_id: 1, article_id: 2, publication: "株洲日报", issue_date: "2020-04-25", headline: "醴陵出台",
    headline_parts: [{ text: "醴陵出台", hit: false }],
    snippet: [{ text: "工业", hit: false }, { text: "电价", hit: true }, { text: "<script>alert(1)</script>", hit: false }],
    first_hit: [...text].indexOf("电"),
  };

  it("renders hits as <mark> elements and markup in a snippet as text", () => {
    const li = renderSearchHit(hit, () => {});
    expect([...li.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["电价"]);
    expect(li.querySelector("script")).toBeNull();
    expect(li.querySelector(".snippet")?.textContent).toBe("工业电价<script>alert(1)</script>");
  });

  it("searching lists the hits and clicking one opens that article with the hit selected", async () => {
    mock([hit]);
    const root = await openReader(1);
    root.querySelector<HTMLInputElement>("#search-input")!.value = "电价";
    root.querySelector<HTMLFormElement>("#search-form")!.requestSubmit();
    await settle();
    expect(calls.find((c) => c.cmd === "search_articles")?.args).toEqual({ query: "电价", limit: 50 });
    root.querySelector<HTMLButtonElement>("#search-results .search-hit")!.click();
    await settle();
    expect(root.querySelector("#article-headline")?.textContent).toBe("醴陵出台");
    // The article starts with a character outside the BMP: the selection is at UTF-16 offsets.
    expect(document.getSelection()?.toString()).toBe("电价");
  });
});
