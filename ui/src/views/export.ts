// Export: the whole ledger as the JSON interchange document, saved where the analyst chooses
// in the native save dialog. (Calendar and CSV options join here when core provides them.)

import type { App, View } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { api } from "../ipc";
import { buildMeasureQuery, NO_FILTERS } from "../measures/query";

export class ExportView implements View {
  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    const preview = h("p", { id: "export-preview" });
    const result = h("p", { id: "export-result", class: "result" });
    const button = h(
      "button",
      {
        id: "export-json",
        type: "button",
        class: "primary",
        on: {
          click: async () => {
            button.disabled = true;
            try {
              const path = await api.exportJson();
              result.textContent = path ? t("exported", { path }) : t("exportCancelled");
              this.app.notify(result.textContent);
            } catch (e) {
              this.app.fail(e);
            } finally {
              button.disabled = false;
            }
          },
        },
      },
      t("exportJson"),
    );
    root.append(h("section", { class: "export" }, h("h2", {}, "JSON"), h("p", { class: "hint" }, t("exportHint")), preview, button, result));
    try {
      const [issues, measures] = await Promise.all([
        api.listIssues(),
        api.queryMeasures(buildMeasureQuery(NO_FILTERS, { size: 1 })),
      ]);
      preview.textContent = t("exportPreview", { issues: issues.length, measures: measures.total });
    } catch (e) {
      this.app.fail(e);
    }
  }
}
