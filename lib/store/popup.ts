/**
 * The popup's list through the indexes of schema v3, one page at a time: the popup never holds
 * the full list of open alerts, so opening it and changing a filter cost about the same with 100
 * or 10,000 stored alerts.
 *
 * Every function takes the popup's query (`popupFilterToQuery`: open alerts only, snoozed ones
 * hidden at `hideSnoozedAt`) and picks a plan:
 * - a tenant filter reads that tenant's open alerts from `open_tenantKey` (one tenant's open
 *   alerts are few) and filters, counts and pages them in memory;
 * - otherwise each combination of the acknowledged flag, type and severity the filter allows is
 *   one key range of `open_ack_created` (no type or severity filter) or
 *   `open_ack_type_sev_created`, bounded by the created window. Pages merge the ranges' newest
 *   rows; counts add the ranges' index counts. Snoozed alerts sit in those ranges too: they are
 *   read from `open_snoozed` (only alerts snoozed now, a handful) and taken off.
 *
 * Order is lib/alerts/filter's `compareAlerts` (newest first; one poll's alerts most severe first).
 * A page never splits the alerts created at one instant: it ends after the last alert created at
 * the instant of its `limit`-th row, and the next page starts strictly before that instant.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { compareAlerts } from '../alerts/filter';
import { type AlertQuery, matchesQuery } from './alerts';
import type { TenantLensDB } from './db';
import type { AlertRecord } from './types';
import { ALERT_SEVERITIES, ALERT_TYPES, checkAlert, keyOf, validList } from './validate';

/** One page of the popup's list and where the next starts (null when this was the last). */
export interface PopupPage {
  rows: AlertRecord[];
  /** Pass as `before` for the next page: the created instant this page ended at. */
  next: string | null;
}

/** The popup's counts under its filters. */
export interface PopupCounts {
  /** Alerts the filters show (all pages). */
  total: number;
  /** Of those, not acknowledged (what "Acknowledge all shown" acknowledges). */
  unacknowledged: number;
  /** Open alerts snoozed now, whatever the filters. */
  snoozed: number;
  /** Whether any alert is open, whatever the filters (acknowledged and snoozed included). */
  anyOpen: boolean;
}

type ReadTx = IDBPTransaction<TenantLensDB, ['alerts'], 'readonly'>;
type PopupIndex = 'open_ack_created' | 'open_ack_type_sev_created' | 'open_tenantKey';
interface Plan {
  index: PopupIndex;
  /** Key prefixes; with `inMemory` each is a whole key, else the created time follows. */
  prefixes: (string | number)[][];
  inMemory: boolean;
}

const MAX_STR = '\uffff';
const iso = (v: string) => new Date(v).toISOString();
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

function planOf(q: AlertQuery): Plan {
  if (q.tenantIds?.length)
    return {
      index: 'open_tenantKey',
      prefixes: uniq(q.tenantIds).map((k) => [1, k]),
      inMemory: true,
    };
  const acks = q.acknowledged === 'exclude' ? [0] : q.acknowledged === 'only' ? [1] : [0, 1];
  if (!q.types?.length && !q.severities?.length)
    return { index: 'open_ack_created', prefixes: acks.map((a) => [1, a]), inMemory: false };
  const types = q.types?.length ? uniq(q.types) : ALERT_TYPES;
  const sevs = q.severities?.length ? uniq(q.severities) : ALERT_SEVERITIES;
  const prefixes: (string | number)[][] = [];
  for (const a of acks) for (const t of types) for (const s of sevs) prefixes.push([1, a, t, s]);
  return { index: 'open_ack_type_sev_created', prefixes, inMemory: false };
}

/** The range of one prefix over the created window [from, min(before, createdBefore)). */
function rangeOf(
  prefix: (string | number)[],
  q: AlertQuery,
  before: string | null,
): IDBKeyRange | null {
  const lo = q.createdFrom ? iso(q.createdFrom) : '';
  const until = q.createdBefore ? iso(q.createdBefore) : null;
  const hi =
    until !== null && before !== null ? (until < before ? until : before) : (until ?? before);
  if (hi !== null && lo >= hi) return null;
  return IDBKeyRange.bound([...prefix, lo], [...prefix, hi ?? MAX_STR], false, hi !== null);
}

/** Raw IndexedDB index as the page reads use it (getAll with a direction where supported). */
interface RawIndex {
  getAll(query?: unknown, count?: number): Promise<unknown[]>;
  openCursor(
    range?: IDBKeyRange | null,
    direction?: IDBCursorDirection,
  ): Promise<{ value: unknown; key: IDBValidKey; continue(): Promise<unknown> } | null>;
  getAllRecords?: unknown;
}

/**
 * Up to `count` values of `range`, newest first: one `getAll` with `direction: 'prev'` where the
 * browser has it (Chromium 141+, with `getAllRecords`), else a descending cursor.
 */
async function newest(index: RawIndex, range: IDBKeyRange, count: number): Promise<unknown[]> {
  if (count <= 0) return [];
  if (typeof index.getAllRecords === 'function')
    return index.getAll({ query: range, count, direction: 'prev' });
  const out: unknown[] = [];
  let cursor = await index.openCursor(range, 'prev');
  while (cursor && out.length < count) {
    out.push(cursor.value);
    cursor = (await cursor.continue()) as typeof cursor;
  }
  return out;
}

const checked = (raw: unknown[]) => validList('alerts', keyOf('id'), raw, checkAlert);
const index = (tx: ReadTx, name: PopupIndex | 'open_snoozed') =>
  tx.store.index(name) as unknown as RawIndex & {
    count(range?: IDBKeyRange): Promise<number>;
    getAllKeys(range?: IDBKeyRange): Promise<IDBValidKey[]>;
  };

/** Open alerts snoozed at the query's `hideSnoozedAt` that match the rest of the query. */
async function snoozedMatching(tx: ReadTx, q: AlertQuery): Promise<AlertRecord[]> {
  if (!q.hideSnoozedAt) return [];
  const all = await snoozedNow(tx, q.hideSnoozedAt);
  return all.filter((a) => matchesQuery(a, { ...q, hideSnoozedAt: null }));
}

async function snoozedNow(tx: ReadTx, now: string): Promise<AlertRecord[]> {
  const range = IDBKeyRange.bound([1, iso(now)], [1, MAX_STR], true, false);
  return checked(await index(tx, 'open_snoozed').getAll(range));
}

/** A tenant filter's alerts (every match, in order). */
async function tenantRows(tx: ReadTx, plan: Plan, q: AlertQuery): Promise<AlertRecord[]> {
  const idx = index(tx, plan.index);
  const lists = await Promise.all(plan.prefixes.map((p) => idx.getAll(IDBKeyRange.only(p))));
  return checked(lists.flat())
    .filter((a) => matchesQuery(a, q))
    .sort(compareAlerts);
}

/** The page of `sorted` (every match, in order) that starts before `before`. */
function pageOf(sorted: AlertRecord[], before: string | null, limit: number): PopupPage {
  const rest = before === null ? sorted : sorted.filter((a) => a.createdAt < before);
  if (rest.length <= limit) return { rows: rest, next: null };
  const edge = (rest[limit - 1] as AlertRecord).createdAt;
  let end = limit;
  while (end < rest.length && (rest[end] as AlertRecord).createdAt === edge) end++;
  return { rows: rest.slice(0, end), next: end < rest.length ? edge : null };
}

/**
 * One page of the popup's list: at least `limit` rows when there are that many (more when
 * alerts created at the same instant as the last row follow it), created before `before`.
 */
export async function popupPage(
  db: IDBPDatabase<TenantLensDB>,
  q: AlertQuery,
  before: string | null,
  limit: number,
): Promise<PopupPage> {
  const tx = db.transaction('alerts', 'readonly');
  const plan = planOf(q);
  if (plan.inMemory) {
    const all = await tenantRows(tx, plan, q);
    await tx.done;
    return pageOf(all, before, limit);
  }
  const idx = index(tx, plan.index);
  const ranges = plan.prefixes.map((p) => rangeOf(p, q, before));
  // One more row than the page from each range tells whether the page's last instant goes on.
  const read = (extra: number) =>
    Promise.all(ranges.map((r) => (r ? newest(idx, r, limit + 1 + extra) : Promise.resolve([]))));
  let [snoozed, lists] = await Promise.all([snoozedMatching(tx, q), read(0)]);
  // Snoozed alerts come back from the ranges too: read as many more as could be taken off.
  if (snoozed.length > 0 && lists.some((l) => l.length === limit + 1))
    lists = await read(snoozed.length);
  const byId = new Map<string, AlertRecord>();
  const add = (raw: unknown[]) => {
    for (const a of checked(raw)) if (matchesQuery(a, q)) byId.set(a.id, a);
  };
  add(lists.flat());
  let rows = [...byId.values()].sort(compareAlerts);
  // A range cut short still gave `limit + 1` rows it shows: fewer in all means none was cut.
  if (rows.length <= limit) {
    await tx.done;
    return { rows, next: null };
  }
  const edge = (rows[limit - 1] as AlertRecord).createdAt;
  if ((rows[limit] as AlertRecord).createdAt === edge) {
    // The instant the page ends at goes on past it: read all of that instant.
    const group = await Promise.all(
      plan.prefixes.map((p) => idx.getAll(IDBKeyRange.only([...p, edge]))),
    );
    add(group.flat());
  }
  await tx.done;
  rows = [...byId.values()].filter((a) => a.createdAt >= edge).sort(compareAlerts);
  return { rows, next: edge };
}

/**
 * The popup's counts: index counts of the query's ranges, less the snoozed alerts in them.
 * An index count walks its range (in Chromium about as long as reading the keys), so the popup
 * asks for counts once its list has settled, not before its rows.
 */
export async function popupCounts(
  db: IDBPDatabase<TenantLensDB>,
  q: AlertQuery,
): Promise<PopupCounts> {
  const tx = db.transaction('alerts', 'readonly');
  const plan = planOf(q);
  const snoozedP = q.hideSnoozedAt ? snoozedNow(tx, q.hideSnoozedAt) : Promise.resolve([]);
  let total = 0;
  let unacknowledged = 0;
  if (plan.inMemory) {
    const rows = await tenantRows(tx, plan, q);
    total = rows.length;
    unacknowledged = rows.filter((a) => a.acknowledged === 0).length;
  } else {
    const idx = index(tx, plan.index);
    const counts = await Promise.all(
      plan.prefixes.map((p) => {
        const r = rangeOf(p, q, null);
        return r ? idx.count(r) : Promise.resolve(0);
      }),
    );
    plan.prefixes.forEach((p, i) => {
      total += counts[i] ?? 0;
      if (p[1] === 0) unacknowledged += counts[i] ?? 0;
    });
    for (const a of (await snoozedP).filter((s) =>
      matchesQuery(s, { ...q, hideSnoozedAt: null }),
    )) {
      total--;
      if (a.acknowledged === 0) unacknowledged--;
    }
  }
  const snoozed = await snoozedP;
  const anyOpen =
    total > 0 ||
    snoozed.length > 0 ||
    (await tx.store.index('open').openKeyCursor(IDBKeyRange.only(1))) !== null;
  await tx.done;
  return { total, unacknowledged, snoozed: snoozed.length, anyOpen };
}

/** Every alert the query shows, in order (CSV export). */
export async function popupAlerts(
  db: IDBPDatabase<TenantLensDB>,
  q: AlertQuery,
): Promise<AlertRecord[]> {
  const tx = db.transaction('alerts', 'readonly');
  const plan = planOf(q);
  let rows: AlertRecord[];
  if (plan.inMemory) rows = await tenantRows(tx, plan, q);
  else {
    const idx = index(tx, plan.index);
    const lists = await Promise.all(
      plan.prefixes.map((p) => {
        const r = rangeOf(p, q, null);
        return r ? idx.getAll(r) : Promise.resolve([]);
      }),
    );
    rows = checked(lists.flat())
      .filter((a) => matchesQuery(a, q))
      .sort(compareAlerts);
  }
  await tx.done;
  return rows;
}

/** The ids of the unacknowledged alerts the query shows ("Acknowledge all shown"): keys only. */
export async function popupUnacknowledgedIds(
  db: IDBPDatabase<TenantLensDB>,
  q: AlertQuery,
): Promise<string[]> {
  if (q.acknowledged === 'only') return [];
  const narrowed: AlertQuery = { ...q, acknowledged: 'exclude' };
  const tx = db.transaction('alerts', 'readonly');
  const plan = planOf(narrowed);
  let ids: string[];
  if (plan.inMemory) ids = (await tenantRows(tx, plan, narrowed)).map((a) => a.id);
  else {
    const idx = index(tx, plan.index);
    const [keys, snoozed] = await Promise.all([
      Promise.all(
        plan.prefixes.map((p) => {
          const r = rangeOf(p, narrowed, null);
          return r ? idx.getAllKeys(r) : Promise.resolve([]);
        }),
      ),
      snoozedMatching(tx, narrowed),
    ]);
    const hidden = new Set(snoozed.map((a) => a.id));
    ids = (keys.flat() as string[]).filter((id) => !hidden.has(id));
  }
  await tx.done;
  return ids;
}

/** The tenants with open alerts, `[tenantKey, name]` sorted by name (the tenant filter's choices). */
export async function popupTenants(db: IDBPDatabase<TenantLensDB>): Promise<[string, string][]> {
  const tx = db.transaction('alerts', 'readonly');
  const out = new Map<string, string>();
  let cursor = await tx.store
    .index('open_tenantKey')
    .openCursor(IDBKeyRange.bound([1, ''], [1, MAX_STR]), 'nextunique');
  while (cursor) {
    const [a] = checked([cursor.value]);
    if (a) out.set(a.tenantKey ?? '', a.tenantName);
    cursor = await cursor.continue();
  }
  await tx.done;
  return [...out.entries()].sort((x, y) => x[1].localeCompare(y[1]));
}
