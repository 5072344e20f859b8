// @vitest-environment happy-dom
/**
 * Property tests of the portal reader: on random element soup, truncated documents,
 * shuffled attributes and injected scripts it never throws, and every value it returns is
 * backed by text present in the document (it invents nothing). Fixed seeds, bounded runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectTenantPage } from '../../lib/portal/detect';
import { readTenantPage } from '../../lib/portal/read';
import type { TenantPage } from '../../lib/portal/types';
import { pageStrings } from './hardening-fuzz-model';

const NOW = new Date('2026-12-03T16:00:00Z');
const URL_ = 'https://acme.syncromsp.com/tenants/p';
/** Text only a script carries: the reader must never return it. */
const SCRIPT_SENTINEL = 'ZZSCRIPTZZ';

const TEXTS = [
  'Microsoft Details',
  'Customer Organizations',
  'Organizations',
  'Cloud Backup',
  'Last Tenant Sync',
  'Last Tenant Sync:',
  'Microsoft Tenant',
  'Microsoft Secure Score',
  'Secure Score:',
  'Microsoft Users',
  'Microsoft Users: 1,204',
  'Last Backup',
  'Last Updated:',
  'Service',
  'Restore',
  'Sync Now',
  'Manage',
  'Enable',
  'Learn More',
  'Reconfigure',
  'Not enabled',
  'Exchange',
  'OneDrive',
  'Name',
  'Email',
  'Phone',
  'MS Entra ID User Sync',
  'There was an issue with a recent backup.',
  'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
  'A sync error has occurred. Wait several minutes and refresh the page.',
  'No data backed up for this tenant.',
  'Cloud backup could not be enabled.',
  '34m ago',
  '2 hours ago',
  'just now',
  'Never',
  'Dec 3, 2026 1:14 PM',
  '61%',
  '1,204',
  'fabrikam.com',
  'it@fabrikam.com',
  '(555) 010-2000',
  'Enabled',
  'Set up',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '</dd></dl>',
  ' ',
];
const TAGS = [
  'div',
  'span',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'td',
  'th',
  'ul',
  'li',
  'a',
  'button',
  'strong',
  'time',
  'i',
];
const ATTRS = [
  'role="alert"',
  'role="status"',
  'role="heading" aria-level="2"',
  'role="table"',
  'role="row"',
  'role="cell"',
  'role="columnheader"',
  'role="rowheader"',
  'role="img" aria-label="Backup failed"',
  'title="Error: consent failed"',
  'aria-label="Microsoft Users"',
  'aria-disabled="true"',
  'disabled',
  'hidden',
  'aria-hidden="true"',
  'style="opacity:.4"',
  'href="/customers/1"',
  'href="javascript:alert(1)"',
  'href="mailto:x@y.test"',
  'datetime="2026-12-03T15:00:00Z"',
  'class="css-x1 panel-heading alert"',
  'data-tenant-lens="users"',
];

type Tree = string | { tag: string; attrs: string[]; kids: Tree[] };

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 12 })),
    fc.record({
      tag: fc.constantFrom(...TAGS),
      attrs: fc.subarray(ATTRS, { maxLength: 3 }),
      kids: fc.array(tie('tree'), { maxLength: 5 }),
    }),
  ),
}));

function escapeText(s: string): string {
  // Vocabulary entries with entities are already escaped; random strings are escaped here.
  return s.includes('&') ? s : s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function html(t: Tree): string {
  if (typeof t === 'string') return escapeText(t);
  return `<${t.tag}${t.attrs.map((a) => ` ${a}`).join('')}>${t.kids.map(html).join('')}</${t.tag}>`;
}

const scriptArb = fc.constantFrom(
  `<script>document.write("Microsoft Users: 999 ${SCRIPT_SENTINEL}")</script>`,
  `<script type="text/template"><h2>Microsoft Details</h2><p>Microsoft Users: 7 ${SCRIPT_SENTINEL}</p></script>`,
  `<style>.x::after{content:"Microsoft Users: 5 ${SCRIPT_SENTINEL}"}</style>`,
  `<template><h2>Cloud Backup</h2><div role="alert">There was an issue with a recent backup. ${SCRIPT_SENTINEL}</div></template>`,
  '',
);

function parse(markup: string): Document {
  return new DOMParser().parseFromString(markup, 'text/html');
}

/** Every text and attribute value of the document, without whitespace (the reader joins
 * text nodes with spaces, so compare without them). */
function backing(doc: Document): string {
  const parts = [doc.documentElement?.textContent ?? ''];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) parts.push(a.value);
  }
  // The same text with what the reader leaves out removed (hidden, aria-hidden icons,
  // scripts), where words on either side of a left-out inline element meet.
  const clone = doc.documentElement?.cloneNode(true) as Element | undefined;
  for (const el of Array.from(
    clone?.querySelectorAll(
      '[hidden], [aria-hidden="true"], [data-tenant-lens], script, style, template',
    ) ?? [],
  )) {
    el.remove();
  }
  parts.push('\n', clone?.textContent ?? '');
  return parts.join('').replace(/\s+/g, '');
}


function checkNoInvention(doc: Document): void {
  const p = readTenantPage(doc, URL_, NOW);
  detectTenantPage(doc, URL_);
  const text = backing(doc);
  for (const s of pageStrings(p)) {
    expect(s).not.toContain(SCRIPT_SENTINEL);
    // Token by token: the reader joins visible text and leaves hidden text out, so a
    // returned string need not be one contiguous run of the document's textContent.
    for (const token of s.split(/\s+/)) if (token) expect(text).toContain(token);
  }
  // Numbers come from their raw text.
  for (const f of [p.secureScorePercent, p.microsoftUsers]) {
    if (f.value !== null)
      expect((f.raw ?? '').replace(/\D/g, '')).toContain(String(Math.trunc(f.value)));
  }
  // Hrefs are absolute URLs, never javascript: or data:.
  const hrefs = [p.syncNowAction, p.manageAction, p.cloudBackup?.enableAction]
    .concat((p.cloudBackup?.banners ?? []).map((b) => b.action))
    .map((a) => a?.href)
    .concat((p.organizations ?? []).map((o) => o.href));
  for (const h of hrefs) if (h) expect(h).toMatch(/^(https?|mailto|tel):/);
  // Bounded.
  expect((p.organizations ?? []).length).toBeLessThanOrEqual(500);
}

/** A realistic page to cut and mutate. */
const REAL = `<!DOCTYPE html><html><head><title>Fabrikam | Syncro</title></head><body>
<nav><a href="/customers">Customers</a></nav><h1 title="Click to edit">Fabrikam</h1>
<div><div><h3>Microsoft Details</h3><a href="/microsoft_tenants">Manage</a></div>
<dl><dt>Last Tenant Sync</dt><dd>34m ago <button>Sync Now</button></dd><dt>Microsoft Tenant</dt><dd>fabrikam.com</dd>
<dt>Microsoft Secure Score</dt><dd>61%</dd><dt>Microsoft Users</dt><dd>1,204</dd></dl></div>
<div><h3>Customer Organizations</h3><table><thead><tr><th>Name</th><th>Email</th><th>Phone</th><th>MS Entra ID User Sync</th></tr></thead>
<tbody><tr><td><a href="/customers/1">Fabrikam Retail</a></td><td><a href="mailto:it@fabrikam.com">it@fabrikam.com</a></td><td>(555) 010-2000</td><td>Enabled</td></tr></tbody></table></div>
<div><div><h3>Cloud Backup</h3><button>Manage</button></div>
<div role="alert">There was an issue with a recent backup. <a href="/cloud_backup/alerts">Learn More</a></div>
<table><tr><th>Service</th><th>Last Backup</th><th></th></tr>
<tr><td>Exchange</td><td>Dec 3, 2026 1:14 PM <i role="img" title="Backup failed" aria-label="Backup failed"></i></td><td><button>Restore</button></td></tr>
<tr style="opacity:.45"><td>OneDrive</td><td>Never</td><td><button disabled>Restore</button></td></tr></table>
<p>Last Updated: Dec 3, 2026 3:00 PM</p></div></body></html>`;

describe('portal reader properties', () => {
  it('random element soup: never throws, invents nothing', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), scriptArb, (trees, script) => {
        const doc = parse(
          `<html><body>${script}${trees.map(html).join('')}${script}</body></html>`,
        );
        checkNoInvention(doc);
      }),
      { seed: 42, numRuns: 200 },
    );
  }, 120_000);

  it('a real page with a script injected between tags, cut at any offset', () => {
    // Between tags, so that a browser (and happy-dom) parses the script as a script.
    const slots = [...REAL.matchAll(/>/g)].map((m) => (m.index ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...slots),
        scriptArb,
        fc.nat({ max: REAL.length + 200 }),
        (at, script, cut) => {
          const injected = REAL.slice(0, at) + script + REAL.slice(at);
          checkNoInvention(parse(injected.slice(0, cut)));
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  }, 120_000);

  it('a real page with its attributes shuffled between elements', () => {
    const base = parse(REAL);
    const els = Array.from(base.body.querySelectorAll('*'));
    const attrs = els.flatMap((e) =>
      Array.from(e.attributes).map((a) => [a.name, a.value] as const),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: els.length - 1 }), fc.nat({ max: attrs.length - 1 })), {
          maxLength: 15,
        }),
        (moves) => {
          const doc = parse(REAL);
          const targets = Array.from(doc.body.querySelectorAll('*'));
          for (const [e, a] of moves) {
            const [name, value] = attrs[a] as readonly [string, string];
            targets[e]?.setAttribute(name, value);
          }
          checkNoInvention(doc);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  }, 120_000);

  it('the uncut real page reads fully (the properties above are not vacuous)', () => {
    const p = readTenantPage(parse(REAL), URL_, NOW);
    expect(p.microsoftUsers.value).toBe(1204);
    expect(p.cloudBackup?.banners[0]?.state).toBe('recent-backup-issue');
    expect(p.cloudBackup?.services.map((s) => [s.name, s.enabled, s.hasErrorIcon])).toEqual([
      ['Exchange', true, true],
      ['OneDrive', false, false],
    ]);
    checkNoInvention(parse(REAL));
  });
});
