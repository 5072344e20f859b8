/**
 * The fault storm scenario, shared by test/unit/hardening-fault-storm.test.ts (10 polls) and
 * test/soak/fault-storm.soak.test.ts (longer, several seeds). Asserts as it goes.
 */
import { IDBFactory } from 'fake-indexeddb';
import { expect } from 'vitest';
import type { SourceId, TenantPollResult } from '../../lib/graph';
import { runPoll } from '../../lib/poll';
import { ALL_SOURCES } from '../../lib/settings';
import type { FaultKind } from '../world/state';
import { setFaults } from '../world/state';
import {
  ALL_FAULT_KINDS,
  allAlerts,
  cleanResults,
  createHardeningWorld,
  expectNoDuplicateOpenAlerts,
  pollDepsFor,
  seeded,
  storeWithTenants,
  tenantInconsistencies,
} from './hardening-harness';

const POLL_GAP_MS = 15 * 60_000;

export interface FaultStormReport {
  /** Fault kinds the world actually injected. */
  faultsInjected: Set<FaultKind>;
  /** Alerts acknowledged (or snoozed) by the "technician" during the storm. */
  acknowledged: number;
  sleeps: number[];
}

export async function runFaultStorm(opts: {
  polls: number;
  rate: number;
  seed: number;
  tenants?: number;
}): Promise<FaultStormReport> {
  const w = createHardeningWorld(opts.tenants ?? 20);
  const pick = seeded(opts.seed);

  // What the fixtures say each tenant's sources are, and which alerts a clean history raises
  // (a reference store polled at the same instants, without faults).
  const clean = await cleanResults(w);
  const reference = await storeWithTenants(w, new IDBFactory());

  const { store } = await storeWithTenants(w);
  setFaults(w.core, {
    rate: opts.rate,
    kinds: ALL_FAULT_KINDS,
    retryAfterSeconds: 2,
    seed: opts.seed,
  });
  w.core.log.length = 0;

  /** What the technician did: alert id -> the acknowledgement/snooze it must keep. */
  const userData = new Map<
    string,
    { acknowledgedAt: string | null; snoozedUntil: string | null; snoozeReason: string | null }
  >();

  for (let poll = 0; poll < opts.polls; poll++) {
    w.advance(POLL_GAP_MS);
    const r = await runPoll(pollDepsFor(w, store), { tenantIds: w.tenantIds });
    expect(r.status).toBe('finished');
    // A tenant's Graph or token failures come back as per-source outcomes, never a throw.
    expect(r.failures).toEqual([]);
    expect(r.polled.sort()).toEqual([...w.tenantIds].sort());
    expectNoDuplicateOpenAlerts(await allAlerts(store));

    // The technician triages between polls: acknowledges some open alerts, snoozes others.
    const now = new Date(w.core.now() + 60_000).toISOString();
    for (const a of await store.listOpenAlerts()) {
      if (userData.has(a.id)) continue;
      const roll = pick();
      if (roll < 0.25) {
        expect(await store.acknowledge([a.id], now)).toBe(1);
        userData.set(a.id, { acknowledgedAt: now, snoozedUntil: null, snoozeReason: null });
      } else if (roll < 0.35) {
        const until = new Date(w.core.now() + 7 * 86_400_000).toISOString();
        expect(await store.snooze([a.id], until, 'waiting for the customer')).toBe(1);
        userData.set(a.id, {
          acknowledgedAt: null,
          snoozedUntil: until,
          snoozeReason: 'waiting for the customer',
        });
      }
    }
  }
  const faultsInjected = new Set([
    ...w.outerFaults,
    ...w.core.log.flatMap((l) => (l.fault ? [l.fault] : [])),
  ]);
  // Faults inside batches too (429 with and without Retry-After among them), not only on
  // whole envelopes (where the dropped connections happen).
  const inBatch = new Set(w.core.log.flatMap((l) => (l.fault && l.inBatch ? [l.fault] : [])));
  expect(inBatch.has('429') && inBatch.has('429-no-retry-after')).toBe(true);
  expect(new Set(w.outerFaults).has('timeout')).toBe(true);

  // Faults off, one more poll.
  setFaults(w.core, {});
  w.advance(POLL_GAP_MS);
  const finalAt = new Date(w.core.now()).toISOString();
  const last = await runPoll(pollDepsFor(w, store), { tenantIds: w.tenantIds });
  expect(last.status).toBe('finished');
  expect(last.failures).toEqual([]);
  // The reference history: the fault-free answers committed at the same instant, same rules.
  const refHook = pollDepsFor(w, reference.store).applyAlerts;
  for (const id of w.tenantIds)
    await reference.store.commitTenantPoll(id, clean.get(id) as TenantPollResult, finalAt, refHook);

  // Fresh: every tenant's every source is as a fault-free poll says, stamped by the last poll,
  // and ok sources hold exactly the fault-free data.
  for (const id of w.tenantIds) {
    const t = await store.getTenant(id);
    const snap = await store.getSnapshot(id);
    const ref = clean.get(id);
    expect(t?.lastPollAt, id).toBe(finalAt);
    for (const s of ALL_SOURCES as SourceId[]) {
      const want = ref?.outcomes[s];
      const got = snap?.sources[s];
      expect(got?.status.state, `${id}/${s}`).toBe(want?.status.state);
      expect(got?.status.at, `${id}/${s}`).toBe(finalAt);
      expect(t?.sourceStatus[s]?.state, `${id}/${s}`).toBe(want?.status.state);
      if (want?.status.state === 'ok') {
        expect(got?.fetchedAt, `${id}/${s}`).toBe(finalAt);
        expect(got?.data, `${id}/${s}`).toEqual(want.data);
      }
    }
    expect(await tenantInconsistencies(store, id)).toEqual([]);
  }

  // Alerts: no condition twice; the open conditions are the clean history's; every
  // acknowledgement and snooze the technician made is on the same, still-open alert.
  const alerts = await allAlerts(store);
  expectNoDuplicateOpenAlerts(alerts);
  const openKeys = alerts
    .filter((a) => a.open === 1)
    .map((a) => a.dedupeKey)
    .sort();
  const refOpenKeys = (await allAlerts(reference.store))
    .filter((a) => a.open === 1)
    .map((a) => a.dedupeKey)
    .sort();
  expect(openKeys).toEqual(refOpenKeys);
  for (const [id, kept] of userData) {
    const a = await store.getAlert(id);
    expect(a, id).toMatchObject({ ...kept, open: 1, acknowledged: kept.acknowledgedAt ? 1 : 0 });
  }
  // The throttling answers were honoured with the server's Retry-After (2 s) at least once,
  // and every wait stayed within the policy's bounds.
  expect(w.sleeps).toContain(2000);
  for (const ms of w.sleeps) expect(ms).toBeLessThanOrEqual(16_000);

  store.close();
  reference.store.close();
  return { faultsInjected, acknowledged: userData.size, sleeps: w.sleeps };
}
