/**
 * Hardening, upgrades: a database written by the first schema version (opened at version 1
 * through lib/store's own `openDatabase`, records shaped as v1 wrote them) with tenants,
 * snapshots, observations, open/resolved/acknowledged/snoozed alerts, pending imported
 * acknowledgements and poll progress opens under the current version with nothing lost, and a
 * poll after the upgrade keeps every acknowledgement. Settings stored by v1 of their items
 * migrate likewise. Corrupt records in IndexedDB, and corrupt values in storage, are skipped
 * or replaced by defaults with a warning, never a crash.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TenantPollResult } from '../../lib/graph';
import { runPoll, tenantAlertHook } from '../../lib/poll';
import {
  accountItem,
  DEFAULT_THRESHOLDS,
  notificationsItem,
  pollConcurrencyItem,
  pollIntervalItem,
  popupFiltersItem,
  sourcesItem,
  tenantMappingsItem,
  thresholdsItem,
} from '../../lib/settings';
import { DB_VERSION, openDatabase, openStore, PENDING_ACKS_KEY } from '../../lib/store';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const CREATED = '2026-10-01T10:00:00.000Z';
const LATER = '2026-10-02T10:00:00.000Z';
const ACKED = '2026-10-01T12:00:00.000Z';
const SNOOZE_END = '2027-01-01T00:00:00.000Z';

/** An alert as the first build wrote it: no snoozeReason, syncroKey, links or backupState. */
function v1Alert(
  tenantId: string,
  subject: string,
  over: Partial<{
    createdAt: string;
    resolvedAt: string | null;
    acknowledgedAt: string | null;
    snoozedUntil: string | null;
    type: string;
  }> = {},
) {
  const type = over.type ?? 'bitlocker-reminder';
  const createdAt = over.createdAt ?? CREATED;
  // As the rules key them: BitLocker conditions by kind and device id.
  const dedupeKey = `${tenantId}|${type}|${type === 'bitlocker-reminder' ? `unencrypted:${subject}` : subject}`;
  const resolvedAt = over.resolvedAt ?? null;
  const acknowledgedAt = over.acknowledgedAt ?? null;
  return {
    id: `${dedupeKey}@${createdAt}`,
    dedupeKey,
    tenantId,
    tenantName: 'Contoso',
    type,
    severity: 'medium',
    title: 'Windows device not encrypted',
    detail: `${subject} is not encrypted`,
    subject,
    createdAt,
    lastSeenAt: createdAt,
    resolvedAt,
    acknowledgedAt,
    snoozedUntil: over.snoozedUntil ?? null,
    open: resolvedAt === null ? 1 : 0,
    // v1 kept this flag by hand, and some builds forgot it.
    acknowledged: 0,
  };
}

/** A tenant record as v1 wrote it (no lastPollStartedAt, no signInNeeded). */
const v1Tenant = (tenantId: string) => ({
  tenantId,
  displayName: 'Contoso',
  defaultDomain: 'contoso.com',
  syncroKeys: ['https://acme.syncromsp.com/customers/1'],
  cloud: 'global',
  firstSeenAt: CREATED,
  lastPollAt: CREATED,
  sourceStatus: { managedDevices: { state: 'ok', at: CREATED } },
});

const device = (id: string, isEncrypted: boolean) => ({
  id,
  deviceName: id,
  userPrincipalName: `${id}@contoso.com`,
  operatingSystem: 'Windows',
  isEncrypted,
  azureADDeviceId: null,
});

/** A v1 snapshot: one source with devices dev-a (unencrypted), dev-b (unencrypted). */
const v1Snapshot = (tenantId: string) => ({
  tenantId,
  sources: {
    managedDevices: {
      data: [device('dev-a', false), device('dev-b', false), device('dev-c', false)],
      fetchedAt: CREATED,
      status: { state: 'ok', at: CREATED },
    },
  },
});

/** Writes a v1 database exactly as the first build did: schema v1, records in v1 shapes. */
async function writeV1Database(factory: IDBFactory): Promise<void> {
  const db = await openDatabase(factory, 1);
  expect(db.version).toBe(1);
  const tx = db.transaction(
    ['tenants', 'snapshots', 'observations', 'alerts', 'meta'],
    'readwrite',
  );
  const put = (store: 'tenants' | 'snapshots' | 'observations' | 'alerts' | 'meta', v: unknown) =>
    tx.objectStore(store).put(v as never);
  await put('tenants', v1Tenant(T1));
  await put('tenants', v1Tenant(T2));
  await put('snapshots', v1Snapshot(T1));
  await put('observations', {
    syncroKey: 'https://acme.syncromsp.com/customers/1',
    tenantId: T1,
    page: { syncroKey: 'https://acme.syncromsp.com/customers/1' },
    observedAt: CREATED,
  });
  await put('alerts', v1Alert(T1, 'dev-a', { acknowledgedAt: ACKED }));
  await put('alerts', v1Alert(T1, 'dev-b', { snoozedUntil: SNOOZE_END }));
  await put('alerts', v1Alert(T1, 'dev-c'));
  await put('alerts', v1Alert(T1, 'dev-gone', { resolvedAt: LATER, acknowledgedAt: ACKED }));
  await put(
    'alerts',
    v1Alert(T2, 'mailbox', {
      type: 'storage-space',
      acknowledgedAt: ACKED,
      snoozedUntil: SNOOZE_END,
    }),
  );
  await put('meta', {
    key: PENDING_ACKS_KEY,
    value: {
      [`${T2}|security-alert|x`]: {
        dedupeKey: `${T2}|security-alert|x`,
        createdAt: CREATED,
        acknowledgedAt: ACKED,
        snoozedUntil: null,
        snoozeReason: null,
      },
    },
  });
  // A run a v1 worker left unfinished (no inFlight list in v1).
  await put('meta', {
    key: 'poll',
    value: {
      runId: LATER,
      startedAt: LATER,
      finishedAt: null,
      tenantIds: [T1, T2],
      done: [T2],
      failures: [],
    },
  });
  await tx.done;
  db.close();
}

describe('IndexedDB upgrade from the first schema version', () => {
  it('keeps every tenant, snapshot, observation, alert, acknowledgement, snooze and pending acknowledgement', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory);
    const warn = vi.spyOn(console, 'warn');
    const store = await openStore(factory);
    expect(store.db.version).toBe(DB_VERSION);

    expect((await store.listTenants()).map((t) => t.tenantId).sort()).toEqual([T1, T2]);
    expect(await store.getTenant(T1)).toMatchObject({
      lastPollAt: CREATED,
      lastPollStartedAt: null,
      signInNeeded: false,
    });
    expect((await store.getSnapshot(T1))?.sources.managedDevices?.data).toHaveLength(3);
    expect(await store.listObservations(T1)).toHaveLength(1);

    const all = await store.queryAlerts({}, { limit: 100 });
    expect(all.total).toBe(5);
    const byId = new Map(all.rows.map((a) => [a.subject, a]));
    expect(byId.get('dev-a')).toMatchObject({ acknowledgedAt: ACKED, acknowledged: 1, open: 1 });
    expect(byId.get('dev-b')).toMatchObject({ snoozedUntil: SNOOZE_END, acknowledged: 0, open: 1 });
    expect(byId.get('dev-c')).toMatchObject({ acknowledgedAt: null, open: 1 });
    expect(byId.get('dev-gone')).toMatchObject({
      acknowledgedAt: ACKED,
      resolvedAt: LATER,
      open: 0,
    });
    expect(byId.get('mailbox')).toMatchObject({ acknowledgedAt: ACKED, snoozedUntil: SNOOZE_END });
    // The indexes agree with the records (the popup's queries and the badge read them).
    expect(await store.db.countFromIndex('alerts', 'acknowledged', 1)).toBe(3);
    expect(await store.db.countFromIndex('alerts', 'open', 1)).toBe(4);
    expect((await store.queryAlerts({ acknowledged: 'only' }, { limit: 100 })).total).toBe(3);
    expect((await store.queryAlerts({ types: ['storage-space'] })).total).toBe(1);
    expect(await store.countActiveAlerts('2026-12-01T00:00:00.000Z')).toEqual({
      count: 1,
      highestSeverity: 'medium',
    });
    const exported = await store.exportAcknowledgements();
    expect(exported.map((e) => e.dedupeKey).sort()).toEqual(
      [
        `${T1}|bitlocker-reminder|unencrypted:dev-a`,
        `${T1}|bitlocker-reminder|unencrypted:dev-b`,
        `${T1}|bitlocker-reminder|unencrypted:dev-gone`,
        `${T2}|security-alert|x`,
        `${T2}|storage-space|mailbox`,
      ].sort(),
    );
    // The v1 run (no inFlight list) resumes.
    expect(await store.getPollProgress()).toMatchObject({ runId: LATER, done: [T2], inFlight: [] });
    expect(warn).not.toHaveBeenCalled();
    store.close();
  });

  it('the first poll after the upgrade resumes the v1 run and keeps acknowledgements and snoozes', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory);
    const store = await openStore(factory);
    const at = '2026-10-03T10:00:00.000Z';
    const devices = [device('dev-a', false), device('dev-b', false)]; // dev-c is now encrypted
    const result: TenantPollResult = {
      tenantId: T1,
      outcomes: {
        managedDevices: { source: 'managedDevices', status: { state: 'ok' }, data: devices },
      },
      httpRequests: 1,
    } as unknown as TenantPollResult;
    const r = await runPoll({
      store,
      graph: { pollTenant: async () => result },
      listDueTenants: async () => [],
      sourcesEnabled: ['managedDevices'],
      now: () => new Date(at),
      applyAlerts: tenantAlertHook(DEFAULT_THRESHOLDS, () => new Date(at)),
    });
    expect(r).toMatchObject({ status: 'finished', polled: [T1] });
    const open = await store.listOpenAlerts();
    const by = new Map(open.map((a) => [a.subject, a]));
    expect(by.get('dev-a')).toMatchObject({
      id: `${T1}|bitlocker-reminder|unencrypted:dev-a@${CREATED}`,
      acknowledgedAt: ACKED,
      lastSeenAt: at,
    });
    expect(by.get('dev-b')).toMatchObject({
      id: `${T1}|bitlocker-reminder|unencrypted:dev-b@${CREATED}`,
      snoozedUntil: SNOOZE_END,
    });
    expect(by.has('dev-c')).toBe(false);
    expect(
      (await store.getAlert(`${T1}|bitlocker-reminder|unencrypted:dev-c@${CREATED}`))?.resolvedAt,
    ).toBe(at);
    // The other tenant's alerts (not polled) are untouched.
    expect(by.get('mailbox')).toMatchObject({ acknowledgedAt: ACKED, snoozedUntil: SNOOZE_END });
    store.close();
  });
});

describe('corrupt records in IndexedDB', () => {
  it('are skipped with a warning by every public read and by the poll, never a crash', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory);
    const raw = await openDatabase(factory);
    await raw.put('alerts', { id: 'junk-1', type: 42 } as never);
    await raw.put('alerts', {
      ...v1Alert(T1, 'dev-a', { createdAt: LATER }),
      severity: 'apocalyptic',
      open: 1,
    } as never);
    await raw.put('tenants', { tenantId: 'junk-tenant', displayName: null } as never);
    await raw.put('snapshots', { tenantId: T2, sources: 'not an object' } as never);
    await raw.put('observations', { syncroKey: 'junk-obs', tenantId: T1, page: 7 } as never);
    await raw.put('meta', { key: 'poll', value: { runId: 5 } } as never);
    raw.close();

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = await openStore(factory);
    expect((await store.listTenants()).map((t) => t.tenantId).sort()).toEqual([T1, T2]);
    expect(await store.getTenant('junk-tenant')).toBeNull();
    expect(await store.getSnapshot(T2)).toBeNull();
    expect(await store.listObservations(T1)).toHaveLength(1);
    expect((await store.listOpenAlerts()).map((a) => a.subject).sort()).toEqual([
      'dev-a',
      'dev-b',
      'dev-c',
      'mailbox',
    ]);
    expect((await store.queryAlerts({}, { limit: 100 })).rows).toHaveLength(5);
    expect((await store.queryAlerts({ state: 'open', severities: ['medium'] })).total).toBe(4);
    expect((await store.countActiveAlerts(LATER)).count).toBe(1);
    expect(await store.exportAcknowledgements()).toHaveLength(5);
    expect(await store.getPollProgress()).toBeNull();

    // A poll over the corrupt snapshot and next to corrupt alerts of the same condition.
    const at = '2026-10-03T10:00:00.000Z';
    const result = {
      tenantId: T2,
      outcomes: {
        managedDevices: {
          source: 'managedDevices',
          status: { state: 'ok' },
          data: [device('dev-z', false)],
        },
      },
      httpRequests: 1,
    } as unknown as TenantPollResult;
    const commit = await store.commitTenantPoll(
      T2,
      result,
      at,
      tenantAlertHook(DEFAULT_THRESHOLDS, () => new Date(at)),
    );
    expect(commit.previous).toBeNull();
    expect(commit.alerts?.created.map((a) => a.subject)).toEqual(['dev-z']);
    const again = await store.commitTenantPoll(
      T1,
      { ...result, tenantId: T1 },
      at,
      tenantAlertHook(DEFAULT_THRESHOLDS, () => new Date(at)),
    );
    expect(again.alerts?.resolved.map((a) => a.subject).sort()).toEqual([
      'dev-a',
      'dev-b',
      'dev-c',
    ]);
    // Acknowledgements survive on the resolved record; nothing was lost to the corrupt twin.
    expect(
      (await store.getAlert(`${T1}|bitlocker-reminder|unencrypted:dev-a@${CREATED}`))
        ?.acknowledgedAt,
    ).toBe(ACKED);

    const warned = warn.mock.calls.map((c) => String(c[0]));
    for (const needle of [
      '"alerts" (key "junk-1")',
      '"tenants" (key "junk-tenant")',
      `"snapshots" (key "${T2}")`,
      '"observations" (key "junk-obs")',
      '"meta" (key "poll")',
    ])
      expect(
        warned.some((w) => w.includes(needle)),
        needle,
      ).toBe(true);
    store.close();
  });
});

describe('settings in storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('thresholds and notifications stored by v1 of their items migrate to v2 with the missing fields filled', async () => {
    // v1 values: thresholds before graphStaleMinutes, notifications before the BitLocker switch.
    const { graphStaleMinutes: _, ...v1Thresholds } = { ...DEFAULT_THRESHOLDS, mailboxPercent: 80 };
    await fakeBrowser.storage.local.set({
      thresholds: v1Thresholds,
      notifications: {
        enabled: false,
        minSeverity: 'medium',
        types: { 'storage-space': false, 'backup-failure': true, 'security-alert': true },
      },
    });
    await thresholdsItem.migrate();
    await notificationsItem.migrate();
    const stored = await fakeBrowser.storage.local.get([
      'thresholds',
      'thresholds$',
      'notifications',
      'notifications$',
    ]);
    expect(stored.thresholds).toEqual({ ...DEFAULT_THRESHOLDS, mailboxPercent: 80 });
    expect(stored.thresholds$).toEqual({ v: 2 });
    expect(stored.notifications).toEqual({
      enabled: false,
      minSeverity: 'medium',
      types: {
        'storage-space': false,
        'backup-failure': true,
        'bitlocker-reminder': true,
        'security-alert': true,
      },
    });
    expect(stored.notifications$).toEqual({ v: 2 });
    expect(await thresholdsItem.getValue()).toEqual({ ...DEFAULT_THRESHOLDS, mailboxPercent: 80 });
    // Migrating again changes nothing (the version is recorded).
    await thresholdsItem.migrate();
    expect((await fakeBrowser.storage.local.get('thresholds')).thresholds).toEqual({
      ...DEFAULT_THRESHOLDS,
      mailboxPercent: 80,
    });
  });

  it('malformed values read as defaults (field by field for objects) with a warning, never a crash', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({
      thresholds: 'ninety',
      notifications: { enabled: 'yes', minSeverity: 'high', types: 'all' },
      pollIntervalMinutes: 'often',
      pollConcurrency: -3,
      sources: ['organization'],
      tenantMappings: [{ match: 'Contoso', tenantId: T1 }, 'junk', { match: 1 }],
      account: { username: 42 },
      popupFilters: {
        types: ['storage-space', 'nonsense'],
        created: 'yesterday',
        showAcknowledged: true,
      },
    });
    await thresholdsItem.migrate(); // a non-object is left for the reader, not a failed migration
    expect(await thresholdsItem.getValue()).toEqual(DEFAULT_THRESHOLDS);
    expect(await notificationsItem.getValue()).toEqual({
      ...notificationsItem.fallback,
      minSeverity: 'high',
    });
    expect(await pollIntervalItem.getValue()).toBe(15);
    expect(await pollConcurrencyItem.getValue()).toBe(4);
    expect(await sourcesItem.getValue()).toEqual({});
    expect(await tenantMappingsItem.getValue()).toEqual([{ match: 'Contoso', tenantId: T1 }]);
    expect(await accountItem.getValue()).toBeNull();
    expect(await popupFiltersItem.getValue()).toMatchObject({
      types: ['storage-space'],
      created: 'any',
      showAcknowledged: true,
    });
    const warned = warn.mock.calls.map((c) => String(c[0]));
    for (const key of [
      'thresholds',
      'notifications',
      'pollIntervalMinutes',
      'pollConcurrency',
      'sources',
      'account',
      'popupFilters',
    ])
      expect(
        warned.some((w) => w.includes(`"local:${key}"`)),
        key,
      ).toBe(true);
  });

  it('a poll run with a corrupt concurrency setting still polls (it would start no worker with NaN)', async () => {
    await fakeBrowser.storage.local.set({ pollConcurrency: 'four' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = await openStore(new IDBFactory());
    await store.observeTenant({ tenantId: T1, displayName: 'Contoso', syncroKey: 's1' }, CREATED);
    const r = await runPoll({
      store,
      graph: {
        pollTenant: async (tenantId) =>
          ({ tenantId, outcomes: {}, httpRequests: 0 }) as unknown as TenantPollResult,
      },
      listDueTenants: async () => [T1],
      concurrency: await pollConcurrencyItem.getValue(),
      sourcesEnabled: [],
      now: () => new Date(LATER),
    });
    expect(r.polled).toEqual([T1]);
    // And the poller itself does not trust it: a NaN concurrency still polls.
    const again = await runPoll({
      store,
      graph: {
        pollTenant: async (tenantId) =>
          ({ tenantId, outcomes: {}, httpRequests: 0 }) as unknown as TenantPollResult,
      },
      listDueTenants: async () => [T1],
      concurrency: Number.NaN,
      sourcesEnabled: [],
      now: () => new Date('2026-10-05T00:00:00.000Z'),
    });
    expect(again.polled).toEqual([T1]);
    store.close();
  });
});
