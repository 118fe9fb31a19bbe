// Interface strings in Chinese and English. The choice is remembered in localStorage.
// Imported text (headlines, articles) is never translated or passed through here.

export type Lang = "zh" | "en";

const zh = {
  appName: "政策台账",
  navLibrary: "文库",
  navReader: "阅读",
  navMeasures: "措施",
  navExport: "导出",
  // Library
  importButton: "导入报纸…",
  importing: "正在导入 {current}（{done}/{total}）",
  importDone: "导入完成：{imported} 份新报纸，{duplicates} 份重复，{failed} 份失败",
  importCancelled: "未选择文件",
  dropHint: "松开鼠标即可导入这些文件",
  colPublication: "报纸",
  colDate: "日期",
  colSource: "来源文件",
  colArticles: "文章",
  colMeasures: "措施",
  colImportedAt: "导入时间",
  open: "阅读",
  edit: "修改",
  save: "保存",
  cancel: "取消",
  noIssues: "还没有报纸。点击“导入报纸…”或把文件拖到窗口里。",
  reportImported: "已导入：{articles} 篇文章",
  reportDuplicate: "已存在（第 {id} 号）",
  reportFailed: "失败：{reason}",
  dateUnknown: "日期不详",
  dateFormatHint: "日期格式为 YYYY-MM-DD，例如 2020-04-25",
  issueSaved: "已保存报纸信息",
  // Reader
  chooseIssue: "请先在文库中选择一份报纸。",
  articles: "文章",
  measuresHere: "本文措施",
  noMeasuresHere: "本文还没有措施。选中正文中的文字即可新建。",
  newFromSelection: "用选中文字新建措施",
  selectFirst: "先在正文中选中一段文字",
  formTitle: "名称",
  formIssuer: "发布机关",
  formCategory: "类别",
  formEffective: "生效日期",
  formExpires: "截止日期",
  formValue: "数值",
  formNotes: "备注",
  formQuote: "原文",
  measureCreated: "已新建措施 #{id}",
  accept: "采纳",
  reject: "否决",
  suggestionAccepted: "已采纳：{title}",
  suggestionRejected: "已否决：{title}",
  suggestionKeys: "建议：j/k 或 ↓/↑ 移动，a 采纳，r 否决，e 修改；Ctrl+Z 撤销",
  search: "搜索",
  searchPlaceholder: "全文搜索所有报纸",
  searchNothing: "没有找到",
  reportSuggestions: "{count} 条建议措施",
  // Measures
  undo: "撤销",
  redo: "重做",
  undone: "已撤销：{label}",
  redone: "已重做：{label}",
  filterStatus: "状态",
  filterAll: "全部",
  filterIssuer: "发布机关",
  filterCategory: "类别",
  filterInForce: "某日有效",
  filterText: "搜索",
  applyFilters: "筛选",
  clearFilters: "清除",
  bulkStatus: "将选中的设为",
  apply: "应用",
  selectedCount: "已选 {n} 项",
  totalCount: "共 {n} 项措施",
  status_suggested: "建议",
  status_confirmed: "已确认",
  status_rejected: "已否决",
  colId: "编号",
  colTitle: "名称",
  colIssuer: "发布机关",
  colCategory: "类别",
  colValue: "数值",
  colEffective: "生效",
  colExpires: "截止",
  colStatus: "状态",
  colQuote: "原文",
  colUpdated: "修改时间",
  saved: "已保存",
  // Export
  exportJson: "导出 JSON…",
  exportHint: "导出整个台账（全部报纸、文章和措施）为 JSON 交换格式。",
  exportPreview: "将导出 {issues} 份报纸、{measures} 项措施。",
  exported: "已导出到 {path}",
  exportCancelled: "已取消导出",
  // Errors
  err_invalid: "输入有误：{message}",
  err_not_found: "找不到：{message}",
  err_nothing_to_do: "没有可以{what}的操作",
  err_busy: "数据库正被其他程序使用，请稍后再试",
  err_newer_database: "这个数据库由更新版本的政策台账写入，请升级程序：{message}",
  err_corrupt_database: "数据库已损坏，请从备份恢复：{message}",
  err_invalid_args: "请求格式有误（日期须为 YYYY-MM-DD 的有效日期）：{message}",
  err_other: "出错了：{message}",
  what_undo: "撤销",
  what_redo: "重做",
  ledgerAt: "台账文件：{path}",
};

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  appName: "Policy Ledger",
  navLibrary: "Library",
  navReader: "Reader",
  navMeasures: "Measures",
  navExport: "Export",
  importButton: "Import issues…",
  importing: "Importing {current} ({done}/{total})",
  importDone: "Import finished: {imported} new, {duplicates} already stored, {failed} failed",
  importCancelled: "No file chosen",
  dropHint: "Drop to import these files",
  colPublication: "Publication",
  colDate: "Date",
  colSource: "Source file",
  colArticles: "Articles",
  colMeasures: "Measures",
  colImportedAt: "Imported",
  open: "Read",
  edit: "Edit",
  save: "Save",
  cancel: "Cancel",
  noIssues: "No issues yet. Click “Import issues…” or drop files on the window.",
  reportImported: "imported: {articles} articles",
  accept: "Accept",
  reject: "Reject",
  suggestionAccepted: "Accepted: {title}",
  suggestionRejected: "Rejected: {title}",
  suggestionKeys: "Suggestions: j/k or ↓/↑ to move, a accept, r reject, e edit; Ctrl+Z undoes",
  search: "Search",
  searchPlaceholder: "Search every issue",
  searchNothing: "Nothing found",
  reportSuggestions: "{count} suggestions",
  reportDuplicate: "already stored (issue {id})",
  reportFailed: "failed: {reason}",
  dateUnknown: "date unknown",
  dateFormatHint: "Dates are YYYY-MM-DD, e.g. 2020-04-25",
  issueSaved: "Issue details saved",
  chooseIssue: "Choose an issue in the library first.",
  articles: "Articles",
  measuresHere: "Measures in this article",
  noMeasuresHere: "No measures here yet. Select text in the article to create one.",
  newFromSelection: "New measure from selection",
  selectFirst: "Select some text in the article first",
  formTitle: "Title",
  formIssuer: "Issuer",
  formCategory: "Category",
  formEffective: "Effective from",
  formExpires: "Expires on",
  formValue: "Value",
  formNotes: "Notes",
  formQuote: "Source text",
  measureCreated: "Measure #{id} created",
  undo: "Undo",
  redo: "Redo",
  undone: "Undone: {label}",
  redone: "Redone: {label}",
  filterStatus: "Status",
  filterAll: "All",
  filterIssuer: "Issuer",
  filterCategory: "Category",
  filterInForce: "In force on",
  filterText: "Search",
  applyFilters: "Filter",
  clearFilters: "Clear",
  bulkStatus: "Set selected to",
  apply: "Apply",
  selectedCount: "{n} selected",
  totalCount: "{n} measures",
  status_suggested: "Suggested",
  status_confirmed: "Confirmed",
  status_rejected: "Rejected",
  colId: "ID",
  colTitle: "Title",
  colIssuer: "Issuer",
  colCategory: "Category",
  colValue: "Value",
  colEffective: "Effective",
  colExpires: "Expires",
  colStatus: "Status",
  colQuote: "Source text",
  colUpdated: "Updated",
  saved: "Saved",
  exportJson: "Export JSON…",
  exportHint: "Export the whole ledger (every issue, article and measure) in the JSON interchange format.",
  exportPreview: "{issues} issues and {measures} measures will be exported.",
  exported: "Exported to {path}",
  exportCancelled: "Export cancelled",
  err_invalid: "Not saved: {message}",
  err_not_found: "Not found: {message}",
  err_nothing_to_do: "Nothing to {what}",
  err_busy: "The database is in use by another program; try again in a moment",
  err_newer_database: "This database was written by a newer Policy Ledger; upgrade the app: {message}",
  err_corrupt_database: "The database is damaged; restore it from a backup: {message}",
  err_invalid_args: "The request was malformed (dates must be real YYYY-MM-DD dates): {message}",
  err_other: "Something went wrong: {message}",
  what_undo: "undo",
  what_redo: "redo",
  ledgerAt: "Ledger file: {path}",
};

const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };
export const LANG_STORAGE_KEY = "policy-ledger.lang";

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
  if (stored === "zh" || stored === "en") return stored;
  const nav = globalThis.navigator?.language ?? "zh";
  return nav.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function getLang(): Lang {
  return current;
}

/** Switch language, remember it, and tell every view to redraw. */
export function setLang(lang: Lang): void {
  current = lang;
  globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const l of listeners) l(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Every key has a string in every language (checked by a test). */
export function missingKeys(): string[] {
  return (Object.keys(zh) as Key[]).filter((k) => !(k in en) || !en[k]);
}
