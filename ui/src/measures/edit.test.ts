import { describe, expect, it } from "vitest";
import type { MeasureValue } from "../bindings/MeasureValue";
import { setLang } from "../i18n";
import { editedMeasure } from "../views/measures";
import { measure } from "../test/fixtures";
import { formatValue, inputFromMeasure, shiftDecimal, valueFromText } from "./edit";

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

  it.each<[MeasureValue, string, string]>([
    [{ kind: "amount", amount: "3000000", currency: "CNY", bound: "at_most" }, "最高300万元", "up to 3,000,000 yuan"],
    [{ kind: "amount", amount: "150000000", currency: "CNY", bound: "exact" }, "1.5亿元", "150,000,000 yuan"],
    [{ kind: "amount", amount: "12345", currency: "CNY", bound: "at_least" }, "不低于12345元", "at least 12,345 yuan"],
    [{ kind: "amount", amount: "2000.00", currency: "USD", bound: "exact" }, "2000 USD", "2,000 USD"],
    [{ kind: "percentage", percent: "95", bound: "exact" }, "按原标准的95%", "95% of the old rate"],
    [{ kind: "rate", percent: "0.5", bound: "exact" }, "比率0.5%", "rate 0.5%"],
    [{ kind: "rate", percent: "3.85", bound: "at_most" }, "比率不超过3.85%", "rate at most 3.85%"],
    [{ kind: "percent_change", percent: "-15", bound: "at_least" }, "下调15%以上", "cut by 15% or more"],
    [{ kind: "percentage_points", points: "0.5", bound: "exact" }, "上升0.5个百分点", "up 0.5 pp"],
    [{ kind: "percentage_points", points: "-0.5", bound: "at_most" }, "下降0.5个百分点以内", "down 0.5 pp at most"],
    [{ kind: "change_per_unit", amount: "-0.4", currency: "CNY", unit: "立方米" }, "每立方米下降0.4元", "down 0.4 yuan per 立方米"],
    [{ kind: "unit_price", amount: "3.64", currency: "CNY", unit: null }, "3.64元", "3.64 yuan"],
    [{ kind: "unit_price", amount: "0.60", currency: "CNY", unit: "千瓦时" }, "0.6元/千瓦时", "0.6 yuan/千瓦时"],
    [{ kind: "multiple", factor: "1.50", bound: "exact" }, "原标准的1.5倍", "1.5× the old amount"],
    [{ kind: "multiple", factor: "2", bound: "at_most" }, "最高为原标准的2倍", "up to 2× the old amount"],
    [{ kind: "text", text: "7×24小时通关" }, "7×24小时通关", "7×24小时通关"],
  ])("formats %j as %s (zh) and %s (en)", (v, zh, en) => {
    expect(formatValue(v, "zh")).toBe(zh);
    expect(formatValue(v, "en")).toBe(en);
  });

  it.each([
    ["3000000", 4, "300"],
    ["12345", 4, "1.2345"],
    ["150000000", 8, "1.5"],
    ["5", 4, "0.0005"],
    ["10000.50", 4, "1.00005"],
  ])("shifts %s by %i digits without floating point", (s, d, out) => {
    expect(shiftDecimal(s, d as number)).toBe(out);
  });
});
