import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { errorSentence } from "./errors";
import { setLang } from "./i18n";
import { api, toAppError } from "./ipc";

afterEach(() => {
  clearMocks();
  setLang("zh");
});

describe("errors from IPC", () => {
  it("keeps a core error's code and message", async () => {
    mockIPC((cmd) => {
      if (cmd === "undo") throw { code: "nothing_to_do", message: "nothing to undo" };
    });
    await expect(api.undo()).rejects.toEqual({ code: "nothing_to_do", message: "nothing to undo" });
  });

  it("turns Tauri's own argument errors into the same shape", () => {
    expect(toAppError("invalid args `date` for command `set_issue_meta`: input is out of range")).toEqual({
      code: "invalid_args",
      message: "invalid args `date` for command `set_issue_meta`: input is out of range",
    });
    expect(toAppError(new Error("boom"))).toEqual({ code: "ui", message: "boom" });
  });

  it.each([
    ["en", { code: "invalid", message: "the expiry date 2020-04-30 is before the effective date 2020-05-01" }, "Not saved: the expiry date 2020-04-30 is before the effective date 2020-05-01"],
    ["zh", { code: "invalid", message: "a measure needs a title" }, "输入有误：a measure needs a title"],
    ["en", { code: "nothing_to_do", message: "nothing to redo" }, "Nothing to redo"],
    ["zh", { code: "nothing_to_do", message: "nothing to undo" }, "没有可以撤销的操作"],
    ["en", { code: "busy", message: "the database is busy" }, "The database is in use by another program; try again in a moment"],
    ["en", { code: "weird", message: "x happened" }, "Something went wrong: x happened"],
  ] as const)("shows %s %j as one sentence", (lang, err, sentence) => {
    setLang(lang);
    expect(errorSentence(err)).toBe(sentence);
  });
});
