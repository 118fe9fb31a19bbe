// One sentence for the analyst per error, in the interface language. Codes the UI knows get
// a translated frame; the message from core (one English sentence) fills in the detail.

import { t, type Key } from "./i18n";
import type { AppError } from "./ipc";

export function errorSentence(err: AppError): string {
  switch (err.code) {
    case "nothing_to_do": {
      const what = /redo/.test(err.message) ? t("what_redo") : t("what_undo");
      return t("err_nothing_to_do", { what });
    }
    case "busy":
      return t("err_busy");
    case "invalid":
    case "not_found":
    case "newer_database":
    case "corrupt_database":
    case "invalid_args":
      return t(`err_${err.code}` as Key, { message: err.message });
    default:
      return t("err_other", { message: err.message });
  }
}
