// The window's first screen while the ledger opens: an older ledger is upgraded before the app
// can use it (seconds to a minute on a big one), so the analyst sees which step it is on, how
// far it is, and where the copy of the previous file was kept. Then the normal app.
//
// The status comes from the `ledger-status` event and, for a window that loads late (or after
// the last event), from the `ledger_status` command; the listener is attached first so no
// change falls between the two. A status never goes back: the newest step wins, and once
// `ready` or `failed` arrives the screen is done. A failed open goes to the app, which shows
// the reason on every call as before.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { OpenStatus } from "../bindings/OpenStatus";
import type { UpgradeProgress } from "../bindings/UpgradeProgress";
import { clear, h } from "../dom";
import { t, type Key } from "../i18n";

export const LEDGER_STATUS_EVENT = "ledger-status";

/** A ledger that opens within this long (every start without an upgrade) shows no "Opening…". */
export const OPENING_TEXT_AFTER_MS = 300;

/** The sentence for an upgrade step's key; a key this build has no words for is shown as is. */
export function stepName(name: string): string {
  const key = `step_${name}` as Key;
  try {
    return t(key);
  } catch {
    return name;
  }
}

/** The percentage shown for a step's share done (none when the step cannot tell). */
export function percent(fraction: number | null): string | null {
  return fraction === null ? null : `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)} %`;
}

/** Whether `next` is news after `seen` (statuses may arrive out of order: event vs command). */
function newer(seen: OpenStatus | null, next: OpenStatus): boolean {
  if (seen === null || seen.state === "opening") return true;
  if (seen.state === "ready" || seen.state === "failed") return false;
  if (next.state !== "upgrading") return next.state !== "opening";
  const a = seen.progress;
  const b = next.progress;
  return b.step > a.step || (b.step === a.step && (b.fraction ?? 0) >= (a.fraction ?? 0));
}

/**
 * Show the opening screen in `root` until the ledger is open (or failed to open), then clear
 * it. Resolves at once, drawing nothing, when the ledger is already open.
 */
export async function waitForLedger(root: HTMLElement): Promise<OpenStatus> {
  let seen: OpenStatus | null = null;
  let done: (s: OpenStatus) => void = () => {};
  const settled = new Promise<OpenStatus>((resolve) => (done = resolve));
  let openingTimer: ReturnType<typeof setTimeout> | undefined;
  const take = (s: OpenStatus) => {
    if (!newer(seen, s)) return;
    seen = s;
    clearTimeout(openingTimer);
    if (s.state === "ready" || s.state === "failed") done(s);
    else if (s.state === "opening") openingTimer = setTimeout(() => draw(root, s), OPENING_TEXT_AFTER_MS);
    else draw(root, s);
  };
  const unlisten: UnlistenFn | null = await listen<OpenStatus>(LEDGER_STATUS_EVENT, (ev) => take(ev.payload)).catch(
    () => null,
  );
  try {
    take(await invoke<OpenStatus>("ledger_status"));
  } catch {
    // A shell without the command (never in this build): go on as if open; calls will tell.
    take({ state: "ready" });
  }
  const final = await settled;
  unlisten?.();
  clear(root);
  delete root.dataset.opening;
  return final;
}

function draw(root: HTMLElement, s: OpenStatus): void {
  root.dataset.opening = s.state;
  clear(root);
  const lines: HTMLElement[] = [];
  if (s.state === "upgrading") {
    const p: UpgradeProgress = s.progress;
    const pct = percent(p.fraction);
    lines.push(
      h("h1", { id: "opening-title" }, t("upgradeTitle")),
      h(
        "p",
        { id: "opening-step" },
        t("upgradeStep", { step: p.step, steps: p.steps, name: stepName(p.name) }) + (pct ? ` — ${pct}` : ""),
      ),
      h("progress", { id: "opening-bar", max: p.steps, value: p.step - 1 + (p.fraction ?? 0) }),
    );
    if (p.backup) lines.push(h("p", { id: "opening-copy" }, t("upgradeKept", { path: p.backup })));
    lines.push(h("p", { class: "opening-hint" }, t("upgradeWait")));
  } else {
    lines.push(h("h1", { id: "opening-title" }, t("openingLedger")));
  }
  root.append(h("section", { id: "opening", role: "status", "aria-live": "polite" }, ...lines));
}
