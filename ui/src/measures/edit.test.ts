import { describe, expect, it } from "vitest";
import type { MeasureValue } from "../bindings/MeasureValue";
import { setLang } from "../i18n";
import { editedMeasure } from "../views/measures";
import { measure } from "../test/fixtures";
import { formatValue, inputFromMeasure, valueFromText } from "./edit";

describe("editing measures", () => {
  it("keeps the sources and sends blank fields as null", () => {
    const input = inputFromMeasure(measure({ issuer: "  ", category: "", expires_on: "" }));
    expect(input.issuer).toBeNull();
    expect(input.category).toBeNull();
    expect(input.expires_on).toBeNull();
    expect(input.sources).toEqual([{ article_id: 3, start: 10, end: 12, quote: "电价" }]);
    expect(input).not.toHaveProperty("id");
  });

  it("applies a table edit to the stored measure", () => {
    expect(editedMeasure(measure(), "expires_on", " 2020-06-30 ")).toMatchObject({ expires_on: "2020-06-30", title: "电价优惠" });
    expect(editedMeasure(measure(), "expires_on", "")).toMatchObject({ expires_on: null });
  });

  it("refuses a date that is not YYYY-MM-DD with a sentence", () => {
    setLang("en");
    expect(editedMeasure(measure(), "effective_from", "2020/5/1")).toBe("Dates are YYYY-MM-DD, e.g. 2020-04-25");
  });

  it("reads typed text as a text value", () => {
    expect(valueFromText(" 九五折 ")).toEqual({ kind: "text", text: "九五折" });
    expect(valueFromText("  ")).toBeNull();
  });

  it.each<[MeasureValue, string]>([
    [{ kind: "amount", amount: "3000000", currency: "CNY", bound: "at_most" }, "≤ 3000000 CNY"],
    [{ kind: "percentage", percent: "95", bound: "exact" }, "95%"],
    [{ kind: "percent_change", percent: "-15", bound: "at_least" }, "≥ -15%"],
    [{ kind: "percentage_points", points: "0.5", bound: "exact" }, "+0.5 pp"],
    [{ kind: "change_per_unit", amount: "-0.4", currency: "CNY", unit: "立方米" }, "-0.4 CNY/立方米"],
    [{ kind: "unit_price", amount: "3.64", currency: "CNY", unit: null }, "3.64 CNY"],
    [{ kind: "text", text: "7×24小时通关" }, "7×24小时通关"],
  ])("formats %j as %s", (v, s) => {
    expect(formatValue(v)).toBe(s);
  });
});
