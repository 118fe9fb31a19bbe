// A tiny element builder. Children that are strings become text nodes, so text from an
// imported issue can never be parsed as HTML. There is deliberately no way to set innerHTML.

type Child = Node | string | null | undefined | false;
type Handlers = Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => unknown }>;
type AttrValue = string | number | boolean | undefined | null;
type Attrs = { on?: Handlers; [name: string]: AttrValue | Handlers };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "on" || typeof value === "object" || value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = String(value);
    else if (name === "value" && "value" in el) (el as HTMLInputElement).value = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [event, handler] of Object.entries(attrs.on ?? {})) {
    el.addEventListener(event, handler as EventListener);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
