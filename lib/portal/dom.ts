/**
 * Small, bounded DOM walks the portal reader is built on. They read what a technician
 * sees or hears (text, aria-label, title, alt, roles, disabled states), never CSS class
 * names or ids, never recurse (deep nesting cannot blow the stack), and stop after a fixed
 * budget so a 10,000-row table or a huge page stays cheap.
 */
import { actionOf, cleanText } from './labels';

const ELEMENT = 1;
const TEXT = 3;

/** Elements whose text is never page text. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'IFRAME',
  'OBJECT',
  'SELECT',
  'TEXTAREA',
  'svg',
  'SVG',
  'HEAD',
  'TITLE',
]);

/** Inline elements: no word break at their edges ("61<small>%</small>" stays "61%"). */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
]);

/** Upper-case tag name (DOMParser XML-ish documents may keep case). */
export function tagOf(el: Element): string {
  return (el.tagName || '').toUpperCase();
}

/** True when the element is hidden from everyone (hidden, aria-hidden, display:none). */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return false;
}

/** True for our own panels' hosts (never read them back). */
export function isOwnHost(el: Element): boolean {
  return el.hasAttribute('data-tenant-lens');
}

/** Text pieces of some nodes: `text` joined as a reader would, `segments` one per text node. */
export interface TextPieces {
  text: string;
  segments: string[];
  /** True when the walk stopped at its budget. */
  truncated: boolean;
}

/** Options of `textPieces`. */
export interface TextOptions {
  /** Stop after this many characters (default 600). */
  maxChars?: number;
  /** Stop after visiting this many nodes (default 4000). */
  maxNodes?: number;
  /** Leave out buttons/links whose text is a known action ("Sync Now", "Restore"). */
  skipActions?: boolean;
  /** Leave out these elements (and their subtrees). */
  skip?: ReadonlySet<Element>;
}

/**
 * The visible text of `nodes` (elements or text nodes): skips script/style/template,
 * hidden subtrees and our own panels; puts a space at block boundaries.
 */
export function textPieces(nodes: readonly Node[], opts: TextOptions = {}): TextPieces {
  const maxChars = opts.maxChars ?? 600;
  let budget = opts.maxNodes ?? 4000;
  let out = '';
  const segments: string[] = [];
  let truncated = false;
  // Explicit stack of [node, exiting]; block elements push a space on entry and exit.
  const stack: (Node | 'space')[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i] as Node);
  while (stack.length) {
    const n = stack.pop() as Node | 'space';
    if (n === 'space') {
      out += ' ';
      continue;
    }
    if (--budget < 0 || out.length > maxChars) {
      truncated = true;
      break;
    }
    if (n.nodeType === TEXT) {
      const v = n.nodeValue ?? '';
      if (v.trim()) {
        out += v;
        segments.push(cleanText(v));
      } else if (v) out += ' ';
      continue;
    }
    if (n.nodeType !== ELEMENT) continue;
    const el = n as Element;
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || isHidden(el) || isOwnHost(el) || opts.skip?.has(el)) {
      // Left out, but a left-out block still separates the words around it.
      if (!INLINE_TAGS.has(tag)) out += ' ';
      continue;
    }
    if (tag === 'BR' || tag === 'HR') {
      out += ' ';
      continue;
    }
    if (opts.skipActions && isControl(el) && actionOf(textContentCapped(el, 80)) !== null) continue;
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (type === 'text' || type === 'button' || type === 'submit') {
        const v = el.getAttribute('value');
        if (v?.trim()) {
          out += ` ${v} `;
          segments.push(cleanText(v));
        }
      }
      continue;
    }
    const block = !INLINE_TAGS.has(tag);
    if (block) {
      out += ' ';
      stack.push('space');
    }
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  let text = cleanText(out);
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    truncated = true;
  }
  return { text, segments, truncated };
}

/** Visible text of one node, capped (default 600 chars). */
export function textOf(node: Node | null | undefined, maxChars = 600): string {
  if (!node) return '';
  return textPieces([node], { maxChars }).text;
}

/** Raw textContent, capped cheaply (for short controls). */
function textContentCapped(el: Element, max: number): string {
  return textOf(el, max);
}

/** True for a button or link (native or by role). */
export function isControl(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') || '').toLowerCase();
    return type === 'button' || type === 'submit';
  }
  const role = el.getAttribute('role');
  return role === 'button' || role === 'link' || role === 'menuitem';
}

/** The accessible-ish name of a control: its text, else aria-label, title or value. */
export function controlLabel(el: Element): string {
  const t = textOf(el, 120);
  if (t) return t;
  return cleanText(
    el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('value') || '',
  );
}

/** True when a control is disabled (disabled attribute, aria-disabled, disabled fieldset). */
export function isDisabledControl(el: Element): boolean {
  if (el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true') return true;
  const fs = el.closest('fieldset[disabled]');
  return fs !== null;
}

/**
 * Walks the text nodes under `roots` in document order, skipping script/style, hidden
 * subtrees, our own panels and `exclude` subtrees, calling `visit(text, parent)`; stops
 * when `visit` returns true or after `maxNodes` nodes.
 */
export function walkTexts(
  roots: readonly Element[],
  visit: (text: string, parent: Element, node: Node) => boolean | undefined | undefined,
  maxNodes = 60_000,
  exclude?: readonly Element[],
  prune?: (el: Element) => boolean,
): void {
  let budget = maxNodes;
  const stack: Node[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i] as Node);
  const excluded = exclude?.length ? new Set(exclude) : null;
  while (stack.length) {
    if (--budget < 0) return;
    const n = stack.pop() as Node;
    if (n.nodeType === TEXT) {
      const v = n.nodeValue;
      if (v && v.length < 2000 && v.trim() && n.parentElement) {
        if (visit(v, n.parentElement, n)) return;
      }
      continue;
    }
    if (n.nodeType !== ELEMENT && n.nodeType !== 9 && n.nodeType !== 11) continue;
    if (n.nodeType === ELEMENT) {
      const el = n as Element;
      if (SKIP_TAGS.has(tagOf(el)) || isHidden(el) || isOwnHost(el)) continue;
      if (excluded?.has(el)) continue;
      if (prune?.(el)) continue;
    }
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
}

/** Elements under `roots` (the roots included) matching `selector`, up to `max`. */
export function queryIn(roots: readonly Element[], selector: string, max = 2000): Element[] {
  const out: Element[] = [];
  for (const r of roots) {
    try {
      if (r.matches(selector)) out.push(r);
      const found = r.querySelectorAll(selector);
      for (let i = 0; i < found.length && out.length < max; i++) out.push(found[i] as Element);
    } catch {
      // An invalid selector in an old engine: treat as no match.
    }
    if (out.length >= max) break;
  }
  return out;
}

/** True when `el` is inside (or is) one of `roots`. */
export function isInside(el: Node, roots: readonly Element[]): boolean {
  for (const r of roots) if (r === el || r.contains(el)) return true;
  return false;
}

/** Absolute URL of an href attribute, or null for empty, javascript: or unparseable ones. */
export function absoluteHref(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h === '#' || /^\s*(javascript|data|vbscript):/i.test(h)) return null;
  try {
    return new URL(h, base).href;
  } catch {
    return null;
  }
}

/** Heading level of an h1-h6 / role=heading element (aria-level, default 2), else null. */
export function headingLevel(el: Element): number | null {
  const m = /^H([1-6])$/.exec(tagOf(el));
  if (m) return Number(m[1]);
  if (el.getAttribute('role') === 'heading') {
    const l = Number(el.getAttribute('aria-level'));
    return Number.isInteger(l) && l >= 1 && l <= 9 ? l : 2;
  }
  return null;
}

/** True for a table/grid row or a list item: subtrees that never hold headings or banners. */
export function isRowLike(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'TR' || tag === 'LI') return true;
  const role = el.getAttribute('role');
  return role === 'row' || role === 'listitem';
}

/**
 * Visits the elements under `roots` (roots included) in document order, skipping
 * script/style, hidden subtrees, our panels, and subtrees where `visit` returns 'skip';
 * stops when `visit` returns 'stop' or after `maxNodes` elements. Cheaper than
 * querySelectorAll over a huge page because it can prune (e.g. table rows).
 */
export function walkElements(
  roots: readonly Element[],
  visit: (el: Element) => 'skip' | 'stop' | undefined | undefined,
  maxNodes = 60_000,
): void {
  let budget = maxNodes;
  const stack: Element[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i] as Element);
  while (stack.length) {
    if (--budget < 0) return;
    const el = stack.pop() as Element;
    if (SKIP_TAGS.has(tagOf(el)) || isHidden(el) || isOwnHost(el)) continue;
    const r = visit(el);
    if (r === 'stop') return;
    if (r === 'skip') continue;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Element);
  }
}
