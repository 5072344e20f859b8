import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matchesFilters } from '../alerts/filter';
import type { TenantPollResult, UserCounts } from '../graph/types';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../settings';
import { popupFilterToQuery } from './alerts';
import { openStore } from './db';
import type { AlertHookInput, TenantLensStore } from './store';
import type { AlertCandidate, AlertSeverity, AlertType } from './types';

const T = '11111111-1111-1111-1111-111111111111';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
const counts = (total: number): UserCounts => ({ total, guests: 2, disabled: 1, licensed: 5 });

function candidate(subject: string, over: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    dedupeKey: `${T}|storage-space|${subject}`,
    tenantId: T,
    syncroKey: null,
    tenantName: 'Contoso',
    type: 'storage-space',
    severity: 'medium',
    title: 'Mailbox almost full',
    detail: `${subject} at 95%`,
    subject,
    links: [],
    ...over,
  };
}

let store: TenantLensStore;
beforeEach(async () => {
  store = await openStore(new IDBFactory());
});
afterEach(() => store.close());

describe('commitTenantPoll', () => {
  it('replaces data on ok and keeps the last good data on failure', async () => {
    const ok: TenantPollResult = {
      tenantId: T,
      httpRequests: 1,
      outcomes: {
        userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(10) },
        organization: {
          source: 'organization',
          status: { state: 'ok' },
          data: {
            id: T,
            displayName: 'Contoso Ltd',
            verifiedDomains: [{ name: 'contoso.com', isDefault: true }],
          },
        },
      },
    };
    await store.commitTenantPoll(T, ok, at(0));
    const failed: TenantPollResult = {
      tenantId: T,
      httpRequests: 1,
      outcomes: {
        userCounts: {
          source: 'userCounts',
          status: { state: 'throttled', retryAfterSeconds: 30, message: '429' },
        },
        subscribedSkus: {
          source: 'subscribedSkus',
          status: { state: 'forbidden', message: 'no role', role: 'Global Reader' },
        },
      },
    };
    const r = await store.commitTenantPoll(T, failed, at(15));
    const snap = await store.getSnapshot(T);
    expect(snap?.sources.userCounts).toEqual({
      data: counts(10),
      fetchedAt: at(0),
      status: { state: 'throttled', retryAfterSeconds: 30, message: '429', at: at(15) },
    });
    expect(snap?.sources.subscribedSkus).toMatchObject({
      data: null,
      fetchedAt: null,
      status: { state: 'forbidden' },
    });
    expect(snap?.sources.organization?.data?.displayName).toBe('Contoso Ltd');
    const tenant = await store.getTenant(T);
    expect(tenant).toMatchObject({
      displayName: 'Contoso Ltd',
      defaultDomain: 'contoso.com',
      lastPollAt: at(15),
      signInNeeded: false,
    });
    expect(tenant?.sourceStatus.userCounts?.state).toBe('throttled');
    expect(tenant?.sourceStatus.organization).toEqual({ state: 'ok', at: at(0) });
    expect(r.previous?.sources.userCounts?.status.state).toBe('ok');

    await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(12) },
        },
      },
      at(30),
    );
    expect((await store.getSnapshot(T))?.sources.userCounts).toMatchObject({
      data: counts(12),
      fetchedAt: at(30),
    });
  });

  it('marks sign-in needed when every source says so, and records consent links', async () => {
    const r = await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 0,
        outcomes: {
          userCounts: {
            source: 'userCounts',
            status: { state: 'sign-in-needed', message: 'interaction_required' },
          },
          secureScores: {
            source: 'secureScores',
            status: { state: 'sign-in-needed', message: 'interaction_required' },
          },
        },
      },
      at(0),
    );
    expect(r.signInNeeded).toBe(true);
    expect((await store.getTenant(T))?.signInNeeded).toBe(true);
    expect(await store.clearSignInNeeded()).toBe(1);
    await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: {
            source: 'userCounts',
            status: {
              state: 'consent-required',
              consentUrl: 'https://login/adminconsent',
              message: 'AADSTS65001',
            },
          },
        },
      },
      at(5),
    );
    const t = await store.getTenant(T);
    expect(t?.signInNeeded).toBe(false);
    expect(t?.sourceStatus.userCounts).toMatchObject({
      state: 'consent-required',
      consentUrl: 'https://login/adminconsent',
    });
  });

  it('gives the alert hook the previous and new snapshot and observations, in the same transaction', async () => {
    await store.observeTenant(
      { tenantId: T, displayName: 'Contoso', syncroKey: 'https://a.syncromsp.com/t/1' },
      at(0),
    );
    await store.putObservation({
      syncroKey: 'https://a.syncromsp.com/t/1',
      tenantId: T,
      observedAt: at(0),
      page: { syncroKey: 'https://a.syncromsp.com/t/1' } as never,
    });
    const hook = vi.fn((_input: AlertHookInput) => [candidate('u1')]);
    await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(1) },
        },
      },
      at(1),
      hook,
    );
    const r = await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(2) },
        },
      },
      at(2),
      hook,
    );
    const input = hook.mock.calls[1]![0];
    expect(input.previous?.sources.userCounts?.data?.total).toBe(1);
    expect(input.next.sources.userCounts?.data?.total).toBe(2);
    expect(input.observations).toHaveLength(1);
    expect(r.alerts?.updated).toHaveLength(1);
  });

  it('commits the poll data even when the rules throw', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(3) },
        },
      },
      at(1),
      () => {
        throw new Error('rule bug');
      },
    );
    expect(r.alerts).toBeNull();
    expect(err).toHaveBeenCalled();
    expect((await store.getSnapshot(T))?.sources.userCounts?.data?.total).toBe(3);
  });

  it('moves the tenant from in-flight to done in the run progress', async () => {
    await store.putPollProgress({
      runId: 'r1',
      startedAt: at(0),
      finishedAt: null,
      tenantIds: [T, 'other'],
      done: [],
      failures: [],
    });
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k' }, at(0));
    await store.markPollStarted(T, at(1));
    expect((await store.getPollProgress())?.inFlight).toEqual([T]);
    expect((await store.getTenant(T))?.lastPollStartedAt).toBe(at(1));
    await store.commitTenantPoll(T, { tenantId: T, httpRequests: 1, outcomes: {} }, at(2));
    expect(await store.getPollProgress()).toMatchObject({ inFlight: [], done: [T] });
  });

  it('does not count a poll that began before the run as done in it (a refresh or straggler)', async () => {
    await store.putPollProgress({
      runId: 'r2',
      startedAt: at(5),
      finishedAt: null,
      tenantIds: [T],
      done: [],
      failures: [],
    });
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k' }, at(0));
    // Its data was read at at(4), before the run; the commit lands after the run started.
    await store.commitTenantPoll(T, { tenantId: T, httpRequests: 1, outcomes: {} }, at(4));
    expect((await store.getTenant(T))?.lastPollAt).toBe(at(4));
    expect((await store.getPollProgress())?.done).toEqual([]);
    await store.commitTenantPoll(T, { tenantId: T, httpRequests: 1, outcomes: {} }, at(6));
    expect((await store.getPollProgress())?.done).toEqual([T]);
  });

  it('with skipSignInNeeded, leaves a tenant that waits for a sign-in untouched', async () => {
    await store.putPollProgress({
      runId: 'r1',
      startedAt: at(0),
      finishedAt: null,
      tenantIds: [T],
      done: [],
      failures: [],
    });
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k' }, at(0));
    await store.setSignInNeeded(T, true);
    expect(await store.markPollStarted(T, at(1), { skipSignInNeeded: true })).toBe(false);
    expect((await store.getPollProgress())?.inFlight ?? []).toEqual([]);
    expect((await store.getTenant(T))?.lastPollStartedAt ?? null).toBe(null);
    expect(await store.markPollStarted(T, at(1))).toBe(true);
    expect((await store.getPollProgress())?.inFlight).toEqual([T]);
  });
});

describe('reconcileAlerts', () => {
  it('dedupes, resolves the absent, and makes a returning condition a new alert', async () => {
    const r1 = await store.applyAlerts({ tenantId: T }, [candidate('u1'), candidate('u2')], at(0));
    expect(r1.created.map((a) => a.id)).toEqual([
      `${T}|storage-space|u1@${at(0)}`,
      `${T}|storage-space|u2@${at(0)}`,
    ]);

    const r2 = await store.applyAlerts(
      { tenantId: T },
      [candidate('u1', { detail: 'now 97%', severity: 'high' })],
      at(15),
    );
    expect(r2.created).toEqual([]);
    expect(r2.updated.map((a) => a.subject)).toEqual(['u1']);
    expect(r2.resolved.map((a) => a.subject)).toEqual(['u2']);
    const u1 = await store.getAlert(`${T}|storage-space|u1@${at(0)}`);
    expect(u1).toMatchObject({
      lastSeenAt: at(15),
      createdAt: at(0),
      detail: 'now 97%',
      severity: 'high',
      open: 1,
    });
    expect(await store.getAlert(`${T}|storage-space|u2@${at(0)}`)).toMatchObject({
      resolvedAt: at(15),
      open: 0,
    });

    const r3 = await store.applyAlerts({ tenantId: T }, [candidate('u1'), candidate('u2')], at(30));
    expect(r3.created.map((a) => a.id)).toEqual([`${T}|storage-space|u2@${at(30)}`]);
    expect((await store.listOpenAlerts()).map((a) => a.id)).toEqual([
      `${T}|storage-space|u2@${at(30)}`,
      `${T}|storage-space|u1@${at(0)}`,
    ]);
    expect((await store.queryAlerts({})).total).toBe(3);
  });

  it('only resolves alerts inside the scope', async () => {
    await store.applyAlerts(
      { tenantId: T },
      [
        candidate('u1'),
        candidate('dev1', {
          type: 'bitlocker-reminder',
          dedupeKey: `${T}|bitlocker-reminder|dev1`,
        }),
      ],
      at(0),
    );
    await store.applyAlerts(
      { tenantId: 'other' },
      [candidate('x', { tenantId: 'other', dedupeKey: 'other|storage-space|x' })],
      at(0),
    );
    const r = await store.applyAlerts({ tenantId: T, types: ['storage-space'] }, [], at(5));
    expect(r.resolved.map((a) => a.subject)).toEqual(['u1']);
    expect((await store.countActiveAlerts(at(5))).count).toBe(2);
  });

  it('never touches acknowledgement or snooze, and acknowledgement survives later polls', async () => {
    const [a] = (await store.applyAlerts({ tenantId: T }, [candidate('u1')], at(0))).created;
    expect(await store.acknowledge([a!.id], at(1))).toBe(1);
    expect(await store.acknowledge([a!.id], at(2))).toBe(0);
    await store.snooze([a!.id], at(59), 'waiting for customer');
    const hook = () => [candidate('u1', { detail: 'changed' })];
    await store.commitTenantPoll(T, { tenantId: T, httpRequests: 1, outcomes: {} }, at(10), hook);
    await store.commitTenantPoll(T, { tenantId: T, httpRequests: 1, outcomes: {} }, at(20), hook);
    expect(await store.getAlert(a!.id)).toMatchObject({
      acknowledgedAt: at(1),
      acknowledged: 1,
      snoozedUntil: at(59),
      snoozeReason: 'waiting for customer',
      detail: 'changed',
      lastSeenAt: at(20),
    });
    expect(await store.unacknowledge([a!.id])).toBe(1);
    expect((await store.getAlert(a!.id))?.acknowledged).toBe(0);
  });
});

describe('badge count', () => {
  it('counts open, unacknowledged, unsnoozed (or expired snooze) alerts with the highest severity', async () => {
    const r = await store.applyAlerts(
      { tenantId: T },
      [
        candidate('a', { severity: 'low' }),
        candidate('b', { severity: 'high' }),
        candidate('c', { severity: 'medium' }),
        candidate('d', { severity: 'high' }),
      ],
      at(0),
    );
    const id = (s: string) => r.created.find((a) => a.subject === s)!.id;
    await store.acknowledge([id('b')], at(1));
    await store.snooze([id('d')], at(30), 'later');
    await store.applyAlerts({ tenantId: T, include: (a) => a.subject === 'c' }, [], at(2)); // resolves c
    expect(await store.countActiveAlerts(at(10))).toEqual({ count: 1, highestSeverity: 'low' });
    expect(await store.countActiveAlerts(at(30))).toEqual({ count: 2, highestSeverity: 'high' });
  });
});

describe('queryAlerts', () => {
  const TYPES: AlertType[] = [
    'storage-space',
    'backup-failure',
    'bitlocker-reminder',
    'security-alert',
  ];
  const SEV: AlertSeverity[] = ['informational', 'low', 'medium', 'high'];
  // 40 alerts, one a minute, cycling type and severity; tenants alternate.
  beforeEach(async () => {
    for (let i = 0; i < 40; i++) {
      const tenantId = i % 2 ? 'tB' : 'tA';
      const type = TYPES[i % 4]!;
      await store.applyAlerts(
        { tenantId, include: () => false },
        [
          candidate(`s${i}`, {
            tenantId,
            type,
            severity: SEV[Math.floor(i / 4) % 4]!,
            dedupeKey: `${tenantId}|${type}|s${i}`,
          }),
        ],
        at(i),
      );
    }
  });

  it('returns newest first with a total, and pages', async () => {
    const p1 = await store.queryAlerts({}, { offset: 0, limit: 10 });
    expect(p1.total).toBe(40);
    expect(p1.rows.map((a) => a.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `s${39 - i}`),
    );
    const p4 = await store.queryAlerts({}, { offset: 35, limit: 10 });
    expect(p4.rows.map((a) => a.subject)).toEqual(['s4', 's3', 's2', 's1', 's0']);
  });

  it('filters by type (several types merge newest first) and pages across them', async () => {
    const p = await store.queryAlerts(
      { types: ['backup-failure', 'security-alert'] },
      { offset: 2, limit: 3 },
    );
    expect(p.total).toBe(20);
    expect(p.rows.map((a) => a.subject)).toEqual(['s35', 's33', 's31']);
  });

  it('created window: from is inclusive, before is exclusive', async () => {
    const p = await store.queryAlerts(
      { createdFrom: at(10), createdBefore: at(20) },
      { limit: 100 },
    );
    expect(p.total).toBe(10);
    expect(p.rows.at(0)?.subject).toBe('s19');
    expect(p.rows.at(-1)?.subject).toBe('s10');
    const typed = await store.queryAlerts({
      types: ['storage-space'],
      createdFrom: at(8),
      createdBefore: at(16),
    });
    expect(typed.rows.map((a) => a.subject)).toEqual(['s12', 's8']);
    const empty = await store.queryAlerts({ createdFrom: at(20), createdBefore: at(20) });
    expect(empty).toEqual({ rows: [], total: 0 });
  });

  it('filters by tenant, severity and acknowledged, combined with the window', async () => {
    const tA = await store.queryAlerts({ tenantIds: ['tA'] }, { limit: 100 });
    expect(tA.total).toBe(20);
    expect(tA.rows.every((a) => a.tenantId === 'tA')).toBe(true);
    const high = await store.queryAlerts({ severities: ['high'] }, { limit: 100 });
    expect(high.rows.map((a) => a.subject)).toEqual([
      's31',
      's30',
      's29',
      's28',
      's15',
      's14',
      's13',
      's12',
    ]);
    const ids = (await store.queryAlerts({ createdFrom: at(30) })).rows.map((a) => a.id);
    await store.acknowledge(ids, at(50));
    expect((await store.queryAlerts({ acknowledged: 'exclude' })).total).toBe(30);
    expect((await store.queryAlerts({ acknowledged: 'only' })).total).toBe(10);
    const mix = await store.queryAlerts(
      {
        tenantIds: ['tB'],
        types: ['backup-failure'],
        acknowledged: 'exclude',
        createdBefore: at(30),
      },
      { limit: 100 },
    );
    expect(mix.rows.map((a) => a.subject)).toEqual([
      's29',
      's25',
      's21',
      's17',
      's13',
      's9',
      's5',
      's1',
    ]);
  });

  it('popupFilterToQuery gives the same rows as lib/alerts matchesFilters', async () => {
    const all = (await store.queryAlerts({}, { limit: 1000 })).rows;
    await store.acknowledge(
      all.filter((_, i) => i % 3 === 0).map((a) => a.id),
      at(45),
    );
    await store.snooze(
      all.filter((_, i) => i % 5 === 0).map((a) => a.id),
      at(50),
      'later',
    );
    await store.applyAlerts({ tenantId: 'tA', include: (a) => a.subject === 's2' }, [], at(46));
    const now = new Date(at(48));
    const fresh = (await store.queryAlerts({}, { limit: 1000 })).rows;
    const cases: PopupFilters[] = [
      DEFAULT_POPUP_FILTERS,
      { ...DEFAULT_POPUP_FILTERS, showAcknowledged: true },
      {
        ...DEFAULT_POPUP_FILTERS,
        types: ['storage-space', 'security-alert'],
        severities: ['high', 'low'],
      },
      { ...DEFAULT_POPUP_FILTERS, tenantIds: ['tB'], created: 'last-week', showAcknowledged: true },
    ];
    for (const f of cases) {
      const expected = fresh.filter((a) => matchesFilters(a, f, now)).map((a) => a.id);
      const got = (await store.queryAlerts(popupFilterToQuery(f, now), { limit: 1000 })).rows.map(
        (a) => a.id,
      );
      expect(got).toEqual(expected);
    }
  });

  it('hides active snoozes when asked', async () => {
    const [latest] = (await store.queryAlerts({}, { limit: 1 })).rows;
    await store.snooze([latest!.id], at(100), 'later');
    expect((await store.queryAlerts({ hideSnoozedAt: at(50) })).total).toBe(39);
    expect((await store.queryAlerts({ hideSnoozedAt: at(101) })).total).toBe(40);
  });
});

describe('acknowledgements export/import and forget', () => {
  it('survive forgetAll and a reinstall by dedupeKey + createdAt', async () => {
    const r = await store.applyAlerts({ tenantId: T }, [candidate('u1'), candidate('u2')], at(0));
    await store.acknowledge([r.created[0]!.id], at(1));
    await store.snooze([r.created[1]!.id], at(59), 'vendor ticket');
    const exported = await store.exportAcknowledgements();
    expect(exported).toHaveLength(2);

    await store.forgetAll();
    expect(await store.listTenants()).toEqual([]);
    expect((await store.queryAlerts({})).total).toBe(0);

    // Import into the same data (restore): exact matches.
    const again = await openStore(new IDBFactory());
    const r2 = await again.applyAlerts({ tenantId: T }, [candidate('u1'), candidate('u2')], at(0));
    expect(await again.importAcknowledgements(exported)).toEqual({ applied: 2, pending: 0 });
    expect(await again.getAlert(r2.created[0]!.id)).toMatchObject({
      acknowledgedAt: at(1),
      acknowledged: 1,
    });
    again.close();

    // Import before the alerts exist again: applied to the first occurrence found later.
    expect(await store.importAcknowledgements(exported)).toEqual({ applied: 0, pending: 2 });
    expect(await store.exportAcknowledgements()).toHaveLength(2);
    const r3 = await store.applyAlerts({ tenantId: T }, [candidate('u1')], at(40));
    expect(r3.created[0]).toMatchObject({ acknowledgedAt: at(1), acknowledged: 1 });
    expect((await store.countActiveAlerts(at(41))).count).toBe(0);
  });
});

describe('tenants and observations', () => {
  it('observeTenant merges Syncro pages most recent first and keeps the polled name', async () => {
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k1' }, at(0));
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k2' }, at(1));
    const t = await store.observeTenant(
      { tenantId: T, displayName: 'contoso page text', syncroKey: 'k1' },
      at(2),
    );
    expect(t).toMatchObject({
      syncroKeys: ['k1', 'k2'],
      displayName: 'Contoso',
      firstSeenAt: at(0),
    });
    await store.putObservation({
      syncroKey: 'k1',
      tenantId: T,
      observedAt: at(2),
      page: { syncroKey: 'k1' } as never,
    });
    await store.putObservation({
      syncroKey: 'k3',
      tenantId: null,
      observedAt: at(2),
      page: { syncroKey: 'k3' } as never,
    });
    expect((await store.listObservations(T)).map((o) => o.syncroKey)).toEqual(['k1']);
    expect((await store.getObservation('k3'))?.tenantId).toBeNull();
    expect(await store.setSignInNeeded(T, true)).toBe(true);
    expect(await store.setSignInNeeded('nope', true)).toBe(false);
  });

  it('getPageView reads a page observation with its tenant and snapshot', async () => {
    expect(await store.getPageView('k1')).toEqual({
      observation: null,
      tenant: null,
      snapshot: null,
    });
    await store.putObservation({
      syncroKey: 'k0',
      tenantId: null,
      observedAt: at(0),
      page: { syncroKey: 'k0' } as never,
    });
    expect(await store.getPageView('k0')).toMatchObject({ tenant: null, snapshot: null });
    await store.observeTenant({ tenantId: T, displayName: 'Contoso', syncroKey: 'k1' }, at(0));
    await store.putObservation({
      syncroKey: 'k1',
      tenantId: T,
      observedAt: at(1),
      page: { syncroKey: 'k1' } as never,
    });
    const before = await store.getPageView('k1');
    expect(before.observation?.tenantId).toBe(T);
    expect(before.tenant?.tenantId).toBe(T);
    expect(before.snapshot).toBeNull();
    await store.commitTenantPoll(
      T,
      {
        tenantId: T,
        httpRequests: 1,
        outcomes: {
          userCounts: { source: 'userCounts', status: { state: 'ok' }, data: counts(7) },
        },
      },
      at(2),
    );
    const after = await store.getPageView('k1');
    expect(after.tenant?.lastPollAt).toBe(at(2));
    expect(after.snapshot?.sources.userCounts?.data).toEqual(counts(7));
  });

  it('lease: held until expiry, renewable by its owner, released', async () => {
    expect(await store.acquireLease('w1', 1000, 500)).toBe(true);
    expect(await store.acquireLease('w2', 1200, 500)).toBe(false);
    expect(await store.acquireLease('w1', 1400, 500)).toBe(true);
    expect(await store.acquireLease('w2', 1899, 500)).toBe(false);
    expect(await store.acquireLease('w2', 1900, 500)).toBe(true);
    await store.releaseLease('w1');
    expect((await store.getLease())?.owner).toBe('w2');
    await store.releaseLease('w2');
    expect(await store.getLease()).toBeNull();
  });
});
