// End-to-end test of the real app in a real window: tauri-driver + WebKitWebDriver under Xvfb.
//
// The app is the `e2e` build: its file dialogs read the "picked" paths from the files named by
// POLICY_LEDGER_E2E_PICK / POLICY_LEDGER_E2E_SAVE (WebDriver cannot click a GTK dialog);
// everything after the pick — import, storage, undo, export — is the real code.
//
// Usage: node app.e2e.mjs  (scripts/test-e2e builds the app and runs this under xvfb-run)
// Env: see harness.mjs.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { here, run, step } from "./harness.mjs";

/** The measures grid's rows on screen that hold a measure (spare row elements are hidden). */
const ROW = ".grid-row[data-id]:not([hidden])";

let seed;
let exportPath;
function prepare(tmp) {
  seed = path.join(tmp, "株洲日报-2020-04-25.txt");
  exportPath = path.join(tmp, "export.json");
  fs.copyFileSync(path.join(here, "fixtures/seed.txt"), seed);
  return { pick: [seed], save: [exportPath] };
}

await run("e2e", prepare, async ({ browser, $, text, shot, sql, notice, shots }) => {
  step("the library opens empty on a fresh ledger");
  await (await $("#import-button")).waitForDisplayed({ timeout: 20_000 });
  assert.equal(await browser.execute(() => localStorage.getItem("policy-ledger.lang")), null, "a fresh profile");
  assert.ok(await (await $("#no-issues")).isDisplayed(), "an empty ledger says so");

  step("Import runs the pick-and-import command and reports per file");
  await (await $("#import-button")).click();
  const reportLine = await $("#import-report li[data-status='imported']");
  await reportLine.waitForDisplayed({ timeout: 30_000 });
  const [[stored]] = sql("SELECT count(*) FROM articles");
  assert.ok(stored >= 1, "the importer stored articles");
  assert.match(await reportLine.getText(), new RegExp(`${stored}`), "the report gives the stored article count");
  // Import runs the suggester: the report counts the suggestions the database now holds.
  const [[suggested]] = sql("SELECT count(*) FROM measures WHERE status = 'suggested'");
  assert.ok(suggested >= 1, "the suggester proposed measures on import");
  assert.match(await reportLine.getText(), new RegExp(`\\b${suggested}\\b`), "the report gives the suggestion count");
  let row = await $("#issues tr[data-issue-id]");
  assert.equal(await (await row.$(".article-count")).getText(), String(stored));

  step("the analyst corrects the issue's publication and date");
  await (await row.$(".edit-issue")).click();
  await (await $("#issues .edit-publication")).setValue("株洲日报");
  await (await $("#issues .edit-date")).setValue("2020-04-25");
  await (await $("#issues .save-issue")).click();
  await browser.waitUntil(async () => (await text("#issues tr[data-issue-id] .date")) === "2020-04-25", { timeout: 10_000, timeoutMsg: "the corrected date is not shown" });
  assert.deepEqual(sql("SELECT publication, date FROM issues"), [["株洲日报", "2020-04-25"]]);
  await shot("library");

  step("the reader lists every stored article");
  row = await $("#issues tr[data-issue-id]");
  await (await row.$(".open-issue")).click();
  await (await $("#article-list")).waitForDisplayed();
  const listed = await browser.$$("#article-list li");
  assert.equal(listed.length, stored, "one entry per stored article");

  step("select text → new measure from selection, prefilled by the suggestion engine");
  // The car-purchase article: select from the funding (a value) through the invoice period
  // (two dates), the way a mouse drag would, across the highlight runs of its suggestions.
  const [[carHeadline]] = sql("SELECT headline FROM articles WHERE body LIKE '%万元支持资金%' ORDER BY seq LIMIT 1");
  await browser.execute((hl) => [...document.querySelectorAll("#article-list li button")].find((b) => b.textContent === hl)?.click(), carHeadline);
  await browser.waitUntil(async () => (await text("#article-headline")) === carHeadline, { timeout: 10_000, timeoutMsg: "the car-purchase article did not open" });
  const selected = await browser.execute(() => {
    const box = document.querySelector("#article-text");
    const all = box.textContent;
    const from = all.indexOf("市政府安排了");
    const to = all.indexOf("期间", from) + "期间".length;
    // UTF-16 offsets of the whole text → a DOM range over its text nodes.
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent.length;
      if (from >= seen && from <= seen + len) range.setStart(n, from - seen);
      if (to >= seen && to <= seen + len) {
        range.setEnd(n, to - seen);
        break;
      }
      seen += len;
    }
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    document.dispatchEvent(new Event("selectionchange"));
    return range.toString();
  });
  assert.match(selected, /^市政府安排了.*万元.*期间$/s, "the selection holds the funding and the period");
  const newButton = await $("#new-from-selection");
  await browser.waitUntil(() => newButton.isEnabled(), { timeout: 5000, timeoutMsg: "selection did not enable the button" });
  await newButton.click();
  const form = await $("#measure-form");
  await form.waitForDisplayed();
  assert.equal(await text("#measure-form blockquote"), selected, "the form quotes the selection");
  // Prefilled by core from what the text says: 2020年4月10日0时开始至6月4日24时, 300万元,
  // 市政府 in a Zhuzhou paper.
  const fieldValue = (name) => browser.execute((n) => document.querySelector(`#measure-form input[name=${n}]`).value, name);
  const isProposed = (name) => browser.execute((n) => document.querySelector(`#measure-form input[name=${n}]`).classList.contains("proposed"), name);
  assert.equal(await fieldValue("effective_from"), "2020-04-10", "effective date read from 2020年4月10日0时开始");
  assert.equal(await fieldValue("expires_on"), "2020-06-04", "expiry read from 6月4日24时 (the end of that day)");
  assert.equal(await fieldValue("value"), "300万元", "the value read from the text, written as the text writes it");
  assert.equal(await fieldValue("issuer"), "株洲市人民政府", "市政府 in 株洲日报 is Zhuzhou's government");
  for (const f of ["effective_from", "expires_on", "value", "issuer"]) assert.ok(await isProposed(f), `${f} is marked as a proposal`);
  await shot("reader-form");
  await (await form.$("input[name=title]")).setValue("E2E 测试措施");
  await (await form.$("input[name=issuer]")).setValue("株洲市人民政府");
  await (await form.$("input[name=effective_from]")).setValue("2020-04-25");
  await (await form.$("input[name=expires_on]")).setValue("2020-12-31");
  // The value is left as proposed: it is stored typed, not as text.
  await (await $("#save-measure")).click();
  // Suggestions exist too, so the analyst's measure is found by its title.
  await browser.waitUntil(() => sql("SELECT count(*) FROM measures WHERE title = 'E2E 测试措施'")[0][0] === 1, { timeout: 10_000, timeoutMsg: "the measure was not saved" });
  const [[mine]] = sql("SELECT id FROM measures WHERE title = 'E2E 测试措施'");
  // Its span may overlap a suggestion's, which cuts it into several highlight runs.
  const markedText = () => browser.execute((id) => [...document.querySelectorAll("#article-text mark.span")]
    .filter((m) => m.dataset.measureIds.split(" ").includes(String(id))).map((m) => m.textContent).join(""), mine);
  await browser.waitUntil(async () => (await markedText()) === selected, { timeout: 10_000, timeoutMsg: "the new measure's span is not highlighted" });
  const [[quote]] = sql(`SELECT quote FROM sources WHERE measure_id = ${mine}`);
  assert.equal(quote, selected, "the stored quote is the selected text (scalar offsets)");
  const [[storedValue]] = sql(`SELECT value FROM measures WHERE id = ${mine}`);
  assert.equal(JSON.parse(storedValue).kind, "amount", "the untouched proposal is stored as a typed amount");
  await shot("reader");

  step("the Liling article lists its suggestions; the keyboard accepts one, Ctrl+Z undoes it");
  const openArticle = (headline) => browser.execute((hl) => {
    const b = [...document.querySelectorAll("#article-list li button")].find((x) => x.textContent.includes(hl));
    b?.click();
    return Boolean(b);
  }, headline);
  assert.ok(await openArticle("醴陵出台"), "the Liling article is listed");
  await browser.waitUntil(async () => (await text("#article-headline")).includes("醴陵出台"), { timeout: 10_000, timeoutMsg: "the Liling article did not open" });
  const firstSuggestion = await $("#article-measures li[data-status='suggested']");
  await firstSuggestion.waitForDisplayed({ timeout: 10_000 });
  const sid = Number(await firstSuggestion.getAttribute("data-measure-id"));
  const storedStatusOf = (id) => sql(`SELECT status FROM measures WHERE id = ${id}`)[0][0];
  const badge = (id) => text(`#article-measures li[data-measure-id='${id}'] .badge`);
  assert.equal(storedStatusOf(sid), "suggested");
  const badgeBefore = await badge(sid);
  await browser.execute(() => document.activeElement?.blur());
  await browser.keys("j");
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector("#article-measures li.cursor")?.dataset.measureId)) === String(sid), { timeout: 5000, timeoutMsg: "j did not move to the first suggestion" });
  await browser.keys("a");
  await browser.waitUntil(async () => storedStatusOf(sid) === "confirmed", { timeout: 10_000, timeoutMsg: "a did not accept the suggestion" });
  await browser.waitUntil(async () => (await badge(sid)) !== badgeBefore && (await badge(sid)) !== "", { timeout: 10_000, timeoutMsg: "the status badge did not change" });
  assert.equal(await browser.execute((id) => document.querySelector(`#article-measures li[data-measure-id='${id}'] .accept`) === null, sid), true, "an accepted measure has no Accept button");
  await shot("reader-suggestions");
  await browser.keys(["Control", "z"]);
  await browser.releaseActions();
  await browser.waitUntil(async () => storedStatusOf(sid) === "suggested", { timeout: 10_000, timeoutMsg: "Ctrl+Z did not undo the accept" });
  await browser.waitUntil(async () => (await badge(sid)) === badgeBefore, { timeout: 10_000, timeoutMsg: "the badge did not return after undo" });

  step("search 电价 across issues and open the hit");
  const [firstHeadline] = sql("SELECT headline FROM articles ORDER BY seq LIMIT 1")[0];
  await openArticle(firstHeadline);
  await (await $("#search-input")).setValue("电价");
  await (await $("#search-button")).click();
  const hit = await $("#search-results .search-hit");
  await hit.waitForDisplayed({ timeout: 10_000 });
  assert.ok((await browser.$$("#search-results mark")).length >= 1, "hits are marked in the results");
  await browser.execute(() => [...document.querySelectorAll("#search-results .search-hit")].find((b) => b.textContent.includes("醴陵出台"))?.click());
  await browser.waitUntil(async () => (await text("#article-headline")).includes("醴陵出台"), { timeout: 10_000, timeoutMsg: "the hit did not open its article" });
  assert.equal(await browser.execute(() => document.getSelection().toString()), "电价", "the hit is selected in the text");
  await shot("reader-search");

  step("edit the expiry date in the table");
  await (await $("#nav-measures")).click();
  // Only the analyst's own measure: the suggestions are not part of this story.
  await (await $("#filter-text")).setValue("E2E 测试措施");
  await (await $("#apply-filters")).click();
  await browser.waitUntil(async () => (await browser.$$(ROW)).length === 1, { timeout: 10_000, timeoutMsg: "the text filter did not isolate the measure" });
  const expiresSelector = `${ROW} .grid-cell[data-field='expires_on']`;
  const expiresText = () => text(expiresSelector);
  await browser.waitUntil(async () => (await expiresText()) === "2020-12-31", { timeout: 10_000, timeoutMsg: "the new measure's expiry is not in the grid" });
  const expiresCell = await $(expiresSelector);
  await expiresCell.click();
  const editor = await expiresCell.$("input");
  await editor.waitForExist();
  // Typing replaces the selected contents; Enter commits. (A WebDriver "clear" would blur the
  // editor, which ends the edit.)
  await editor.addValue("2020-04-30\uE007");
  await browser.waitUntil(async () => sql(`SELECT expires_on FROM measures WHERE id = ${mine}`)[0][0] === "2020-04-30", {
    timeout: 10_000,
    timeoutMsg: "the edited expiry date was not saved",
  });
  await shot("measures-edited");

  step("an expiry before the effective date is refused with a sentence");
  await (await $(expiresSelector)).click();
  const editor2 = await $(`${expiresSelector} input`);
  await editor2.waitForExist();
  await editor2.addValue("2019-01-01\uE007");
  await browser.waitUntil(async () => (await notice()).includes("2019-01-01"), { timeout: 10_000, timeoutMsg: "no refusal shown" });
  assert.equal(await (await $("#notice")).getAttribute("data-kind"), "error");
  assert.equal(sql(`SELECT expires_on FROM measures WHERE id = ${mine}`)[0][0], "2020-04-30", "nothing was saved");

  step("undo restores the previous expiry");
  await (await $("#undo")).click();
  await browser.waitUntil(async () => sql(`SELECT expires_on FROM measures WHERE id = ${mine}`)[0][0] === "2020-12-31", {
    timeout: 10_000,
    timeoutMsg: "undo did not restore the expiry",
  });
  await browser.waitUntil(async () => (await expiresText()) === "2020-12-31", { timeout: 10_000, timeoutMsg: "the table did not refresh after undo" });

  step("Ctrl+Shift+Z redoes and Ctrl+Z undoes, through core's change log");
  const storedExpiry = () => sql(`SELECT expires_on FROM measures WHERE id = ${mine}`)[0][0];
  await browser.keys(["Control", "Shift", "z"]);
  await browser.releaseActions();
  await browser.waitUntil(async () => storedExpiry() === "2020-04-30", { timeout: 10_000, timeoutMsg: "Ctrl+Shift+Z did not redo" });
  await browser.waitUntil(async () => (await expiresText()) === "2020-04-30", { timeout: 10_000, timeoutMsg: "the grid did not show the redone value" });
  await browser.keys(["Control", "z"]);
  await browser.releaseActions();
  await browser.waitUntil(async () => storedExpiry() === "2020-12-31", { timeout: 10_000, timeoutMsg: "Ctrl+Z did not undo" });
  await browser.waitUntil(async () => (await expiresText()) === "2020-12-31", { timeout: 10_000, timeoutMsg: "the grid did not show the undone value" });

  step("filter by in force on a date");
  const total = () => text("#measure-total");
  await (await $("#filter-in-force")).setValue("2021-01-01");
  await (await $("#apply-filters")).click();
  await browser.waitUntil(async () => /\b0\b/.test(await total()), { timeout: 10_000, timeoutMsg: "a measure that expired on 2020-12-31 matched 2021-01-01" });
  await (await $("#filter-in-force")).setValue("2020-05-01");
  await (await $("#apply-filters")).click();
  await browser.waitUntil(async () => /\b1\b/.test(await total()), { timeout: 10_000, timeoutMsg: "the measure is not in force on 2020-05-01 after the undo" });
  await browser.waitUntil(async () => (await browser.$$(ROW)).length === 1, { timeout: 5000, timeoutMsg: "the grid does not show the one matching row" });
  await shot("measures-in-force");

  step("bulk status change of the rows ticked in the grid, then undo it");
  const storedStatus = () => sql(`SELECT status FROM measures WHERE id = ${mine}`)[0][0];
  await (await $(`${ROW} .grid-check`)).click();
  await (await $("#bulk-status")).selectByAttribute("value", "rejected");
  await (await $("#bulk-apply")).click();
  await browser.waitUntil(async () => storedStatus() === "rejected", { timeout: 10_000, timeoutMsg: "bulk status change not saved" });
  await (await $("#undo")).click();
  await browser.waitUntil(async () => storedStatus() === "confirmed", { timeout: 10_000, timeoutMsg: "undo of the bulk change failed" });

  step("filter expiring within N days (counted from today by core)");
  const setFilter = async (sel, value) => {
    await browser.execute((s, v) => { document.querySelector(s).value = v; }, sel, value);
  };
  const localDay = (plus) => {
    const d = new Date();
    d.setDate(d.getDate() + plus);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  await setFilter("#filter-in-force", "");
  await setFilter("#filter-expiring", "30");
  await (await $("#apply-filters")).click();
  await browser.waitUntil(async () => /\b0\b/.test(await total()), { timeout: 10_000, timeoutMsg: "a measure expiring on 2020-12-31 matched 'within 30 days' of today" });
  await setFilter("#filter-expiring", "");
  await (await $("#apply-filters")).click();
  await browser.waitUntil(async () => (await browser.$$(ROW)).length === 1, { timeout: 10_000, timeoutMsg: "the text filter alone does not show the measure" });
  // The analyst moves the expiry to ten days from today, in the grid.
  const soon = localDay(10);
  await (await $(expiresSelector)).click();
  const editor3 = await $(`${expiresSelector} input`);
  await editor3.waitForExist();
  await editor3.addValue(`${soon}\uE007`);
  await browser.waitUntil(async () => storedExpiry() === soon, { timeout: 10_000, timeoutMsg: "the new expiry was not saved" });
  for (const [days, want] of [["30", 1], ["10", 1], ["9", 0]]) {
    await setFilter("#filter-expiring", days);
    await (await $("#apply-filters")).click();
    await browser.waitUntil(async () => new RegExp(`\\b${want}\\b`).test(await total()), { timeout: 10_000, timeoutMsg: `expiring within ${days} days did not give ${want}` });
  }
  // Every measure, not only the analyst's: the grid agrees with the database's own count.
  await setFilter("#filter-text", "");
  await setFilter("#filter-expiring", "30");
  await (await $("#apply-filters")).click();
  const [[expiringSoon]] = sql("SELECT count(*) FROM measures WHERE expires_on BETWEEN date('now','localtime') AND date('now','localtime','+30 days')");
  await browser.waitUntil(async () => new RegExp(`\\b${expiringSoon}\\b`).test(await total()), { timeout: 10_000, timeoutMsg: "the grid's count differs from the database's" });
  await shot("measures-expiring");
  await (await $("#undo")).click();
  await browser.waitUntil(async () => storedExpiry() === "2020-12-31", { timeout: 10_000, timeoutMsg: "undo did not restore the expiry" });

  step("a package row shows its items under it, collapsible");
  await (await $("#clear-filters")).click();
  const [[pkg, items]] = sql("SELECT parent_id, count(*) FROM measures WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1");
  const itemIds = sql(`SELECT id FROM measures WHERE parent_id = ${pkg} ORDER BY id`).map(([id]) => id);
  const toggle = `.package-toggle[data-measure-id='${pkg}']`;
  await (await $(toggle)).waitForExist({ timeout: 10_000 });
  assert.match(await text(toggle), new RegExp(`\\b${items}\\b`), "the toggle counts the package's items");
  // The rows after the package, up to the next top-level row: its items, indented, in order.
  const rowsUnder = () => browser.execute((id) => {
    const rows = [...document.querySelectorAll(".grid-row[data-id]:not([hidden])")];
    const at = rows.findIndex((r) => r.querySelector(".grid-cell[data-field='id']")?.textContent === String(id));
    const out = [];
    for (const r of rows.slice(at + 1)) {
      const depth = Number(r.querySelector(".tree-cell")?.dataset.depth ?? 0);
      if (depth === 0) break;
      out.push([Number(r.querySelector(".grid-cell[data-field='id']").textContent), depth]);
    }
    return out;
  }, pkg);
  await browser.waitUntil(async () => (await rowsUnder()).length === items, { timeout: 10_000, timeoutMsg: "the package's items are not listed under it" });
  assert.deepEqual(await rowsUnder(), itemIds.map((id) => [id, 1]), "the items, at depth 1, in order");
  await shot("measures");
  const count = async () => Number((await total()).match(/\d+/)[0]);
  const before = await count();
  await (await $(toggle)).click();
  await browser.waitUntil(async () => (await rowsUnder()).length === 0, { timeout: 10_000, timeoutMsg: "collapsing did not hide the items" });
  assert.equal(await count(), before - items, "the total counts only the rows shown");
  assert.ok(await (await $(toggle)).isExisting(), "the collapsed package stays, with its toggle");
  await (await $(toggle)).click();
  await browser.waitUntil(async () => (await rowsUnder()).length === items, { timeout: 10_000, timeoutMsg: "expanding did not show the items again" });

  step("sort by a header click; edit from the keyboard");
  // Flat, so the order is the expiry column's alone.
  await (await $("#group-packages")).click();
  const expiryHeader = await $(".grid-hcell[data-field='expires_on']");
  const shownExpiries = () => browser.execute((sel) => [...document.querySelectorAll(sel)].map((r) => r.querySelector(".grid-cell[data-field='expires_on']").textContent), ROW);
  const dbExpiries = (dir) => sql(`SELECT coalesce(expires_on, '') FROM measures ORDER BY expires_on IS NULL ${dir === "DESC" ? "DESC" : ""}, expires_on ${dir}, id ${dir}`).map(([d]) => d);
  await expiryHeader.click();
  await browser.waitUntil(async () => JSON.stringify(await shownExpiries()) === JSON.stringify(dbExpiries("ASC").slice(0, (await shownExpiries()).length)), {
    timeout: 10_000,
    timeoutMsg: "the rows are not in the database's expiry order",
  });
  assert.equal(await expiryHeader.getAttribute("aria-sort"), "ascending");
  await expiryHeader.click();
  await browser.waitUntil(async () => (await expiryHeader.getAttribute("aria-sort")) === "descending", { timeout: 5000, timeoutMsg: "the second click did not reverse the sort" });
  await browser.waitUntil(async () => JSON.stringify(await shownExpiries()) === JSON.stringify(dbExpiries("DESC").slice(0, (await shownExpiries()).length)), {
    timeout: 10_000,
    timeoutMsg: "the rows are not in reverse expiry order",
  });
  // Click the first row's id cell (not editable), then move with the keyboard to its title.
  const firstId = await browser.execute((sel) => document.querySelector(sel).dataset.id, ROW);
  await (await $(`${ROW} .grid-cell[data-field='id']`)).click();
  // One key per call: keys given together are pressed as a chord.
  for (const key of ["ArrowRight", "ArrowRight", "Enter"]) await browser.keys(key);
  const titleEditor = await $(`.grid-row[data-id='${firstId}'] .grid-cell[data-field='title'] input`);
  await titleEditor.waitForExist({ timeout: 5000, timeoutMsg: "Enter on the title cell did not open its editor" });
  const [[storedTitle]] = sql(`SELECT title FROM measures WHERE id = ${firstId}`);
  assert.equal(await titleEditor.getValue(), storedTitle, "the editor starts from the stored title");
  await browser.keys(["Escape"]);
  await browser.waitUntil(async () => !(await titleEditor.isExisting()), { timeout: 5000, timeoutMsg: "Escape did not close the editor" });
  assert.equal(sql(`SELECT title FROM measures WHERE id = ${firstId}`)[0][0], storedTitle, "Escape saved nothing");
  await shot("measures-sorted");
  await expiryHeader.click();
  await (await $("#group-packages")).click();

  step("export JSON through the save seam and read the file");
  await (await $("#nav-export")).click();
  await (await $("#export-json")).click();
  await browser.waitUntil(async () => (await text("#export-result")).includes(exportPath), { timeout: 10_000, timeoutMsg: "export did not report its file" });
  const doc = JSON.parse(fs.readFileSync(exportPath, "utf8"));
  assert.equal(doc.format, "policy-ledger");
  assert.equal(doc.issues.length, 1);
  assert.equal(doc.issues[0].articles.length, stored);
  const [[measureCount]] = sql("SELECT count(*) FROM measures");
  assert.equal(doc.measures.length, measureCount, "every stored measure is exported");
  const exported = doc.measures.find((m) => m.title === "E2E 测试措施");
  assert.equal(exported.expires_on, "2020-12-31", "the export has the undone expiry");
  assert.equal(exported.sources[0].quote, selected);
  await shot("export");

  step("the interface switches to English and remembers it");
  const storedLang = () => browser.execute(() => localStorage.getItem("policy-ledger.lang"));
  await (await $("#lang-select")).selectByAttribute("value", "en");
  await browser.waitUntil(async () => (await storedLang()) === "en", { timeout: 5000, timeoutMsg: "the language switch was not remembered" });
  await (await $("#nav-library")).click();
  await browser.waitUntil(async () => (await text("#import-button")).startsWith("Import"), { timeout: 5000, timeoutMsg: "the library is not in English" });
  assert.equal(await browser.execute(() => localStorage.getItem("policy-ledger.lang")), "en");
  await shot("library-en");
  console.log(`E2E passed: ${stored} articles, screenshots in ${shots}`);
});
