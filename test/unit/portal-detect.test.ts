// @vitest-environment happy-dom
/** detect.ts: URL predicates checked on their example URLs; detection by content. */
import { describe, expect, it } from 'vitest';
import {
  detectTenantPage,
  EXAMPLE_URLS,
  isPortalUrl,
  isTenantDetailsPage,
  urlHints,
} from '../../lib/portal/detect';

function doc(body: string): Document {
  return new DOMParser().parseFromString(`<html><body>${body}</body></html>`, 'text/html');
}

const TENANT = `<h1>Fabrikam</h1><div><h3>Microsoft Details</h3><dl><dt>Microsoft Users</dt><dd>5</dd></dl></div>`;
const BACKUP_ONLY = `<div><h2>Cloud Backup</h2><table><tr><th>Service</th><th>Last Backup</th></tr><tr><td>Exchange</td><td>Never</td></tr></table></div>`;

describe('isPortalUrl on its example URLs', () => {
  for (const u of EXAMPLE_URLS.portal) it(`yes: ${u}`, () => expect(isPortalUrl(u)).toBe(true));
  for (const u of EXAMPLE_URLS.notPortal)
    it(`no: ${u || '(empty)'}`, () => expect(isPortalUrl(u)).toBe(false));
  it('accepts URL objects', () =>
    expect(isPortalUrl(new URL('https://a.shield.syncromsp.com/x'))).toBe(true));
});

describe('urlHints', () => {
  const hint = urlHints([
    'https://*.syncromsp.com/*',
    'https://portal.example.com/tenants/*',
    'bad pattern',
  ]);
  it('matches globs against the URL', () => {
    expect(hint('https://acme.syncromsp.com/tenants/1')).toBe(true);
    expect(hint('https://acme.shield.syncromsp.com/x')).toBe(true);
    expect(hint('https://portal.example.com/tenants/9?x=1')).toBe(true);
    expect(hint('https://portal.example.com/tickets/9')).toBe(false);
    expect(hint('http://acme.syncromsp.com/tenants/1')).toBe(false);
    expect(hint('https://acme.syncromsp.com.evil.test/')).toBe(false);
    expect(hint('garbage')).toBe(false);
  });
  it('an empty list hints nothing', () =>
    expect(urlHints([])('https://acme.syncromsp.com/')).toBe(false));
});

describe('isTenantDetailsPage: decided by content', () => {
  it('a Microsoft Details section with its fields', () => {
    expect(isTenantDetailsPage(doc(TENANT), 'https://acme.syncromsp.com/anything/at/all')).toBe(
      true,
    );
  });
  it('a Cloud Backup section alone', () => {
    expect(isTenantDetailsPage(doc(BACKUP_ONLY), 'https://acme.syncromsp.com/x')).toBe(true);
  });
  it('not on a non-portal URL, unless a configured pattern hints it', () => {
    expect(isTenantDetailsPage(doc(TENANT), 'https://example.com/t/1')).toBe(false);
    expect(
      isTenantDetailsPage(doc(TENANT), 'https://example.com/t/1', ['https://example.com/t/*']),
    ).toBe(true);
  });
  it('not for a heading without its fields, a link, or prose', () => {
    for (const body of [
      '<h2>Microsoft Details</h2><p>Nothing here yet.</p>',
      '<nav><a href="/x">Cloud Backup</a></nav><p>Microsoft Users: 4</p>',
      '<p>Open the Microsoft Details section to see Microsoft Users.</p>',
      '<table><tr><th>Microsoft Details</th></tr><tr><td>Microsoft Users</td><td>4</td></tr></table>',
      '',
    ]) {
      expect(isTenantDetailsPage(doc(body), 'https://acme.syncromsp.com/tickets/1'), body).toBe(
        false,
      );
    }
  });
  it('reports its signals', () => {
    const d = detectTenantPage(doc(TENANT + BACKUP_ONLY), 'https://acme.syncromsp.com/t', {
      patterns: ['https://*.syncromsp.com/*'],
    });
    expect(d).toEqual({
      isTenantDetails: true,
      portalUrl: true,
      urlHint: true,
      signals: [
        'microsoft-details-heading',
        'microsoft-details-fields',
        'cloud-backup-heading',
        'cloud-backup-fields',
      ],
    });
  });
});
