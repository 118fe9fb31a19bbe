// Reader: an issue's articles, the article text with every measure's source spans
// highlighted, and "new measure from selection". Article text is only ever placed in text
// nodes; highlights are spans built from core's scalar offsets converted at this edge.

import type { App, View } from "../app";
import type { Article } from "../bindings/Article";
import type { Issue } from "../bindings/Issue";
import type { Measure } from "../bindings/Measure";
import type { MeasureInput } from "../bindings/MeasureInput";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { api } from "../ipc";
import { formatValue, valueFromText } from "../measures/edit";
import { looksLikeDate } from "../measures/query";
import { highlightSegments, selectionToSpan, type Highlight, type ScalarSpan } from "../text/offsets";

/** Highlights of every measure that cites `articleId`. */
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

/** A prefill title: the start of the quote, on one line. */
export function titleFromQuote(quote: string): string {
  const line = quote.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

export class ReaderView implements View {
  private root: HTMLElement | null = null;
  private issue: Issue | null = null;
  private measures: Measure[] = [];
  private pending: ScalarSpan | null = null;
  private formOpen = false;
  private onSelectionChange = () => this.captureSelection();

  constructor(private app: App) {}

  async mount(root: HTMLElement): Promise<void> {
    this.root = root;
    document.addEventListener("selectionchange", this.onSelectionChange);
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
    this.root = null;
    this.pending = null;
    this.formOpen = false;
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
      h("h2", { class: "issue-title" }, `${issue.publication || "—"} ${issue.date ?? t("dateUnknown")}`),
      h("h3", {}, `${t("articles")} (${issue.articles.length})`),
      list,
    );
    root.append(h("div", { class: "reader" }, side, this.articlePane(article), this.measurePane(article)));
    this.scrollToMeasure();
  }

  private articlePane(article: Article | null): HTMLElement {
    if (!article) return h("section", { class: "article" });
    const titles = new Map(this.measures.map((m) => [m.id, m.title]));
    const meta = [article.dateline, article.byline].filter(Boolean).join("  ");
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
      { id: "new-from-selection", type: "button", class: "primary", disabled: !this.pending, title: t("selectFirst"), on: { click: () => this.openForm() } },
      t("newFromSelection"),
    );
    return h(
      "aside",
      { class: "reader-measures" },
      button,
      this.formOpen && this.pending && article ? this.form(article, this.pending) : null,
      h("h3", {}, t("measuresHere")),
      here.length
        ? h(
            "ul",
            { id: "article-measures" },
            ...here.map((m) =>
              h(
                "li",
                {
                  "data-measure-id": m.id,
                  class: `status-${m.status}`,
                  tabindex: 0,
                  on: { click: () => this.focusMeasure(m.id), keydown: (ev) => ev.key === "Enter" && this.focusMeasure(m.id) },
                },
                h("strong", {}, m.title),
                h("span", { class: "meta" }, [m.issuer, formatValue(m.value), range(m)].filter(Boolean).join(" · ")),
              ),
            ),
          )
        : h("p", { class: "empty" }, t("noMeasuresHere")),
    );
  }

  private form(article: Article, span: ScalarSpan): HTMLElement {
    const field = (name: string, label: string, value = "", placeholder = "") =>
      h("label", {}, h("span", {}, label), h("input", { name, value, placeholder, autocomplete: "off" }));
    const form = h(
      "form",
      { id: "measure-form", class: "measure-form" },
      h("blockquote", { class: "quote" }, span.quote),
      field("title", t("formTitle"), titleFromQuote(span.quote)),
      field("issuer", t("formIssuer")),
      field("category", t("formCategory")),
      field("effective_from", t("formEffective"), "", "YYYY-MM-DD"),
      field("expires_on", t("formExpires"), "", "YYYY-MM-DD"),
      field("value", t("formValue")),
      h("label", {}, h("span", {}, t("formNotes")), h("textarea", { name: "notes", rows: 2 })),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "save-measure" }, t("save")),
        h("button", { type: "button", on: { click: () => { this.formOpen = false; this.draw(); } } }, t("cancel")),
      ),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      void this.save(form, article, span);
    });
    return form;
  }

  private async save(form: HTMLFormElement, article: Article, span: ScalarSpan): Promise<void> {
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? "";
    for (const d of ["effective_from", "expires_on"]) {
      if (v(d) && !looksLikeDate(v(d))) {
        this.app.notify(t("dateFormatHint"), "error");
        return;
      }
    }
    const input: MeasureInput = {
      parent_id: null,
      title: v("title"),
      issuer: v("issuer") || null,
      jurisdiction: null,
      category: v("category") || null,
      beneficiaries: [],
      value: valueFromText(v("value")),
      effective_from: v("effective_from") || null,
      effective_precision: null,
      effective_inferred: false,
      expires_on: v("expires_on") || null,
      expires_precision: null,
      expires_inferred: false,
      status: "confirmed",
      notes: v("notes"),
      sources: [{ article_id: article.id, start: span.start, end: span.end, quote: span.quote }],
      suggestion_key: null,
    };
    try {
      const m = await api.createMeasure(input);
      this.formOpen = false;
      this.pending = null;
      await this.loadMeasures();
      this.draw();
      this.app.notify(t("measureCreated", { id: m.id }));
    } catch (e) {
      this.app.fail(e);
    }
  }

  private openForm(): void {
    if (!this.pending) {
      this.app.notify(t("selectFirst"), "error");
      return;
    }
    this.formOpen = true;
    this.draw();
    this.root?.querySelector<HTMLInputElement>("#measure-form input[name=title]")?.focus();
  }

  private select(articleId: number): void {
    this.app.selection.articleId = articleId;
    this.app.selection.measureId = null;
    this.pending = null;
    this.formOpen = false;
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

function range(m: Measure): string {
  if (!m.effective_from && !m.expires_on) return "";
  return `${m.effective_from ?? "…"} – ${m.expires_on ?? "…"}`;
}
