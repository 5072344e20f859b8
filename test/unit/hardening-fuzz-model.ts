/**
 * The fuzz model shared by test/unit/hardening-fuzz.test.ts (bounded, in `npm test`) and
 * test/soak/hardening-fuzz.test.ts (long, `npm run soak`): the world's replica pages (every
 * catalogue tenant and the hostile page, in every markup variant) mutated by fast-check
 * (nodes dropped, duplicated, shuffled, wrapped deep; hostile text injected; values replaced
 * by wrong formats; links turned into javascript:), then read. The property: the reader never
 * throws, and every non-null value it returns is backed by text in the mutated document.
 *
 * portal-property.test.ts covers random element soup and one hand-written page; this covers
 * the replica's real markup variants. Needs a DOM (happy-dom environment).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { readTenantPage } from '../../lib/portal/read';
import type { TenantPage } from '../../lib/portal/types';
import { PORTAL_TENANTS, PORTAL_VARIANTS, type PortalVariant } from '../world/catalogue';
import {
  HOSTILE_MARKUP,
  HOSTILE_SLUG,
  renderHostilePage,
  renderTenantPage,
} from '../world/portal/index';

export const NOW = new Date('2026-12-03T16:00:00Z');

/** Texts injected into the page: markup, script URLs, lookalike labels, control characters. */
export const HOSTILE_TEXTS = [
  HOSTILE_MARKUP,
  '"><svg onload=alert(1)>',
  'javascript:alert(document.domain)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  'Microsoft Users: 999999',
  'Microsoft Secure Score 101%',
  'Last Tenant Sync: just now',
  'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
  '\u202Egnp.exe\u0000\u200B',
  '__proto__',
];

/** Values in the wrong format for the fields they replace. */
export const WRONG_FORMATS = [
  'N/A',
  'lots',
  '-5m ago',
  '150%',
  '-3%',
  '1.204,5',
  '1e309',
  'NaN',
  'Infinity%',
  '12 345 678 901 234 567 890',
  'Feb 30, 2026 25:61 PM',
  'the day before tomorrow',
  '99999 years ago',
  '',
  '   ',
];

export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'shuffle'; at: number; seed: number }
  | { kind: 'wrap'; at: number; depth: number }
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'reformat'; at: number; text: string }
  | { kind: 'javascript-link'; at: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle' as const), at: fc.nat(), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('wrap' as const),
    at: fc.nat(),
    depth: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('inject' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), fc.string({ maxLength: 20 })),
  }),
  fc.record({
    kind: fc.constant('reformat' as const),
    at: fc.nat(),
    text: fc.constantFrom(...WRONG_FORMATS),
  }),
  fc.record({ kind: fc.constant('javascript-link' as const), at: fc.nat() }),
);

/** One page of the replica: a catalogue tenant or the hostile page, in one variant. */
export interface ReplicaPage {
  slug: string;
  variant: PortalVariant;
}

export const REPLICA_PAGES: ReplicaPage[] = [
  ...PORTAL_TENANTS.map((t) => t.slug),
  HOSTILE_SLUG,
].flatMap((slug) => PORTAL_VARIANTS.map((variant) => ({ slug, variant })));

const htmlCache = new Map<string, string>();

/** The page's HTML (cached). The hostile page has `hostileRows` organization rows. */
export function replicaHtml(p: ReplicaPage, hostileRows: number): string {
  const key = `${p.slug}|${p.variant}|${hostileRows}`;
  let html = htmlCache.get(key);
  if (html === undefined) {
    html =
      p.slug === HOSTILE_SLUG
        ? renderHostilePage(NOW, { variant: p.variant, organizationCount: hostileRows })
        : renderTenantPage(p.slug, p.variant, NOW);
    htmlCache.set(key, html);
  }
  return html;
}

/** Applies the mutations to the body of `doc` (indices wrap around the current elements). */
export function mutate(doc: Document, mutations: Mutation[]): void {
  for (const m of mutations) {
    const els = Array.from(doc.body?.querySelectorAll('*') ?? []);
    if (els.length === 0) return;
    const el = els[m.at % els.length] as Element;
    switch (m.kind) {
      case 'drop':
        el.remove();
        break;
      case 'duplicate':
        el.after(el.cloneNode(true));
        break;
      case 'shuffle': {
        const kids = Array.from(el.children);
        let s = m.seed;
        for (let i = kids.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [kids[i], kids[j]] = [kids[j] as Element, kids[i] as Element];
        }
        for (const k of kids) el.appendChild(k);
        break;
      }
      case 'wrap': {
        let outer: Element = el;
        for (let i = 0; i < m.depth; i++) {
          const w = doc.createElement(i % 2 ? 'span' : 'div');
          outer.replaceWith(w);
          w.appendChild(outer);
          outer = w;
        }
        break;
      }
      case 'inject':
        el.appendChild(doc.createTextNode(` ${m.text}`));
        break;
      case 'reformat': {
        // Replace the element's first non-empty text node (a value, a label or a time).
        const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if ((n.textContent ?? '').trim()) {
            n.textContent = m.text;
            break;
          }
        }
        break;
      }
      case 'javascript-link': {
        const links = Array.from(doc.body.querySelectorAll('a'));
        const a = links[m.at % Math.max(1, links.length)];
        if (a) a.setAttribute('href', 'javascript:alert(1)');
        else el.setAttribute('href', 'javascript:alert(1)');
        break;
      }
    }
  }
}

/** Every text and attribute value of the document, whitespace removed. */
function backing(doc: Document): string {
  const parts = [doc.documentElement?.textContent ?? ''];
  for (const el of Array.from(doc.querySelectorAll('*')))
    for (const a of Array.from(el.attributes)) parts.push(a.value);
  return parts.join('').replace(/\s+/g, '');
}

/** Every string the reader returned as coming from the page. */
export function pageStrings(p: TenantPage): string[] {
  const out: string[] = [];
  const field = (f: { value: unknown; raw: string | null }) => {
    if (f.raw !== null) out.push(f.raw);
    if (typeof f.value === 'string') out.push(f.value);
    if (f.value && typeof f.value === 'object' && 'text' in f.value) out.push(String(f.value.text));
  };
  field(p.syncroTenantName);
  field(p.lastTenantSync);
  field(p.microsoftTenant);
  field(p.secureScorePercent);
  field(p.microsoftUsers);
  for (const a of [p.syncNowAction, p.manageAction]) if (a) out.push(a.label);
  for (const o of p.organizations ?? []) {
    out.push(o.name, ...o.emails, ...o.phones);
    if (o.entraUserSync) out.push(o.entraUserSync);
  }
  const cb = p.cloudBackup;
  if (cb) {
    field(cb.lastUpdated);
    if (cb.enableAction) out.push(cb.enableAction.label);
    for (const b of cb.banners) {
      out.push(b.text);
      if (b.action) out.push(b.action.label);
    }
    for (const s of cb.services) {
      out.push(s.name);
      field(s.lastBackup);
      if (s.errorText) out.push(s.errorText);
    }
  }
  return out;
}

/** Counts of non-null values seen, to show a run was not vacuous. */
export interface FuzzTally {
  runs: number;
  users: number;
  score: number;
  banners: number;
  services: number;
}

export function newTally(): FuzzTally {
  return { runs: 0, users: 0, score: 0, banners: 0, services: 0 };
}

/** Reads the mutated page and checks the property; throws (fails) on a violation. */
export function checkReplica(
  p: ReplicaPage,
  mutations: Mutation[],
  hostileRows: number,
  tally?: FuzzTally,
): void {
  const doc = new DOMParser().parseFromString(replicaHtml(p, hostileRows), 'text/html');
  mutate(doc, mutations);
  const url = `https://acme.syncromsp.com/tenants/${p.slug}?variant=${p.variant}`;
  let page: TenantPage;
  try {
    page = readTenantPage(doc, url, NOW);
  } catch (e) {
    throw new Error(
      `readTenantPage threw on ${p.slug}/${p.variant} after ${JSON.stringify(mutations)}: ${e}`,
    );
  }
  const text = backing(doc);
  for (const s of pageStrings(page))
    for (const token of s.split(/\s+/))
      if (token) expect(text, `${p.slug}/${p.variant}: "${s}"`).toContain(token);
  for (const f of [page.secureScorePercent, page.microsoftUsers]) {
    if (f.value === null) continue;
    expect(Number.isFinite(f.value)).toBe(true);
    expect((f.raw ?? '').replace(/\D/g, '')).toContain(String(Math.trunc(f.value)));
  }
  if (page.secureScorePercent.value !== null) {
    expect(page.secureScorePercent.value).toBeGreaterThanOrEqual(0);
    expect(page.secureScorePercent.value).toBeLessThanOrEqual(100);
  }
  if (page.microsoftUsers.value !== null)
    expect(Number.isSafeInteger(page.microsoftUsers.value)).toBe(true);
  // Times: a parsed instant is a valid date, and comes with its text.
  const times = [
    page.lastTenantSync,
    page.cloudBackup?.lastUpdated,
    ...(page.cloudBackup?.services ?? []).map((s) => s.lastBackup),
  ];
  for (const t of times) {
    if (!t?.value?.at) continue;
    expect(Number.isFinite(Date.parse(t.value.at))).toBe(true);
    expect(t.value.text.trim()).not.toBe('');
  }
  // Links: absolute http(s), never javascript:.
  const hrefs = [page.syncNowAction, page.manageAction, page.cloudBackup?.enableAction]
    .concat((page.cloudBackup?.banners ?? []).map((b) => b.action))
    .map((a) => a?.href)
    .concat((page.organizations ?? []).map((o) => o.href));
  for (const h of hrefs) if (h) expect(h).toMatch(/^https?:\/\//);
  expect((page.organizations ?? []).length).toBeLessThanOrEqual(500);
  // What is sent to the background survives structured cloning unchanged.
  expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  if (tally) {
    tally.runs++;
    if (page.microsoftUsers.value !== null) tally.users++;
    if (page.secureScorePercent.value !== null) tally.score++;
    tally.banners += page.cloudBackup?.banners.length ?? 0;
    tally.services += page.cloudBackup?.services.length ?? 0;
  }
}

/** The property over every replica page, with 0..maxMutations mutations. */
export function replicaProperty(maxMutations: number, hostileRows: number, tally?: FuzzTally) {
  return fc.property(
    fc.constantFrom(...REPLICA_PAGES),
    fc.array(mutationArb, { maxLength: maxMutations }),
    (p, ms) => checkReplica(p, ms, hostileRows, tally),
  );
}
