// @vitest-environment happy-dom
/**
 * The portal reader against the portal replica (test/world/portal): every catalogue tenant
 * in every markup variant must read back as the catalogue says; non-tenant pages are not
 * detected; the hostile page yields no invented values.
 */
import { describe, expect, it } from 'vitest';
import { detectTenantPage, isTenantDetailsPage } from '../../lib/portal/detect';
import { readTenantPage } from '../../lib/portal/read';
import type { TenantPage } from '../../lib/portal/types';
import {
  PORTAL_TENANTS,
  PORTAL_VARIANTS,
  type PortalTenantFixture,
  type PortalVariant,
} from '../../test/world/catalogue';
import {
  type NonTenantKind,
  renderHostilePage,
  renderNonTenantPage,
  renderTenantPage,
} from '../../test/world/portal/index';

// The replica renders absolute timestamps in UTC; the reader reads them in local time.
process.env.TZ = 'UTC';

const NOW = new Date('2026-12-03T16:00:00Z');
const H = 3_600_000;
const ORIGIN = 'https://acme.syncromsp.com';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Expected instant of each "Last Tenant Sync" text the catalogue uses. */
function expectedSync(text: string): string {
  const ago: Record<string, number> = {
    '34m ago': 34 * 60_000,
    '2 hours ago': 2 * H,
    'just now': 0,
    '15m ago': 15 * 60_000,
    '3d ago': 72 * H,
    '5 minutes ago': 5 * 60_000,
  };
  if (text in ago) return new Date(NOW.getTime() - (ago[text] as number)).toISOString();
  if (text === 'Oct 2, 2026 9:14 AM') return '2026-10-02T09:14:00.000Z';
  throw new Error(`add an expectation for "${text}"`);
}

function read(
  slug: string,
  variant: PortalVariant,
): { page: TenantPage; doc: Document; url: string } {
  const doc = parse(renderTenantPage(slug, variant, NOW));
  const url = `${ORIGIN}/tenants/${slug}${variant === 'classic' ? '' : `?variant=${variant}`}`;
  return { page: readTenantPage(doc, url, NOW), doc, url };
}

function checkTenant(t: PortalTenantFixture, variant: PortalVariant) {
  const { page, doc, url } = read(t.slug, variant);
  expect(isTenantDetailsPage(doc, url)).toBe(true);
  expect(page.syncroKey).toBe(`${ORIGIN}/tenants/${t.slug}`);
  expect(page.syncroTenantName.value).toBe(t.name);
  expect(page.hasMicrosoftDetails).toBe(true);
  expect(page.microsoftTenant.value).toBe(t.microsoftTenantText);
  expect(page.secureScorePercent.value).toBe(t.secureScorePercent);
  expect(page.microsoftUsers.value).toBe(t.microsoftUsers);
  expect(page.lastTenantSync.value?.text).toBe(t.lastTenantSync);
  expect(page.lastTenantSync.value?.at).toBe(expectedSync(t.lastTenantSync));
  expect(page.syncNowAction?.label).toBe('Sync Now');
  expect(page.manageAction?.label).toBe('Manage');
  expect(page.manageAction?.href).toBe(`${ORIGIN}/microsoft_tenants`);

  // Customer Organizations: the tenant's own row when it has no child organizations.
  const orgs = t.organizations.length
    ? t.organizations
    : [{ name: t.name, email: null, phone: null, entraSync: 'Set up' as const }];
  expect(page.organizations?.map((o) => o.name)).toEqual(orgs.map((o) => o.name));
  page.organizations?.forEach((row, i) => {
    const o = orgs[i] as (typeof orgs)[number];
    expect(row.href).toMatch(new RegExp(`^${ORIGIN}/customers/\\d+$`));
    expect(row.emails).toEqual(o.email ? [o.email] : []);
    expect(row.phones).toEqual(o.phone ? [o.phone] : []);
    expect(row.entraUserSync).toBe(o.entraSync);
  });

  // Cloud Backup.
  if (!t.backup) {
    expect(page.cloudBackup).toBeNull();
    return;
  }
  const cb = page.cloudBackup;
  expect(cb).not.toBeNull();
  if (!cb) return;
  expect(cb.banners.map((b) => b.state)).toEqual(t.backup.banners);
  for (const b of cb.banners) {
    if (b.state === 'recent-backup-issue') expect(b.action?.label).toBe('Learn More');
    else if (b.state === 'consent-failed') expect(b.action?.label).toBe('Reconfigure');
    else expect(b.action).toBeNull();
    if (b.action?.href) expect(b.action.href.startsWith(`${ORIGIN}/`)).toBe(true);
  }
  expect(cb.enableAction?.label ?? null).toBe(
    t.backup.banners.includes('no-data') ? 'Enable' : null,
  );
  expect(cb.lastUpdated.value?.at).toBe(
    new Date(NOW.getTime() - t.backup.lastUpdatedHoursAgo * H).toISOString(),
  );
  const syncError = t.backup.banners.includes('sync-error');
  expect(cb.services.map((s) => s.name)).toEqual(t.backup.services.map((s) => s.name));
  cb.services.forEach((s, i) => {
    const f = t.backup?.services[i];
    if (!f) throw new Error('missing service fixture');
    expect(s.enabled, `${s.name} enabled`).toBe(f.enabled);
    expect(s.hasErrorIcon, `${s.name} error icon`).toBe(Boolean(f.errorIcon));
    if (f.errorIcon) expect(s.errorText).toContain(f.errorIcon);
    else expect(s.errorText).toBeNull();
    if (f.lastBackupHoursAgo === null) {
      expect(s.lastBackup.value).toBeNull();
      expect(s.lastBackup.reason).toBeTruthy();
    } else {
      expect(s.lastBackup.value?.at).toBe(
        new Date(NOW.getTime() - f.lastBackupHoursAgo * H).toISOString(),
      );
    }
    expect(s.restoreAvailable, `${s.name} restore`).toBe(f.enabled && !syncError);
  });
}

describe('portal replica: every tenant in every variant', () => {
  for (const variant of PORTAL_VARIANTS) {
    for (const t of PORTAL_TENANTS) {
      it(`${t.slug} (${variant})`, () => checkTenant(t, variant));
    }
  }
});

describe('portal replica: pages that are not Tenant Details pages', () => {
  const kinds: NonTenantKind[] = [
    'ticket',
    'tickets',
    'customer',
    'customers',
    'microsoft-tenants',
    'backup-portal',
  ];
  for (const variant of PORTAL_VARIANTS) {
    for (const kind of kinds) {
      it(`${kind} (${variant}) is not detected`, () => {
        const doc = parse(renderNonTenantPage(kind, NOW, { variant }));
        const d = detectTenantPage(doc, `${ORIGIN}/${kind}`);
        expect(d.portalUrl).toBe(true);
        expect(d.isTenantDetails, d.signals.join(',')).toBe(false);
      });
    }
  }
});

/** Every text the document shows or carries in an attribute, for "no invention" checks. */
function documentTexts(doc: Document): string {
  const parts = [doc.documentElement.textContent ?? ''];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) parts.push(a.value);
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

describe('portal replica: the hostile page', () => {
  for (const variant of PORTAL_VARIANTS) {
    it(`reads without inventing values (${variant})`, () => {
      // 600 rows (over the 500 cap) rather than 10,000: happy-dom parses slowly; the reader's
      // own cost on 10,000 rows is measured by the benchmarks, not by unit tests.
      const doc = parse(renderHostilePage(NOW, { variant, organizationCount: 600 }));
      const page = readTenantPage(doc, `${ORIGIN}/tenants/hostile`, NOW);
      const all = documentTexts(doc);
      // Wrong formats and repeated labels with conflicting values: null with a reason.
      expect(page.microsoftUsers.value).toBeNull();
      expect(page.microsoftUsers.reason).toBeTruthy();
      expect(page.secureScorePercent.value).toBeNull();
      expect(page.lastTenantSync.value).toBeNull();
      // Markup in texts stays text (never parsed, never executed).
      expect(page.syncroTenantName.value).toContain('<script>');
      // Capped: 500 of the 10,000 rows.
      expect(page.organizations?.length).toBe(500);
      for (const o of page.organizations ?? []) {
        expect(all).toContain(o.name);
        for (const e of o.emails) expect(all).toContain(e);
        for (const p of o.phones) expect(all).toContain(p);
      }
      const cb = page.cloudBackup;
      expect(cb).not.toBeNull();
      expect(cb?.banners.map((b) => b.state)).toEqual([null, 'recent-backup-issue']);
      // A javascript: link is no action href.
      for (const b of cb?.banners ?? []) expect(b.action?.href ?? null).toBeNull();
      expect(cb?.lastUpdated.value).toBeNull();
      for (const s of cb?.services ?? []) {
        expect(all).toContain(s.name);
        if (s.lastBackup.value) expect(all).toContain(s.lastBackup.value.text);
      }
      const invalid = cb?.services.find((s) => s.lastBackup.raw?.startsWith('Feb 30'));
      expect(invalid?.lastBackup.value).toBeNull();
      for (const f of [page.microsoftTenant, page.syncroTenantName]) {
        if (f.value !== null) expect(all).toContain(f.value);
      }
    }, 60_000);
  }
});
