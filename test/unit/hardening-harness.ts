/**
 * In-process harness for the hardening tests (fault storm, killed worker) and their soak
 * variants: the REAL pieces wired together — lib/graph's client over the world's Graph
 * emulator (a fetch adapter, as in graph-world.test.ts), lib/poll's runPoll with the real
 * alert hook, lib/store on fake-indexeddb — with a world of 20 tenants (the 6 catalogue
 * tenants plus synthetic ones), an injected sleep that records delays and returns at once,
 * and a world clock the test moves.
 */
import { prng } from '../world/state';
import { registerSyntheticTenants } from '../world/synthetic';
import { IDBFactory } from 'fake-indexeddb';
import { expect } from 'vitest';
import {
  createGraphClient,
  type GraphClient,
  type TenantPollResult,
  TokenError,
} from '../../lib/graph';
import { type PollDeps, tenantAlertHook } from '../../lib/poll';
import { ALL_SOURCES, DEFAULT_THRESHOLDS } from '../../lib/settings';
import { openStore, type TenantLensStore } from '../../lib/store';
import type { AlertRecord } from '../../lib/store/types';
import { MICROSOFT_TENANTS, } from '../world/catalogue';
import {
  createGraphState,
  FAULT_HEADER,
  type GraphState,
  handleGraph,
  type TenantFixture,
} from '../world/graph';
import type { WorldRequest, WorldResponse } from '../world/http';
import { handleIdentity } from '../world/identity';
import {
  APP_GRAPH_SCOPES,
  createIdentityState,
  type IdentityState,
} from '../world/identity/state';
import { createCore, type FaultKind, type WorldCore } from '../world/state';

/** Every fault kind the world can inject (429 with/without Retry-After, 503, timeout, malformed, expired token). */
export const ALL_FAULT_KINDS: FaultKind[] = [
  '429',
  '429-no-retry-after',
  '503',
  'timeout',
  'malformed',
  'expired-token',
];

/** 2026-12-03 08:00 UTC: the polls of a test stay within one fixture day. */
export const START = Date.UTC(2026, 11, 3, 8, 0, 0);

/**
 * Days of secure score history the world keeps here. The fixtures hold 90 (~350 KB of JSON per
 * tenant, most of a poll's cost); two weeks exercise the same code (parse, snapshot, the
 * day-and-week drop rule) at a fraction of the time, so 20 tenants x 11 polls stay cheap.
 */
export const SECURE_SCORE_DAYS = 14;

/** Wraps the Graph state's fixture lookup so every tenant's secure score history is `days` long. */
function trimSecureScoreHistory(graph: GraphState, days: number): void {
  const original = graph.fixture.bind(graph);
  const trimmed = new WeakMap<TenantFixture, TenantFixture>();
  graph.fixture = (tenantId: string) => {
    const base = original(tenantId);
    if (!base) return base;
    let t = trimmed.get(base);
    if (!t) {
      t = { ...base, secureScores: base.secureScores.slice(0, days) };
      trimmed.set(base, t);
    }
    return t;
  };
}

export interface HardeningWorld {
  core: WorldCore;
  identity: IdentityState;
  graph: GraphState;
  /** The 20 tenant ids: the catalogue's 6, then synthetic ones. */
  tenantIds: string[];
  /** Delays the Graph client asked to sleep (ms), in order. */
  sleeps: number[];
  /**
   * Called before every fetch reaches the world; returning a promise that never settles is a
   * network that never answers (used to "kill" a worker at a random request).
   */
  beforeFetch: ((url: URL) => undefined | Promise<never>) | null;
  /** Outer HTTP requests answered. */
  requests: number;
  /** Faults injected on outer requests (the world logs only batch sub-requests in-process). */
  outerFaults: FaultKind[];
  /** Moves the world clock forward. */
  advance(ms: number): void;
  client: GraphClient;
}

/** A world with `count` tenants (default 20) and a Graph client over it. */
export function createHardeningWorld(count = 20): HardeningWorld {
  const core = createCore();
  let now = START;
  core.now = () => now;
  const identity = createIdentityState(core);
  const graph = createGraphState(core, identity);
  const synthetic = registerSyntheticTenants({ identity, graph }, Math.max(0, count - MICROSOFT_TENANTS.length));
  trimSecureScoreHistory(graph, SECURE_SCORE_DAYS);
  const tenantIds = [...MICROSOFT_TENANTS.map((t) => t.id), ...synthetic.map((t) => t.id)].slice(
    0,
    count,
  );
  const w: HardeningWorld = {
    core,
    identity,
    graph,
    tenantIds,
    sleeps: [],
    beforeFetch: null,
    requests: 0,
    outerFaults: [],
    advance(ms) {
      now += ms;
    },
    client: undefined as unknown as GraphClient,
  };

  const worldFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const hold = w.beforeFetch?.(url);
    if (hold) await hold;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    const req: WorldRequest = { method: request.method, url, headers, body: await request.text() };
    let res: WorldResponse;
    if (url.host === 'graph.microsoft.com') res = await handleGraph(req, core, graph);
    else if (url.host === 'login.microsoftonline.com') res = handleIdentity(req, core, identity);
    else throw new TypeError(`fetch failed: ${url.host} is not in this world`);
    w.requests++;
    const fault = res.headers[FAULT_HEADER];
    if (fault) w.outerFaults.push(fault as FaultKind);
    // The 'timeout' fault: the connection hangs then drops; fetch reports a network error.
    if (res.drop) throw new TypeError('fetch failed: the connection was dropped');
    const bodyless = res.status === 204 || res.status === 304;
    return new Response(bodyless ? null : res.body, { status: res.status, headers: res.headers });
  };

  const sign = (tenantId: string): string => {
    const iat = Math.floor(core.now() / 1000);
    return core.signer.sign({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${tenantId}/`,
      tid: tenantId,
      oid: identity.technician.oid,
      upn: identity.technician.username,
      scp: APP_GRAPH_SCOPES.join(' '),
      appid: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
      iat,
      nbf: iat,
      exp: iat + 3600,
      uti: Math.random().toString(36).slice(2),
    });
  };

  w.client = createGraphClient({
    cloud: 'global',
    fetch: worldFetch,
    sleep: async (ms) => {
      w.sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => core.now(),
    getToken: async (tenantId) => {
      if (!identity.isConsented(tenantId))
        throw new TokenError('consent_required', 'AADSTS65001: consent required');
      return sign(tenantId);
    },
    consentUrlFor: (t) => `https://login.microsoftonline.com/${t}/v2.0/adminconsent`,
  });
  return w;
}

/** A store on its own fake-indexeddb factory, with every tenant of the world observed. */
export async function storeWithTenants(
  w: HardeningWorld,
  factory: IDBFactory = new IDBFactory(),
): Promise<{ store: TenantLensStore; factory: IDBFactory }> {
  const store = await openStore(factory);
  for (const [i, tenantId] of w.tenantIds.entries())
    await store.observeTenant(
      {
        tenantId,
        displayName: `Tenant ${i + 1}`,
        syncroKey: `https://acme.syncromsp.com/tenants/t${i + 1}`,
      },
      new Date(w.core.now()).toISOString(),
    );
  return { store, factory };
}

/** The poller's dependencies as the background builds them, over this world. */
export function pollDepsFor(
  w: HardeningWorld,
  store: TenantLensStore,
  extra: Partial<PollDeps> = {},
): PollDeps {
  const now = () => new Date(w.core.now());
  return {
    store,
    graph: w.client,
    listDueTenants: async () => [...w.tenantIds],
    concurrency: 4,
    sourcesEnabled: ALL_SOURCES,
    now,
    applyAlerts: tenantAlertHook(DEFAULT_THRESHOLDS, now),
    ...extra,
  };
}

/** What a fault-free poll of each tenant gives (the fixture's answer). */
export async function cleanResults(w: HardeningWorld): Promise<Map<string, TenantPollResult>> {
  const out = new Map<string, TenantPollResult>();
  for (const id of w.tenantIds) out.set(id, await w.client.pollTenant(id, ALL_SOURCES));
  return out;
}

/** Every alert record, raw from the database (nothing filtered). */
export async function allAlerts(store: TenantLensStore): Promise<AlertRecord[]> {
  return (await store.db.getAll('alerts')) as AlertRecord[];
}

/** Asserts that no condition has two open alerts. */
export function expectNoDuplicateOpenAlerts(alerts: AlertRecord[]): void {
  const open = new Map<string, string[]>();
  for (const a of alerts.filter((x) => x.open === 1))
    open.set(a.dedupeKey, [...(open.get(a.dedupeKey) ?? []), a.id]);
  const dups = [...open.entries()].filter(([, ids]) => ids.length > 1);
  expect(dups, 'conditions with more than one open alert').toEqual([]);
}

/**
 * The store's invariant for one tenant: its record and its snapshot come from the same
 * commit. `commitTenantPoll` writes, in one transaction, `lastPollAt = at`, every polled
 * source's `sourceStatus[s].at = at` and the snapshot's `sources[s].status.at = at` (and
 * `fetchedAt = at` when ok). So a consistent pair has: the same set of sources in both, each
 * source's status identical in both, and every status stamped with the tenant's `lastPollAt`
 * (all sources are polled in every run here); a tenant never polled has neither.
 * Returns the problems found (empty when consistent).
 */
export async function tenantInconsistencies(
  store: TenantLensStore,
  tenantId: string,
): Promise<string[]> {
  const problems: string[] = [];
  const t = (await store.db.get('tenants', tenantId)) as
    | { lastPollAt: string | null; sourceStatus: Record<string, { state: string; at: string }> }
    | undefined;
  const s = (await store.db.get('snapshots', tenantId)) as
    | {
        sources: Record<
          string,
          { status: { state: string; at: string }; fetchedAt: string | null }
        >;
      }
    | undefined;
  if (!t) return [`${tenantId}: tenant record missing`];
  if (t.lastPollAt === null) {
    if (s) problems.push(`${tenantId}: snapshot without a finished poll`);
    if (Object.keys(t.sourceStatus).length > 0)
      problems.push(`${tenantId}: statuses without a finished poll`);
    return problems;
  }
  if (!s) return [`${tenantId}: polled at ${t.lastPollAt} but no snapshot`];
  const keysT = Object.keys(t.sourceStatus).sort();
  const keysS = Object.keys(s.sources).sort();
  if (keysT.join() !== keysS.join())
    problems.push(`${tenantId}: sources ${keysT} vs snapshot ${keysS}`);
  for (const k of keysT) {
    const st = t.sourceStatus[k];
    const ss = s.sources[k];
    if (!st || !ss) continue;
    if (st.at !== t.lastPollAt)
      problems.push(`${tenantId}/${k}: tenant status at ${st.at} != lastPollAt ${t.lastPollAt}`);
    if (ss.status.at !== t.lastPollAt)
      problems.push(
        `${tenantId}/${k}: snapshot status at ${ss.status.at} != lastPollAt ${t.lastPollAt}`,
      );
    if (JSON.stringify(st) !== JSON.stringify(ss.status))
      problems.push(`${tenantId}/${k}: statuses differ`);
    if (ss.status.state === 'ok' && ss.fetchedAt !== t.lastPollAt)
      problems.push(
        `${tenantId}/${k}: ok but fetchedAt ${ss.fetchedAt} != lastPollAt ${t.lastPollAt}`,
      );
  }
  return problems;
}

/** Small seeded PRNG for the tests' own choices (the world's mulberry32). */
export const seeded = prng;
