// "New measure from selection" against mocked commands: the form is filled from core's
// proposal (propose_measure with scalar offsets), proposed fields are marked until edited,
// and saving sends one create_measure that keeps core's typed fields the analyst left alone.

import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { SelectionProposal } from "../bindings/SelectionProposal";
import { setLang } from "../i18n";
import { ReaderView } from "./reader";
import { mountApp, unmountApps } from "../test/app";

// A character outside the BMP first: UTF-16 and scalar offsets differ by one after it.
const text = "𠀋据悉，自2021年5月1日起至9月30日，娄底市公交票价下调20%。记者看到乘客很多。";
const issue = {
  id: 1, publication: "娄底日报", date: "2021-04-20",
  articles: [{ id: 7, issue_id: 1, seq: 0, headline: "公交降价", subheadings: [], byline: null, dateline: null, text, captions: [], layout_notes: [] }],
};
const selected = "自2021年5月1日起至9月30日，娄底市公交票价下调20%";
const scalarStart = text.indexOf(selected) - 1; // one surrogate pair (two UTF-16 units) before it

function proposal(start: number, end: number): SelectionProposal {
  return {
    input: {
      parent_id: null, title: "娄底市公交票价下调20%", issuer: "娄底市", jurisdiction: null, category: "price_tariff",
      beneficiaries: [], value: { kind: "percent_change", percent: "-20", bound: "exact" },
      effective_from: "2021-05-01", effective_precision: "day", effective_inferred: false,
      expires_on: "2021-09-30", expires_precision: "day", expires_inferred: true,
      status: "confirmed", notes: "", sources: [{ article_id: 7, start, end, quote: selected }], suggestion_key: null,
    },
    evidence: [
      { field: "title", origin: "selection", start, end, quote: selected },
      { field: "effective_from", origin: "selection", start, end: start + 14, quote: "自2021年5月1日起至9月30日" },
      { field: "expires_on", origin: "selection", start, end: start + 14, quote: "自2021年5月1日起至9月30日" },
      { field: "value", origin: "selection", start: end - 5, end, quote: "下调20%" },
      { field: "issuer", origin: "selection", start: start + 15, end: start + 18, quote: "娄底市" },
      { field: "category", origin: "selection", start, end, quote: selected },
    ],
  };
}

let calls: { cmd: string; args: Record<string, unknown> }[];
let failPropose = false;

function mock() {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    switch (cmd) {
      case "get_issue":
        return issue;
      case "query_measures":
        return { rows: [], total: 0 };
      case "propose_measure": {
        if (failPropose) throw { code: "invalid", message: "the selection is not inside the article" };
        const { start, end } = args as { start: number; end: number };
        return proposal(start, end);
      }
      case "create_measure":
        return { id: 99 };
      default:
        return null;
    }
  });
}

async function openReader(): Promise<HTMLElement> {
  const { app, root } = mountApp((a) => ({ reader: new ReaderView(a) }));
  app.start();
  app.selection.issueId = 1;
  app.selection.articleId = 7;
  await app.show("reader");
  return root;
}

const settle = () => new Promise((r) => setTimeout(r, 10));

/** Select `quote` in the article text the way a mouse drag would, then open the form. */
async function selectAndOpen(root: HTMLElement, quote: string): Promise<HTMLFormElement> {
  const node = root.querySelector("#article-text")!.firstChild!;
  const from = text.indexOf(quote);
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, from + quote.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  document.dispatchEvent(new Event("selectionchange"));
  root.querySelector<HTMLButtonElement>("#new-from-selection")!.click();
  await settle();
  return root.querySelector<HTMLFormElement>("#measure-form")!;
}

const field = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`input[name=${name}]`)!;

beforeEach(() => {
  setLang("en");
  calls = [];
  failPropose = false;
});
afterEach(unmountApps);

describe("new measure from selection", () => {
  it("asks core for a proposal with scalar offsets and fills the form from it", async () => {
    mock();
    const root = await openReader();
    const form = await selectAndOpen(root, selected);
    expect(calls.find((c) => c.cmd === "propose_measure")?.args).toEqual({
      articleId: 7, start: scalarStart, end: scalarStart + [...selected].length,
    });
    expect(field(form, "effective_from").value).toBe("2021-05-01");
    expect(field(form, "expires_on").value).toBe("2021-09-30");
    expect(field(form, "value").value).toBe("cut by 20%");
    expect(field(form, "issuer").value).toBe("娄底市");
    expect(field(form, "beneficiaries").value).toBe("");
    const marked = [...form.querySelectorAll<HTMLInputElement>("input.proposed")].map((i) => i.name).sort();
    expect(marked).toEqual(["category", "effective_from", "expires_on", "issuer", "title", "value"]);
    expect(field(form, "value").title).toContain("下调20%");
  });

  it("an edited field is no longer marked as a proposal", async () => {
    mock();
    const root = await openReader();
    const form = await selectAndOpen(root, selected);
    const issuer = field(form, "issuer");
    issuer.value = "娄底市交通运输局";
    issuer.dispatchEvent(new Event("input", { bubbles: true }));
    expect(issuer.classList.contains("proposed")).toBe(false);
    expect(field(form, "value").classList.contains("proposed")).toBe(true);
  });

  it("saves in one create_measure, keeping core's typed value and date precision where untouched", async () => {
    mock();
    const root = await openReader();
    const form = await selectAndOpen(root, selected);
    field(form, "effective_from").value = "2021-05-03";
    form.requestSubmit();
    await settle();
    const creates = calls.filter((c) => c.cmd === "create_measure");
    expect(creates).toHaveLength(1);
    const input = creates[0].args.input as MeasureInput;
    expect(input.value).toEqual({ kind: "percent_change", percent: "-20", bound: "exact" });
    expect([input.expires_on, input.expires_precision, input.expires_inferred]).toEqual(["2021-09-30", "day", true]);
    // Retyped by the analyst: the date is theirs, with no precision claimed for it.
    expect([input.effective_from, input.effective_precision, input.effective_inferred]).toEqual(["2021-05-03", null, false]);
    expect(input.sources).toEqual([{ article_id: 7, start: scalarStart, end: scalarStart + [...selected].length, quote: selected }]);
    expect(input.status).toBe("confirmed");
  });

  it("a retyped value is sent as the analyst's text", async () => {
    mock();
    const root = await openReader();
    const form = await selectAndOpen(root, selected);
    field(form, "value").value = "票价八折";
    form.requestSubmit();
    await settle();
    const input = calls.find((c) => c.cmd === "create_measure")!.args.input as MeasureInput;
    expect(input.value).toEqual({ kind: "text", text: "票价八折" });
  });

  it("when core refuses, the error is shown and the form opens empty for the same span", async () => {
    mock();
    failPropose = true;
    const root = await openReader();
    const form = await selectAndOpen(root, "记者看到");
    expect(root.querySelector("#notice")?.textContent).toContain("not inside the article");
    expect(field(form, "title").value).toBe("记者看到");
    expect(field(form, "effective_from").value).toBe("");
    expect(form.querySelectorAll("input.proposed")).toHaveLength(0);
  });
});
