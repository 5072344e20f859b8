/**
 * Polling cost: the real poller (lib/poll runPoll, bounded concurrency) with the real Graph
 * client (lib/graph, `$batch`) and the real store (lib/store on fake-indexeddb, alert rules in
 * each commit) against the world over HTTPS with 50 ms added to every Graph response; side by
 * side in the same run with
 * - a naive baseline written here: one GET per endpoint request (next pages and report
 *   downloads followed one by one), one tenant after another, no batching, no store;
 * - the lower bound `ceil(tenants / concurrency) × round-trip time`, with the round-trip time
 *   measured in this run (median of single small Graph GETs with the same latency).
 */
import { IDBFactory } from 'fake-indexeddb';
import { createGraphClient } from '../../lib/graph';
import { SOURCES } from '../../lib/graph/sources';
import type { SourceId, TenantPollResult } from '../../lib/graph/types';
import { tenantAlertHook } from '../../lib/poll/alert-hooks';
import { runPoll } from '../../lib/poll/poller';
import { DEFAULT_POLL_CONCURRENCY } from '../../lib/poll/schedule';
import { ALL_SOURCES, DEFAULT_THRESHOLDS } from '../../lib/settings';
import { openStore } from '../../lib/store';
import { createWorldFetch, type WorldFetch } from './net';
import { log, median, round } from './stats';
import type { WorldProcess } from './world-process';

export const LATENCY_MS = 50;

export interface PollCountResult {
  tenants: number;
  concurrency: number;
  /** HTTP requests per tenant in the batched poll (envelopes, next-page envelopes, CSV downloads). */
  requestsPerTenant: number;
  /** Sequential HTTP round trips per tenant in the batched poll (parallel envelopes count once). */
  roundTripsPerTenant: number;
  /** First-round requests per tenant: the `$batch` envelopes that carry every source's first request. */
  firstRoundRequestsPerTenant: number;
  /** Median wall time of a full poll (runPoll: Graph + store commits + alert rules). */
  wallMs: number;
  /** CPU time of the benchmark's process (the extension's code: Graph client, store, rules) per tenant, last run. */
  clientCpuMsPerTenant: number;
  /** CPU time of the world's process (the emulator building and serialising answers) per tenant, last run. */
  worldCpuMsPerTenant: number;
  /** Mean time of one tenant's Graph poll (client.pollTenant, all its round trips), last run. */
  graphMsPerTenant: number;
  /** Mean time of one tenant's store commit (one IndexedDB transaction, alert rules inside), last run. */
  commitMsPerTenant: number;
  wallRunsMs: number[];
  /** The naive baseline's wall time for all the tenants. */
  naiveWallMs: number;
  naiveRequestsPerTenant: number;
  /** Tenants the naive baseline actually polled (its time is linear in tenants; scaled when fewer). */
  naiveTenantsMeasured: number;
  speedupVsNaive: number;
  lowerBoundMs: number;
  ratioToLowerBound: number;
  /** Requests of the last batched run by kind (`POST /v1.0/$batch`, `GET /__reports/*.csv`...). */
  requestKinds: Record<string, number>;
  /** Sources that did not answer ok in the batched poll (per tenant, summed), by state. */
  notOk: Record<string, number>;
}

export interface PollBenchResult {
  latencyMs: number;
  concurrency: number;
  roundTripMs: number;
  sources: readonly SourceId[];
  counts: Record<string, PollCountResult>;
}

export interface PollBenchOptions {
  counts: number[];
  /** Full polls per tenant count (the median is reported). */
  repeats: (tenants: number) => number;
  /** Tenants the naive baseline polls for a tenant count (at most the count). */
  naiveSample: (tenants: number) => number;
}

/** Median time of single small Graph GETs (one round trip each) with the world's latency. */
async function measureRoundTrip(net: WorldFetch, token: string, n = 15): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await net.fetch('https://graph.microsoft.com/v1.0/organization?$select=id', {
      headers: { Authorization: `Bearer ${token}` },
    });
    await res.text();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The naive baseline: one tenant after another, one request at a time, no `$batch`. */
async function naivePoll(
  net: WorldFetch,
  tenantIds: readonly string[],
  token: (id: string) => string,
): Promise<{ wallMs: number; requests: number }> {
  let requests = 0;
  const get = async (url: string, headers: Record<string, string>) => {
    requests++;
    const res = await net.fetch(url, { headers, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const t0 = performance.now();
  for (const tenantId of tenantIds) {
    const auth = { Authorization: `Bearer ${token(tenantId)}` };
    for (const source of ALL_SOURCES) {
      for (const spec of SOURCES[source].requests) {
        let url: string | null = `https://graph.microsoft.com/${spec.version}${spec.url}`;
        for (let page = 0; url && page < 50; page++) {
          const r = await get(url, { ...auth, ...(spec.headers ?? {}) });
          url = null;
          if (r.status >= 300 && r.status < 400 && r.location) {
            await get(r.location, {});
          } else if (r.status === 200 && spec.kind !== 'count' && !spec.singlePage) {
            try {
              const next = (JSON.parse(r.text) as { '@odata.nextLink'?: unknown })[
                '@odata.nextLink'
              ];
              if (typeof next === 'string') url = next;
            } catch {
              // not JSON (a CSV report): one page
            }
          }
        }
      }
    }
  }
  return { wallMs: performance.now() - t0, requests };
}

export async function benchPoll(
  world: WorldProcess,
  opts: PollBenchOptions,
): Promise<PollBenchResult> {
  const max = Math.max(...opts.counts);
  const tenants = await world.call<string[]>({ op: 'registerSynthetic', count: max });
  // Tokens come from MSAL's cache in the extension; here they are minted once, up front.
  const minted = await world.call<string[]>({
    op: 'tokens',
    tenantIds: tenants,
    lifetimeSeconds: 4 * 3600,
  });
  const tokens = new Map(tenants.map((id, i) => [id, minted[i] as string]));
  const token = (id: string) => {
    const t = tokens.get(id);
    if (!t) throw new Error(`no token for ${id}`);
    return t;
  };

  const net = createWorldFetch(world.port);
  const client = createGraphClient({
    cloud: 'global',
    fetch: net.fetch,
    getToken: async (id) => token(id),
  });
  const graph = {
    pollTenant: (id: string, sources: readonly SourceId[]): Promise<TenantPollResult> =>
      net.tagged(id, () => client.pollTenant(id, sources)),
  };
  const concurrency = DEFAULT_POLL_CONCURRENCY;
  const applyAlerts = tenantAlertHook(DEFAULT_THRESHOLDS);

  const fullPoll = async (ids: readonly string[]) => {
    const store = await openStore(new IDBFactory());
    net.reset();
    const logStart = await world.call<number>({ op: 'logMark' });
    const results: TenantPollResult[] = [];
    let graphMs = 0;
    let commitMs = 0;
    const commit = store.commitTenantPoll.bind(store);
    store.commitTenantPoll = async (...a: Parameters<typeof commit>) => {
      const c0 = performance.now();
      try {
        return await commit(...a);
      } finally {
        commitMs += performance.now() - c0;
      }
    };
    const worldCpu0 = await world.call<number>({ op: 'cpuMs' });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await runPoll(
      {
        store,
        graph: {
          pollTenant: async (id, sources) => {
            const g0 = performance.now();
            const r = await graph.pollTenant(id, sources);
            graphMs += performance.now() - g0;
            results.push(r);
            return r;
          },
        },
        listDueTenants: async () => [...ids],
        concurrency,
        sourcesEnabled: ALL_SOURCES,
        now: () => new Date(),
        applyAlerts,
      },
      { tenantIds: ids },
    );
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const worldCpuMs = (await world.call<number>({ op: 'cpuMs' })) - worldCpu0;
    if (run.polled.length !== ids.length)
      throw new Error(
        `poll of ${ids.length} tenants committed ${run.polled.length} (${JSON.stringify(run.failures.slice(0, 3))})`,
      );
    const outer = await world.call<number>({ op: 'graphRequestsSince', mark: logStart });
    const rounds = [...net.stats.roundTripsByTag.values()].reduce((a, b) => a + b, 0);
    const notOk: Record<string, number> = {};
    for (const r of results)
      for (const o of Object.values(r.outcomes))
        if (o && o.status.state !== 'ok')
          notOk[`${o.source}:${o.status.state}`] =
            (notOk[`${o.source}:${o.status.state}`] ?? 0) + 1;
    store.close();
    return {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      worldCpuMs,
      graphMs,
      commitMs,
      requests: net.stats.requests,
      byKind: Object.fromEntries(net.stats.byKind),
      outer,
      rounds,
      notOk,
    };
  };

  // Warm-up without latency: builds the fixtures, JIT, TLS sessions.
  await world.call({ op: 'setFaults', faults: { latencyMs: 0 } });
  await fullPoll(tenants.slice(0, 8));
  await naivePoll(net, tenants.slice(0, 2), token);

  await world.call({ op: 'setFaults', faults: { latencyMs: LATENCY_MS } });
  const roundTripMs = await measureRoundTrip(net, token(tenants[0] as string));
  log(`poll: round trip with ${LATENCY_MS} ms latency: ${round(roundTripMs)} ms`);

  // First-round envelopes per tenant: every source's first request packed by API version.
  const firstRound = new Set(ALL_SOURCES.flatMap((s) => SOURCES[s].requests.map((r) => r.version)));
  const perVersion = (v: string) =>
    ALL_SOURCES.flatMap((s) => SOURCES[s].requests).filter((r) => r.version === v).length;
  const firstRoundRequests = [...firstRound].reduce((n, v) => n + Math.ceil(perVersion(v) / 20), 0);

  const counts: Record<string, PollCountResult> = {};
  for (const n of opts.counts) {
    const ids = tenants.slice(0, n);
    const walls: number[] = [];
    let last: Awaited<ReturnType<typeof fullPoll>> | null = null;
    for (let i = 0; i < opts.repeats(n); i++) {
      last = await fullPoll(ids);
      walls.push(last.wallMs);
      log(
        `poll: ${n} tenants, run ${i + 1}: ${round(last.wallMs)} ms (CPU: client ${round(last.cpuMs)} ms, world ${round(last.worldCpuMs)} ms; per tenant: Graph ${round(last.graphMs / n)} ms, commit ${round(last.commitMs / n)} ms), ${last.requests} requests (world saw ${last.outer}), ${last.rounds} round trips`,
      );
    }
    if (!last) throw new Error('no poll run');
    const sample = Math.min(n, opts.naiveSample(n));
    const naive = await naivePoll(net, ids.slice(0, sample), token);
    const naiveWallMs = (naive.wallMs * n) / sample;
    log(
      `poll: naive baseline over ${sample} of ${n} tenants: ${round(naive.wallMs)} ms (${round(naiveWallMs)} ms for ${n}), ${naive.requests} requests`,
    );
    const wallMs = median(walls);
    const lowerBoundMs = Math.ceil(n / concurrency) * roundTripMs;
    counts[String(n)] = {
      tenants: n,
      concurrency,
      requestsPerTenant: round(last.requests / n, 2),
      roundTripsPerTenant: round(last.rounds / n, 2),
      firstRoundRequestsPerTenant: firstRoundRequests,
      wallMs: round(wallMs),
      clientCpuMsPerTenant: round(last.cpuMs / n),
      worldCpuMsPerTenant: round(last.worldCpuMs / n),
      graphMsPerTenant: round(last.graphMs / n),
      commitMsPerTenant: round(last.commitMs / n),
      wallRunsMs: walls.map((w) => round(w)),
      naiveWallMs: round(naiveWallMs),
      naiveRequestsPerTenant: round(naive.requests / sample, 2),
      naiveTenantsMeasured: sample,
      speedupVsNaive: round(naiveWallMs / wallMs, 2),
      lowerBoundMs: round(lowerBoundMs),
      ratioToLowerBound: round(wallMs / lowerBoundMs, 2),
      requestKinds: last.byKind,
      notOk: last.notOk,
    };
  }
  await world.call({ op: 'setFaults', faults: { latencyMs: 0 } });
  net.close();
  return {
    latencyMs: LATENCY_MS,
    concurrency,
    roundTripMs: round(roundTripMs),
    sources: ALL_SOURCES,
    counts,
  };
}
