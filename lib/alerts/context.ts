import { t, uiLocale } from '../i18n';
import type { Thresholds } from '../settings';
import type { AlertCandidate, AlertType, SnapshotRecord, TenantRecord } from '../store/types';

/** What a Graph-based rule sees for one tenant after a poll. */
export interface TenantRuleInput {
  tenant: Pick<TenantRecord, 'tenantId' | 'displayName' | 'syncroKeys'>;
  /** The snapshot before this poll (null on the first poll). */
  previous: SnapshotRecord | null;
  /** The snapshot after merging this poll (failed sources keep their last good data). */
  next: SnapshotRecord;
  thresholds: Thresholds;
  now: Date;
}

/** A Graph-based rule: pure, from a tenant's snapshots to alert candidates. */
export type TenantRule = (input: TenantRuleInput) => AlertCandidate[];

/** The alert types Graph-based rules own (portal observations own backup-failure). */
export const GRAPH_ALERT_TYPES: readonly AlertType[] = [
  'storage-space',
  'bitlocker-reminder',
  'security-alert',
];

/** `${tenantKey}|${type}|${subject}`: the stable key of a condition. */
export function dedupeKey(tenantKey: string, type: AlertType, subject: string): string {
  return `${tenantKey}|${type}|${subject.toLowerCase()}`;
}

/** Link to the Syncro tenant page where the tenant was last seen, when any. */
export function syncroLinks(syncroKeys: readonly string[]): { label: string; href: string }[] {
  const first = syncroKeys[0];
  return first ? [{ label: t('alert_link_openInSyncro'), href: first }] : [];
}

/*
 * Alert texts are written once, when the alert is raised, in the browser's UI language
 * (they are stored with the alert and exported as they are).
 */

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Bytes as people read them ("48.2 GB"), in binary multiples as Microsoft's reports count. */
export function formatBytes(bytes: number, locale: string = uiLocale()): string {
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[i],
    unitDisplay: 'short',
    maximumFractionDigits: v >= 100 || i === 0 ? 0 : 1,
  }).format(v);
}

/** A number with at most `digits` decimals ("303.5"). */
export function formatNumber(n: number, digits = 1, locale: string = uiLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A percentage given as 0–100 ("87%"), rounded. */
export function formatPercent(pct: number, locale: string = uiLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    pct / 100,
  );
}

/** The local calendar date of an ISO time ("Dec 1, 2026"); the ISO text itself when unreadable. */
export function formatDate(iso: string, locale: string = uiLocale()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}
