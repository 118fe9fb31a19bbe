import { describe, expect, it } from "vitest";
import type { SelectionProposal } from "../bindings/SelectionProposal";
import { getLang, setLang } from "../i18n";
import { bareInput, draftFromProposal, emptyDraft, inputFromForm, splitList } from "./proposal";

const span = { article_id: 3, start: 5, end: 20, quote: "对小微企业和个体工商户给予每户2000元补贴" };
const proposal: SelectionProposal = {
  input: {
    ...bareInput(span),
    title: "对小微企业和个体工商户给予每户2000元补贴",
    beneficiaries: ["小微企业", "个体工商户"],
    value: { kind: "amount", amount: "2000", currency: "CNY", bound: "exact" },
    expires_on: "2021-12-31",
    expires_precision: "year",
    expires_inferred: true,
  },
  evidence: [
    { field: "beneficiaries", origin: "selection", start: 6, end: 10, quote: "小微企业" },
    { field: "beneficiaries", origin: "selection", start: 11, end: 16, quote: "个体工商户" },
    { field: "issuer", origin: "publication", start: null, end: null, quote: "娄底日报" },
  ],
};

describe("measure form from a proposal", () => {
  it("shows lists joined and marks each proposed field once, with its first evidence", () => {
    const before = getLang();
    setLang("zh");
    const d = draftFromProposal(proposal);
    setLang(before);
    expect(d.values.beneficiaries).toBe("小微企业、个体工商户");
    expect(d.values.value).toBe("2000元");
    expect(Object.keys(d.proposed).sort()).toEqual(["beneficiaries", "issuer"]);
    expect(d.proposed.beneficiaries?.quote).toBe("小微企业");
  });

  it("an untouched form gives core's proposal back as a confirmed measure", () => {
    const d = draftFromProposal(proposal);
    expect(inputFromForm(proposal.input, d.values, { ...d.values })).toEqual({ ...proposal.input, status: "confirmed" });
  });

  it("retyped fields are the analyst's: text value, split list, date without precision", () => {
    const d = draftFromProposal(proposal);
    const input = inputFromForm(proposal.input, d.values, { ...d.values, value: "每户两千元", beneficiaries: "小微企业，农户", expires_on: "2021-11-30" });
    expect(input.value).toEqual({ kind: "text", text: "每户两千元" });
    expect(input.beneficiaries).toEqual(["小微企业", "农户"]);
    expect([input.expires_on, input.expires_precision, input.expires_inferred]).toEqual(["2021-11-30", null, false]);
  });

  it("a cleared field is sent as empty", () => {
    const d = draftFromProposal(proposal);
    const input = inputFromForm(proposal.input, d.values, { ...d.values, value: " ", expires_on: "", beneficiaries: "" });
    expect([input.value, input.expires_on, input.beneficiaries]).toEqual([null, null, []]);
  });

  it("an empty draft holds only the span's title", () => {
    expect(emptyDraft(span).values).toMatchObject({ title: span.quote, issuer: "", value: "" });
    expect(splitList(" 、a,,b；")).toEqual(["a", "b"]);
  });
});
