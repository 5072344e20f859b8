import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { TenantPage } from '../portal/types';
import { DEFAULT_THRESHOLDS } from '../settings';
import { openStore } from '../store/db';
import { applyPortalAlerts, tenantAlertHook } from './alert-hooks';

const KEY = 'https://acme.syncromsp.com/tenants/42';
const field = <T>(value: T | null) => ({ value, raw: value === null ? null : String(value) });

function page(withBanner: boolean): TenantPage {
  return {
    url: KEY,
    syncroKey: KEY,
    readAt: '2026-11-01T10:00:00.000Z',
    syncroTenantName: field('Contoso'),
    hasMicrosoftDetails: true,
    lastTenantSync: field(null),
    syncNowAction: null,
    microsoftTenant: field('contoso.com'),
    secureScorePercent: field(null),
    microsoftUsers: field(null),
    manageAction: null,
    organizations: null,
    cloudBackup: {
      banners: withBanner
        ? [{ state: 'consent-failed', text: 'Consent failed', action: null }]
        : [],
      services: [],
      lastUpdated: field(null),
      enableAction: null,
    },
  };
}

describe('alert hooks', () => {
  it('portal alerts are reconciled per Syncro page, and a Graph poll never resolves them', async () => {
    const store = await openStore(new IDBFactory());
    const now = new Date('2026-11-01T10:00:00.000Z');
    const created = await applyPortalAlerts(store, page(true), 't1', DEFAULT_THRESHOLDS, now);
    expect(created.created.map((a) => [a.type, a.subject])).toEqual([
      ['backup-failure', 'consent-failed'],
    ]);

    // A poll of the tenant with no Graph conditions resolves nothing of the portal's.
    const r = await store.commitTenantPoll(
      't1',
      { tenantId: 't1', httpRequests: 1, outcomes: {} },
      '2026-11-01T10:15:00.000Z',
      tenantAlertHook(DEFAULT_THRESHOLDS, () => now),
    );
    expect(r.alerts?.resolved).toEqual([]);
    expect((await store.countActiveAlerts('2026-11-01T10:16:00.000Z')).count).toBe(1);

    // The page read again without the banner resolves it.
    const cleared = await applyPortalAlerts(
      store,
      page(false),
      't1',
      DEFAULT_THRESHOLDS,
      new Date('2026-11-01T11:00:00.000Z'),
    );
    expect(cleared.resolved.map((a) => a.subject)).toEqual(['consent-failed']);
    store.close();
  });
});
