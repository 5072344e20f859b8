/**
 * The poller: polls tenants a few at a time and commits each tenant atomically, recording the
 * run's progress in `meta` ("poll") before and after each tenant, so a worker stopped half-way
 * resumes on the next alarm with the tenants not yet done. No chrome APIs: everything it needs
 * is passed in `PollDeps`.
 *
 * Single flight: within one worker a second call joins the running one; across contexts (or a
 * restarted worker) a lease in `meta` with an expiry decides, so a dead worker's claim lapses.
 */

import type { SourceId, TenantPollResult } from '../graph/types';
import { t } from '../i18n';
import type { ApplyAlerts, CommitResult, TenantLensStore } from '../store/store';
import type { PollProgress } from '../store/types';
import { DEFAULT_POLL_CONCURRENCY, pollableTenantIds } from './schedule';

/**
 * What the poller needs from the Graph module (lib/graph's `GraphClient` satisfies it).
 * `pollTenant` never throws for Graph or token failures: they come back as outcomes.
 */
export interface PollGraph {
  pollTenant(tenantId: string, sources: readonly SourceId[]): Promise<TenantPollResult>;
}

/** Progress as the UI shows it ("polling 3 of 12"). */
export interface PollProgressUpdate {
  runId: string;
  total: number;
  done: number;
  inFlight: string[];
  failures: { tenantId: string; message: string }[];
  finished: boolean;
  /** E.g. "polling 3 of 12", "polled 12 tenants". */
  text: string;
}

/** Everything a poll run needs, injected. */
export interface PollDeps {
  store: TenantLensStore;
  graph: PollGraph;
  /** Tenant ids due now (see `dueTenantIds` in schedule.ts). */
  listDueTenants: (now: Date) => Promise<string[]>;
  /** Tenants polled at once (default 4). */
  concurrency?: number;
  /** Sources to poll (see `enabledSources`). */
  sourcesEnabled: readonly SourceId[];
  now: () => Date;
  onProgress?: (update: PollProgressUpdate) => void;
  /** Stops starting tenants; a tenant whose poll has not committed is left for the next run. */
  signal?: AbortSignal;
  /** The alert rules, run inside each tenant's commit. */
  applyAlerts?: ApplyAlerts;
  /** After each tenant's commit (badge, notifications, insightsChanged). Errors are logged. */
  onTenantCommitted?: (commit: CommitResult) => void | Promise<void>;
  /** Lease owner id (default: one random id per worker lifetime). */
  owner?: string;
  /** Lease lifetime without renewal (default 2 minutes); renewed around every tenant. */
  leaseMs?: number;
}

/** How a run ended. */
export interface PollRunResult {
  /**
   * finished: every tenant of the run was handled; busy: another context holds the lease;
   * aborted: the signal fired (the run stays unfinished and resumes later).
   */
  status: 'finished' | 'busy' | 'aborted';
  runId: string | null;
  /** Tenants committed by this call. */
  polled: string[];
  /** Tenants that failed as a whole in this call, with why. */
  failures: { tenantId: string; message: string }[];
  /** Tenants left out because they wait for a sign-in. */
  skipped: string[];
}

/** The result of `pollOne`. */
export type PollOneResult =
  | { status: 'polled'; commit: CommitResult }
  | { status: 'failed'; message: string }
  | { status: 'aborted' };

const DEFAULT_LEASE_MS = 2 * 60_000;
const WORKER_OWNER = `worker-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;

/** Runs in flight per store (one store per worker), for joining. */
const runs = new WeakMap<TenantLensStore, Promise<PollRunResult>>();
/** Single-tenant polls in flight per store. */
const singles = new WeakMap<TenantLensStore, Map<string, Promise<PollOneResult>>>();
/** Tenants being polled right now in this worker, per store. */
const active = new WeakMap<TenantLensStore, Set<string>>();

/** Tenants this worker is polling right now (for `TenantInsights.polling`). */
export function pollingTenants(store: TenantLensStore): ReadonlySet<string> {
  return active.get(store) ?? new Set();
}

/**
 * True while a run goes: in this worker, or in another context whose lease is live and whose
 * run is unfinished (for `ExtensionStatus.poll.running`).
 */
export async function isPollRunning(store: TenantLensStore, now: Date): Promise<boolean> {
  if (runs.has(store)) return true;
  const [lease, progress] = await Promise.all([store.getLease(), store.getPollProgress()]);
  return (
    lease !== null &&
    lease.expiresAt > now.getTime() &&
    progress !== null &&
    progress.finishedAt === null
  );
}

/** "polling 3 of 12" / "polled 12 tenants". */
export function progressText(p: Pick<PollProgressUpdate, 'done' | 'total' | 'finished'>): string {
  if (p.finished) return `polled ${p.total} tenant${p.total === 1 ? '' : 's'}`;
  return `polling ${Math.min(p.done + 1, p.total)} of ${p.total}`;
}

function toUpdate(p: PollProgress): PollProgressUpdate {
  const u = {
    runId: p.runId,
    total: p.tenantIds.length,
    done: p.done.length,
    inFlight: p.inFlight ?? [],
    failures: p.failures,
    finished: p.finishedAt !== null,
  };
  return { ...u, text: progressText(u) };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The alarm's entry point: continues an unfinished run (its tenants not yet done; a tenant
 * whose poll was in flight when the worker died is simply polled again) or starts a run with
 * the due tenants. Joins a run already going in this worker.
 */
export function resumeOrStart(deps: PollDeps): Promise<PollRunResult> {
  return runPoll(deps);
}

/**
 * Polls tenants a few at a time. Without `tenantIds`: resume an unfinished run, else poll the
 * due tenants. With `tenantIds`: a new run over exactly those (e.g. "refresh all").
 * A second call while a run goes in this worker gets that run's result.
 */
export function runPoll(
  deps: PollDeps,
  opts: { tenantIds?: readonly string[] } = {},
): Promise<PollRunResult> {
  const running = runs.get(deps.store);
  if (running) return running;
  const p = runOnce(deps, opts.tenantIds).finally(() => runs.delete(deps.store));
  runs.set(deps.store, p);
  return p;
}

/** "Refresh all": a new run over every known tenant not waiting for a sign-in. */
export async function refreshAll(deps: PollDeps): Promise<PollRunResult> {
  const running = runs.get(deps.store);
  if (running) return running;
  return runPoll(deps, { tenantIds: await pollableTenantIds(deps.store) });
}

async function runOnce(
  deps: PollDeps,
  explicit: readonly string[] | undefined,
): Promise<PollRunResult> {
  const { store } = deps;
  const owner = deps.owner ?? WORKER_OWNER;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const renew = () => store.acquireLease(owner, deps.now().getTime(), leaseMs);
  const result: PollRunResult = {
    status: 'finished',
    runId: null,
    polled: [],
    failures: [],
    skipped: [],
  };
  if (!(await renew())) return { ...result, status: 'busy' };
  // Keeps the claim while one slow tenant (throttling) takes longer than the lease.
  const timer = setInterval(
    () => {
      // A closed database (worker shutting down) ends the renewals; the lease then lapses.
      renew().catch(() => clearInterval(timer));
    },
    Math.max(1000, leaseMs / 3),
  );
  try {
    const emit = async () => {
      if (!deps.onProgress) return;
      const p = await store.getPollProgress();
      if (p) deps.onProgress(toUpdate(p));
    };
    // The timer renews the lease; around tenants it is renewed only when the last renewal is
    // older than the timer's period (a slow tenant, or a clock that jumped), not once per tenant.
    const renewEvery = Math.max(1000, leaseMs / 3);
    let renewedAt = deps.now().getTime();
    const renewIfDue = async () => {
      const now = deps.now().getTime();
      if (now - renewedAt < renewEvery) return;
      renewedAt = now;
      await renew();
    };
    const previous = await store.getPollProgress();
    let progress: PollProgress;
    let queue: string[];
    if (!explicit && previous && previous.finishedAt === null) {
      queue = previous.tenantIds.filter((t) => !previous.done.includes(t));
      progress = { ...previous, inFlight: [] };
    } else {
      const at = deps.now().toISOString();
      const ids = [...new Set(explicit ?? (await deps.listDueTenants(deps.now())))];
      // Nothing due: keep the last run's progress (and its failures) for the status line.
      if (ids.length === 0) return result;
      progress = {
        runId: at,
        startedAt: at,
        finishedAt: null,
        tenantIds: ids,
        done: [],
        failures: [],
        inFlight: [],
      };
      queue = [...ids];
    }
    result.runId = progress.runId;
    await store.putPollProgress(progress);
    await emit();

    let aborted = false;
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (deps.signal?.aborted) {
          aborted = true;
          return;
        }
        const outcome = await pollTenantCommitted(deps, id, true);
        if (outcome.status === 'sign-in-needed') {
          result.skipped.push(id);
          await store.recordPollFailure(id, 'Sign-in needed: not polled until you sign in again');
          await emit();
          continue;
        }
        if (outcome.status === 'aborted') {
          aborted = true;
          return;
        }
        if (outcome.status === 'polled') result.polled.push(id);
        else result.failures.push({ tenantId: id, message: outcome.message });
        await renewIfDue();
        await emit();
      }
    };
    // A concurrency that is not a number (a corrupt setting) would start no worker at all.
    const wanted = Number.isFinite(deps.concurrency)
      ? (deps.concurrency as number)
      : DEFAULT_POLL_CONCURRENCY;
    const width = Math.max(1, Math.min(Math.floor(wanted), queue.length));
    await Promise.all(Array.from({ length: width }, worker));
    if (aborted || deps.signal?.aborted) return { ...result, status: 'aborted' };

    const last = await store.getPollProgress();
    if (last && last.runId === progress.runId) {
      await store.putPollProgress({ ...last, inFlight: [], finishedAt: deps.now().toISOString() });
      await emit();
    }
    return result;
  } finally {
    clearInterval(timer);
    await store.releaseLease(owner).catch(() => {});
  }
}

/**
 * Polls one tenant and commits it: in-flight mark before, atomic commit after (which also
 * moves it to done in the run). Returns 'aborted' without writing when the signal fired
 * while Graph answered, as a killed worker would. In a run (`inRun`), a tenant marked
 * "sign-in needed" is not polled ('sign-in-needed').
 */
async function pollTenantCommitted(
  deps: PollDeps,
  tenantId: string,
  inRun: true,
): Promise<PollOneResult | { status: 'sign-in-needed' }>;
async function pollTenantCommitted(
  deps: PollDeps,
  tenantId: string,
  inRun: false,
): Promise<PollOneResult>;
async function pollTenantCommitted(
  deps: PollDeps,
  tenantId: string,
  inRun: boolean,
): Promise<PollOneResult | { status: 'sign-in-needed' }> {
  const { store } = deps;
  if (
    !(await store.markPollStarted(tenantId, deps.now().toISOString(), {
      skipSignInNeeded: inRun,
    }))
  )
    return { status: 'sign-in-needed' };
  const set = active.get(store) ?? new Set<string>();
  active.set(store, set);
  set.add(tenantId);
  try {
    let polled: TenantPollResult;
    try {
      polled = await deps.graph.pollTenant(tenantId, deps.sourcesEnabled);
    } catch (e) {
      if (deps.signal?.aborted) return { status: 'aborted' };
      const why = t('poll_failed', message(e));
      if (inRun) await store.recordPollFailure(tenantId, why);
      return { status: 'failed', message: why };
    }
    if (deps.signal?.aborted) return { status: 'aborted' };
    const commit = await store.commitTenantPoll(
      tenantId,
      polled,
      deps.now().toISOString(),
      deps.applyAlerts,
    );
    try {
      await deps.onTenantCommitted?.(commit);
    } catch (e) {
      console.error(`[tenant-lens poll] after-commit handler failed for tenant ${tenantId}`, e);
    }
    return { status: 'polled', commit };
  } finally {
    set.delete(tenantId);
  }
}

/**
 * "Refresh this tenant now": polls one tenant at once, outside any run (the user asked, so a
 * tenant marked sign-in-needed is tried too: a silent token may work again). A second call for
 * the same tenant while one is in flight joins it. Needs no lease: commits are atomic per tenant.
 */
export function pollOne(deps: PollDeps, tenantId: string): Promise<PollOneResult> {
  const map = singles.get(deps.store) ?? new Map<string, Promise<PollOneResult>>();
  singles.set(deps.store, map);
  const running = map.get(tenantId);
  if (running) return running;
  const p = pollTenantCommitted(deps, tenantId, false).finally(() => map.delete(tenantId));
  map.set(tenantId, p);
  return p;
}
