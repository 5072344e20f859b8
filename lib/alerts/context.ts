import { t } from '../i18n';
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
