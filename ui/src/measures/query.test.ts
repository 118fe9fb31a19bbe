import { describe, expect, it } from "vitest";
import { buildMeasureQuery, filterProblems, NO_FILTERS } from "./query";
import { categoryLabel, getLang, setLang } from "../i18n";

describe("measure table queries", () => {
  it("asks for everything, by id, when nothing is set", () => {
    expect(buildMeasureQuery(NO_FILTERS)).toEqual({
      statuses: [],
      issuer: null,
      category: null,
      text: null,
      in_force_on: null,
      expiring_from: null,
      expiring_until: null,
      issue_id: null,
      parent_id: null,
      expiring_within_days: null,
      group_packages: false,
      collapsed: [],
      sort: "id",
      descending: false,
      offset: 0,
      limit: 100,
    });
  });

  it.each([
    [{ status: "confirmed" as const }, { statuses: ["confirmed"] }],
    [{ issuer: "  醴陵市政府 " }, { issuer: "醴陵市政府" }],
    [{ category: "   " }, { category: null }],
    [{ category: "subsidy" }, { category: "subsidy" }],
    [{ category: "自定义类别" }, { category: "自定义类别" }],
    [{ inForceOn: "2020-05-01" }, { in_force_on: "2020-05-01" }],
    [{ text: "电价" }, { text: "电价" }],
    [{ expiringWithinDays: "30" }, { expiring_within_days: 30 }],
    [{ expiringWithinDays: " 0 " }, { expiring_within_days: 0 }],
    [{ expiringWithinDays: "" }, { expiring_within_days: null }],
  ])("maps filter %j into the query", (filters, expected) => {
    expect(buildMeasureQuery({ ...NO_FILTERS, ...filters })).toMatchObject(expected);
  });

  it("filters a category typed by its name in the interface language on its code", () => {
    const before = getLang();
    try {
      setLang("zh");
      expect(buildMeasureQuery({ ...NO_FILTERS, category: "补贴奖励" }).category).toBe("subsidy");
      setLang("en");
      expect(buildMeasureQuery({ ...NO_FILTERS, category: "Prices and tariffs" }).category).toBe("price_tariff");
      expect(categoryLabel("price_tariff")).toBe("Prices and tariffs");
      expect(categoryLabel("自定义类别")).toBe("自定义类别");
    } finally {
      setLang(before);
    }
  });

  it("turns the grid's block and sort into offset, limit and core's sort", () => {
    const q = buildMeasureQuery(NO_FILTERS, { offset: 100, limit: 50, sort: { field: "expires_on", dir: "desc" } });
    expect(q).toMatchObject({ offset: 100, limit: 50, sort: "expires_on", descending: true });
  });

  it("ignores sorting on a column core cannot sort", () => {
    const q = buildMeasureQuery(NO_FILTERS, { sort: { field: "sources", dir: "desc" } });
    expect(q).toMatchObject({ sort: "id", descending: false });
  });

  it("flags an in-force date that is not YYYY-MM-DD", () => {
    expect(filterProblems({ ...NO_FILTERS, inForceOn: "5/1/2020" })).toEqual(["inForceOn"]);
    expect(filterProblems({ ...NO_FILTERS, inForceOn: "2020-05-01" })).toEqual([]);
  });

  it("sends no date for expiring-within: core counts the days from its own today", () => {
    const q = buildMeasureQuery({ ...NO_FILTERS, expiringWithinDays: "7" });
    expect(q.reference_date ?? null).toBeNull();
    expect([q.expiring_from, q.expiring_until]).toEqual([null, null]);
  });

  it.each(["-3", "2.5", "seven", "1e3", "9999999999"])("flags %j as a number of days", (days) => {
    expect(filterProblems({ ...NO_FILTERS, expiringWithinDays: days })).toEqual(["expiringWithinDays"]);
  });

  it("asks for grouped pages with the collapsed packages, and none of them when flat", () => {
    expect(buildMeasureQuery(NO_FILTERS, {}, { grouped: true, collapsed: [4, 9] })).toMatchObject({ group_packages: true, collapsed: [4, 9] });
    expect(buildMeasureQuery(NO_FILTERS, {}, { grouped: false, collapsed: [4] })).toMatchObject({ group_packages: false, collapsed: [] });
  });
});
