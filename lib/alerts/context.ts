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
export const GRAPH_ALERT_TYPES: readonly AlertType[] = ['storage-space', 'bitlocker-reminder', 'security-alert'];

/** `${tenantKey}|${type}|${subject}`: the stable key of a condition. */
export function dedupeKey(tenantKey: string, type: AlertType, subject: string): string {
  return `${tenantKey}|${type}|${subject.toLowerCase()}`;
}

/** Link to the Syncro tenant page where the tenant was last seen, when any. */
export function syncroLinks(syncroKeys: readonly string[]): { label: string; href: string }[] {
  const first = syncroKeys[0];
  return first ? [{ label: 'Open in Syncro', href: first }] : [];
}

/** Bytes as people read them ("48.2 GB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
