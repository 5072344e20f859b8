/**
 * The popup's filters, as the Syncro Backup Portal's: Type, Created (Last Week, Last Month,
 * Last Year, or a custom from/to range), plus tenant and severity, and the Acknowledged box.
 * Pure; the popup and the store's queries share these semantics.
 */
import type { PopupFilters } from '../settings';
import type { AlertRecord } from '../store/types';

const DAY = 86_400_000;

/**
 * The created-time window [from, to) in epoch ms, or null for no bound.
 * Last Week/Month/Year are the last 7, 30 and 365 days up to now. A custom range counts
 * whole local days: `from` at 00:00 of its day (inclusive) to the end of the `to` day
 * (inclusive; i.e. exclusive 00:00 of the next day).
 */
export function createdWindow(
  filters: Pick<PopupFilters, 'created' | 'from' | 'to'>,
  now: Date,
): { from: number | null; to: number | null } {
  const t = now.getTime();
  switch (filters.created) {
    case 'last-week':
      return { from: t - 7 * DAY, to: null };
    case 'last-month':
      return { from: t - 30 * DAY, to: null };
    case 'last-year':
      return { from: t - 365 * DAY, to: null };
    case 'custom': {
      const day = (s: string | null) => {
        if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        return new Date(y, m - 1, d).getTime();
      };
      const from = day(filters.from);
      const toDay = day(filters.to);
      return { from, to: toDay === null ? null : toDay + DAY };
    }
    default:
      return { from: null, to: null };
  }
}

/** True when the alert is snoozed at `now`. */
export function isSnoozed(a: Pick<AlertRecord, 'snoozedUntil'>, now: Date): boolean {
  return a.snoozedUntil !== null && Date.parse(a.snoozedUntil) > now.getTime();
}

/** True when the alert needs the technician: open, unacknowledged, not snoozed. */
export function isActive(a: AlertRecord, now: Date): boolean {
  return a.resolvedAt === null && a.acknowledgedAt === null && !isSnoozed(a, now);
}

/**
 * Whether an open alert is shown under the filters. Resolved alerts are never listed;
 * snoozed ones are hidden until their snooze ends; acknowledged ones only with the
 * Acknowledged box checked.
 */
export function matchesFilters(a: AlertRecord, f: PopupFilters, now: Date): boolean {
  if (a.resolvedAt !== null) return false;
  if (isSnoozed(a, now)) return false;
  if (a.acknowledgedAt !== null && !f.showAcknowledged) return false;
  if (f.types.length > 0 && !f.types.includes(a.type)) return false;
  if (f.severities.length > 0 && !f.severities.includes(a.severity)) return false;
  if (f.tenantIds.length > 0 && !f.tenantIds.includes(a.tenantId ?? a.syncroKey ?? ''))
    return false;
  const { from, to } = createdWindow(f, now);
  const created = Date.parse(a.createdAt);
  if (from !== null && created < from) return false;
  if (to !== null && created >= to) return false;
  return true;
}

const SEVERITY_RANK = { high: 3, medium: 2, low: 1, informational: 0 } as const;

/** Newest first; alerts raised at the same time (one poll) most severe first. */
export function compareAlerts(a: AlertRecord, b: AlertRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.tenantName.localeCompare(b.tenantName) ||
    a.subject.localeCompare(b.subject)
  );
}

/** Filters and sorts newest first (then most severe). */
export function applyFilters(alerts: AlertRecord[], f: PopupFilters, now: Date): AlertRecord[] {
  return alerts.filter((a) => matchesFilters(a, f, now)).sort(compareAlerts);
}

/**
 * True when every alert `next` shows is also shown by `prev` at `now` (a narrower choice: one
 * type out of all, a shorter window, the Acknowledged box cleared), so `next`'s list can be
 * filtered out of `prev`'s without reading the store.
 */
export function narrows(next: PopupFilters, prev: PopupFilters, now: Date): boolean {
  const within = <T>(n: readonly T[], p: readonly T[]) =>
    p.length === 0 || (n.length > 0 && n.every((x) => p.includes(x)));
  if (!within(next.types, prev.types)) return false;
  if (!within(next.severities, prev.severities)) return false;
  if (!within(next.tenantIds, prev.tenantIds)) return false;
  if (next.showAcknowledged && !prev.showAcknowledged) return false;
  const n = createdWindow(next, now);
  const p = createdWindow(prev, now);
  if (p.from !== null && (n.from === null || n.from < p.from)) return false;
  if (p.to !== null && (n.to === null || n.to > p.to)) return false;
  return true;
}
