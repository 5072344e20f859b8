import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, MIGRATIONS, openDatabase, openStore } from './db';

const CREATED = '2026-11-01T10:00:00.000Z';

describe('schema', () => {
  it('opens at the current version with every store and index', async () => {
    const store = await openStore(new IDBFactory());
    const db = store.db;
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'alerts',
      'meta',
      'observations',
      'snapshots',
      'tenants',
    ]);
    const tx = db.transaction(['alerts', 'observations', 'tenants', 'snapshots', 'meta']);
    expect([...tx.objectStore('alerts').indexNames].sort()).toEqual(
      [
        'acknowledged',
        'createdAt',
        'dedupeKey',
        'open',
        'open_ack_created',
        'open_ack_type_sev_created',
        'open_snoozed',
        'open_tenantKey',
        'tenantId',
        'type_createdAt',
      ].sort(),
    );
    expect(tx.objectStore('alerts').keyPath).toBe('id');
    expect(tx.objectStore('tenants').keyPath).toBe('tenantId');
    expect(tx.objectStore('snapshots').keyPath).toBe('tenantId');
    expect(tx.objectStore('observations').keyPath).toBe('syncroKey');
    expect([...tx.objectStore('observations').indexNames]).toEqual(['tenantId']);
    expect(tx.objectStore('meta').keyPath).toBe('key');
    expect(tx.objectStore('alerts').index('type_createdAt').keyPath).toEqual(['type', 'createdAt']);
    store.close();
  });

  it('lists migrations from version 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: DB_VERSION }, (_, i) => i + 1),
    );
  });
});

describe('migration from v1', () => {
  it('keeps every alert, acknowledgement and snooze, and adds the type index', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase(factory, 1);
    expect([...v1.transaction('alerts').store.indexNames]).not.toContain('type_createdAt');
    // v1 records as an older build wrote them: no snoozeReason/syncroKey/links, and a flag out of step.
    const old = (i: number, ack: string | null, snoozed: string | null) => ({
      id: `t1|storage-space|u${i}@${CREATED}`,
      dedupeKey: `t1|storage-space|u${i}`,
      tenantId: 't1',
      tenantName: 'Contoso',
      type: 'storage-space',
      severity: 'medium',
      title: 'Mailbox almost full',
      detail: `u${i}`,
      subject: `u${i}`,
      createdAt: CREATED,
      lastSeenAt: CREATED,
      resolvedAt: null,
      acknowledgedAt: ack,
      snoozedUntil: snoozed,
      open: 1,
      acknowledged: 0,
    });
    const tx = v1.transaction(['alerts', 'tenants', 'meta'], 'readwrite');
    await tx.objectStore('alerts').put(old(1, '2026-11-02T09:00:00.000Z', null) as never);
    await tx.objectStore('alerts').put(old(2, null, '2026-12-30T00:00:00.000Z') as never);
    await tx.objectStore('alerts').put(old(3, null, null) as never);
    await tx
      .objectStore('meta')
      .put({
        key: 'poll',
        value: {
          runId: 'r',
          startedAt: CREATED,
          finishedAt: CREATED,
          tenantIds: [],
          done: [],
          failures: [],
        },
      });
    await tx.done;
    v1.close();

    const store = await openStore(factory);
    expect(store.db.version).toBe(DB_VERSION);
    const a1 = await store.getAlert(`t1|storage-space|u1@${CREATED}`);
    expect(a1).toMatchObject({
      acknowledgedAt: '2026-11-02T09:00:00.000Z',
      acknowledged: 1,
      snoozeReason: null,
      links: [],
      syncroKey: null,
    });
    const a2 = await store.getAlert(`t1|storage-space|u2@${CREATED}`);
    expect(a2?.snoozedUntil).toBe('2026-12-30T00:00:00.000Z');
    // The flags were recomputed, so the acknowledged index agrees with acknowledgedAt.
    expect(await store.db.countFromIndex('alerts', 'acknowledged', 1)).toBe(1);
    expect(
      await store.db.countFromIndex('alerts', 'type_createdAt', ['storage-space', CREATED]),
    ).toBe(3);
    const page = await store.queryAlerts({ types: ['storage-space'], acknowledged: 'exclude' });
    expect(page.total).toBe(2);
    expect(await store.exportAcknowledgements()).toHaveLength(2);
    expect((await store.getPollProgress())?.runId).toBe('r');
    store.close();
  });
});

describe('corrupt records', () => {
  it('are skipped with a warning naming the store and key', async () => {
    const store = await openStore(new IDBFactory());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await store.db.put('tenants', { tenantId: 'bad', displayName: 42 } as never);
    await store.db.put('tenants', {
      tenantId: 'good',
      displayName: 'Good',
      defaultDomain: null,
      syncroKeys: [],
      cloud: 'global',
      firstSeenAt: CREATED,
      lastPollAt: null,
      lastPollStartedAt: null,
      sourceStatus: {},
      signInNeeded: false,
    });
    await store.db.put('alerts', {
      id: 'broken-alert',
      createdAt: CREATED,
      type: 'nonsense',
    } as never);
    expect((await store.listTenants()).map((t) => t.tenantId)).toEqual(['good']);
    expect(await store.getTenant('bad')).toBeNull();
    expect(
      warn.mock.calls.some(
        (c) => String(c[0]).includes('"tenants"') && String(c[0]).includes('"bad"'),
      ),
    ).toBe(true);
    const page = await store.queryAlerts({ acknowledged: 'exclude' });
    expect(page.rows).toEqual([]);
    expect(
      warn.mock.calls.some(
        (c) => String(c[0]).includes('"alerts"') && String(c[0]).includes('broken-alert'),
      ),
    ).toBe(true);
    expect(await store.countActiveAlerts(CREATED)).toEqual({ count: 0, highestSeverity: null });
    await store.db.put('snapshots', {
      tenantId: 'good',
      sources: {
        userCounts: { nonsense: true },
        organization: {
          data: null,
          fetchedAt: null,
          status: { state: 'error', message: 'x', at: CREATED },
        },
      },
    } as never);
    const snap = await store.getSnapshot('good');
    expect(Object.keys(snap?.sources ?? {})).toEqual(['organization']);
    expect(
      warn.mock.calls.some(
        (c) => String(c[0]).includes('"snapshots"') && String(c[0]).includes('good/userCounts'),
      ),
    ).toBe(true);
    store.close();
  });
});
