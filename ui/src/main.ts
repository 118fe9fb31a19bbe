// Entry point: build the shell, its five views, and window-wide file drop → import.

import { getCurrentWebview } from "@tauri-apps/api/webview";
import "./style.css";
import { App } from "./app";
import { t } from "./i18n";
import { ExportView } from "./views/export";
import { LibraryView } from "./views/library";
import { MeasuresView } from "./views/measures";
import { ReaderView } from "./views/reader";
import { TimelineView } from "./views/timeline";
import { waitForLedger } from "./views/opening";

const root = document.getElementById("app")!;
let library: LibraryView;
const app = new App(root, (a) => {
  library = new LibraryView(a);
  return { library, reader: new ReaderView(a), measures: new MeasuresView(a), timeline: new TimelineView(a), export: new ExportView(a) };
});
// The window shows at once; an older ledger is upgraded first, with its progress on screen.
void waitForLedger(root).then(() => app.start());

// Files dropped anywhere on the window are imported through the same command as the picker.
const overlay = document.createElement("div");
overlay.id = "drop-overlay";
overlay.hidden = true;
document.body.append(overlay);
void getCurrentWebview()
  .onDragDropEvent(async (ev) => {
    const p = ev.payload;
    if (p.type === "enter" || p.type === "over") {
      overlay.textContent = t("dropHint");
      overlay.hidden = false;
    } else if (p.type === "leave") {
      overlay.hidden = true;
    } else if (p.type === "drop") {
      overlay.hidden = true;
      if (p.paths.length) {
        await app.show("library");
        await library.runImport(p.paths);
      }
    }
  })
  .catch((e) => app.fail(e));
