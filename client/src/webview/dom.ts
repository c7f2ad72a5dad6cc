/**
 * The one way the panel builds DOM: elements from a tag, attributes and children, where every
 * string child becomes a text node. There is no path from data to markup (no innerHTML), and
 * event-handler and style attributes are refused outright.
 */

export type Child = Node | string | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Creates an element; string children become text nodes, `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') throw new Error(`refused attribute: ${name}`);
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A bar of `fraction` (0..1) of its track, announced by `label` (the numbers say it, the bar shows it). */
export function bar(fraction: number, label: string, kind: string): HTMLElement {
  const fill = h('span', { class: 'bar-fill' });
  // CSSOM writes are not inline style markup, so the CSP (no 'unsafe-inline') allows them.
  fill.style.width = `${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(1)}%`;
  return h('span', { class: `bar bar-${kind}`, role: 'img', 'aria-label': label }, fill);
}
