/**
 * The killed-worker scenario, shared by test/unit/hardening-killed-worker.test.ts and
 * test/soak/killed-worker.soak.test.ts. A "worker" is one store connection plus one run of
 * `resumeOrStart`; it is killed at a random moment in one of three ways:
 * - abort: its AbortSignal fires at the n-th Graph request (the poller's own stop);
 * - network: at the n-th Graph request the network never answers again and the database
 *   connection closes (the worker died while waiting for Graph);
 * - database: at the n-th IndexedDB transaction the connection closes first, so that
 *   transaction and every later one fail (the worker died between two database steps).
 * After each kill a new worker (fresh store instance on the same database, lease dropped as
 * the background does on start) checks that the data is consistent, then resumes. Asserts.
 */
import type { IDBFactory } from 'fake-indexeddb';
import { expect } from 'vitest';
import { resumeOrStart } from '../../lib/poll';
import { openStore, type TenantLensStore } from '../../lib/store';
import { setFaults } from '../world/state';
import {
  ALL_FAULT_KINDS,
  allAlerts,
  createHardeningWorld,
  expectNoDuplicateOpenAlerts,
  type HardeningWorld,
  pollDepsFor,
  seeded,
  storeWithTenants,
  tenantInconsistencies,
} from './hardening-harness';

export type KillMode = 'abort' | 'network' | 'database';

/** Lets every pending IndexedDB step and promise settle. */
async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Every tenant's record and snapshot come from one commit, and the run's progress agrees with
 * the data: a tenant the run lists as done (not failed) was committed after the run started;
 * one it does not list was not (commit and progress are one transaction).
 */
export async function expectConsistent(w: HardeningWorld, store: TenantLensStore): Promise<void> {
  for (const id of w.tenantIds) expect(await tenantInconsistencies(store, id)).toEqual([]);
  const p = await store.getPollProgress();
  if (p && p.finishedAt === null) {
    const failed = new Set(p.failures.map((f) => f.tenantId));
    for (const id of p.tenantIds) {
      const t = await store.getTenant(id);
      const committedInRun = (t?.lastPollAt ?? '') >= p.startedAt;
      if (failed.has(id)) continue;
      expect(
        committedInRun,
        `${id}: done=${p.done.includes(id)} lastPollAt=${t?.lastPollAt} run=${p.startedAt}`,
      ).toBe(p.done.includes(id));
    }
  }
  expectNoDuplicateOpenAlerts(await allAlerts(store));
}

export async function runKilledWorker(opts: {
  kills: number;
  seed: number;
  /** Fault rate during the killed runs (0 = none). */
  faultRate?: number;
}): Promise<{ modes: Record<KillMode, number>; killedMidRun: number }> {
  const w = createHardeningWorld(20);
  const pick = seeded(opts.seed);
  if (opts.faultRate)
    setFaults(w.core, {
      rate: opts.faultRate,
      kinds: ALL_FAULT_KINDS,
      retryAfterSeconds: 1,
      seed: opts.seed,
    });
  const first = await storeWithTenants(w);
  const factory: IDBFactory = first.factory;
  first.store.close();
  const modes: Record<KillMode, number> = { abort: 0, network: 0, database: 0 };
  let killedMidRun = 0;

  // Until `kills` workers died inside a run (a kill that comes after the run finished is not one).
  for (let k = 0; killedMidRun < opts.kills; k++) {
    expect(k, 'kills that never landed inside a run').toBeLessThan(opts.kills * 2);
    w.advance(60_000);
    const store = await openStore(factory);
    await store.dropLease();
    await expectConsistent(w, store);

    const mode: KillMode = (['abort', 'network', 'database'] as const)[k % 3] as KillMode;
    const controller = new AbortController();
    let fetches = 0;
    let killed = false;
    // Up to ~10 tenants' worth of requests (4 concurrently), or a few dozen database steps.
    const at = 1 + Math.floor(pick() * (mode === 'database' ? 80 : 30));
    const kill = () => {
      killed = true;
      store.close();
    };
    if (mode === 'abort')
      w.beforeFetch = () => {
        if (++fetches === at) controller.abort();
        return undefined;
      };
    else if (mode === 'network')
      w.beforeFetch = () => {
        if (++fetches >= at) {
          if (!killed) kill();
          // Never answers: the worker is gone.
          return new Promise<never>(() => {});
        }
        return undefined;
      };
    else {
      let steps = 0;
      const transaction = store.db.transaction.bind(store.db);
      (store.db as { transaction: unknown }).transaction = (
        ...args: Parameters<typeof transaction>
      ) => {
        if (++steps === at) kill();
        return transaction(...args);
      };
    }
    const run = resumeOrStart(
      pollDepsFor(w, store, { signal: controller.signal, owner: `worker-${k}` }),
    );
    const outcome = await Promise.race([
      run.then(
        (r) => r.status,
        () => 'died',
      ),
      // A worker hanging on the network never settles: wait for everything else to.
      (async () => {
        await settle(400);
        return 'hung';
      })(),
    ]);
    if (outcome !== 'finished') {
      killedMidRun++;
      modes[mode]++;
    }
    w.beforeFetch = null;
    if (!killed) store.close();
    await settle();
  }

  // The last worker lives: it resumes whatever was left and completes the run; a fresh run
  // after it polls every tenant again, with nothing left inconsistent.
  setFaults(w.core, {});
  w.advance(60_000);
  const store = await openStore(factory);
  await store.dropLease();
  await expectConsistent(w, store);
  const resumed = await resumeOrStart(pollDepsFor(w, store, { owner: 'worker-last' }));
  expect(resumed.status).toBe('finished');
  const progress = await store.getPollProgress();
  expect(progress?.finishedAt).not.toBeNull();
  expect([...(progress?.done ?? [])].sort()).toEqual([...(progress?.tenantIds ?? [])].sort());
  w.advance(60_000);
  const fresh = await resumeOrStart(pollDepsFor(w, store, { owner: 'worker-last' }));
  expect(fresh.status).toBe('finished');
  expect(fresh.polled.sort()).toEqual([...w.tenantIds].sort());
  await expectConsistent(w, store);
  for (const t of await store.listTenants())
    expect(t.lastPollAt).toBe(new Date(w.core.now()).toISOString());
  store.close();
  return { modes, killedMidRun };
}
