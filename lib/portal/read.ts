/**
 * Reads a Syncro "Tenant Details" page into a `TenantPage`, by what a technician sees:
 * section headings, field labels, column headers, button texts, aria-label/title/alt,
 * roles and disabled states; never CSS class names or ids. Pure (a `Document`, a URL and
 * a `now` in, a model out), never throws, never guesses: what it cannot read is
 * `value: null` with a `reason`. Bounded work: rows are capped and walks have budgets.
 *
 * Signals used (see also labels.ts, sections.ts):
 * - Sections: heading texts (h1-h6, role=heading, legend/caption, short title elements,
 *   aria-label of a section/region) and the region each heads.
 * - Fields: a label's text node, then its value: the next `dd` of a `dt`; the next cell of a
 *   th/td/rowheader/cell (or the cell below a column header); a `label[for]` target; the
 *   label's following siblings up to a line break or the next label; or the same text node
 *   after a colon ("Microsoft Users: 1,204"); or an element whose aria-label/title is the
 *   label. Action controls ("Sync Now") are left out of values. `<time datetime>` wins
 *   over a relative text when present.
 * - Tables: `table` rows/cells, ARIA table/grid/row/cell, lists (li / role=listitem), else
 *   rows built around each organization link / service name.
 * - A service is *not enabled* (grayed out) on a strong signal: the text "Not enabled" /
 *   "Disabled" (labels.ts NOT_ENABLED_TEXTS) in the row, or aria-disabled="true" / a
 *   `disabled` attribute on the row; or on two weak signals: its Restore control disabled
 *   or missing, no Last Backup time ("Never", "—"), an inline style graying it (opacity < 1,
 *   a gray colour). Weak signals are ignored while a sync-error banner shows (the article:
 *   the table and Restore buttons may be grayed out then).
 * - Error icon: in the row (outside its Restore control and name), an element whose
 *   aria-label/title/alt/tooltip/svg title, or a hidden-from-view text, has an error word
 *   (labels.ts ERROR_ICON_WORDS).
 * - Banners: role=alert/status/aria-live elements, and blocks whose text matches a
 *   documented banner pattern (labels.ts BANNER_PATTERNS); unknown role=alert texts inside
 *   the Cloud Backup section are kept with `state: null`.
 */

import {
  absoluteHref,
  controlLabel,
  headingLevel,
  isControl,
  isDisabledControl,
  isHidden,
  isInside,
  isOwnHost,
  isRowLike,
  queryIn,
  tagOf,
  textOf,
  textPieces,
  walkElements,
  walkTexts,
} from './dom';
import {
  type ActionId,
  actionOf,
  bannerStateOf,
  cleanText,
  ERROR_ICON_WORDS,
  FIELD_LABELS,
  type FieldId,
  GENERIC_HEADINGS,
  isAnyKnownLabel,
  isLabel,
  isNotEnabledText,
  KNOWN_SERVICES,
  NO_TIME_TEXTS,
  normalizeText,
  sectionOfHeading,
  splitLabel,
} from './labels';
import { findSections, type Section, type Sections } from './sections';
import { parsePageTime } from './time';
import type {
  BackupBanner,
  BackupServiceRow,
  CloudBackup,
  Field,
  OrganizationRow,
  PageAction,
  PageTime,
  TenantPage,
} from './types';

/** Most organization rows read (a hostile 10,000-row table stays cheap). */
export const MAX_ORGANIZATION_ROWS = 500;
/** Most service rows read. */
export const MAX_SERVICE_ROWS = 50;
/** Most banners read. */
export const MAX_BANNERS = 10;

/** Options of `readTenantPage`. */
export interface ReadOptions {
  /** Sections already found by `findSections(doc)` (e.g. during detection): saves a walk. */
  sections?: Sections;
}

/** Reads one Tenant Details page. Never throws. */
export function readTenantPage(
  doc: Document,
  url: string,
  now: Date = new Date(),
  options: ReadOptions = {},
): TenantPage {
  const at = Number.isFinite(now?.getTime?.()) ? now : new Date();
  const base = baseUrl(doc, url);
  let sections: Sections = {};
  try {
    sections = options.sections ?? findSections(doc);
  } catch {
    sections = {};
  }
  const md = sections.microsoftDetails;
  const mdRoots = md?.roots ?? null;
  const otherRoots = [sections.organizations, sections.cloudBackup].flatMap((s) => s?.roots ?? []);
  const body = doc.body ?? doc.documentElement;
  // Without a Microsoft Details heading, look for its canonical labels outside the other
  // sections (a variant might drop the heading), never for the generic synonyms.
  const mdScope: Scope = mdRoots
    ? { roots: mdRoots, exclude: [], strict: false }
    : { roots: body ? [body] : [], exclude: otherRoots, strict: true };
  const mdFields = safe(
    () => tighten(md, indexFields(mdScope, MD_FIELDS)),
    new Map<FieldId, LabelHit[]>(),
  );

  const page: TenantPage = {
    url: safe(() => new URL(url).href, String(url)),
    syncroKey: safe(() => syncroKeyOf(url), String(url)),
    readAt: at.toISOString(),
    syncroTenantName: safe(() => readTenantName(doc, sections), failed<string>()),
    hasMicrosoftDetails: Boolean(md),
    lastTenantSync: safe(() => timeField(mdFields.get('lastTenantSync'), at, mdScope), failed()),
    syncNowAction: mdRoots ? safe(() => findAction(mdRoots, 'syncNow', base), null) : null,
    microsoftTenant: safe(() => stringField(mdFields.get('microsoftTenant'), mdScope), failed()),
    secureScorePercent: safe(
      () => parsedField(mdFields.get('secureScore'), mdScope, parsePercent),
      failed<number>(),
    ),
    microsoftUsers: safe(
      () => parsedField(mdFields.get('microsoftUsers'), mdScope, parseCount),
      failed<number>(),
    ),
    manageAction: mdRoots ? safe(() => findAction(mdRoots, 'manage', base), null) : null,
    organizations: safe(() => readOrganizations(doc, sections.organizations, base), null),
    cloudBackup: safe(() => readCloudBackup(doc, sections, base, at), null),
  };
  return page;
}

/**
 * Stable key of the Syncro tenant page: origin + path, without query, hash or a trailing
 * slash ("https://acme.syncromsp.com/spa/tenants/x").
 */
export function syncroKeyOf(url: string | URL): string {
  const u = new URL(String(url));
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  return `${u.origin}${path === '/' ? '' : path}`;
}

// ---------------------------------------------------------------------------------------
// Plumbing

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function failed<T = PageTime>(reason = 'unreadable'): Field<T> {
  return { value: null, raw: null, reason };
}

function baseUrl(doc: Document, url: string): string {
  try {
    const b = doc.querySelector('base[href]')?.getAttribute('href');
    return b ? new URL(b, url).href : new URL(url).href;
  } catch {
    return 'https://invalid.invalid/';
  }
}

// ---------------------------------------------------------------------------------------
// Label/value pairs

interface Scope {
  roots: Element[];
  exclude: Element[];
  /** Only the first (canonical) synonym of each label. */
  strict: boolean;
}

interface LabelHit {
  /** The element holding the label text (or carrying it as aria-label/title). */
  el: Element;
  /** The label's text node, when read from text. */
  node?: Node;
  /** Value text from the same text node ("Label: value"), if any. */
  inline: string | null;
  /** The label was the element's aria-label/title: its own text is the value. */
  byAttribute: boolean;
}

const MD_FIELDS: FieldId[] = ['lastTenantSync', 'microsoftTenant', 'secureScore', 'microsoftUsers'];
/** Fields whose value may follow the label without a colon (it must parse). */
const LOOSE_INLINE = new Set<FieldId>([
  'lastTenantSync',
  'lastUpdated',
  'lastBackup',
  'secureScore',
  'microsoftUsers',
]);

function synonymsOf(id: FieldId, strict: boolean): readonly string[] {
  const list = FIELD_LABELS[id];
  return strict ? list.slice(0, 1) : list;
}

/** One bounded walk of the scope collecting the label hits of `ids`. */
function indexFields(scope: Scope, ids: readonly FieldId[]): Map<FieldId, LabelHit[]> {
  const hits = new Map<FieldId, LabelHit[]>();
  const add = (id: FieldId, hit: LabelHit) => {
    const list = hits.get(id) ?? [];
    if (list.length < 10) list.push(hit);
    hits.set(id, list);
  };
  if (!scope.roots.length) return hits;
  walkTexts(
    scope.roots,
    (text, parent, node) => {
      if (text.length > 200) return;
      for (const id of ids) {
        const syn = synonymsOf(id, scope.strict);
        if (isLabel(text, syn)) {
          add(id, { el: parent, node, inline: null, byAttribute: false });
          return;
        }
        const inline = splitLabel(text, syn, !LOOSE_INLINE.has(id));
        if (inline !== null) {
          add(id, { el: parent, inline, byAttribute: false });
          return;
        }
      }
    },
    30_000,
    scope.exclude,
  );
  const excluded = new Set(scope.exclude);
  walkElements(
    scope.roots,
    (el) => {
      if (excluded.has(el)) return 'skip';
      const name = el.getAttribute('aria-label') || el.getAttribute('title');
      if (!name || name.length > 120) return;
      for (const id of ids) {
        if (isLabel(name, synonymsOf(id, scope.strict)) && !isAnyKnownLabel(textOf(el, 120))) {
          add(id, { el, inline: null, byAttribute: true });
        }
      }
    },
    20_000,
  );
  return hits;
}

/**
 * Keeps the label hits inside the nearest ancestor of the section's heading that holds
 * one: a heading's widest region may also hold prose or a neighbour ("Microsoft Users: see
 * Microsoft Details" under the panel), while the panel itself holds the real fields.
 */
function tighten(
  section: Section | undefined,
  hits: Map<FieldId, LabelHit[]>,
): Map<FieldId, LabelHit[]> {
  if (section?.roots.length !== 1) return hits;
  const all = Array.from(hits.values()).flat();
  if (!all.length) return hits;
  let box: Element | null = section.heading;
  const top = section.roots[0] as Element;
  while (box && box !== top && !all.some((h) => box?.contains(h.el))) box = box.parentElement;
  if (!box || box === top) return hits;
  const inside = box;
  const out = new Map<FieldId, LabelHit[]>();
  for (const [id, list] of hits) {
    const kept = list.filter((h) => inside.contains(h.el));
    if (kept.length) out.set(id, kept);
  }
  return out;
}

const CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);
function isCell(el: Element): boolean {
  const tag = tagOf(el);
  return tag === 'TD' || tag === 'TH' || CELL_ROLES.has(el.getAttribute('role') ?? '');
}

function rowOf(cell: Element): Element | null {
  const tag = tagOf(cell);
  if (tag === 'TD' || tag === 'TH') return cell.parentElement;
  return cell.closest('[role="row"]');
}

function cellsOfRow(row: Element): Element[] {
  const out: Element[] = [];
  const kids = row.children;
  for (let i = 0; i < kids.length && i < 100; i++) {
    const k = kids[i] as Element;
    if (isCell(k)) out.push(k);
  }
  if (out.length || tagOf(row) === 'TR') return out;
  // ARIA rows may wrap their cells.
  for (const c of queryIn(
    [row],
    '[role="cell"], [role="gridcell"], [role="rowheader"], [role="columnheader"]',
    100,
  )) {
    if (c !== row && c.closest('[role="row"]') === row) out.push(c);
  }
  return out;
}

function isHeaderCell(el: Element): boolean {
  return tagOf(el) === 'TH' || el.getAttribute('role') === 'columnheader';
}

function nextRow(row: Element): Element | null {
  let next = row.nextElementSibling;
  while (next && tagOf(next) !== 'TR' && next.getAttribute('role') !== 'row')
    next = next.nextElementSibling;
  if (next) return next;
  // thead -> tbody, or role=rowgroup -> next rowgroup
  const group = row.parentElement?.nextElementSibling;
  if (!group) return null;
  return group.querySelector('tr, [role="row"]');
}

/** The nodes holding the value of a label hit. */
function valueNodes(hit: LabelHit, scope: Scope): Node[] {
  if (hit.byAttribute) return [hit.el];
  let label = hit.el;
  const labelText = normalizeText(textOf(label, 150));
  // "<p>Last Tenant Sync <time>1h ago</time></p>": the label is only the start of its
  // element; the value is what follows the label's text node there.
  if (hit.node && labelText !== normalizeText(hit.node.nodeValue ?? '')) {
    const rest: Node[] = [];
    for (let n = hit.node.nextSibling; n && rest.length < 20; n = n.nextSibling) {
      if (n.nodeType === 1 && tagOf(n as Element) === 'BR') break;
      rest.push(n);
    }
    return rest;
  }
  for (let i = 0; i < 4; i++) {
    const tag = tagOf(label);
    if (isCell(label) || tag === 'DT' || tag === 'LABEL' || scope.roots.includes(label)) break;
    const p = label.parentElement;
    if (!p || normalizeText(textOf(p, 150)) !== labelText) break;
    label = p;
  }
  const tag = tagOf(label);
  if (tag === 'DT') {
    for (let s = label.nextElementSibling; s; s = s.nextElementSibling) {
      if (tagOf(s) === 'DD') return [s];
      if (tagOf(s) === 'DT') break;
    }
    return [];
  }
  if (isCell(label)) {
    const row = rowOf(label);
    if (!row) return [];
    const cells = cellsOfRow(row);
    const i = cells.indexOf(label);
    if (i < 0) return [];
    if (i < cells.length - 1 && !isHeaderCell(cells[i + 1] as Element))
      return [cells[i + 1] as Element];
    if (isHeaderCell(label)) {
      const below = nextRow(row);
      const cell = below ? cellsOfRow(below)[i] : undefined;
      if (cell) return [cell];
    }
    return [];
  }
  if (tag === 'LABEL') {
    const f = label.getAttribute('for');
    const target = f ? label.ownerDocument.getElementById(f) : null;
    if (target) return [target];
  }
  const nodes: Node[] = [];
  let hasText = false;
  for (let n = label.nextSibling; n && nodes.length < 20; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      const t = tagOf(el);
      if (t === 'BR' || t === 'HR') {
        if (hasText) break;
        continue;
      }
      if (headingLevel(el) !== null) break;
      const txt = textOf(el, 150);
      if (txt && isAnyKnownLabel(txt) && !(isControl(el) && actionOf(txt))) break;
      if (txt && splitLabelAny(txt)) break;
      if (txt) hasText = true;
    } else if (n.nodeType === 3 && n.nodeValue?.trim()) hasText = true;
    nodes.push(n);
  }
  return nodes;
}

const ALL_FIELD_IDS = Object.keys(FIELD_LABELS) as FieldId[];
/** True when a text starts with some field label and a colon ("Microsoft Users: 5"). */
function splitLabelAny(text: string): boolean {
  if (text.length > 200) return false;
  return ALL_FIELD_IDS.some((id) => splitLabel(text, FIELD_LABELS[id], true) !== null);
}

interface Candidate {
  text: string;
  segments: string[];
  nodes: Node[];
}

function candidatesOf(hits: LabelHit[] | undefined, scope: Scope): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of hits ?? []) {
    if (hit.inline !== null) {
      out.push({ text: cleanText(hit.inline), segments: [cleanText(hit.inline)], nodes: [] });
      continue;
    }
    const nodes = valueNodes(hit, scope);
    const pieces = textPieces(nodes, { skipActions: true, maxChars: 300 });
    out.push({ text: pieces.text, segments: pieces.segments, nodes });
  }
  return out;
}

/**
 * Two or more different value texts for one label in one section (a label repeated with
 * conflicting values): we cannot tell which one is right, so we answer null.
 */
function conflictOf<T>(cands: Candidate[]): Field<T> | null {
  const texts = new Set(cands.map((c) => normalizeText(c.text)).filter(Boolean));
  if (texts.size <= 1) return null;
  const first = cands.find((c) => c.text) as Candidate;
  return { value: null, raw: first.text, reason: 'conflicting values for a repeated label' };
}

function notFound<T>(scope: Scope): Field<T> {
  return {
    value: null,
    raw: null,
    reason: scope.roots.length ? 'label not found' : 'section not found',
  };
}

function stringField(hits: LabelHit[] | undefined, scope: Scope): Field<string> {
  const cands = candidatesOf(hits, scope);
  if (!cands.length) return notFound(scope);
  const conflict = conflictOf<string>(cands);
  if (conflict) return conflict;
  for (const c of cands) {
    if (c.text && c.text.length <= 200 && !NO_VALUE.has(normalizeText(c.text))) {
      return { value: c.text, raw: c.text };
    }
  }
  const first = cands[0] as Candidate;
  return {
    value: null,
    raw: first.text || null,
    reason: first.text ? 'no value shown' : 'empty value',
  };
}

const NO_VALUE = new Set(
  NO_TIME_TEXTS.map(normalizeText).concat(['', 'unknown', 'not mapped', 'none']),
);

function parsedField(
  hits: LabelHit[] | undefined,
  scope: Scope,
  parse: (text: string) => number | string,
): Field<number> {
  const cands = candidatesOf(hits, scope);
  if (!cands.length) return notFound(scope);
  const conflict = conflictOf<number>(cands);
  if (conflict) return conflict;
  let firstFail: Field<number> | null = null;
  for (const c of cands) {
    for (const text of [c.text, ...c.segments]) {
      if (!text) continue;
      const v = parse(text);
      if (typeof v === 'number') return { value: v, raw: text };
      firstFail ??= { value: null, raw: text, reason: v };
    }
  }
  return firstFail ?? { value: null, raw: null, reason: 'empty value' };
}

function timeField(hits: LabelHit[] | undefined, now: Date, scope: Scope): Field<PageTime> {
  const cands = candidatesOf(hits, scope);
  if (!cands.length) return notFound(scope);
  const conflict = conflictOf<PageTime>(cands);
  if (conflict) return conflict;
  let firstFail: Field<PageTime> | null = null;
  for (const c of cands) {
    const f = timeOfCandidate(c, now);
    if (f.value) return f;
    firstFail ??= f;
  }
  return firstFail ?? { value: null, raw: null, reason: 'empty value' };
}

function timeOfCandidate(c: Candidate, now: Date): Field<PageTime> {
  // <time datetime="..."> is exact; the visible text stays the shown text.
  for (const t of queryIn(
    c.nodes.filter((n): n is Element => n.nodeType === 1),
    'time[datetime]',
    3,
  )) {
    const dt = t.getAttribute('datetime') ?? '';
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(dt) ? Date.parse(dt) : Number.NaN;
    const text = textOf(t, 80) || c.text;
    if (Number.isFinite(ms) && text)
      return { value: { text, at: new Date(ms).toISOString() }, raw: text };
  }
  const whole = parsePageTime(c.text, now);
  if (whole.value || whole.reason === 'never') return whole;
  for (const s of c.segments) {
    const f = parsePageTime(s, now);
    if (f.value || f.reason === 'never') return f;
  }
  return c.text ? whole : { value: null, raw: null, reason: 'empty value' };
}

/** "1,204" -> 1204; "1 204", "1204 users" too. A reason string when not a count. */
export function parseCount(text: string): number | string {
  const t = cleanText(text);
  const m = /^(\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+|\d+)(?:\s+(?:users?|members?|accounts?))?$/i.exec(
    t,
  );
  if (!m) return 'not a number';
  const n = Number((m[1] as string).replace(/[^\d]/g, ''));
  return Number.isSafeInteger(n) ? n : 'number too large';
}

/** "61%", "61 %", "61.5%" -> 61 / 61.5. A reason string when not a percentage. */
export function parsePercent(text: string): number | string {
  const t = cleanText(text);
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent)(?:\s*\(.*\))?$/i.exec(t);
  if (!m) return /^\d+(?:[.,]\d+)?$/.test(t) ? 'no percent sign' : 'not a percentage';
  const n = Number((m[1] as string).replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100) return 'percentage out of range';
  return n;
}

// ---------------------------------------------------------------------------------------
// Header, actions

function readTenantName(doc: Document, sections: Sections): Field<string> {
  const body = doc.body ?? doc.documentElement;
  if (!body) return failed('no document');
  const sectionEls = Object.values(sections).map((s) => (s as Section).heading);
  const firstSection = sectionEls.reduce<Element | null>(
    (a, b) => (!a || a.compareDocumentPosition(b) & 4 ? a : b),
    null,
  );
  const accept = (el: Element): string | null => {
    if (isHidden(el) || isOwnHost(el) || el.closest('nav, [role="navigation"], [data-tenant-lens]'))
      return null;
    const input = el.querySelector('input[type="text"], input:not([type])');
    const controls = new Set(queryIn([el], 'button, [role="button"]', 10).filter((b) => b !== el));
    let text = textPieces([el], { maxChars: 200, skip: controls }).text;
    if (!text && input) text = cleanText(input.getAttribute('value') ?? '');
    if (!text) text = textOf(el, 200);
    if (!text || text.length > 150) return null;
    if (sectionOfHeading(text) || isLabel(text, GENERIC_HEADINGS) || isAnyKnownLabel(text))
      return null;
    return text;
  };
  // An element labelled as the tenant's name ("Syncro Tenant name").
  const labelled: Element[] = [];
  const h1s: Element[] = [];
  const headings: Element[] = [];
  walkElements([body], (el) => {
    if (isRowLike(el)) return 'skip';
    const name = el.getAttribute('aria-label') || el.getAttribute('title');
    if (name && isLabel(name, FIELD_LABELS.tenantName)) labelled.push(el);
    const level = headingLevel(el);
    if (level === 1) h1s.push(el);
    else if (level !== null && level <= 3 && headings.length < 50) headings.push(el);
    if (labelled.length > 20 || h1s.length > 20) return 'stop';
  });
  for (const el of labelled) {
    const v = tagOf(el) === 'INPUT' ? cleanText(el.getAttribute('value') ?? '') : accept(el);
    if (v) return { value: v, raw: v };
  }
  // The page's level-1 heading.
  for (const el of h1s) {
    const v = accept(el);
    if (v) return { value: v, raw: v };
  }
  // Else the first heading before the first section heading (the top-left header).
  if (firstSection) {
    for (const el of headings) {
      if (!(el.compareDocumentPosition(firstSection) & 4)) break;
      const v = accept(el);
      if (v) return { value: v, raw: v };
    }
  }
  return { value: null, raw: null, reason: 'page header not found' };
}

const CONTROL_SELECTOR =
  'a, button, [role="button"], [role="link"], [role="menuitem"], input[type="button"], input[type="submit"]';

function actionOfControl(el: Element, base: string): PageAction {
  const label = controlLabel(el);
  const href = tagOf(el) === 'A' ? absoluteHref(el.getAttribute('href'), base) : null;
  return { label, href };
}

function findAction(
  roots: Element[],
  id: ActionId,
  base: string,
  exclude: Element[] = [],
): PageAction | null {
  for (const el of queryIn(roots, CONTROL_SELECTOR, 300)) {
    if (exclude.length && isInside(el, exclude)) continue;
    if (isHidden(el) || el.closest('[hidden], [aria-hidden="true"]')) continue;
    if (actionOf(controlLabel(el)) === id) return actionOfControl(el, base);
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Tables and rows

interface Grid {
  rows: Element[];
  cells: (row: Element) => Element[];
  columns: Partial<Record<FieldId, number>>;
  score: number;
}

function headerColumns(
  cells: Element[],
  ids: readonly FieldId[],
): Partial<Record<FieldId, number>> {
  const cols: Partial<Record<FieldId, number>> = {};
  cells.forEach((c, i) => {
    const t = textOf(c, 120);
    for (const id of ids) {
      if (cols[id] === undefined && isLabel(t, FIELD_LABELS[id])) {
        cols[id] = i;
        break;
      }
    }
  });
  return cols;
}

function tableRows(table: Element, cap: number): Element[] {
  const rows: Element[] = [];
  const kids = table.children;
  for (let i = 0; i < kids.length && rows.length < cap; i++) {
    const k = kids[i] as Element;
    const t = tagOf(k);
    if (t === 'TR') rows.push(k);
    else if (t === 'THEAD' || t === 'TBODY' || t === 'TFOOT') {
      const g = k.children;
      for (let j = 0; j < g.length && rows.length < cap; j++) {
        if (tagOf(g[j] as Element) === 'TR') rows.push(g[j] as Element);
      }
    }
  }
  return rows;
}

/** The tables, grids and lists of a region, with header columns mapped to `ids`. */
function gridsIn(
  roots: Element[],
  ids: readonly FieldId[],
  cap: number,
  exclude: Element[],
): Grid[] {
  const grids: Grid[] = [];
  const containers: Element[] = [];
  walkElements(roots, (el) => {
    if (isRowLike(el)) return 'skip';
    const tag = tagOf(el);
    const role = el.getAttribute('role');
    if (
      tag === 'TABLE' ||
      tag === 'UL' ||
      tag === 'OL' ||
      role === 'table' ||
      role === 'grid' ||
      role === 'treegrid' ||
      role === 'list'
    ) {
      containers.push(el);
      if (containers.length >= 40) return 'stop';
    }
  });
  for (const g of containers) {
    if (exclude.length && isInside(g, exclude)) continue;
    if (g.closest('[role="menu"], nav, [role="navigation"], [hidden], [aria-hidden="true"]'))
      continue;
    const tag = tagOf(g);
    const role = g.getAttribute('role');
    let rows: Element[];
    let cells: (row: Element) => Element[];
    if (tag === 'TABLE' && !role) {
      rows = tableRows(g, cap + 5);
      cells = cellsOfRow;
    } else if (role === 'table' || role === 'grid' || role === 'treegrid') {
      rows = queryIn([g], '[role="row"]', cap + 5).filter(
        (r) => r.parentElement?.closest('[role="table"], [role="grid"], [role="treegrid"]') === g,
      );
      cells = cellsOfRow;
    } else {
      rows = [];
      const kids = g.children;
      for (let i = 0; i < kids.length && rows.length < cap + 5; i++) {
        const k = kids[i] as Element;
        if (tagOf(k) === 'LI' || k.getAttribute('role') === 'listitem') rows.push(k);
      }
      cells = (row) => Array.from(row.children).slice(0, 50);
    }
    let columns: Partial<Record<FieldId, number>> = {};
    const data: Element[] = [];
    for (const r of rows) {
      const cs = cells(r);
      if (cs.length && cs.every(isHeaderCell) && !data.length) {
        if (!Object.keys(columns).length) columns = headerColumns(cs, ids);
        continue;
      }
      if (data.length < cap) data.push(r);
    }
    grids.push({ rows: data, cells, columns, score: Object.keys(columns).length });
  }
  return grids;
}

/** Rows built around anchor elements: the highest ancestor holding only its own anchor. */
function rowsAround(anchors: Element[], roots: Element[], cap: number): Element[] {
  const rows: Element[] = [];
  const all = new Set(anchors);
  const taken = new Set<Element>();
  for (const a of anchors) {
    if (rows.length >= cap) break;
    let row = a;
    for (let depth = 0; depth < 8; depth++) {
      const p = row.parentElement;
      if (!p || roots.includes(row) || !isInside(p, roots)) break;
      let other = false;
      for (const b of all) {
        if (b !== a && p.contains(b)) {
          other = true;
          break;
        }
      }
      if (other) break;
      row = p;
    }
    if (!taken.has(row)) {
      taken.add(row);
      rows.push(row);
    }
  }
  return rows;
}

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** The same, stateless (a /g regex's test() keeps a lastIndex between calls). */
const HAS_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE_RE = /^\+?[\d\s().\-–]{7,25}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;

function isPhone(text: string): boolean {
  return PHONE_RE.test(text) && (text.match(/\d/g)?.length ?? 0) >= 7;
}

function uniq(list: string[]): string[] {
  return Array.from(new Set(list));
}

// ---------------------------------------------------------------------------------------
// Customer Organizations

const ORG_FIELDS: FieldId[] = ['organizationName', 'email', 'phone', 'entraUserSync'];
const NO_ROWS_RE =
  /^(no|there are no) (customer |child )?(organi[sz]ations?|customers?|records?|results?|data|rows?)\b/i;

function readOrganizations(
  doc: Document,
  section: Section | undefined,
  base: string,
): OrganizationRow[] | null {
  let roots = section?.roots ?? null;
  let grids: Grid[] = [];
  if (roots) grids = gridsIn(roots, ORG_FIELDS, MAX_ORGANIZATION_ROWS, []);
  else {
    // No heading: accept only a table whose headers name an Entra ID User Sync column
    // and an Email or Phone column.
    const body = doc.body ?? doc.documentElement;
    if (!body) return null;
    grids = gridsIn([body], ORG_FIELDS, MAX_ORGANIZATION_ROWS, []).filter(
      (g) =>
        g.columns.entraUserSync !== undefined &&
        (g.columns.email !== undefined || g.columns.phone !== undefined),
    );
    if (!grids.length) return null;
    roots = [body];
  }
  let grid = grids
    .filter((g) => g.rows.length)
    .sort((a, b) => b.score - a.score)
    .find(
      (g) =>
        g.score > 0 || g.rows.some((r) => orgLink(r) !== null || HAS_EMAIL.test(textOf(r, 300))),
    );
  if (!grid) {
    const links = queryIn(roots, 'a[href]', MAX_ORGANIZATION_ROWS * 2).filter(
      (a) =>
        isOrgLink(a) &&
        headingLevel(a) === null &&
        !a.closest('h1,h2,h3,h4,h5,h6,[role="heading"]'),
    );
    if (!links.length) return [];
    const rows = rowsAround(links.slice(0, MAX_ORGANIZATION_ROWS), roots, MAX_ORGANIZATION_ROWS);
    grid = { rows, cells: (r) => Array.from(r.children).slice(0, 50), columns: {}, score: 0 };
  }
  const out: OrganizationRow[] = [];
  for (const row of grid.rows) {
    if (out.length >= MAX_ORGANIZATION_ROWS) break;
    const r = safe(() => readOrgRow(row, grid as Grid, base), null);
    if (r) out.push(r);
  }
  return out;
}

function isOrgLink(a: Element): boolean {
  const href = (a.getAttribute('href') ?? '').trim().toLowerCase();
  if (
    !href ||
    href.startsWith('mailto:') ||
    href.startsWith('tel:') ||
    href.startsWith('javascript:')
  )
    return false;
  const t = textOf(a, 150);
  return (
    Boolean(t) && actionOf(t) === null && !isLabel(t, FIELD_LABELS.entraUserSync) && !/@/.test(t)
  );
}

function orgLink(row: Element): Element | null {
  for (const a of queryIn([row], 'a[href]', 20)) if (isOrgLink(a)) return a;
  return null;
}

function readOrgRow(row: Element, grid: Grid, base: string): OrganizationRow | null {
  const cells = grid.cells(row);
  const col = (id: FieldId): Element | null => {
    const i = grid.columns[id];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const nameCell = col('organizationName');
  const link = orgLink(nameCell ?? row);
  let name = link ? textOf(link, 200) : '';
  if (!name) name = textOf(nameCell ?? cells[0] ?? row, 200);
  if (!nameCell && !link && !cells.length)
    name = textPieces([row], { maxChars: 200 }).segments[0] ?? '';
  if (!name || NO_ROWS_RE.test(name) || name.length > 200) return null;
  const href = link ? absoluteHref(link.getAttribute('href'), base) : null;

  const emailScope = col('email') ?? row;
  const emails: string[] = [];
  for (const a of queryIn([emailScope], 'a[href^="mailto:" i]', 20)) {
    const t = textOf(a, 200);
    if (t.includes('@')) emails.push(...(t.match(EMAIL_RE) ?? []));
  }
  for (const s of textPieces([emailScope], { maxChars: 2000 }).segments)
    emails.push(...(s.match(EMAIL_RE) ?? []));

  const phoneScope = col('phone') ?? row;
  const phones: string[] = [];
  for (const s of textPieces([phoneScope], { maxChars: 2000 }).segments) {
    for (const part of s.split(/[,;/]|\s{2,}/)) {
      const p = part.replace(/^(phone|tel|mobile|office)\s*:?\s*/i, '').trim();
      if (isPhone(p)) phones.push(p);
    }
  }

  let entra: string | null = null;
  const entraCell = col('entraUserSync');
  if (entraCell) entra = textOf(entraCell, 200) || null;
  else {
    const seg = textPieces([row], { maxChars: 2000 }).segments;
    for (let i = 0; i < seg.length && !entra; i++) {
      const s = seg[i] as string;
      const inline = splitLabel(s, FIELD_LABELS.entraUserSync, true);
      if (inline) entra = inline;
      else if (isLabel(s, FIELD_LABELS.entraUserSync) && seg[i + 1]) entra = seg[i + 1] as string;
    }
    if (!entra) {
      for (const el of queryIn([row], '[aria-label], [title]', 20)) {
        const n = el.getAttribute('aria-label') || el.getAttribute('title') || '';
        if (isLabel(n, FIELD_LABELS.entraUserSync)) {
          entra = textOf(el, 200) || null;
          if (entra) break;
        }
      }
    }
  }
  return { name, href, emails: uniq(emails), phones: uniq(phones), entraUserSync: entra };
}

// ---------------------------------------------------------------------------------------
// Cloud Backup

const SERVICE_FIELDS: FieldId[] = ['service', 'lastBackup', 'restore'];

function readCloudBackup(
  doc: Document,
  sections: Sections,
  base: string,
  now: Date,
): CloudBackup | null {
  const section = sections.cloudBackup;
  const roots = section?.roots ?? [];
  const banners = safe(() => readBanners(doc, roots, sections, base), [] as BannerFound[]);
  if (!section && !banners.some((b) => b.banner.state)) return null;
  const bannerEls = banners.map((b) => b.el);
  const syncError = banners.some((b) => b.banner.state === 'sync-error');
  const scope: Scope = { roots, exclude: bannerEls, strict: false };
  const fields = safe(() => indexFields(scope, ['lastUpdated']), new Map<FieldId, LabelHit[]>());
  return {
    banners: banners.map((b) => b.banner),
    services: safe(() => readServices(roots, bannerEls, now, syncError), []),
    lastUpdated: section
      ? safe(() => timeField(fields.get('lastUpdated'), now, scope), failed())
      : { value: null, raw: null, reason: 'section not found' },
    enableAction: safe(() => findAction(roots, 'enable', base), null),
  };
}

function isKnownService(text: string): boolean {
  return isLabel(text, KNOWN_SERVICES);
}

function readServices(
  roots: Element[],
  bannerEls: Element[],
  now: Date,
  syncError: boolean,
): BackupServiceRow[] {
  if (!roots.length) return [];
  const grids = gridsIn(roots, SERVICE_FIELDS, MAX_SERVICE_ROWS, bannerEls).filter(
    (g) => g.rows.length,
  );
  const looksLikeService = (r: Element) =>
    restoreControl(r) !== null || textPieces([r], { maxChars: 300 }).segments.some(isKnownService);
  let grid = grids
    .sort((a, b) => b.score - a.score)
    .find(
      (g) =>
        g.columns.service !== undefined ||
        g.columns.lastBackup !== undefined ||
        g.rows.some(looksLikeService),
    );
  if (!grid) {
    const anchors: Element[] = [];
    walkTexts(
      roots,
      (text, parent) => {
        if (isKnownService(text) && !isControl(parent)) anchors.push(parent);
        return anchors.length >= MAX_SERVICE_ROWS;
      },
      20_000,
      bannerEls,
    );
    if (!anchors.length) return [];
    const rows = rowsAround(anchors, roots, MAX_SERVICE_ROWS);
    grid = { rows, cells: (r) => Array.from(r.children).slice(0, 20), columns: {}, score: 0 };
  }
  const out: BackupServiceRow[] = [];
  for (const row of grid.rows) {
    const s = safe(() => readServiceRow(row, grid as Grid, now, syncError), null);
    if (s) out.push(s);
  }
  return out;
}

function restoreControl(row: Element): Element | null {
  for (const el of queryIn([row], CONTROL_SELECTOR, 20)) {
    const l = controlLabel(el);
    if (
      actionOf(l) === 'restore' ||
      /^restore\b/i.test(l) ||
      /^restore\b/i.test(el.getAttribute('aria-label') ?? '')
    )
      return el;
  }
  return null;
}

const ICON_SELECTOR =
  '[title], [aria-label], img[alt], [role="img"], svg, [data-tooltip], [data-original-title], [data-bs-original-title]';

function iconLabel(el: Element): string {
  const svgTitle =
    tagOf(el) === 'SVG' || el.tagName === 'svg' ? el.querySelector('title')?.textContent : null;
  return cleanText(
    el.getAttribute('aria-label') ||
      el.getAttribute('title') ||
      el.getAttribute('data-bs-original-title') ||
      el.getAttribute('data-original-title') ||
      el.getAttribute('data-tooltip') ||
      el.getAttribute('alt') ||
      svgTitle ||
      '',
  );
}

function readServiceRow(
  row: Element,
  grid: Grid,
  now: Date,
  syncError: boolean,
): BackupServiceRow | null {
  const cells = grid.cells(row);
  const col = (id: FieldId): Element | null => {
    const i = grid.columns[id];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const restore = restoreControl(row);
  const skipRestore = new Set<Element>(restore ? [restore] : []);
  const rowPieces = textPieces([row], { maxChars: 1000, skip: skipRestore });
  // Name: the Service column, else a known service name, else the first cell's first text.
  const nameCell = col('service');
  let name = '';
  if (nameCell)
    name = textPieces([nameCell], { maxChars: 200, skip: skipRestore }).segments[0] ?? '';
  if (!name) name = rowPieces.segments.find(isKnownService) ?? '';
  if (!name && cells[0])
    name = textPieces([cells[0]], { maxChars: 200, skip: skipRestore }).segments[0] ?? '';
  name = cleanText(name);
  if (!name || name.length > 80 || isAnyKnownLabel(name) || isNotEnabledText(name)) return null;
  if (
    !restore &&
    !isKnownService(name) &&
    grid.columns.lastBackup === undefined &&
    grid.columns.service === undefined
  ) {
    return null;
  }
  const nameEl = nameCell ?? cells.find((c) => textOf(c, 200).startsWith(name)) ?? null;

  // Last Backup: its column, else the first cell / text that reads as a time.
  let lastBackup: Field<PageTime> = { value: null, raw: null, reason: 'no Last Backup shown' };
  const lbCell = col('lastBackup');
  const tryNodes = (nodes: Node[]): Field<PageTime> | null => {
    const p = textPieces(nodes, { maxChars: 300, skipActions: true });
    if (!p.text) return null;
    const f = timeOfCandidate({ text: p.text, segments: p.segments, nodes }, now);
    return f.value || f.reason === 'never' ? f : null;
  };
  if (lbCell) {
    const p = textPieces([lbCell], { maxChars: 300, skipActions: true });
    lastBackup =
      tryNodes([lbCell]) ??
      (p.text
        ? timeOfCandidate({ text: p.text, segments: p.segments, nodes: [lbCell] }, now)
        : { value: null, raw: null, reason: 'empty Last Backup' });
  } else {
    let found: Field<PageTime> | null = null;
    for (const c of cells) {
      if (
        c === nameEl ||
        (restore &&
          c.contains(restore) &&
          !textOf(c, 100).replace(controlLabel(restore), '').trim())
      )
        continue;
      found = tryNodes([c]);
      if (found) break;
    }
    if (!found) {
      for (const s of rowPieces.segments) {
        if (s === name) continue;
        const split = splitLabel(s, FIELD_LABELS.lastBackup, false);
        const f = parsePageTime(split ?? s, now);
        if (f.value || f.reason === 'never') {
          found = f;
          break;
        }
      }
    }
    if (found) lastBackup = found;
  }

  // Error icon next to Last Backup: an element with an error label, or hidden text.
  let errorText: string | null = null;
  const iconScope = lbCell ? [lbCell] : [row];
  for (const el of queryIn(iconScope, ICON_SELECTOR, 30)) {
    if (restore && (el === restore || restore.contains(el))) continue;
    if (isControl(el) && actionOf(controlLabel(el))) continue;
    const label = iconLabel(el);
    if (label && ERROR_ICON_WORDS.test(label)) {
      errorText = label;
      break;
    }
  }
  if (!errorText) {
    // Visually-hidden text ("<span class=sr-only>Backup failed</span>") reads as text.
    for (const s of lbCell
      ? textPieces([lbCell], { maxChars: 300 }).segments
      : rowPieces.segments) {
      if (s === name || s === lastBackup.raw) continue;
      if (ERROR_ICON_WORDS.test(s) && s.length <= 200) {
        errorText = s;
        break;
      }
    }
  }

  // Enabled: strong signals, else two weak ones (not while a sync error grays everything).
  const strong =
    rowPieces.segments.some(isNotEnabledText) ||
    row.getAttribute('aria-disabled') === 'true' ||
    row.hasAttribute('disabled') ||
    cells.some((c) => c.getAttribute('aria-disabled') === 'true' && !c.contains(restore));
  let enabled = !strong;
  const restoreAvailable = restore !== null && !isDisabledControl(restore);
  if (enabled && !syncError) {
    let weak = 0;
    if (!restoreAvailable) weak++;
    if (!lastBackup.value) weak++;
    if (grayStyle(row) || (nameEl && grayStyle(nameEl))) weak++;
    if (weak >= 2) enabled = false;
  }
  return {
    name,
    enabled,
    lastBackup,
    hasErrorIcon: errorText !== null,
    errorText,
    restoreAvailable,
  };
}

function grayStyle(el: Element): boolean {
  const s = el.getAttribute('style');
  if (!s) return false;
  const op = /opacity\s*:\s*([\d.]+)/i.exec(s);
  if (op && Number(op[1]) < 1) return true;
  return (
    /(^|;)\s*color\s*:\s*(gray|grey|#(?:999|aaa|bbb|ccc|999999|aaaaaa|bbbbbb|cccccc|6c757d|adb5bd)\b)/i.test(
      s,
    ) || /filter\s*:\s*grayscale/i.test(s)
  );
}

// ---------------------------------------------------------------------------------------
// Banners

interface BannerFound {
  el: Element;
  banner: BackupBanner;
}

const BANNER_KEYWORDS = [
  'recent backup',
  'consent failed',
  'sync error',
  'no data',
  'could not be enabled',
  'could not enable',
];
const ALERT_SELECTOR =
  '[role="alert"], [role="status"], [aria-live="assertive"], [aria-live="polite"]';
const NOT_BANNER_CONTEXT =
  'td, th, li, tr, [role="row"], [role="cell"], [role="gridcell"], [role="listitem"], h1, h2, h3, h4, h5, h6, [role="heading"], a, button, [role="tooltip"], nav, [role="navigation"], label, option';

function hasAlertRole(el: Element): boolean {
  return el.matches(ALERT_SELECTOR);
}

function readBanners(
  doc: Document,
  roots: Element[],
  sections: Sections,
  base: string,
): BannerFound[] {
  const body = doc.body ?? doc.documentElement;
  if (!body) return [];
  const found: BannerFound[] = [];
  const consider = (el: Element, stacked = false) => {
    if (found.length >= MAX_BANNERS) return;
    if (found.some((f) => f.el === el || f.el.contains(el) || el.contains(f.el))) return;
    const alertRole = hasAlertRole(el);
    const text = textOf(el, 600);
    if (!text || text.length > 500) return;
    const state = bannerStateOf(text, alertRole);
    if (!state) {
      if (!(alertRole || stacked) || !roots.length || !isInside(el, roots)) return;
      // A progress message in a live region is not a banner.
      if (
        !text ||
        text.length < 3 ||
        /^(loading|saving|refreshing|updating|please wait)\b/i.test(text)
      )
        return;
    }
    if (state && found.some((f) => f.banner.state === state)) return;
    found.push({ el, banner: { state, text, action: bannerAction(el, base) } });
  };
  // 1. ARIA alerts/status regions anywhere (known texts), or in the section (any text).
  const alerts: Element[] = [];
  walkElements([body], (el) => {
    if (isRowLike(el)) return 'skip';
    if (hasAlertRole(el)) alerts.push(el);
    if (alerts.length >= 50) return 'stop';
  });
  for (const el of alerts) consider(el);
  // 2. Blocks whose text matches a documented banner.
  const exclude = [sections.microsoftDetails, sections.organizations].flatMap(
    (s) => s?.roots ?? [],
  );
  const blocks: Element[] = [];
  walkTexts(
    [body],
    (text, parent) => {
      const low = text.toLowerCase();
      if (!BANNER_KEYWORDS.some((k) => low.includes(k))) return;
      if (parent.closest(NOT_BANNER_CONTEXT) && !parent.closest(ALERT_SELECTOR)) {
        // Inside a row/cell/link: a tooltip or an error label, not a banner - unless the
        // link or bold text sits inside a banner block.
        const c = parent.closest(NOT_BANNER_CONTEXT) as Element;
        const tag = tagOf(c);
        if (tag !== 'A' && tag !== 'BUTTON') return;
      }
      const block = bannerBlock(parent);
      if (block && !blocks.includes(block)) blocks.push(block);
      return blocks.length >= MAX_BANNERS * 2;
    },
    120_000,
    exclude,
    isRowLike,
  );
  for (const b of blocks) {
    if (
      b.closest('td, th, tr, li, [role="row"], [role="cell"], [role="gridcell"], [role="listitem"]')
    )
      continue;
    const state = bannerStateOf(textOf(b, 600), hasAlertRole(b));
    if (state) consider(b);
  }
  // 3. Banners stack: inside the section, a sibling of a known banner built the same way
  // (same element, same leading child, e.g. an aria-hidden icon) with a short text and no
  // table, list or field label is a banner too, of a state we do not know.
  for (const f of found.slice()) {
    if (!f.banner.state || !roots.length || !isInside(f.el, roots)) continue;
    const parent = f.el.parentElement;
    if (!parent) continue;
    const kids = parent.children;
    for (let i = 0; i < kids.length && i < 30; i++) {
      const sib = kids[i] as Element;
      if (sib === f.el || found.some((x) => x.el === sib || sib.contains(x.el))) continue;
      if (!sameShape(sib, f.el) || isHidden(sib)) continue;
      if (
        queryIn([sib], 'table, ul, ol, dl, [role="table"], [role="grid"], [role="list"]', 1).length
      )
        continue;
      const text = textOf(sib, 600);
      if (!text || text.length > 500 || splitLabelAny(text) || isAnyKnownLabel(text)) continue;
      consider(sib, true);
    }
  }
  // Document order.
  found.sort((a, b) => (a.el.compareDocumentPosition(b.el) & 4 ? -1 : 1));
  return found;
}

function sameShape(a: Element, b: Element): boolean {
  if (tagOf(a) !== tagOf(b)) return false;
  const fa = a.firstElementChild;
  const fb = b.firstElementChild;
  if (!fa || !fb || tagOf(fa) !== tagOf(fb)) return false;
  return fa.getAttribute('aria-hidden') === fb.getAttribute('aria-hidden');
}

/** The banner block around a matching text: the nearest block, widened to its action. */
function bannerBlock(parent: Element): Element | null {
  let el: Element | null = parent;
  while (
    el &&
    (tagOf(el) === 'A' ||
      tagOf(el) === 'BUTTON' ||
      /^(SPAN|STRONG|B|EM|I|SMALL|FONT|MARK|U)$/.test(tagOf(el)))
  ) {
    el = el.parentElement;
  }
  if (!el || tagOf(el) === 'BODY' || tagOf(el) === 'HTML') return null;
  const alert = el.closest(ALERT_SELECTOR);
  if (alert?.contains(el)) {
    return textOf(alert, 700).length <= 500 ? alert : el;
  }
  // Widen to a parent that adds only controls (its action, a close button) or icons.
  const len = textOf(el, 700).length;
  for (let i = 0; i < 3; i++) {
    const p: Element | null = el.parentElement;
    if (!p || tagOf(p) === 'BODY' || tagOf(p) === 'HTML') break;
    if (headingLevel(p) !== null) break;
    const controls = new Set(queryIn([p], CONTROL_SELECTOR, 6));
    if (controls.size > 5) break;
    const own = textPieces([p], { maxChars: len + 60, skip: controls }).text.length;
    if (own > len + 3) break;
    el = p;
  }
  return el;
}

function bannerAction(el: Element, base: string): PageAction | null {
  for (const c of queryIn([el], CONTROL_SELECTOR, 10)) {
    const label = controlLabel(c);
    if (
      !label ||
      /^(close|dismiss|×|x|✕)$/i.test(label) ||
      /^(close|dismiss)\b/i.test(c.getAttribute('aria-label') ?? '')
    )
      continue;
    return actionOfControl(c, base);
  }
  return null;
}
