import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFilters } from '../alerts/filter';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../settings';
import { alertTenantKey, popupFilterToQuery } from './alerts';
import { openDatabase, openStore } from './db';
import { popupAlerts, popupCounts, popupPage, popupTenants, popupUnacknowledgedIds } from './popup';
import type { TenantLensStore } from './store';
import type { AlertRecord, AlertSeverity, AlertType } from './types';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const TYPES: AlertType[] = [
  'storage-space',
  'backup-failure',
  'bitlocker-reminder',
  'security-alert',
];
const SEVS: AlertSeverity[] = ['informational', 'low', 'medium', 'high'];
const TENANTS = [
  { tenantId: 't-a', syncroKey: 'https://acme.syncromsp.com/tenants/a', name: 'Adatum' },
  { tenantId: 't-b', syncroKey: null, name: 'Bellows' },
  { tenantId: null, syncroKey: 'https://acme.syncromsp.com/tenants/c', name: 'Contoso (portal)' },
];

/** A deterministic mix: groups created at one instant, acknowledged, snoozed (now and expired), resolved. */
function alerts(n: number, seed = 7): AlertRecord[] {
  let s = seed;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const tenant = TENANTS[rnd(TENANTS.length)] as (typeof TENANTS)[number];
    const type = TYPES[rnd(4)] as AlertType;
    // Several alerts share each instant (one poll), some far back.
    const createdAt = new Date(NOW.getTime() - Math.floor(i / 3) * 5 * 3_600_000).toISOString();
    const acknowledgedAt = rnd(5) === 0 ? createdAt : null;
    const snooze = rnd(8);
    const snoozedUntil =
      snooze === 0 ? '2026-12-10T00:00:00.000Z' : snooze === 1 ? '2026-12-01T00:00:00.000Z' : null;
    const resolvedAt = rnd(10) === 0 ? NOW.toISOString() : null;
    const key = tenant.tenantId ?? tenant.syncroKey ?? '';
    const a: AlertRecord = {
      id: `${key}|${type}|s${i}@${createdAt}`,
      dedupeKey: `${key}|${type}|s${i}`,
      tenantId: tenant.tenantId,
      syncroKey: tenant.syncroKey,
      tenantName: tenant.name,
      type,
      severity: SEVS[rnd(4)] as AlertSeverity,
      title: `Alert ${i}`,
      detail: `Detail ${i}`,
      subject: `s${String(i).padStart(4, '0')}`,
      backupState: null,
      createdAt,
      lastSeenAt: createdAt,
      resolvedAt,
      acknowledgedAt,
      snoozedUntil,
      snoozeReason: snoozedUntil ? 'waiting' : null,
      links: [],
      open: resolvedAt === null ? 1 : 0,
      acknowledged: acknowledgedAt === null ? 0 : 1,
    };
    return { ...a, tenantKey: alertTenantKey(a) };
  });
}

const f = (over: Partial<PopupFilters>): PopupFilters => ({ ...DEFAULT_POPUP_FILTERS, ...over });
const FILTERS: PopupFilters[] = [
  f({}),
  f({ showAcknowledged: true }),
  f({ types: ['security-alert'] }),
  f({ severities: ['high'] }),
  f({ types: ['storage-space'], severities: ['low'], showAcknowledged: true }),
  f({ tenantIds: ['t-a'] }),
  f({ tenantIds: ['https://acme.syncromsp.com/tenants/c'], showAcknowledged: true }),
  f({ tenantIds: ['t-b'], types: ['backup-failure'] }),
  f({ created: 'last-week' }),
  f({ created: 'last-month', types: ['bitlocker-reminder'], showAcknowledged: true }),
  f({ created: 'custom', from: '2026-11-20', to: '2026-11-28' }),
  f({ created: 'custom', from: '2026-11-28', to: '2026-11-20' }),
];

let store: TenantLensStore;
let all: AlertRecord[];
beforeEach(async () => {
  store = await openStore(new IDBFactory());
  all = alerts(400);
  const tx = store.db.transaction('alerts', 'readwrite');
  for (const a of all) void tx.store.put(a);
  await tx.done;
});
afterEach(() => store.close());

async function everyPage(filters: PopupFilters, limit: number): Promise<AlertRecord[][]> {
  const q = popupFilterToQuery(filters, NOW);
  const pages: AlertRecord[][] = [];
  let before: string | null = null;
  do {
    const page = await popupPage(store.db, q, before, limit);
    pages.push(page.rows);
    before = page.next;
  } while (before !== null && pages.length < 100);
  return pages;
}

describe('the popup through the indexes', () => {
  it('pages give exactly what the in-memory filters give, in the same order, for every filter', async () => {
    for (const filters of FILTERS) {
      const expected = applyFilters(all, filters, NOW).map((a) => a.id);
      const pages = await everyPage(filters, 10);
      expect(
        pages.flat().map((a) => a.id),
        JSON.stringify(filters),
      ).toEqual(expected);
      // Pages hold at least the limit (except the last), and never split one instant.
      for (const [i, page] of pages.entries()) {
        if (i < pages.length - 1) expect(page.length).toBeGreaterThanOrEqual(10);
        const next = pages[i + 1]?.[0];
        if (next) expect(next.createdAt < (page.at(-1) as AlertRecord).createdAt).toBe(true);
      }
    }
  });

  it('counts what the filters show, the unacknowledged among them, the snoozed and the open', async () => {
    const open = all.filter((a) => a.open === 1);
    const snoozed = open.filter(
      (a) => a.snoozedUntil !== null && a.snoozedUntil > NOW.toISOString(),
    );
    for (const filters of FILTERS) {
      const shown = applyFilters(all, filters, NOW);
      expect(
        await popupCounts(store.db, popupFilterToQuery(filters, NOW)),
        JSON.stringify(filters),
      ).toEqual({
        total: shown.length,
        unacknowledged: shown.filter((a) => a.acknowledgedAt === null).length,
        snoozed: snoozed.length,
        anyOpen: open.length > 0,
      });
    }
  });

  it('reads every match for the CSV and the unacknowledged ids for "acknowledge all shown"', async () => {
    for (const filters of FILTERS) {
      const shown = applyFilters(all, filters, NOW);
      const q = popupFilterToQuery(filters, NOW);
      expect((await popupAlerts(store.db, q)).map((a) => a.id)).toEqual(shown.map((a) => a.id));
      expect((await popupUnacknowledgedIds(store.db, q)).sort()).toEqual(
        shown
          .filter((a) => a.acknowledgedAt === null)
          .map((a) => a.id)
          .sort(),
      );
    }
  });

  it('lists the tenants with open alerts by name, portal-only ones by their Syncro page', async () => {
    expect(await popupTenants(store.db)).toEqual([
      ['t-a', 'Adatum'],
      ['t-b', 'Bellows'],
      ['https://acme.syncromsp.com/tenants/c', 'Contoso (portal)'],
    ]);
  });

  it('answers the same where the browser has no getAll direction (descending cursors)', async () => {
    const { IDBIndex } = await import('fake-indexeddb');
    const saved = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords');
    delete (IDBIndex.prototype as { getAllRecords?: unknown }).getAllRecords;
    try {
      for (const filters of FILTERS.slice(0, 5)) {
        const expected = applyFilters(all, filters, NOW).map((a) => a.id);
        expect((await everyPage(filters, 7)).flat().map((a) => a.id)).toEqual(expected);
      }
    } finally {
      if (saved) Object.defineProperty(IDBIndex.prototype, 'getAllRecords', saved);
    }
  });
});

describe('migration from v2', () => {
  it('adds the popup indexes and every alert its tenantKey, keeping acknowledgements and snoozes', async () => {
    const factory = new IDBFactory();
    const v2 = await openDatabase(factory, 2);
    const old = alerts(60, 3).map(({ tenantKey: _drop, ...a }) => a);
    const tx = v2.transaction(['alerts', 'meta'], 'readwrite');
    for (const a of old) void tx.objectStore('alerts').put(a as AlertRecord);
    void tx.objectStore('meta').put({ key: 'pendingAcknowledgements', value: { k: 1 } });
    await tx.done;
    v2.close();

    const s = await openStore(factory);
    expect(s.db.version).toBe(3);
    const stored = await s.db.getAll('alerts');
    expect(stored).toHaveLength(old.length);
    for (const a of old) {
      const b = stored.find((x) => x.id === a.id) as AlertRecord;
      expect(b).toEqual({ ...a, tenantKey: a.tenantId ?? a.syncroKey ?? '' });
    }
    expect((await s.db.get('meta', 'pendingAcknowledgements'))?.value).toEqual({ k: 1 });
    const reread = old.map((a) => ({ ...a, tenantKey: alertTenantKey(a) }));
    for (const filters of FILTERS) {
      const shown = applyFilters(reread, filters, NOW);
      expect((await popupAlerts(s.db, popupFilterToQuery(filters, NOW))).map((a) => a.id)).toEqual(
        shown.map((a) => a.id),
      );
    }
    s.close();
  });
});
