// End-to-end test of the Timeline view in the real app (tauri-driver + WebKitWebDriver under
// Xvfb): import the seed issue through the pick seam (the suggester proposes dated measures),
// open the Timeline, set the marker to 2020-05-01 and the expiring window, and compare what is
// drawn and listed with what the database holds; a click on an expiring entry opens its
// article in the reader. Writes docs/screenshots/timeline.png.
//
// Usage: scripts/test-e2e timeline

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { here, run, step } from "./harness.mjs";

const MARKER = "2020-05-01";
const WITHIN = 60;
const SHOWN = "('suggested', 'confirmed')";

function prepare(tmp) {
  const seed = path.join(tmp, "株洲日报-2020-04-25.txt");
  fs.copyFileSync(path.join(here, "fixtures/seed.txt"), seed);
  return { pick: [seed] };
}

await run("timeline", prepare, async ({ browser, $, text, shot, sql }) => {
  step("import the seed issue; the suggester proposes measures");
  await (await $("#import-button")).waitForDisplayed({ timeout: 20_000 });
  await (await $("#import-button")).click();
  await (await $("#import-report li[data-status='imported']")).waitForDisplayed({ timeout: 30_000 });
  const [[dated]] = sql(`SELECT count(*) FROM measures WHERE status IN ${SHOWN} AND (effective_from IS NOT NULL OR expires_on IS NOT NULL)`);
  assert.ok(dated >= 2, `the seed gives dated suggestions (got ${dated})`);

  step("the Timeline draws one bar per dated measure");
  await (await $("#nav-timeline")).click();
  await (await $("#timeline-chart")).waitForDisplayed({ timeout: 10_000 });
  await browser.waitUntil(async () => (await browser.$$(".tl-bar")).length === dated, {
    timeout: 10_000,
    timeoutMsg: `expected ${dated} bars, one per dated suggested/confirmed measure`,
  });
  const [[undated]] = sql(`SELECT count(*) FROM measures WHERE status IN ${SHOWN} AND effective_from IS NULL AND expires_on IS NULL`);
  if (undated > 0) assert.match(await text("#timeline-summary"), new RegExp(`${undated}`), "undated measures are counted");
  // Every bar lies inside the track (core clips to the window).
  const outOfTrack = await browser.execute(() =>
    [...document.querySelectorAll(".tl-bar")].filter((b) => {
      const left = parseFloat(b.style.left);
      const width = parseFloat(b.style.width);
      return !(left >= 0 && width > 0 && left + width <= 100.0001);
    }).length,
  );
  assert.equal(outOfTrack, 0, "bars are placed within the window");

  step("the arrow keys move between bars, End to the last");
  const barIds = await browser.execute(() => [...document.querySelectorAll(".tl-bar")].map((b) => b.dataset.measureId));
  await browser.execute(() => document.querySelector(".tl-bar").focus());
  const focusedBar = () => browser.execute(() => document.activeElement?.dataset.measureId ?? null);
  await browser.keys("ArrowDown");
  assert.equal(await focusedBar(), barIds[1], "ArrowDown focuses the next bar");
  await browser.keys("End");
  assert.equal(await focusedBar(), barIds.at(-1), "End focuses the last bar");
  await browser.keys("Home");
  assert.equal(await focusedBar(), barIds[0], "Home focuses the first bar");

  step(`set the marker to ${MARKER} and the expiring window to ${WITHIN} days`);
  const marker = await $("#tl-marker");
  await marker.clearValue();
  await marker.setValue(MARKER);
  const within = await $("#tl-within");
  await within.clearValue();
  await within.setValue(String(WITHIN));
  await browser.keys("Tab");
  await browser.waitUntil(async () => (await text("#timeline-expiring h3")).includes(MARKER) && (await text("#timeline-expiring h3")).includes(String(WITHIN)), {
    timeout: 10_000,
    timeoutMsg: "the expiring list did not follow the marker and days",
  });
  const markerLine = await $("#timeline-marker");
  assert.ok(await markerLine.isExisting(), "the marker line is drawn");
  assert.equal(await markerLine.getAttribute("data-date"), MARKER);
  // The line sits between the bars' extremes: 2020-05-01 lies inside the seed's dates.
  const markerLeft = await browser.execute(() => parseFloat(document.querySelector("#timeline-marker").style.left));
  assert.ok(markerLeft > 0 && markerLeft < 100, `the marker is inside the window (${markerLeft}%)`);

  step("the expiring list is what the database says expires within N days of the marker");
  const expected = sql(
    `SELECT id FROM measures WHERE status IN ${SHOWN} AND expires_on BETWEEN '${MARKER}' AND date('${MARKER}', '+${WITHIN} days')
     ORDER BY expires_on, id`,
  ).map(([id]) => String(id));
  const listed = await browser.execute(() => [...document.querySelectorAll("#timeline-expiring li")].map((li) => li.dataset.measureId));
  assert.deepEqual(listed, expected);
  assert.ok(expected.length >= 1, "the seed has a measure expiring within the window (the car-purchase lottery)");

  step("the status filter follows the database");
  const suggestedBox = await $("input[name=status][value=suggested]");
  await suggestedBox.click();
  const [[confirmedDated]] = sql("SELECT count(*) FROM measures WHERE status = 'confirmed' AND (effective_from IS NOT NULL OR expires_on IS NOT NULL)");
  await browser.waitUntil(async () => (await browser.$$(".tl-bar")).length === confirmedDated, { timeout: 10_000, timeoutMsg: "unticking suggested left suggested bars" });
  await suggestedBox.click();
  await browser.waitUntil(async () => (await browser.$$(".tl-bar")).length === dated, { timeout: 10_000, timeoutMsg: "ticking suggested again did not bring the bars back" });

  step("grouped by package, each package and its items share one group");
  await (await $("#tl-group-by")).selectByAttribute("value", "package");
  const [[packageGroups, standalone]] = sql(
    `SELECT count(DISTINCT coalesce(m.parent_id, CASE WHEN EXISTS (SELECT 1 FROM measures c WHERE c.parent_id = m.id) THEN m.id END)),
            max(m.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM measures c WHERE c.parent_id = m.id))
     FROM measures m WHERE m.status IN ${SHOWN}`,
  );
  const groupKeys = () => browser.execute(() => [...document.querySelectorAll(".tl-group")].map((g) => g.dataset.key));
  await browser.waitUntil(async () => (await groupKeys()).every((k) => /^\d*$/.test(k)), { timeout: 10_000, timeoutMsg: "the groups are not packages" });
  assert.equal((await groupKeys()).length, packageGroups + standalone, "one group per package, plus one for measures in none");
  assert.equal((await browser.$$(".tl-bar")).length, dated, "regrouping draws the same bars");
  await (await $("#tl-group-by")).selectByAttribute("value", "issuer");
  await browser.waitUntil(async () => !(await groupKeys()).every((k) => /^\d*$/.test(k)) || packageGroups === 0, { timeout: 10_000 });

  step("a click on an expiring entry opens its article in the reader");
  const first = expected[0];
  const [[headline]] = sql(
    `SELECT a.headline FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.measure_id = ${first} ORDER BY s.seq LIMIT 1`,
  );
  await (await $(`#timeline-expiring li[data-measure-id='${first}'] button`)).click();
  await (await $("#article-headline")).waitForDisplayed({ timeout: 10_000 });
  assert.equal(await text("#article-headline"), headline);
  assert.equal(await browser.execute(() => document.querySelector("#view").dataset.view), "reader");

  step("accepted in the reader, the measure is drawn as confirmed back in the Timeline");
  const accept = await $(`#article-measures li[data-measure-id='${first}'] .accept`);
  await accept.waitForDisplayed({ timeout: 10_000 });
  await accept.click();
  await browser.waitUntil(() => sql(`SELECT status FROM measures WHERE id = ${first}`)[0][0] === "confirmed", { timeout: 10_000, timeoutMsg: "Accept did not confirm the measure" });
  await (await $("#nav-timeline")).click();
  const confirmedBar = await $(`.tl-bar[data-measure-id='${first}']`);
  await confirmedBar.waitForExist({ timeout: 10_000 });
  assert.match(await confirmedBar.getAttribute("class"), /\bstatus-confirmed\b/);
  assert.equal(await (await $("#tl-marker")).getValue(), MARKER, "the view keeps its settings");
  await shot("timeline");
  console.log("timeline E2E passed: bars, marker and expiring list match the database");
});
