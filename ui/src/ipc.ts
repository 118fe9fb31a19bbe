// Typed calls into the Rust commands (src-tauri/src/commands). Every failure is normalised to
// the `{code, message}` shape core errors cross IPC with, so views handle one error type.

import { invoke } from "@tauri-apps/api/core";
import type { Article } from "./bindings/Article";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportOptions } from "./bindings/ExportOptions";
import type { ExportReport } from "./bindings/ExportReport";
import type { FileReport } from "./bindings/FileReport";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { Issue } from "./bindings/Issue";
import type { IssueSummary } from "./bindings/IssueSummary";
import type { Measure } from "./bindings/Measure";
import type { MeasureInput } from "./bindings/MeasureInput";
import type { MeasurePage } from "./bindings/MeasurePage";
import type { MeasureQuery } from "./bindings/MeasureQuery";
import type { MeasureStatus } from "./bindings/MeasureStatus";
import type { TablePage } from "./bindings/TablePage";
import type { TableRow } from "./bindings/TableRow";
import type { SearchHit } from "./bindings/SearchHit";
import type { Timeline } from "./bindings/Timeline";
import type { TimelineQuery } from "./bindings/TimelineQuery";
import type { SelectionProposal } from "./bindings/SelectionProposal";
import type { UndoReport } from "./bindings/UndoReport";

export interface AppError {
  code: string;
  message: string;
}

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as AppError).code === "string" &&
    typeof (e as AppError).message === "string"
  );
}

/**
 * Any rejection as an AppError. Core errors already are one; Tauri itself rejects with a
 * plain string when arguments do not deserialise (e.g. 2020-02-30 is not a date).
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message };
  if (typeof e === "string") {
    return { code: e.startsWith("invalid args") ? "invalid_args" : "ipc", message: e };
  }
  if (e instanceof Error) return { code: "ui", message: e.message };
  return { code: "ui", message: String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  listIssues: () => call<IssueSummary[]>("list_issues"),
  getIssue: (id: number) => call<Issue>("get_issue", { id }),
  getArticle: (id: number) => call<Article>("get_article", { id }),
  setIssueMeta: (id: number, date: string | null, publication: string | null) =>
    call<IssueSummary>("set_issue_meta", { id, date, publication }),
  queryMeasures: (query: MeasureQuery) => call<MeasurePage>("query_measures", { query }),
  /** A block of the measures table: the columns the grid shows, not whole measures. */
  queryTable: (query: MeasureQuery) => call<TablePage>("query_table", { query }),
  getMeasure: (id: number) => call<Measure>("get_measure", { id }),
  createMeasure: (input: MeasureInput) => call<Measure>("create_measure", { input }),
  updateMeasure: (id: number, input: MeasureInput) =>
    call<Measure>("update_measure", { id, input }),
  /** Save an edit made in the measures table; core answers with the row as the table shows it
   * (`grouped`: packages grouped with their items, which gives the row its depth). */
  updateTableRow: (id: number, input: MeasureInput, grouped: boolean) =>
    call<TableRow>("update_table_row", { id, input, grouped }),
  setMeasureStatus: (ids: number[], status: MeasureStatus) =>
    call<Measure[]>("set_measure_status", { ids, status }),
  deleteMeasure: (id: number) => call<number[]>("delete_measure", { id }),
  /** Core's draft for the selected characters start..end (scalar offsets); saves nothing. */
  proposeMeasure: (articleId: number, start: number, end: number) =>
    call<SelectionProposal>("propose_measure", { articleId, start, end }),
  searchArticles: (query: string, limit: number) => call<SearchHit[]>("search_articles", { query, limit }),
  undo: () => call<UndoReport>("undo"),
  redo: () => call<UndoReport>("redo"),
  importPickedFiles: (options?: ImportOptions) =>
    call<FileReport[]>("import_picked_files", { options: options ?? null }),
  importPaths: (paths: string[], options?: ImportOptions) =>
    call<FileReport[]>("import_paths", { paths, options: options ?? null }),
  /** What an export would take with these options; writes nothing. */
  previewExport: (format: ExportFormat, options: ExportOptions) =>
    call<ExportReport>("preview_export", { format, options }),
  /** Save dialog → export → atomic write; null if the analyst cancelled. The shape is
   * `SavedExport` in src-tauri/src/commands/export.rs. */
  exportFile: (format: ExportFormat, options: ExportOptions) =>
    call<{ path: string; report: ExportReport } | null>("export_file", { format, options }),
  ledgerLocation: () => call<string | null>("ledger_location"),
  /** Bars, ticks, marker and expiring list, laid out by core (store/timeline.rs). */
  timeline: (query: TimelineQuery) => call<Timeline>("timeline", { query }),
};

/** Name of the event carrying ImportProgress (src-tauri/src/commands/import.rs). */
export const IMPORT_PROGRESS_EVENT = "import-progress";
