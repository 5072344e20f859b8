/**
 * The alerts store's side of alerting: dedupe/resolve (reconcile), acknowledgement and snooze,
 * the popup's queries and the badge count. The rules that produce candidates live in lib/alerts.
 *
 * Times are ISO 8601 strings from `Date#toISOString()` (UTC, "Z"), so string order is time order
 * and IndexedDB key ranges over them are time ranges.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { createdWindow } from '../alerts/filter';
import type { PopupFilters } from '../settings';
import type { TenantLensDB } from './db';
import type { AlertCandidate, AlertRecord, AlertSeverity, AlertType } from './types';
import { ALERT_SEVERITIES, checkAlert, keyOf, validList, validOrNull } from './validate';

/** A read-write transaction that includes at least the `alerts` and `meta` stores. */
export type AlertsTx = IDBPTransaction<TenantLensDB, StoreNames<TenantLensDB>[], 'readwrite'>;

/**
 * Which open alerts one evaluation speaks for: an open alert in scope whose condition is not
 * among the candidates is resolved; alerts outside the scope are never resolved by it.
 * At least one of `tenantId` and `syncroKey` is required.
 */
export interface AlertScope {
  /** Alerts whose `tenantId` is this. */
  tenantId?: string;
  /** Alerts whose `syncroKey` is this. */
  syncroKey?: string;
  /** Only these types were evaluated (default: every type). */
  types?: readonly AlertType[];
  /** Further narrowing (e.g. "only alerts from Graph sources that answered"). */
  include?: (alert: AlertRecord) => boolean;
}

/** What one reconcile changed. `created` is what the background may notify about. */
export interface ReconcileResult {
  created: AlertRecord[];
  updated: AlertRecord[];
  resolved: AlertRecord[];
}

/** One acknowledgement or snooze, keyed by condition (dedupeKey) and occurrence (createdAt). */
export interface AcknowledgementEntry {
  dedupeKey: string;
  createdAt: string;
  acknowledgedAt: string | null;
  snoozedUntil: string | null;
  snoozeReason: string | null;
}

/** `meta` key of imported acknowledgements whose alert is not (yet) in the store. */
export const PENDING_ACKS_KEY = 'pendingAcknowledgements';

/** The tenant the popup's tenant filter matches an alert by (its indexed `tenantKey`). */
export const alertTenantKey = (a: Pick<AlertRecord, 'tenantId' | 'syncroKey'>): string =>
  a.tenantId ?? a.syncroKey ?? '';

/** The id of one occurrence of a condition. */
export const alertId = (dedupeKey: string, createdAt: string): string =>
  `${dedupeKey}@${createdAt}`;

function inScope(a: AlertRecord, scope: AlertScope): boolean {
  if (scope.tenantId !== undefined && a.tenantId !== scope.tenantId) return false;
  if (scope.syncroKey !== undefined && a.syncroKey !== scope.syncroKey) return false;
  if (scope.types && !scope.types.includes(a.type)) return false;
  return scope.include ? scope.include(a) : true;
}

async function readPendingAcks(tx: AlertsTx): Promise<Record<string, AcknowledgementEntry>> {
  const rec = await tx.objectStore('meta').get(PENDING_ACKS_KEY);
  const v = rec?.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, AcknowledgementEntry>)
    : {};
}

/**
 * Applies one evaluation's candidates (conditions present now) to the alerts store:
 * - an open alert with the candidate's dedupeKey is updated (lastSeenAt, title, detail, severity,
 *   links, names) — its `acknowledgedAt`/`snoozedUntil`/`snoozeReason`/`createdAt` never change;
 * - a candidate without an open alert becomes a new record `${dedupeKey}@${now}` (so a condition
 *   returning after it resolved is a new, unacknowledged alert);
 * - an open alert in `scope` whose condition is absent is resolved (`resolvedAt = now`).
 * Runs inside the caller's transaction (which must include `alerts` and `meta`).
 */
export async function reconcileAlerts(
  tx: AlertsTx,
  scope: AlertScope,
  candidates: readonly AlertCandidate[],
  now: string,
): Promise<ReconcileResult> {
  if (scope.tenantId === undefined && scope.syncroKey === undefined)
    throw new Error('reconcileAlerts: scope needs a tenantId or a syncroKey');
  const store = tx.objectStore('alerts');
  const result: ReconcileResult = { created: [], updated: [], resolved: [] };
  const wanted = new Map<string, AlertCandidate>();
  for (const c of candidates) wanted.set(c.dedupeKey, c);

  const pool =
    scope.tenantId !== undefined
      ? await store.index('tenantId').getAll(scope.tenantId)
      : await store.index('open').getAll(1);
  const openInScope = validList('alerts', keyOf('id'), pool, checkAlert).filter(
    (a) => a.open === 1 && inScope(a, scope),
  );

  let pending: Record<string, AcknowledgementEntry> | null = null;
  for (const c of wanted.values()) {
    const history = validList(
      'alerts',
      keyOf('id'),
      await store.index('dedupeKey').getAll(c.dedupeKey),
      checkAlert,
    );
    const open = history
      .filter((a) => a.open === 1)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    const current = open[0];
    if (current) {
      const next: AlertRecord = {
        ...current,
        tenantId: c.tenantId ?? current.tenantId,
        syncroKey: c.syncroKey ?? current.syncroKey,
        tenantName: c.tenantName || current.tenantName,
        type: c.type,
        severity: c.severity,
        title: c.title,
        detail: c.detail,
        subject: c.subject,
        backupState: c.backupState ?? current.backupState ?? null,
        links: c.links,
        lastSeenAt: now,
      };
      next.tenantKey = alertTenantKey(next);
      await store.put(next);
      result.updated.push(next);
      // Duplicates of one condition (should not exist) are folded into the newest.
      for (const dup of open.slice(1)) {
        const r: AlertRecord = { ...dup, resolvedAt: now, open: 0 };
        await store.put(r);
        result.resolved.push(r);
      }
      continue;
    }
    const id = alertId(c.dedupeKey, now);
    const clash = history.find((a) => a.id === id);
    if (clash) {
      // Resolved and returned within the same instant: reopen rather than overwrite.
      const r: AlertRecord = {
        ...clash,
        resolvedAt: null,
        open: 1,
        lastSeenAt: now,
        detail: c.detail,
        title: c.title,
      };
      await store.put(r);
      result.updated.push(r);
      continue;
    }
    let ack: AcknowledgementEntry | undefined;
    if (history.length === 0) {
      // First occurrence since the data was lost (reinstall, forget): an imported
      // acknowledgement of this condition applies to it.
      pending ??= await readPendingAcks(tx);
      ack = pending[c.dedupeKey];
      if (ack) {
        delete pending[c.dedupeKey];
        await tx.objectStore('meta').put({ key: PENDING_ACKS_KEY, value: pending });
      }
    }
    const rec: AlertRecord = {
      id,
      dedupeKey: c.dedupeKey,
      tenantId: c.tenantId,
      syncroKey: c.syncroKey,
      tenantKey: alertTenantKey(c),
      tenantName: c.tenantName,
      type: c.type,
      severity: c.severity,
      title: c.title,
      detail: c.detail,
      subject: c.subject,
      backupState: c.backupState ?? null,
      links: c.links,
      createdAt: now,
      lastSeenAt: now,
      resolvedAt: null,
      acknowledgedAt: ack?.acknowledgedAt ?? null,
      snoozedUntil: ack?.snoozedUntil ?? null,
      snoozeReason: ack?.snoozeReason ?? null,
      open: 1,
      acknowledged: ack?.acknowledgedAt ? 1 : 0,
    };
    await store.put(rec);
    result.created.push(rec);
  }

  for (const a of openInScope) {
    if (wanted.has(a.dedupeKey)) continue;
    const r: AlertRecord = { ...a, resolvedAt: now, open: 0 };
    await store.put(r);
    result.resolved.push(r);
  }
  return result;
}

/** Applies `change` to each listed alert that exists and is valid; returns how many changed. */
export async function updateAlerts(
  db: IDBPDatabase<TenantLensDB>,
  ids: readonly string[],
  change: (a: AlertRecord) => AlertRecord | null,
): Promise<number> {
  const tx = db.transaction('alerts', 'readwrite');
  let changed = 0;
  for (const id of new Set(ids)) {
    const a = validOrNull('alerts', id, await tx.store.get(id), checkAlert);
    if (!a) continue;
    const next = change(a);
    if (next) {
      await tx.store.put(next);
      changed++;
    }
  }
  await tx.done;
  return changed;
}

/** The popup's alert filter. Every field is optional; an empty list means "any". */
export interface AlertQuery {
  types?: readonly AlertType[];
  /** Created at or after this instant (inclusive). */
  createdFrom?: string | null;
  /** Created strictly before this instant (exclusive). */
  createdBefore?: string | null;
  /** Tenant ids; a portal-only alert (no tenantId) matches by its syncroKey. */
  tenantIds?: readonly string[];
  severities?: readonly AlertSeverity[];
  /** 'exclude' hides acknowledged alerts, 'only' shows only them; default 'any'. */
  acknowledged?: 'any' | 'exclude' | 'only';
  /** 'open' (unresolved), 'resolved', or 'any' (default). */
  state?: 'any' | 'open' | 'resolved';
  /** When set (ISO "now"), alerts snoozed until after it are left out. */
  hideSnoozedAt?: string | null;
}

/** One page of the popup's list, newest first, and how many match in all. */
export interface AlertPage {
  rows: AlertRecord[];
  total: number;
}

const iso = (v: string) => new Date(v).toISOString();
const MAX_STR = '\uffff';

function createdRange(q: AlertQuery): IDBKeyRange | undefined {
  const from = q.createdFrom ? iso(q.createdFrom) : null;
  const before = q.createdBefore ? iso(q.createdBefore) : null;
  if (from && before)
    return from < before
      ? IDBKeyRange.bound(from, before, false, true)
      : IDBKeyRange.only('\u0000never');
  if (from) return IDBKeyRange.lowerBound(from);
  if (before) return IDBKeyRange.upperBound(before, true);
  return undefined;
}

function typeRange(type: AlertType, q: AlertQuery): IDBKeyRange {
  const from = q.createdFrom ? iso(q.createdFrom) : '';
  const before = q.createdBefore ? iso(q.createdBefore) : null;
  if (before !== null && from >= before) return IDBKeyRange.only(['\u0000never', '']);
  return IDBKeyRange.bound([type, from], [type, before ?? MAX_STR], false, before !== null);
}

/** True when `a` passes every filter of `q` (the whole filter, in memory). */
export function matchesQuery(a: AlertRecord, q: AlertQuery): boolean {
  if (q.types?.length && !q.types.includes(a.type)) return false;
  if (q.createdFrom && a.createdAt < iso(q.createdFrom)) return false;
  if (q.createdBefore && a.createdAt >= iso(q.createdBefore)) return false;
  if (q.tenantIds?.length && !q.tenantIds.includes(a.tenantId ?? a.syncroKey ?? '')) return false;
  if (q.severities?.length && !q.severities.includes(a.severity)) return false;
  if (q.acknowledged === 'exclude' && a.acknowledged === 1) return false;
  if (q.acknowledged === 'only' && a.acknowledged === 0) return false;
  if (q.state === 'open' && a.open === 0) return false;
  if (q.state === 'resolved' && a.open === 1) return false;
  if (q.hideSnoozedAt && a.snoozedUntil && a.snoozedUntil > iso(q.hideSnoozedAt)) return false;
  return true;
}

/** The part of an idb index/cursor the index-only path uses, whatever the index's key type. */
interface LooseCursor {
  value: unknown;
  primaryKey: IDBValidKey;
  advance(n: number): Promise<LooseCursor | null>;
  continue(): Promise<LooseCursor | null>;
}
interface LooseIndex {
  count(range?: IDBKeyRange): Promise<number>;
  openCursor(range?: IDBKeyRange, direction?: IDBCursorDirection): Promise<LooseCursor | null>;
}

const newestFirst = (a: AlertRecord, b: AlertRecord) =>
  a.createdAt === b.createdAt
    ? a.id < b.id
      ? 1
      : a.id > b.id
        ? -1
        : 0
    : a.createdAt < b.createdAt
      ? 1
      : -1;

/**
 * The popup's query: alerts matching `q`, newest first, `limit` rows from `offset`, and the
 * total. Filters only on type and the created window (the common case) are answered from the
 * indexes alone: counts for the total, a descending cursor that skips `offset` and stops after
 * `limit` rows. Other filters read one `getAll` of the smallest likely set (open alerts when
 * only open ones are wanted, else the type-and-window or window key ranges) and filter in memory.
 */
export async function queryAlerts(
  db: IDBPDatabase<TenantLensDB>,
  q: AlertQuery,
  page: { offset?: number; limit?: number } = {},
): Promise<AlertPage> {
  const offset = Math.max(0, page.offset ?? 0);
  const limit = Math.max(0, page.limit ?? 50);
  const tx = db.transaction('alerts', 'readonly');
  const store = tx.store;
  const types = q.types?.length ? [...new Set(q.types)] : null;
  const indexOnly =
    !q.tenantIds?.length &&
    !q.severities?.length &&
    (q.acknowledged ?? 'any') === 'any' &&
    (q.state ?? 'any') === 'any' &&
    !q.hideSnoozedAt;

  if (indexOnly) {
    const ranges: { index: LooseIndex; range: IDBKeyRange | undefined }[] = types
      ? types.map((t) => ({
          index: store.index('type_createdAt') as unknown as LooseIndex,
          range: typeRange(t, q),
        }))
      : [{ index: store.index('createdAt') as unknown as LooseIndex, range: createdRange(q) }];
    let total = 0;
    for (const r of ranges) total += await r.index.count(r.range);
    const rows: AlertRecord[] = [];
    // Each range gives at most offset+limit rows; with one range the cursor skips `offset` itself.
    const single = ranges.length === 1;
    for (const r of ranges) {
      let cursor = await r.index.openCursor(r.range, 'prev');
      if (cursor && single && offset > 0) cursor = await cursor.advance(offset);
      let taken = 0;
      const want = single ? limit : offset + limit;
      while (cursor && taken < want) {
        const a = validOrNull('alerts', cursor.primaryKey, cursor.value, checkAlert);
        if (a) {
          rows.push(a);
          taken++;
        }
        cursor = await cursor.continue();
      }
    }
    await tx.done;
    rows.sort(newestFirst);
    return { rows: single ? rows : rows.slice(offset, offset + limit), total };
  }

  // (Not the tenantId index: portal-only alerts have no tenantId and match by syncroKey.)
  let raw: unknown[];
  if (q.state === 'open') {
    // The popup's usual view: open alerts are the few among a long resolved history.
    raw = await store.index('open').getAll(1);
  } else if (types) {
    raw = [];
    for (const t of types)
      raw.push(...(await store.index('type_createdAt').getAll(typeRange(t, q))));
  } else {
    raw = await store.index('createdAt').getAll(createdRange(q));
  }
  await tx.done;
  const all = validList('alerts', keyOf('id'), raw, checkAlert).filter((a) => matchesQuery(a, q));
  all.sort(newestFirst);
  return { rows: all.slice(offset, offset + limit), total: all.length };
}

/** The badge's numbers: open, unacknowledged alerts not snoozed (or whose snooze has expired). */
export interface ActiveAlertCount {
  count: number;
  /** Highest severity among them, or null when there are none. */
  highestSeverity: AlertSeverity | null;
}

/** Counts active alerts at `now` (ISO). */
export async function countActiveAlerts(
  db: IDBPDatabase<TenantLensDB>,
  now: string,
): Promise<ActiveAlertCount> {
  const t = iso(now);
  const open = validList(
    'alerts',
    keyOf('id'),
    await db.getAllFromIndex('alerts', 'open', 1),
    checkAlert,
  );
  let count = 0;
  let highest = -1;
  for (const a of open) {
    if (a.open !== 1 || a.acknowledged === 1) continue;
    if (a.snoozedUntil && a.snoozedUntil > t) continue;
    count++;
    highest = Math.max(highest, ALERT_SEVERITIES.indexOf(a.severity));
  }
  return { count, highestSeverity: highest < 0 ? null : (ALERT_SEVERITIES[highest] ?? null) };
}

/**
 * Turns the popup's saved filters into an `AlertQuery` at `now`, with lib/alerts/filter's
 * semantics (`matchesFilters`): resolved alerts are not listed, snoozed ones are hidden until
 * their snooze ends, acknowledged ones only with `showAcknowledged`; the created window is
 * `createdWindow` (from inclusive, to exclusive; a custom range counts whole local days).
 */
export function popupFilterToQuery(f: PopupFilters, now: Date): AlertQuery {
  const w = createdWindow(f, now);
  return {
    types: f.types,
    tenantIds: f.tenantIds,
    severities: f.severities,
    acknowledged: f.showAcknowledged ? 'any' : 'exclude',
    state: 'open',
    hideSnoozedAt: now.toISOString(),
    createdFrom: w.from === null ? null : new Date(w.from).toISOString(),
    createdBefore: w.to === null ? null : new Date(w.to).toISOString(),
  };
}
