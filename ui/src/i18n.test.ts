import { afterEach, describe, expect, it } from "vitest";
import type { ActionSummary } from "./bindings/ActionSummary";
import { actionText, CATEGORY_CODES, categoryLabel, getLang, LANG_STORAGE_KEY, missingKeys, onLangChange, setLang, t } from "./i18n";

afterEach(() => setLang("zh"));

describe("i18n", () => {
  it("has every interface string in both languages", () => {
    expect(missingKeys()).toEqual([]);
  });

  it("names every category core's classifier assigns, in both languages (the codes are generated from core)", () => {
    expect(CATEGORY_CODES.length).toBeGreaterThan(5);
    for (const lang of ["zh", "en"] as const) {
      setLang(lang);
      for (const code of CATEGORY_CODES) {
        const label = categoryLabel(code);
        expect(label, `${lang} ${code}`).not.toBe(code);
        expect(label, `${lang} ${code}`).not.toMatch(/^cat_/);
      }
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    setLang("en");
    expect(t("totalCount", { n: 12 })).toBe("12 measures");
    expect(t("totalCount")).toBe("{n} measures");
  });

  it("switches language, remembers it and tells listeners", () => {
    const seen: string[] = [];
    const off = onLangChange((l) => seen.push(l));
    setLang("en");
    expect(t("navMeasures")).toBe("Measures");
    setLang("zh");
    expect(t("navMeasures")).toBe("措施");
    off();
    setLang("en");
    expect(seen).toEqual(["en", "zh"]);
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe("en");
    expect(getLang()).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });
});

describe("change-log actions in the interface language", () => {
  it.each([
    [{ kind: "edit", subject: "电价按95%结算", count: null, status: null }, "修改“电价按95%结算”", "edit “电价按95%结算”"],
    [{ kind: "create", subject: "<b>标题</b>", count: null, status: null }, "新建“<b>标题</b>”", "create “<b>标题</b>”"],
    [{ kind: "set_status", subject: null, count: 3, status: "confirmed" }, "将 3 项措施设为“已确认”", "mark 3 measure(s) “Confirmed”"],
    [{ kind: "suggest", subject: null, count: null, status: null }, "导入时提出的建议措施", "the suggestions of an import"],
    [{ kind: "other", subject: null, count: null, status: null }, "stored label", "stored label"],
  ] as [ActionSummary, string, string][])("says %j", (a, zh, en) => {
    const before = getLang();
    try {
      setLang("zh");
      expect(actionText(a, "stored label")).toBe(zh);
      setLang("en");
      expect(actionText(a, "stored label")).toBe(en);
    } finally {
      setLang(before);
    }
  });
});
