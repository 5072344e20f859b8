/**
 * Validation on read: a record that does not have the shape its store promises (missing
 * fields, wrong types, from a bug, an old build or a hand-edited profile) is skipped with a
 * `console.warn` naming the store and key, never passed on to crash a panel or the popup.
 * Benign gaps that older records may have (e.g. a missing `snoozeReason`) are filled in.
 */
import type { SourceId } from '../graph/types';
import type {
  AlertRecord,
  AlertSeverity,
  AlertType,
  ObservationRecord,
  PollProgress,
  SnapshotRecord,
  SourceSnapshot,
  TenantRecord,
} from './types';

export const ALERT_TYPES: readonly AlertType[] = [
  'storage-space',
  'backup-failure',
  'bitlocker-reminder',
  'security-alert',
];
export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
  'informational',
  'low',
  'medium',
  'high',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isStatus = (v: unknown): boolean => isObj(v) && isStr(v.state) && isStr(v.at);

/** Logs a skipped record. */
export function warnCorrupt(store: string, key: unknown, why: string): void {
  console.warn(
    `[tenant-lens store] skipped corrupt record in "${store}" (key ${JSON.stringify(key)}): ${why}`,
  );
}

type Check<T> = { ok: true; value: T } | { ok: false; why: string };
const bad = (why: string) => ({ ok: false as const, why });

export function checkTenant(v: unknown): Check<TenantRecord> {
  if (!isObj(v)) return bad('not an object');
  if (!isStr(v.tenantId) || v.tenantId === '') return bad('tenantId is not a string');
  if (!isStr(v.displayName)) return bad('displayName is not a string');
  if (!Array.isArray(v.syncroKeys) || !v.syncroKeys.every(isStr))
    return bad('syncroKeys is not a list of strings');
  if (!isStr(v.firstSeenAt)) return bad('firstSeenAt is not a string');
  if (v.lastPollAt != null && !isStr(v.lastPollAt)) return bad('lastPollAt is not a string');
  if (v.sourceStatus != null && !isObj(v.sourceStatus)) return bad('sourceStatus is not an object');
  const sourceStatus: Obj = {};
  for (const [k, s] of Object.entries((v.sourceStatus as Obj | undefined) ?? {}))
    if (isStatus(s)) sourceStatus[k] = s;
  return {
    ok: true,
    value: {
      ...(v as unknown as TenantRecord),
      defaultDomain: isStr(v.defaultDomain) ? v.defaultDomain : null,
      cloud: isStr(v.cloud) ? (v.cloud as TenantRecord['cloud']) : 'global',
      lastPollAt: (v.lastPollAt as string | null | undefined) ?? null,
      lastPollStartedAt: isStr(v.lastPollStartedAt) ? v.lastPollStartedAt : null,
      sourceStatus: sourceStatus as TenantRecord['sourceStatus'],
      signInNeeded: v.signInNeeded === true,
    },
  };
}

export function checkSnapshot(v: unknown): Check<SnapshotRecord> {
  if (!isObj(v)) return bad('not an object');
  if (!isStr(v.tenantId) || v.tenantId === '') return bad('tenantId is not a string');
  if (!isObj(v.sources)) return bad('sources is not an object');
  const sources: Obj = {};
  for (const [k, s] of Object.entries(v.sources)) {
    // One malformed source is dropped alone; the others stay usable.
    if (
      !isObj(s) ||
      !isStatus(s.status) ||
      !isStrOrNull(s.fetchedAt ?? null) ||
      typeof s.data !== 'object'
    ) {
      warnCorrupt('snapshots', `${v.tenantId}/${k}`, 'malformed source entry');
      continue;
    }
    sources[k] = {
      data: s.data ?? null,
      fetchedAt: s.fetchedAt ?? null,
      status: s.status,
    } satisfies Obj;
  }
  return {
    ok: true,
    value: { ...(v as unknown as SnapshotRecord), sources: sources as SnapshotRecord['sources'] },
  };
}

export function checkObservation(v: unknown): Check<ObservationRecord> {
  if (!isObj(v)) return bad('not an object');
  if (!isStr(v.syncroKey)) return bad('syncroKey is not a string');
  if (!isStrOrNull(v.tenantId ?? null)) return bad('tenantId is not a string');
  if (!isObj(v.page) || !isStr(v.page.syncroKey)) return bad('page is not a TenantPage');
  if (!isStr(v.observedAt)) return bad('observedAt is not a string');
  return {
    ok: true,
    value: {
      ...(v as unknown as ObservationRecord),
      tenantId: (v.tenantId as string | null) ?? null,
    },
  };
}

export function checkAlert(v: unknown): Check<AlertRecord> {
  if (!isObj(v)) return bad('not an object');
  for (const k of ['id', 'dedupeKey', 'title', 'detail', 'createdAt', 'lastSeenAt'] as const)
    if (!isStr(v[k])) return bad(`${k} is not a string`);
  if (!ALERT_TYPES.includes(v.type as AlertType)) return bad('type is not an alert type');
  if (!ALERT_SEVERITIES.includes(v.severity as AlertSeverity))
    return bad('severity is not a severity');
  for (const k of ['tenantId', 'resolvedAt', 'acknowledgedAt', 'snoozedUntil'] as const)
    if (!isStrOrNull(v[k] ?? null)) return bad(`${k} is not a string or null`);
  if (v.links != null && !Array.isArray(v.links)) return bad('links is not a list');
  return {
    ok: true,
    value: {
      ...(v as unknown as AlertRecord),
      tenantId: (v.tenantId as string | null) ?? null,
      syncroKey: isStr(v.syncroKey) ? v.syncroKey : null,
      tenantName: isStr(v.tenantName) ? v.tenantName : '',
      subject: isStr(v.subject) ? v.subject : '',
      resolvedAt: (v.resolvedAt as string | null) ?? null,
      acknowledgedAt: (v.acknowledgedAt as string | null) ?? null,
      snoozedUntil: (v.snoozedUntil as string | null) ?? null,
      snoozeReason: isStr(v.snoozeReason) ? v.snoozeReason : null,
      links: ((v.links as unknown[] | undefined) ?? []).filter(
        (l): l is { label: string; href: string } => isObj(l) && isStr(l.label) && isStr(l.href),
      ),
      tenantKey: (isStr(v.tenantId) ? v.tenantId : null) ?? (isStr(v.syncroKey) ? v.syncroKey : ''),
      open: v.resolvedAt == null ? 1 : 0,
      acknowledged: v.acknowledgedAt == null ? 0 : 1,
    },
  };
}

export function checkPollProgress(v: unknown): Check<PollProgress> {
  if (!isObj(v)) return bad('not an object');
  if (!isStr(v.runId) || !isStr(v.startedAt)) return bad('runId/startedAt is not a string');
  if (!isStrOrNull(v.finishedAt ?? null)) return bad('finishedAt is not a string');
  if (!Array.isArray(v.tenantIds) || !v.tenantIds.every(isStr))
    return bad('tenantIds is not a list of strings');
  if (!Array.isArray(v.done) || !v.done.every(isStr)) return bad('done is not a list of strings');
  const failures = Array.isArray(v.failures)
    ? v.failures.filter(
        (f): f is { tenantId: string; message: string } =>
          isObj(f) && isStr(f.tenantId) && isStr(f.message),
      )
    : [];
  const inFlight = Array.isArray(v.inFlight) ? v.inFlight.filter(isStr) : [];
  return {
    ok: true,
    value: {
      ...(v as unknown as PollProgress),
      finishedAt: (v.finishedAt as string | null) ?? null,
      failures,
      inFlight,
    },
  };
}

/** Reads one record through a check; a failing record is warned about and becomes null. */
export function validOrNull<T>(
  store: string,
  key: unknown,
  v: unknown,
  check: (v: unknown) => Check<T>,
): T | null {
  if (v === undefined) return null;
  const r = check(v);
  if (r.ok) return r.value;
  warnCorrupt(store, key, r.why);
  return null;
}

/** Keeps the valid records of a list, warning about the others. */
export function validList<T>(
  store: string,
  keyOf: (v: unknown) => unknown,
  list: unknown[],
  check: (v: unknown) => Check<T>,
): T[] {
  const out: T[] = [];
  for (const v of list) {
    const r = check(v);
    if (r.ok) out.push(r.value);
    else warnCorrupt(store, keyOf(v), r.why);
  }
  return out;
}

/** The key of a raw record, for warnings. */
export const keyOf =
  (field: string) =>
  (v: unknown): unknown =>
    isObj(v) ? v[field] : undefined;

/** Narrow helper for typed source snapshots. */
export type AnySourceSnapshot = SourceSnapshot<SourceId>;
