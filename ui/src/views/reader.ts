// Reader: an issue's articles, the article text with every measure's source spans
// highlighted, "new measure from selection", the article's measures with accept / edit /
// reject for suggestions (keyboard: j/k or ↓/↑, a, r, e), and full-text search across issues.
// Article text is only ever placed in text nodes; highlights are spans built from core's
// scalar offsets converted at this edge.

import type { App, View } from "../app";
import type { Article } from "../bindings/Article";
import type { Issue } from "../bindings/Issue";
import type { Measure } from "../bindings/Measure";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { MeasureStatus } from "../bindings/MeasureStatus";
import type { SearchHit } from "../bindings/SearchHit";
import type { SnippetPart } from "../bindings/SnippetPart";
import { isTextEntry } from "../app";
import { clear, h } from "../dom";
import { categoryLabel, t } from "../i18n";
import { categoryCode } from "../measures/query";
import { api } from "../ipc";
import { formatValue, inputFromMeasure, valueFromText } from "../measures/edit";
import {
  bareInput,
  draftFromProposal,
  emptyDraft,
  FORM_FIELDS,
  inputFromForm,
  splitList,
  type FormDraft,
  type FormField,
  type FormValues,
} from "../measures/proposal";
import { looksLikeDate } from "../measures/query";
import { highlightSegments, scalarToUtf16, selectionToSpan, type Highlight, type ScalarSpan } from "../text/offsets";

/** How many search results the reader lists. */
const SEARCH_LIMIT = 50;

/** Snippet parts as text nodes, hits wrapped in <mark> elements (never parsed as HTML). */
export function renderSnippet(parts: SnippetPart[], cls: string): HTMLElement {
  const box = h("span", { class: cls });
  for (const p of parts) box.append(p.hit ? h("mark", { class: "hit" }, p.text) : document.createTextNode(p.text));
  return box;
}

/** One search result: headline and snippet with hits marked. */
export function renderSearchHit(hit: SearchHit, onOpen: (hit: SearchHit) => void): HTMLElement {
  const headline = hit.headline_parts.length ? renderSnippet(hit.headline_parts, "headline") : h("span", { class: "headline" }, hit.headline);
  return h(
    "li",
    { "data-article-id": hit.article_id, "data-issue-id": hit.issue_id },
    h(
      "button",
      { type: "button", class: "search-hit", on: { click: () => onOpen(hit) } },
      headline,
      h("span", { class: "meta" }, `${hit.publication || "—"} ${hit.issue_date ?? ""}`.trim()),
      renderSnippet(hit.snippet, "snippet"),
    ),
  );
}

/** Highlights of every measure that cites `articleId`. */
/** The dateline and byline under a headline; a byline the dateline already names (`本报讯（记者 王芳）`) once. */
export function articleMeta(article: Pick<Article, "dateline" | "byline">): string {
  const { dateline, byline } = article;
  if (dateline && byline && dateline.includes(byline)) return dateline;
  return [dateline, byline].filter(Boolean).join("  ");
}

export function highlightsFor(articleId: number, measures: Measure[]): Highlight[] {
  return measures.flatMap((m) =>
    m.sources.filter((s) => s.article_id === articleId).map((s) => ({ start: s.start, end: s.end, measureId: m.id })),
  );
}

/** The article body as text nodes and highlight spans (never parsed as HTML). */
export function renderArticleText(text: string, highlights: Highlight[], titles: Map<number, string>): HTMLElement {
  const box = h("div", { id: "article-text", class: "article-text", lang: "zh-CN" });
  for (const seg of highlightSegments(text, highlights)) {
    if (seg.measureIds.length === 0) {
      box.append(document.createTextNode(seg.text));
    } else {
      const mark = h(
        "mark",
        {
          class: seg.measureIds.length > 1 ? "span overlap" : "span",
          "data-measure-ids": seg.measureIds.join(" "),
          title: seg.measureIds.map((id) => titles.get(id) ?? `#${id}`).join(" / "),
        },
        seg.text,
      );
      box.append(mark);
    }
  }
  return box;
}

/** UTF-16 offset of a DOM point, counted from the start of `container`'s text. */
export function textOffset(container: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The current selection inside `container`, as a core span of `text`. */
export function spanOfSelection(container: HTMLElement, text: string, sel: Selection | null): ScalarSpan | null {
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!container.contains(r.startContainer) || !container.contains(r.endContainer)) return null;
  return selectionToSpan(text, textOffset(container, r.startContainer, r.startOffset), textOffset(container, r.endContainer, r.endOffset));
}

export { titleFromQuote } from "../measures/proposal";

export class ReaderView implements View {
  private root: HTMLElement | null = null;
  private issue: Issue | null = null;
  private measures: Measure[] = [];
  private pending: ScalarSpan | null = null;
  private formOpen = false;
  /** The new measure's form: core's proposal for the selection (or an empty one) and the
   * values it was opened with, to tell the analyst's edits from the engine's proposals. */
  private draft: { base: MeasureInput; shown: FormValues; proposed: FormDraft["proposed"] } | null = null;
  /** A measure being edited in the form (Edit on a suggestion); null when creating. */
  private editing: Measure | null = null;
  /** The suggestion the keyboard acts on. */
  private cursor: number | null = null;
  private query = "";
  private hits: SearchHit[] | null = null;
  /** A search hit to bring into view: scalar offset and length in the article text. */
  private jump: { articleId: number; start: number; length: number } | null = null;
  private onSelectionChange = () => this.captureSelection();
  private onKey = (ev: KeyboardEvent) => this.key(ev);

  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    this.root = root;
    document.addEventListener("selectionchange", this.onSelectionChange);
    document.addEventListener("keydown", this.onKey);
    const id = this.app.selection.issueId ?? (await this.firstIssueId());
    if (id === null) {
      root.append(h("p", { class: "empty" }, t("chooseIssue")));
      return;
    }
    try {
      this.issue = await api.getIssue(id);
      this.app.selection.issueId = id;
      await this.loadMeasures();
    } catch (e) {
      this.app.fail(e);
      return;
    }
    if (this.app.selection.articleId === null || !this.issue.articles.some((a) => a.id === this.app.selection.articleId)) {
      this.app.selection.articleId = this.issue.articles[0]?.id ?? null;
    }
    this.draw();
  }

  unmount(): void {
    document.removeEventListener("selectionchange", this.onSelectionChange);
    document.removeEventListener("keydown", this.onKey);
    this.root = null;
    this.pending = null;
    this.formOpen = false;
    this.editing = null;
    this.draft = null;
  }

  private async firstIssueId(): Promise<number | null> {
    try {
      return (await api.listIssues())[0]?.id ?? null;
    } catch (e) {
      this.app.fail(e);
      return null;
    }
  }

  private async loadMeasures(): Promise<void> {
    if (!this.issue) return;
    const page = await api.queryMeasures({
      statuses: [], issuer: null, category: null, text: null, in_force_on: null,
      expiring_from: null, expiring_until: null, issue_id: this.issue.id, parent_id: null,
      sort: "id", descending: false, offset: 0, limit: 0,
    });
    this.measures = page.rows;
  }

  private get article(): Article | null {
    return this.issue?.articles.find((a) => a.id === this.app.selection.articleId) ?? null;
  }

  private captureSelection(): void {
    const box = this.root?.querySelector<HTMLElement>("#article-text");
    const article = this.article;
    if (!box || !article || this.formOpen) return;
    const span = spanOfSelection(box, article.text, document.getSelection());
    if (span) this.pending = span;
    const button = this.root?.querySelector<HTMLButtonElement>("#new-from-selection");
    if (button) button.disabled = !this.pending;
  }

  private draw(): void {
    const root = this.root;
    const issue = this.issue;
    if (!root || !issue) return;
    clear(root);
    const article = this.article;
    const list = h(
      "ol",
      { id: "article-list", class: "article-list" },
      ...issue.articles.map((a) =>
        h(
          "li",
          { "data-article-id": a.id, class: a.id === article?.id ? "active" : "" },
          h("button", { type: "button", on: { click: () => this.select(a.id) } }, a.headline || `#${a.seq + 1}`),
        ),
      ),
    );
    const side = h(
      "aside",
      { class: "reader-issues" },
      this.searchBox(),
      h("h2", { class: "issue-title" }, `${issue.publication || "—"} ${issue.date ?? t("dateUnknown")}`),
      h("h3", {}, `${t("articles")} (${issue.articles.length})`),
      list,
    );
    root.append(h("div", { class: "reader" }, side, this.articlePane(article), this.measurePane(article)));
    this.scrollToMeasure();
    this.scrollToHit();
  }

  private searchBox(): HTMLElement {
    const input = h("input", { id: "search-input", type: "search", value: this.query, placeholder: t("searchPlaceholder"), autocomplete: "off" });
    const form = h(
      "form",
      { id: "search-form", class: "search-form", role: "search" },
      input,
      h("button", { type: "submit", id: "search-button" }, t("search")),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      void this.search(input.value);
    });
    const results =
      this.hits === null
        ? null
        : this.hits.length
          ? h("ol", { id: "search-results", class: "search-results" }, ...this.hits.map((hit) => renderSearchHit(hit, (x) => void this.openHit(x))))
          : h("p", { id: "search-results", class: "empty" }, t("searchNothing"));
    return h("div", { class: "search" }, form, results);
  }

  private async search(query: string): Promise<void> {
    this.query = query;
    try {
      this.hits = await api.searchArticles(query, SEARCH_LIMIT);
    } catch (e) {
      this.app.fail(e);
      return;
    }
    this.draw();
    this.root?.querySelector<HTMLElement>("#search-results button")?.focus();
  }

  /** Open a hit's issue and article and mark the first match in the text. */
  private async openHit(hit: SearchHit): Promise<void> {
    try {
      if (this.issue?.id !== hit.issue_id) {
        this.issue = await api.getIssue(hit.issue_id);
        this.app.selection.issueId = hit.issue_id;
        await this.loadMeasures();
      }
    } catch (e) {
      this.app.fail(e);
      return;
    }
    const first = hit.snippet.find((p) => p.hit);
    this.jump = hit.first_hit === null || !first ? null : { articleId: hit.article_id, start: hit.first_hit, length: [...first.text].length };
    this.app.selection.articleId = hit.article_id;
    this.app.selection.measureId = null;
    this.pending = null;
    this.formOpen = false;
    this.editing = null;
    this.draw();
  }

  /** Select the search hit in the article text (scalar offsets → UTF-16 here) and scroll to it. */
  private scrollToHit(): void {
    const jump = this.jump;
    const article = this.article;
    const box = this.root?.querySelector<HTMLElement>("#article-text");
    if (!jump || !article || !box || jump.articleId !== article.id) return;
    this.jump = null;
    const from = scalarToUtf16(article.text, jump.start);
    const to = scalarToUtf16(article.text, jump.start + jump.length);
    const range = rangeAt(box, from, to);
    if (!range) return;
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    box.dataset.hitStart = String(jump.start);
    (range.startContainer.parentElement ?? box).scrollIntoView?.({ block: "center" });
  }

  /** The article's suggestions, in list order (what j/k walk through). */
  private suggestions(): Measure[] {
    const article = this.article;
    if (!article) return [];
    return this.measures.filter((m) => m.status === "suggested" && m.sources.some((s) => s.article_id === article.id));
  }

  /** Keyboard on the suggestions, unless a text field (or the form) has the keys. */
  private key(ev: KeyboardEvent): void {
    if (!this.root || ev.ctrlKey || ev.metaKey || ev.altKey || isTextEntry(ev.target) || this.formOpen) return;
    const list = this.suggestions();
    if (!list.length) return;
    const at = list.findIndex((m) => m.id === this.cursor);
    const current = at >= 0 ? list[at] : null;
    switch (ev.key) {
      case "j":
      case "ArrowDown":
        this.moveCursor(list[Math.min(at + 1, list.length - 1)].id);
        break;
      case "k":
      case "ArrowUp":
        this.moveCursor(list[Math.max(at - 1, 0)].id);
        break;
      case "a":
        if (current) void this.setStatus(current, "confirmed");
        break;
      case "r":
        if (current) void this.setStatus(current, "rejected");
        break;
      case "e":
        if (current) this.openEdit(current);
        break;
      default:
        return;
    }
    ev.preventDefault();
  }

  private moveCursor(id: number): void {
    this.cursor = id;
    for (const li of this.root?.querySelectorAll<HTMLElement>("#article-measures li") ?? []) {
      li.classList.toggle("cursor", li.dataset.measureId === String(id));
    }
    const li = this.root?.querySelector<HTMLElement>(`#article-measures li[data-measure-id="${id}"]`);
    li?.scrollIntoView?.({ block: "nearest" });
    this.focusMeasure(id);
  }

  /** Focus the form's title with the caret at its start, so a long title shows its beginning. */
  private focusTitle(): void {
    const title = this.root?.querySelector<HTMLInputElement>("#measure-form input[name=title]");
    if (!title) return;
    title.focus();
    title.setSelectionRange(0, 0);
    title.scrollLeft = 0;
  }

  /** Accept or reject one suggestion: one core action, undone by Ctrl+Z. */
  private async setStatus(m: Measure, status: MeasureStatus): Promise<void> {
    // The cursor moves on to the next suggestion (or the previous one at the end of the list).
    const before = this.suggestions();
    const at = before.findIndex((x) => x.id === m.id);
    const next = before[at + 1] ?? before[at - 1] ?? null;
    try {
      await api.setMeasureStatus([m.id], status);
      await this.loadMeasures();
    } catch (e) {
      this.app.fail(e);
      return;
    }
    this.cursor = next && this.suggestions().some((x) => x.id === next.id) ? next.id : (this.suggestions()[0]?.id ?? null);
    this.draw();
    if (this.cursor !== null) this.moveCursor(this.cursor);
    this.app.notify(t(status === "confirmed" ? "suggestionAccepted" : "suggestionRejected", { title: m.title }));
  }

  private openEdit(m: Measure): void {
    this.editing = m;
    this.formOpen = true;
    this.draw();
    this.focusTitle();
  }

  private articlePane(article: Article | null): HTMLElement {
    if (!article) return h("section", { class: "article" });
    const titles = new Map(this.measures.map((m) => [m.id, m.title]));
    const meta = articleMeta(article);
    return h(
      "section",
      { class: "article", "data-article-id": article.id },
      h("h2", { id: "article-headline" }, article.headline),
      ...article.subheadings.map((s) => h("p", { class: "subheading" }, s)),
      meta ? h("p", { class: "byline" }, meta) : null,
      renderArticleText(article.text, highlightsFor(article.id, this.measures), titles),
    );
  }

  private measurePane(article: Article | null): HTMLElement {
    const here = article ? this.measures.filter((m) => m.sources.some((s) => s.article_id === article.id)) : [];
    const button = h(
      "button",
      { id: "new-from-selection", type: "button", class: "primary", disabled: !this.pending, title: t("selectFirst"), on: { click: () => void this.openForm() } },
      t("newFromSelection"),
    );
    return h(
      "aside",
      { class: "reader-measures" },
      button,
      this.formOpen && this.editing ? this.form(this.editing) : null,
      this.formOpen && !this.editing && this.pending && article ? this.form(article, this.pending) : null,
      h("h3", {}, t("measuresHere")),
      here.some((m) => m.status === "suggested") ? h("p", { class: "hint", id: "suggestion-keys" }, t("suggestionKeys")) : null,
      here.length
        ? h(
            "ul",
            { id: "article-measures" },
            ...here.map((m) =>
              h(
                "li",
                {
                  "data-measure-id": m.id,
                  "data-status": m.status,
                  class: `status-${m.status}${m.id === this.cursor ? " cursor" : ""}`,
                  tabindex: 0,
                  on: {
                    click: () => {
                      if (m.status === "suggested") this.cursor = m.id;
                      this.moveCursorOrFocus(m);
                    },
                    keydown: (ev) => ev.key === "Enter" && this.focusMeasure(m.id),
                  },
                },
                h("span", { class: `badge status-${m.status}` }, t(`status_${m.status}`)),
                h("strong", {}, m.title),
                h("span", { class: "meta" }, [m.issuer, formatValue(m.value), range(m)].filter(Boolean).join(" · ")),
                m.status === "suggested" ? this.suggestionButtons(m) : null,
              ),
            ),
          )
        : h("p", { class: "empty" }, t("noMeasuresHere")),
    );
  }

  private moveCursorOrFocus(m: Measure): void {
    if (m.status === "suggested") this.moveCursor(m.id);
    else this.focusMeasure(m.id);
  }

  private suggestionButtons(m: Measure): HTMLElement {
    const button = (cls: string, label: string, act: () => void) =>
      h("button", { type: "button", class: cls, on: { click: (ev) => { ev.stopPropagation(); act(); } } }, label);
    return h(
      "span",
      { class: "suggestion-actions" },
      button("accept", t("accept"), () => void this.setStatus(m, "confirmed")),
      button("edit-suggestion", t("edit"), () => this.openEdit(m)),
      button("reject", t("reject"), () => void this.setStatus(m, "rejected")),
    );
  }

  /** The measure form: a new measure from a selection, or (given a measure) an edit of it. */
  private form(article: Article, span: ScalarSpan): HTMLElement;
  private form(editing: Measure): HTMLElement;
  private form(a: Article | Measure, span?: ScalarSpan): HTMLElement {
    const editing = span === undefined ? (a as Measure) : null;
    const quote = editing ? editing.sources.map((s) => s.quote).join(" … ") : span!.quote;
    const shown: FormValues = editing ? editValues(editing) : (this.draft?.shown ?? emptyDraft({ article_id: (a as Article).id, ...span! }).values);
    const proposed = editing ? {} : (this.draft?.proposed ?? {});
    const field = (name: FormField, label: string, placeholder = "") => {
      const evidence = proposed[name];
      const input = h("input", { name, value: shown[name], placeholder, autocomplete: "off" });
      if (evidence) {
        // Marked as the engine's proposal until the analyst changes it.
        input.classList.add("proposed");
        input.dataset.proposed = evidence.origin;
        input.title = t("proposedFrom", { quote: evidence.quote, origin: t(`origin_${evidence.origin}`) });
        input.addEventListener("input", () => {
          input.classList.remove("proposed");
          delete input.dataset.proposed;
          input.removeAttribute("title");
        });
      }
      return h("label", {}, h("span", {}, label), input);
    };
    const form = h(
      "form",
      { id: "measure-form", class: "measure-form", "data-editing": editing?.id ?? null },
      h("blockquote", { class: "quote" }, quote),
      field("title", t("formTitle")),
      field("issuer", t("formIssuer")),
      field("category", t("formCategory")),
      field("beneficiaries", t("formBeneficiaries")),
      field("effective_from", t("formEffective"), "YYYY-MM-DD"),
      field("expires_on", t("formExpires"), "YYYY-MM-DD"),
      field("value", t("formValue")),
      h("label", {}, h("span", {}, t("formNotes")), h("textarea", { name: "notes", rows: 2 }, shown.notes)),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "save-measure" }, t("save")),
        h("button", { type: "button", on: { click: () => { this.formOpen = false; this.editing = null; this.draft = null; this.draw(); } } }, t("cancel")),
      ),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (editing) void this.saveEdit(form, editing);
      else void this.save(form, a as Article, span!);
    });
    return form;
  }

  /** Save an edited suggestion: the analyst's correction, stored as confirmed in one update. */
  private async saveEdit(form: HTMLFormElement, m: Measure): Promise<void> {
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? "";
    for (const d of ["effective_from", "expires_on"]) {
      if (v(d) && !looksLikeDate(v(d))) {
        this.app.notify(t("dateFormatHint"), "error");
        return;
      }
    }
    const input: MeasureInput = {
      ...inputFromMeasure(m),
      title: v("title"),
      issuer: v("issuer") || null,
      category: categoryCode(v("category") || null),
      beneficiaries: v("beneficiaries") === editValues(m).beneficiaries ? m.beneficiaries : splitList(v("beneficiaries")),
      effective_from: v("effective_from") || null,
      expires_on: v("expires_on") || null,
      // An unchanged value keeps its type (amount, percentage...); a retyped one becomes text.
      value: v("value") === formatValue(m.value) ? m.value : valueFromText(v("value")),
      notes: v("notes"),
      status: "confirmed",
    };
    try {
      await api.updateMeasure(m.id, input);
      this.formOpen = false;
      this.editing = null;
      await this.loadMeasures();
      this.draw();
      this.app.notify(t("suggestionAccepted", { title: input.title }));
    } catch (e) {
      this.app.fail(e);
    }
  }

  private async save(form: HTMLFormElement, article: Article, span: ScalarSpan): Promise<void> {
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? "";
    for (const d of ["effective_from", "expires_on"]) {
      if (v(d) && !looksLikeDate(v(d))) {
        this.app.notify(t("dateFormatHint"), "error");
        return;
      }
    }
    const values = Object.fromEntries([...FORM_FIELDS, "notes"].map((f) => [f, v(f)])) as FormValues;
    const draft = this.draft ?? { base: bareInput({ article_id: article.id, ...span }), shown: emptyDraft({ article_id: article.id, ...span }).values };
    // One action: the span, core's typed fields the analyst kept, and what the analyst typed.
    const input = inputFromForm(draft.base, draft.shown, values);
    try {
      const m = await api.createMeasure(input);
      this.formOpen = false;
      this.pending = null;
      this.draft = null;
      await this.loadMeasures();
      this.draw();
      this.app.notify(t("measureCreated", { id: m.id }));
    } catch (e) {
      this.app.fail(e);
    }
  }

  /** Open the new-measure form prefilled with core's proposal for the selection. */
  private async openForm(): Promise<void> {
    const span = this.pending;
    const article = this.article;
    if (!span || !article) {
      this.app.notify(t("selectFirst"), "error");
      return;
    }
    const button = this.root?.querySelector<HTMLButtonElement>("#new-from-selection");
    if (button) button.disabled = true;
    this.app.notify(t("proposing"));
    try {
      const p = await api.proposeMeasure(article.id, span.start, span.end);
      const d = draftFromProposal(p);
      this.draft = { base: p.input, shown: d.values, proposed: d.proposed };
      this.app.notify("");
    } catch (e) {
      // Without a proposal the analyst still gets the form, empty, for the same span.
      const source = { article_id: article.id, ...span };
      this.draft = { base: bareInput(source), shown: emptyDraft(source).values, proposed: {} };
      this.app.fail(e);
    }
    if (this.pending !== span || this.article?.id !== article.id) return;
    this.formOpen = true;
    this.draw();
    this.focusTitle();
  }

  private select(articleId: number): void {
    this.app.selection.articleId = articleId;
    this.app.selection.measureId = null;
    this.pending = null;
    this.formOpen = false;
    this.editing = null;
    this.cursor = null;
    this.draw();
    this.root?.querySelector(".article")?.scrollTo?.({ top: 0 });
  }

  /** Bring a measure's first span in this article into view and outline it. */
  private focusMeasure(id: number): void {
    this.app.selection.measureId = id;
    this.scrollToMeasure();
  }

  private scrollToMeasure(): void {
    for (const m of this.root?.querySelectorAll("mark.span.focused") ?? []) m.classList.remove("focused");
    const id = this.app.selection.measureId;
    if (id === null) return;
    const mark = [...(this.root?.querySelectorAll<HTMLElement>("mark.span") ?? [])].find((m) =>
      (m.dataset.measureIds ?? "").split(" ").includes(String(id)),
    );
    mark?.classList.add("focused");
    mark?.scrollIntoView?.({ block: "center" });
  }
}

/** A DOM range over UTF-16 offsets [from, to) of `box`'s text, across its text nodes. */
function rangeAt(box: HTMLElement, from: number, to: number): Range | null {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const len = node.textContent?.length ?? 0;
    if (!started && from <= seen + len) {
      range.setStart(node, from - seen);
      started = true;
    }
    if (started && to <= seen + len) {
      range.setEnd(node, to - seen);
      return range;
    }
    seen += len;
  }
  return null;
}

function range(m: Measure): string {
  if (!m.effective_from && !m.expires_on) return "";
  return `${m.effective_from ?? "…"} – ${m.expires_on ?? "…"}`;
}

/** The edit form's values for a stored measure. */
function editValues(m: Measure): FormValues {
  return {
    title: m.title,
    issuer: m.issuer ?? "",
    category: categoryLabel(m.category),
    beneficiaries: m.beneficiaries.join("、"),
    effective_from: m.effective_from ?? "",
    expires_on: m.expires_on ?? "",
    value: formatValue(m.value),
    notes: m.notes,
  };
}
