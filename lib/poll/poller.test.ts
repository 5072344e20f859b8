import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourceId, TenantPollResult } from '../graph/types';
import { openStore } from '../store/db';
import type { TenantLensStore } from '../store/store';
import {
  isPollRunning,
  type PollDeps,
  type PollGraph,
  type PollProgressUpdate,
  pollOne,
  refreshAll,
  resumeOrStart,
  runPoll,
} from './poller';
import { dueTenantIds, enabledSources, ensureAlarm, isDue, POLL_ALARM } from './schedule';

const SOURCES: SourceId[] = ['userCounts', 'secureScores'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FakeGraph extends PollGraph {
  calls: string[];
  maxInFlight: number;
}

/** An in-process Graph fake that counts concurrent polls. */
function fakeGraph(
  opts: { delayMs?: number; signIn?: string[]; hang?: string[]; throwFor?: string[] } = {},
): FakeGraph {
  let inFlight = 0;
  const g: FakeGraph = {
    calls: [],
    maxInFlight: 0,
    async pollTenant(tenantId, sources): Promise<TenantPollResult> {
      g.calls.push(tenantId);
      inFlight++;
      g.maxInFlight = Math.max(g.maxInFlight, inFlight);
      try {
        if (opts.hang?.includes(tenantId)) await new Promise(() => {});
        await sleep(opts.delayMs ?? 5);
        if (opts.throwFor?.includes(tenantId)) throw new Error('network down');
        const outcomes: TenantPollResult['outcomes'] = {};
        for (const s of sources) {
          if (opts.signIn?.includes(tenantId)) {
            (outcomes as Record<string, unknown>)[s] = {
              source: s,
              status: { state: 'sign-in-needed', message: 'interaction_required' },
            };
          } else if (s === 'userCounts') {
            outcomes.userCounts = {
              source: 'userCounts',
              status: { state: 'ok' },
              data: { total: 10, guests: 1, disabled: 0, licensed: 8 },
            };
          } else {
            (outcomes as Record<string, unknown>)[s] = {
              source: s,
              status: { state: 'forbidden', message: 'no role' },
            };
          }
        }
        return { tenantId, outcomes, httpRequests: 1 };
      } finally {
        inFlight--;
      }
    },
  };
  return g;
}

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `tenant-${String(i + 1).padStart(2, '0')}`);

async function seed(store: TenantLensStore, tenantIds: string[]) {
  for (const id of tenantIds)
    await store.observeTenant(
      { tenantId: id, displayName: id, syncroKey: `https://x.syncromsp.com/t/${id}` },
      '2026-11-01T00:00:00.000Z',
    );
}

let clock = Date.parse('2026-11-01T10:00:00.000Z');
function deps(store: TenantLensStore, graph: PollGraph, over: Partial<PollDeps> = {}): PollDeps {
  return {
    store,
    graph,
    listDueTenants: (now) => dueTenantIds(store, 15, now),
    concurrency: 3,
    sourcesEnabled: SOURCES,
    now: () => new Date(clock),
    ...over,
  };
}

const opened: TenantLensStore[] = [];
async function freshStore(factory = new IDBFactory()) {
  const s = await openStore(factory);
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('runPoll', () => {
  it('polls every due tenant with at most `concurrency` in flight, and reports progress', async () => {
    const store = await freshStore();
    await seed(store, ids(10));
    // Graph answers only once the gate opens: the test sees exactly how many polls start.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const answers = fakeGraph({ delayMs: 1 });
    let inFlight = 0;
    let max = 0;
    const counted: PollGraph = {
      async pollTenant(id, sources) {
        inFlight++;
        max = Math.max(max, inFlight);
        try {
          await gate;
          return await answers.pollTenant(id, sources);
        } finally {
          inFlight--;
        }
      },
    };
    const updates: PollProgressUpdate[] = [];
    const running = runPoll(
      deps(store, counted, { concurrency: 3, onProgress: (u) => updates.push(u) }),
    );
    await vi.waitFor(() => expect(inFlight).toBe(3));
    expect(await isPollRunning(store, new Date(clock))).toBe(true);
    await sleep(50);
    expect(inFlight).toBe(3);
    expect((await store.getPollProgress())?.inFlight).toHaveLength(3);
    open();
    const r = await running;
    expect(r.status).toBe('finished');
    expect(r.polled.sort()).toEqual(ids(10));
    expect(max).toBe(3);
    expect(updates.at(0)).toMatchObject({ total: 10, done: 0, text: 'polling 1 of 10' });
    expect(updates.some((u) => u.text === 'polling 4 of 10')).toBe(true);
    expect(updates.at(-1)).toMatchObject({ finished: true, done: 10, text: 'polled 10 tenants' });
    const progress = await store.getPollProgress();
    expect(progress?.finishedAt).not.toBeNull();
    expect(progress?.inFlight).toEqual([]);
    expect(await store.getLease()).toBeNull();
    expect(await isPollRunning(store, new Date(clock))).toBe(false);
    // Nothing is due right after.
    const again = await runPoll(deps(store, answers));
    expect(again.polled).toEqual([]);
    // ...and the last run's progress stays for the status line.
    expect((await store.getPollProgress())?.runId).toBe(r.runId);
  });

  it('with concurrency 1 polls one at a time', async () => {
    const store = await freshStore();
    await seed(store, ids(4));
    const graph = fakeGraph();
    await runPoll(deps(store, graph, { concurrency: 1 }));
    expect(graph.maxInFlight).toBe(1);
    expect(graph.calls).toEqual(ids(4));
  });

  it('a second call in the same worker joins the running one', async () => {
    const store = await freshStore();
    await seed(store, ids(5));
    const graph = fakeGraph();
    const [a, b] = await Promise.all([
      runPoll(deps(store, graph)),
      resumeOrStart(deps(store, graph)),
    ]);
    expect(a).toBe(b);
    expect(graph.calls).toHaveLength(5);
  });

  it('another context holding a live lease makes the run busy; an expired lease is taken over', async () => {
    const store = await freshStore();
    await seed(store, ids(2));
    await store.acquireLease('other-worker', clock, 60_000);
    const graph = fakeGraph();
    expect((await runPoll(deps(store, graph, { owner: 'me' }))).status).toBe('busy');
    expect(graph.calls).toEqual([]);
    clock += 61_000;
    expect((await runPoll(deps(store, graph, { owner: 'me' }))).status).toBe('finished');
    expect(graph.calls).toHaveLength(2);
  });

  it('records a tenant whose poll throws as a failure and goes on', async () => {
    const store = await freshStore();
    await seed(store, ids(3));
    const r = await runPoll(deps(store, fakeGraph({ throwFor: ['tenant-02'] })));
    expect(r.polled.sort()).toEqual(['tenant-01', 'tenant-03']);
    expect(r.failures).toEqual([{ tenantId: 'tenant-02', message: 'Poll failed: network down' }]);
    expect((await store.getPollProgress())?.failures).toEqual(r.failures);
    expect(isDue((await store.getTenant('tenant-02'))!, 15, new Date(clock))).toBe(true);
  });
});

describe('resume after a killed worker', () => {
  it('finishes only the tenants not done (in-flight ones are polled again)', async () => {
    const factory = new IDBFactory();
    const first = await freshStore(factory);
    await seed(first, ids(6));
    // Worker 1: tenant-03 and tenant-04 never answer; the worker is then "killed".
    const g1 = fakeGraph({ hang: ['tenant-03', 'tenant-04'] });
    void runPoll(deps(first, g1, { concurrency: 2, owner: 'worker-1', leaseMs: 60_000 }));
    await vi.waitFor(async () => {
      const p = await first.getPollProgress();
      expect(p?.done.sort()).toEqual(['tenant-01', 'tenant-02']);
      expect(p?.inFlight?.sort()).toEqual(['tenant-03', 'tenant-04']);
    });
    first.close();

    // Worker 2 wakes on the next alarm, after the dead worker's lease lapsed.
    clock += 15 * 60_000;
    const second = await freshStore(factory);
    const g2 = fakeGraph();
    const r = await resumeOrStart(deps(second, g2, { owner: 'worker-2' }));
    expect(r.status).toBe('finished');
    expect(g2.calls.sort()).toEqual(['tenant-03', 'tenant-04', 'tenant-05', 'tenant-06']);
    const p = await second.getPollProgress();
    expect(p?.done.sort()).toEqual(ids(6));
    expect(p?.finishedAt).not.toBeNull();
    // Data of the first two, committed before the kill, is whole.
    expect((await second.getSnapshot('tenant-01'))?.sources.userCounts?.data?.total).toBe(10);
  });

  it('an aborted run writes nothing for uncommitted tenants and resumes with the rest', async () => {
    const store = await freshStore();
    await seed(store, ids(5));
    const ctl = new AbortController();
    const g1 = fakeGraph({ delayMs: 5 });
    const run = runPoll(
      deps(store, g1, {
        concurrency: 1,
        signal: ctl.signal,
        onTenantCommitted: (c) => {
          if (c.tenant.tenantId === 'tenant-02') ctl.abort();
        },
      }),
    );
    expect((await run).status).toBe('aborted');
    expect((await store.getPollProgress())?.done).toEqual(['tenant-01', 'tenant-02']);
    const g2 = fakeGraph();
    const r = await resumeOrStart(deps(store, g2));
    expect(g2.calls).toEqual(['tenant-03', 'tenant-04', 'tenant-05']);
    expect(r.status).toBe('finished');
  });

  it('abort while Graph answers leaves that tenant unwritten', async () => {
    const store = await freshStore();
    await seed(store, ids(1));
    const ctl = new AbortController();
    const graph: PollGraph = {
      async pollTenant(tenantId, sources) {
        ctl.abort();
        return fakeGraph().pollTenant(tenantId, sources);
      },
    };
    expect((await runPoll(deps(store, graph, { signal: ctl.signal }))).status).toBe('aborted');
    expect(await store.getSnapshot('tenant-01')).toBeNull();
    expect((await store.getTenant('tenant-01'))?.lastPollAt).toBeNull();
  });
});

describe('sign-in needed', () => {
  it('is marked and not retried until a sign-in clears it', async () => {
    const store = await freshStore();
    await seed(store, ['a', 'b']);
    const g1 = fakeGraph({ signIn: ['a'] });
    await runPoll(deps(store, g1));
    expect((await store.getTenant('a'))?.signInNeeded).toBe(true);
    expect((await store.getPollProgress())?.failures.map((f) => f.tenantId)).toEqual(['a']);

    clock += 60 * 60_000;
    const g2 = fakeGraph();
    await runPoll(deps(store, g2));
    expect(g2.calls).toEqual(['b']);
    await refreshAll(deps(store, g2));
    expect(g2.calls).toEqual(['b', 'b']);

    await store.clearSignInNeeded();
    const g3 = fakeGraph();
    await runPoll(deps(store, g3));
    expect(g3.calls.sort()).toEqual(['a']);
    expect((await store.getTenant('a'))?.signInNeeded).toBe(false);
  });

  it('a resumed run skips a tenant marked meanwhile', async () => {
    const store = await freshStore();
    await seed(store, ['a', 'b']);
    await store.putPollProgress({
      runId: 'r',
      startedAt: new Date(clock).toISOString(),
      finishedAt: null,
      tenantIds: ['a', 'b'],
      done: [],
      failures: [],
    });
    await store.setSignInNeeded('a', true);
    const g = fakeGraph();
    const r = await resumeOrStart(deps(store, g));
    expect(g.calls).toEqual(['b']);
    expect(r.skipped).toEqual(['a']);
  });
});

describe('pollOne', () => {
  it('polls one tenant now, joins a duplicate request, and leaves run progress alone', async () => {
    const store = await freshStore();
    await seed(store, ['a', 'b']);
    const g = fakeGraph();
    const [x, y] = await Promise.all([pollOne(deps(store, g), 'a'), pollOne(deps(store, g), 'a')]);
    expect(x).toBe(y);
    expect(x.status).toBe('polled');
    expect(g.calls).toEqual(['a']);
    expect((await store.getTenant('a'))?.lastPollAt).toBe(new Date(clock).toISOString());
    expect(await store.getPollProgress()).toBeNull();
    const f = await pollOne(deps(store, fakeGraph({ throwFor: ['b'] })), 'b');
    expect(f).toEqual({ status: 'failed', message: 'Poll failed: network down' });
  });
});

describe('schedule', () => {
  it('ensureAlarm creates once, recreates on a new period, else leaves it', async () => {
    const alarms = new Map<string, { name: string; periodInMinutes?: number }>();
    const api = {
      get: async (n: string) => alarms.get(n),
      create: vi.fn(
        (n: string, info: { periodInMinutes: number }) =>
          void alarms.set(n, { name: n, periodInMinutes: info.periodInMinutes }),
      ),
    };
    expect(await ensureAlarm(api, 15)).toBe('created');
    expect(await ensureAlarm(api, 15)).toBe('unchanged');
    expect(await ensureAlarm(api, 30)).toBe('updated');
    expect(api.create).toHaveBeenCalledTimes(2);
    expect(api.create.mock.calls[0]?.[0]).toBe(POLL_ALARM);
  });

  it('isDue: never polled, interval elapsed (with slack), never while sign-in is needed', () => {
    const now = new Date('2026-11-01T10:15:00.000Z');
    expect(isDue({ lastPollAt: null, signInNeeded: false }, 15, now)).toBe(true);
    expect(isDue({ lastPollAt: '2026-11-01T10:00:00.000Z', signInNeeded: false }, 15, now)).toBe(
      true,
    );
    expect(isDue({ lastPollAt: '2026-11-01T10:00:30.000Z', signInNeeded: false }, 15, now)).toBe(
      true,
    );
    expect(isDue({ lastPollAt: '2026-11-01T10:05:00.000Z', signInNeeded: false }, 15, now)).toBe(
      false,
    );
    expect(isDue({ lastPollAt: null, signInNeeded: true }, 15, now)).toBe(false);
  });

  it('enabledSources: a missing key means on', () => {
    const s = enabledSources({ riskyUsers: false, mailboxUsage: false });
    expect(s).toContain('secureScores');
    expect(s).not.toContain('riskyUsers');
    expect(s).not.toContain('mailboxUsage');
  });
});
