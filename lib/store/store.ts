/**
 * Typed queries over the Tenant Lens database. The background (the single writer) uses all of
 * it; the popup and options pages may use the read queries. Get one with `openStore()` (db.ts).
 */
import type { IDBPDatabase } from 'idb';
import type { SourceId, SourceOutcome, SourceStatus, TenantPollResult } from '../graph/types';
import {
  type AcknowledgementEntry,
  type ActiveAlertCount,
  type AlertPage,
  type AlertQuery,
  type AlertScope,
  type AlertsTx,
  countActiveAlerts,
  PENDING_ACKS_KEY,
  queryAlerts,
  type ReconcileResult,
  reconcileAlerts,
  updateAlerts,
} from './alerts';
import type { TenantLensDB } from './db';
import type {
  AlertCandidate,
  AlertRecord,
  CloudId,
  ObservationRecord,
  PollProgress,
  SnapshotRecord,
  SourceSnapshot,
  TenantRecord,
} from './types';
import {
  checkAlert,
  checkObservation,
  checkPollProgress,
  checkSnapshot,
  checkTenant,
  keyOf,
  validList,
  validOrNull,
} from './validate';

/** `meta` key of the current/last poll run's progress. */
export const POLL_PROGRESS_KEY = 'poll';
/** `meta` key of the poll lease (single-flight across contexts and worker restarts). */
export const POLL_LEASE_KEY = 'pollLease';

/** A poll lease: who runs the poll and until when the claim holds without renewal. */
export interface PollLease {
  owner: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** What a page observation tells about a resolved tenant. */
export interface TenantSeen {
  tenantId: string;
  /** The page's Microsoft Tenant text (used until /organization gives the real name). */
  displayName: string;
  defaultDomain?: string | null;
  /** The Syncro tenant page it was seen on. */
  syncroKey: string;
  cloud?: CloudId;
}

/** What the alert hook of `commitTenantPoll` is given. */
export interface AlertHookInput {
  tenant: TenantRecord;
  /** The snapshot before this poll (null for a first poll). */
  previous: SnapshotRecord | null;
  /** The snapshot as it will be committed (failed sources keep their last good data). */
  next: SnapshotRecord;
  /** The portal observations of the Syncro pages this tenant was seen on. */
  observations: ObservationRecord[];
  result: TenantPollResult;
  /** The poll's time (ISO). */
  at: string;
}

/**
 * The alert hook's answer: the conditions present now, and optionally a narrower scope than
 * "every open alert of this tenant" for resolving absent ones.
 */
export type AlertHookOutput =
  | AlertCandidate[]
  | { candidates: AlertCandidate[]; scope?: Pick<AlertScope, 'types' | 'include'> };

/**
 * Runs the alert rules inside the commit. Must be synchronous (pure): an await on anything but
 * this transaction would let IndexedDB commit it early. A throw is logged and skips alerting for
 * this poll; the poll's data is still committed.
 */
export type ApplyAlerts = (input: AlertHookInput) => AlertHookOutput;

/** What `commitTenantPoll` wrote. */
export interface CommitResult {
  tenant: TenantRecord;
  previous: SnapshotRecord | null;
  snapshot: SnapshotRecord;
  /** Null when no hook was given or the hook threw. */
  alerts: ReconcileResult | null;
  /** True when every source answered sign-in-needed (the tenant is now marked). */
  signInNeeded: boolean;
}

/** Everything in the store, as typed queries. */
export class TenantLensStore {
  constructor(
    /** The open database (idb). Prefer the methods. */
    readonly db: IDBPDatabase<TenantLensDB>,
  ) {}

  /** Closes the connection. */
  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- tenants

  /** One tenant, or null (missing or corrupt). */
  async getTenant(tenantId: string): Promise<TenantRecord | null> {
    return validOrNull('tenants', tenantId, await this.db.get('tenants', tenantId), checkTenant);
  }

  /** Every tenant, by tenant id. Corrupt records are skipped. */
  async listTenants(): Promise<TenantRecord[]> {
    return validList('tenants', keyOf('tenantId'), await this.db.getAll('tenants'), checkTenant);
  }

  /**
   * Records that a tenant was seen on a Syncro page: creates it, or moves `syncroKey` to the
   * front of its list. The display name from a page only replaces an empty one (the poll's
   * /organization name wins).
   */
  async observeTenant(seen: TenantSeen, at: string): Promise<TenantRecord> {
    const tx = this.db.transaction('tenants', 'readwrite');
    const old = validOrNull(
      'tenants',
      seen.tenantId,
      await tx.store.get(seen.tenantId),
      checkTenant,
    );
    const rec: TenantRecord = old
      ? {
          ...old,
          displayName: old.displayName || seen.displayName,
          defaultDomain: old.defaultDomain ?? seen.defaultDomain ?? null,
          syncroKeys: [seen.syncroKey, ...old.syncroKeys.filter((k) => k !== seen.syncroKey)],
        }
      : newTenant(seen.tenantId, at, {
          displayName: seen.displayName,
          defaultDomain: seen.defaultDomain ?? null,
          syncroKeys: [seen.syncroKey],
          cloud: seen.cloud ?? 'global',
        });
    await tx.store.put(rec);
    await tx.done;
    return rec;
  }

  /** Sets or clears one tenant's "sign-in needed" mark. Returns false if the tenant is unknown. */
  async setSignInNeeded(tenantId: string, needed: boolean): Promise<boolean> {
    const tx = this.db.transaction('tenants', 'readwrite');
    const old = validOrNull('tenants', tenantId, await tx.store.get(tenantId), checkTenant);
    if (old && old.signInNeeded !== needed) await tx.store.put({ ...old, signInNeeded: needed });
    await tx.done;
    return old !== null;
  }

  /** Clears every tenant's "sign-in needed" mark (call after a successful sign-in). Returns how many. */
  async clearSignInNeeded(): Promise<number> {
    const tx = this.db.transaction('tenants', 'readwrite');
    const all = validList('tenants', keyOf('tenantId'), await tx.store.getAll(), checkTenant);
    let n = 0;
    for (const t of all) {
      if (!t.signInNeeded) continue;
      await tx.store.put({ ...t, signInNeeded: false });
      n++;
    }
    await tx.done;
    return n;
  }

  // ---------------------------------------------------------------- observations

  /** Stores the last page read for a Syncro tenant (replaces the previous one). */
  async putObservation(rec: ObservationRecord): Promise<void> {
    await this.db.put('observations', rec);
  }

  async getObservation(syncroKey: string): Promise<ObservationRecord | null> {
    return validOrNull(
      'observations',
      syncroKey,
      await this.db.get('observations', syncroKey),
      checkObservation,
    );
  }

  /**
   * A Syncro tenant page's observation and, when the page was matched to a tenant, that
   * tenant and its snapshot: what the page's panels show, read in ONE transaction that is
   * opened at the call (a page report's writes queued after it do not delay it).
   */
  async getPageView(syncroKey: string): Promise<{
    observation: ObservationRecord | null;
    tenant: TenantRecord | null;
    snapshot: SnapshotRecord | null;
  }> {
    const tx = this.db.transaction(['observations', 'tenants', 'snapshots'], 'readonly');
    const observation = validOrNull(
      'observations',
      syncroKey,
      await tx.objectStore('observations').get(syncroKey),
      checkObservation,
    );
    const tenantId = observation?.tenantId ?? null;
    const [tenant, snapshot] = tenantId
      ? await Promise.all([
          tx.objectStore('tenants').get(tenantId),
          tx.objectStore('snapshots').get(tenantId),
        ])
      : [undefined, undefined];
    return {
      observation,
      tenant: validOrNull('tenants', tenantId, tenant, checkTenant),
      snapshot: validOrNull('snapshots', tenantId, snapshot, checkSnapshot),
    };
  }

  /** Observations of the Syncro pages resolved to this tenant. */
  async listObservations(tenantId: string): Promise<ObservationRecord[]> {
    return validList(
      'observations',
      keyOf('syncroKey'),
      await this.db.getAllFromIndex('observations', 'tenantId', tenantId),
      checkObservation,
    );
  }

  // ---------------------------------------------------------------- snapshots and polls

  async getSnapshot(tenantId: string): Promise<SnapshotRecord | null> {
    return validOrNull(
      'snapshots',
      tenantId,
      await this.db.get('snapshots', tenantId),
      checkSnapshot,
    );
  }

  /**
   * Commits one tenant's poll in ONE transaction over tenants, snapshots, observations (read),
   * alerts and meta, so a worker killed mid-poll never leaves a half-written tenant:
   * - the tenant's per-source statuses, `lastPollAt`, name/domain from /organization, and
   *   `signInNeeded` (true when every source answered sign-in-needed, false once one got a token);
   * - the snapshot: an ok source replaces `data`/`fetchedAt`; a failed one keeps its last good
   *   `data`/`fetchedAt` and records the new status;
   * - poll progress: the tenant moves from in-flight to done in the current run (if it is in it);
   * - alerts: `applyAlerts` (the rules) gets the previous and new snapshot, and its candidates
   *   are reconciled with scope "this tenant".
   */
  async commitTenantPoll(
    tenantId: string,
    result: TenantPollResult,
    at: string,
    applyAlerts?: ApplyAlerts,
  ): Promise<CommitResult> {
    const tx = this.db.transaction(
      ['tenants', 'snapshots', 'observations', 'alerts', 'meta'],
      'readwrite',
    );
    const oldTenant = validOrNull(
      'tenants',
      tenantId,
      await tx.objectStore('tenants').get(tenantId),
      checkTenant,
    );
    const previous = validOrNull(
      'snapshots',
      tenantId,
      await tx.objectStore('snapshots').get(tenantId),
      checkSnapshot,
    );
    const outcomes = (Object.values(result.outcomes) as (SourceOutcome | undefined)[]).filter(
      (o): o is SourceOutcome => o !== undefined,
    );

    const sources: SnapshotRecord['sources'] = { ...(previous?.sources ?? {}) };
    const sourceStatus: TenantRecord['sourceStatus'] = { ...(oldTenant?.sourceStatus ?? {}) };
    for (const o of outcomes) {
      const status = { ...o.status, at } as SourceStatus & { at: string };
      const before = previous?.sources[o.source] as SourceSnapshot | undefined;
      const entry: SourceSnapshot =
        o.status.state === 'ok'
          ? { data: o.data ?? null, fetchedAt: at, status }
          : { data: before?.data ?? null, fetchedAt: before?.fetchedAt ?? null, status };
      (sources as Record<SourceId, SourceSnapshot>)[o.source] = entry;
      sourceStatus[o.source] = status;
    }

    let previousSecureScore = previous?.previousSecureScore ?? null;
    const newScores = result.outcomes.secureScores;
    const oldNewest = previous?.sources.secureScores?.data?.[0];
    if (newScores?.status.state === 'ok' && oldNewest)
      previousSecureScore = { at: oldNewest.createdDateTime, currentScore: oldNewest.currentScore };
    const snapshot: SnapshotRecord = { tenantId, sources, previousSecureScore };

    const allSignIn =
      outcomes.length > 0 && outcomes.every((o) => o.status.state === 'sign-in-needed');
    const org =
      result.outcomes.organization?.status.state === 'ok'
        ? result.outcomes.organization.data
        : undefined;
    const base = oldTenant ?? newTenant(tenantId, at, {});
    const tenant: TenantRecord = {
      ...base,
      displayName: org?.displayName || base.displayName || tenantId,
      defaultDomain: org?.verifiedDomains.find((d) => d.isDefault)?.name ?? base.defaultDomain,
      sourceStatus,
      lastPollAt: at,
      signInNeeded: outcomes.length === 0 ? base.signInNeeded : allSignIn,
    };
    await tx.objectStore('tenants').put(tenant);
    await tx.objectStore('snapshots').put(snapshot);

    const meta = tx.objectStore('meta');
    const progress = validOrNull(
      'meta',
      POLL_PROGRESS_KEY,
      (await meta.get(POLL_PROGRESS_KEY))?.value,
      checkPollProgress,
    );
    // Done in the unfinished run only if this poll's data is from the run: a poll that began
    // before the run started (a panel's refresh, a dead worker's straggler) leaves it to the run.
    if (
      progress &&
      progress.finishedAt === null &&
      progress.tenantIds.includes(tenantId) &&
      at >= progress.startedAt
    ) {
      const failures = progress.failures.filter((f) => f.tenantId !== tenantId);
      if (allSignIn) failures.push({ tenantId, message: signInMessage(outcomes) });
      const next: PollProgress = {
        ...progress,
        inFlight: (progress.inFlight ?? []).filter((t) => t !== tenantId),
        done: progress.done.includes(tenantId) ? progress.done : [...progress.done, tenantId],
        failures,
      };
      await meta.put({ key: POLL_PROGRESS_KEY, value: next });
    }

    let alerts: ReconcileResult | null = null;
    if (applyAlerts) {
      const observations = validList(
        'observations',
        keyOf('syncroKey'),
        await tx.objectStore('observations').index('tenantId').getAll(tenantId),
        checkObservation,
      );
      let out: AlertHookOutput | null = null;
      try {
        out = applyAlerts({ tenant, previous, next: snapshot, observations, result, at });
      } catch (e) {
        console.error(
          `[tenant-lens store] alert rules failed for tenant ${tenantId}; alerts left as they were`,
          e,
        );
      }
      if (out) {
        const candidates = Array.isArray(out) ? out : out.candidates;
        const narrow = Array.isArray(out) ? {} : (out.scope ?? {});
        alerts = await reconcileAlerts(
          tx as unknown as AlertsTx,
          { ...narrow, tenantId },
          candidates,
          at,
        );
      }
    }
    await tx.done;
    return { tenant, previous, snapshot, alerts, signInNeeded: allSignIn };
  }

  /** The current or last poll run's progress, or null. */
  async getPollProgress(): Promise<PollProgress | null> {
    const rec = await this.db.get('meta', POLL_PROGRESS_KEY);
    return validOrNull('meta', POLL_PROGRESS_KEY, rec?.value, checkPollProgress);
  }

  /** Replaces the poll run's progress. */
  async putPollProgress(p: PollProgress): Promise<void> {
    await this.db.put('meta', { key: POLL_PROGRESS_KEY, value: p });
  }

  /**
   * Before polling a tenant: sets its `lastPollStartedAt` and adds it to the run's in-flight
   * list, in one transaction. With `skipSignInNeeded`, a tenant marked "sign-in needed" is left
   * as it is and false comes back (the run skips it), without a separate read first.
   */
  async markPollStarted(
    tenantId: string,
    at: string,
    opts: { skipSignInNeeded?: boolean } = {},
  ): Promise<boolean> {
    const tx = this.db.transaction(['tenants', 'meta'], 'readwrite');
    const t = validOrNull(
      'tenants',
      tenantId,
      await tx.objectStore('tenants').get(tenantId),
      checkTenant,
    );
    if (opts.skipSignInNeeded && t?.signInNeeded) {
      await tx.done;
      return false;
    }
    if (t) await tx.objectStore('tenants').put({ ...t, lastPollStartedAt: at });
    const meta = tx.objectStore('meta');
    const p = validOrNull(
      'meta',
      POLL_PROGRESS_KEY,
      (await meta.get(POLL_PROGRESS_KEY))?.value,
      checkPollProgress,
    );
    if (
      p &&
      p.finishedAt === null &&
      p.tenantIds.includes(tenantId) &&
      !(p.inFlight ?? []).includes(tenantId)
    )
      await meta.put({
        key: POLL_PROGRESS_KEY,
        value: { ...p, inFlight: [...(p.inFlight ?? []), tenantId] },
      });
    await tx.done;
    return true;
  }

  /** After a tenant's poll failed as a whole (threw): marks it done in the run, with why. */
  async recordPollFailure(tenantId: string, message: string): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    const p = validOrNull(
      'meta',
      POLL_PROGRESS_KEY,
      (await tx.store.get(POLL_PROGRESS_KEY))?.value,
      checkPollProgress,
    );
    if (p && p.finishedAt === null && p.tenantIds.includes(tenantId)) {
      await tx.store.put({
        key: POLL_PROGRESS_KEY,
        value: {
          ...p,
          inFlight: (p.inFlight ?? []).filter((t) => t !== tenantId),
          done: p.done.includes(tenantId) ? p.done : [...p.done, tenantId],
          failures: [...p.failures.filter((f) => f.tenantId !== tenantId), { tenantId, message }],
        } satisfies PollProgress,
      });
    }
    await tx.done;
  }

  /**
   * Takes the poll lease for `owner` if it is free, expired, or already `owner`'s (renewal).
   * A dead worker's lease lapses at `expiresAt`. Returns whether `owner` holds it now.
   */
  async acquireLease(owner: string, nowMs: number, ttlMs: number): Promise<boolean> {
    const tx = this.db.transaction('meta', 'readwrite');
    const cur = (await tx.store.get(POLL_LEASE_KEY))?.value as Partial<PollLease> | undefined;
    const free =
      !cur || typeof cur.expiresAt !== 'number' || cur.expiresAt <= nowMs || cur.owner === owner;
    if (free)
      await tx.store.put({
        key: POLL_LEASE_KEY,
        value: { owner, expiresAt: nowMs + ttlMs } satisfies PollLease,
      });
    await tx.done;
    return free;
  }

  /** Gives the lease up if `owner` holds it. */
  async releaseLease(owner: string): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    const cur = (await tx.store.get(POLL_LEASE_KEY))?.value as Partial<PollLease> | undefined;
    if (cur?.owner === owner) await tx.store.delete(POLL_LEASE_KEY);
    await tx.done;
  }

  /**
   * Drops the lease whoever holds it. The background calls this when its worker starts: an
   * extension has one service worker at a time, so a lease left by another worker belongs to
   * one that was stopped mid-poll, and waiting for it to lapse would only delay the resume.
   */
  async dropLease(): Promise<void> {
    await this.db.delete('meta', POLL_LEASE_KEY);
  }

  /** The current lease, if any (it may have expired). */
  async getLease(): Promise<PollLease | null> {
    const v = (await this.db.get('meta', POLL_LEASE_KEY))?.value as Partial<PollLease> | undefined;
    return v && typeof v.owner === 'string' && typeof v.expiresAt === 'number'
      ? { owner: v.owner, expiresAt: v.expiresAt }
      : null;
  }

  // ---------------------------------------------------------------- alerts

  /**
   * Reconciles candidates outside a poll (e.g. backup-failure alerts from a portal page:
   * scope `{ syncroKey, types: ['backup-failure'] }`), in its own transaction.
   */
  async applyAlerts(
    scope: AlertScope,
    candidates: readonly AlertCandidate[],
    now: string,
  ): Promise<ReconcileResult> {
    const tx = this.db.transaction(['alerts', 'meta'], 'readwrite');
    const r = await reconcileAlerts(tx as unknown as AlertsTx, scope, candidates, now);
    await tx.done;
    return r;
  }

  /** Every unresolved alert, newest first (the popup's in-memory list; reads the `open` index). */
  async listOpenAlerts(): Promise<AlertRecord[]> {
    const open = validList(
      'alerts',
      keyOf('id'),
      await this.db.getAllFromIndex('alerts', 'open', 1),
      checkAlert,
    );
    return open
      .filter((a) => a.open === 1)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async getAlert(id: string): Promise<AlertRecord | null> {
    return validOrNull('alerts', id, await this.db.get('alerts', id), checkAlert);
  }

  /** Acknowledges alerts not yet acknowledged. Returns how many changed. */
  acknowledge(ids: readonly string[], now: string): Promise<number> {
    return updateAlerts(this.db, ids, (a) =>
      a.acknowledgedAt ? null : { ...a, acknowledgedAt: now, acknowledged: 1 },
    );
  }

  /** Withdraws acknowledgements. Returns how many changed. */
  unacknowledge(ids: readonly string[]): Promise<number> {
    return updateAlerts(this.db, ids, (a) =>
      a.acknowledgedAt ? { ...a, acknowledgedAt: null, acknowledged: 0 } : null,
    );
  }

  /** Snoozes alerts until `until` (ISO) with a reason. Returns how many changed. */
  snooze(ids: readonly string[], until: string, reason: string): Promise<number> {
    return updateAlerts(this.db, ids, (a) => ({ ...a, snoozedUntil: until, snoozeReason: reason }));
  }

  /** Ends snoozes. Returns how many changed. */
  unsnooze(ids: readonly string[]): Promise<number> {
    return updateAlerts(this.db, ids, (a) =>
      a.snoozedUntil ? { ...a, snoozedUntil: null, snoozeReason: null } : null,
    );
  }

  /** The popup's list: see `queryAlerts` in alerts.ts (window: from inclusive, before exclusive). */
  queryAlerts(q: AlertQuery, page: { offset?: number; limit?: number } = {}): Promise<AlertPage> {
    return queryAlerts(this.db, q, page);
  }

  /** The badge: open, unacknowledged, not snoozed (or snooze expired) at `now`. */
  countActiveAlerts(now: string): Promise<ActiveAlertCount> {
    return countActiveAlerts(this.db, now);
  }

  // ---------------------------------------------------------------- user data

  /** Deletes tenants, snapshots, observations, alerts and meta (poll progress, lease, pending acks). */
  async forgetAll(): Promise<void> {
    const tx = this.db.transaction(
      ['tenants', 'snapshots', 'observations', 'alerts', 'meta'],
      'readwrite',
    );
    await Promise.all([
      tx.objectStore('tenants').clear(),
      tx.objectStore('snapshots').clear(),
      tx.objectStore('observations').clear(),
      tx.objectStore('alerts').clear(),
      tx.objectStore('meta').clear(),
      tx.done,
    ]);
  }

  /**
   * Every acknowledgement and snooze, by dedupeKey + createdAt, including imported ones still
   * waiting for their alert (so export → import → export loses nothing).
   */
  async exportAcknowledgements(): Promise<AcknowledgementEntry[]> {
    const tx = this.db.transaction(['alerts', 'meta'], 'readonly');
    const all = validList(
      'alerts',
      keyOf('id'),
      await tx.objectStore('alerts').getAll(),
      checkAlert,
    );
    const pendingRaw = (await tx.objectStore('meta').get(PENDING_ACKS_KEY))?.value;
    await tx.done;
    const out: AcknowledgementEntry[] = all
      .filter((a) => a.acknowledgedAt !== null || a.snoozedUntil !== null)
      .map((a) => ({
        dedupeKey: a.dedupeKey,
        createdAt: a.createdAt,
        acknowledgedAt: a.acknowledgedAt,
        snoozedUntil: a.snoozedUntil,
        snoozeReason: a.snoozeReason,
      }));
    if (pendingRaw && typeof pendingRaw === 'object')
      out.push(...Object.values(pendingRaw as Record<string, AcknowledgementEntry>));
    return out;
  }

  /**
   * Applies exported acknowledgements: an alert with the same dedupeKey and createdAt gets the
   * entry's acknowledgement/snooze where it has none (import never removes one). Entries whose
   * alert is not in the store (after a reinstall or "forget") are kept and applied to the first
   * occurrence of that condition the next poll finds.
   */
  async importAcknowledgements(
    entries: readonly AcknowledgementEntry[],
  ): Promise<{ applied: number; pending: number }> {
    const tx = this.db.transaction(['alerts', 'meta'], 'readwrite');
    const alerts = tx.objectStore('alerts');
    const meta = tx.objectStore('meta');
    const pendingRaw = (await meta.get(PENDING_ACKS_KEY))?.value;
    const pending: Record<string, AcknowledgementEntry> =
      pendingRaw && typeof pendingRaw === 'object'
        ? { ...(pendingRaw as Record<string, AcknowledgementEntry>) }
        : {};
    let applied = 0;
    let waiting = 0;
    for (const e of entries) {
      const history = validList(
        'alerts',
        keyOf('id'),
        await alerts.index('dedupeKey').getAll(e.dedupeKey),
        checkAlert,
      );
      const match = history.find((a) => a.createdAt === e.createdAt);
      if (match) {
        const acknowledgedAt = match.acknowledgedAt ?? e.acknowledgedAt;
        const keepSnooze = match.snoozedUntil !== null;
        const next: AlertRecord = {
          ...match,
          acknowledgedAt,
          acknowledged: acknowledgedAt ? 1 : 0,
          snoozedUntil: keepSnooze ? match.snoozedUntil : e.snoozedUntil,
          snoozeReason: keepSnooze ? match.snoozeReason : e.snoozeReason,
        };
        await alerts.put(next);
        applied++;
      } else if (history.length === 0) {
        const prev = pending[e.dedupeKey];
        if (!prev || prev.createdAt < e.createdAt) pending[e.dedupeKey] = { ...e };
        waiting++;
      }
      // else: that occurrence is gone but the condition has newer ones — the old
      // acknowledgement does not carry over to a new occurrence.
    }
    await meta.put({ key: PENDING_ACKS_KEY, value: pending });
    await tx.done;
    return { applied, pending: waiting };
  }
}

function newTenant(tenantId: string, at: string, over: Partial<TenantRecord>): TenantRecord {
  return {
    tenantId,
    displayName: '',
    defaultDomain: null,
    syncroKeys: [],
    cloud: 'global',
    firstSeenAt: at,
    lastPollAt: null,
    lastPollStartedAt: null,
    sourceStatus: {},
    signInNeeded: false,
    ...over,
  };
}

function signInMessage(outcomes: SourceOutcome[]): string {
  const s = outcomes[0]?.status;
  return s && 'message' in s && s.message ? s.message : 'Sign-in needed';
}
