import { afterEach, describe, expect, it } from "vitest";
import { getLang, LANG_STORAGE_KEY, missingKeys, onLangChange, setLang, t } from "./i18n";

afterEach(() => setLang("zh"));

describe("i18n", () => {
  it("has every interface string in both languages", () => {
    expect(missingKeys()).toEqual([]);
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
