import type { BackupStateId, TenantPage } from '../../portal/types';
import type { Thresholds } from '../../settings';
import type { AlertCandidate, AlertSeverity } from '../../store/types';
import { dedupeKey } from '../context';

/** Alert title and severity per documented backup error state. */
const STATE_ALERTS: Record<BackupStateId, { title: string; severity: AlertSeverity }> = {
  'recent-backup-issue': { title: 'Issue with a recent backup', severity: 'high' },
  'consent-failed': { title: 'Backup consent failed', severity: 'high' },
  'sync-error': { title: 'Backup sync error', severity: 'low' },
  'no-data': { title: 'No data backed up', severity: 'medium' },
  'cannot-enable': { title: 'Cloud backup could not be enabled', severity: 'medium' },
};

/** What a portal-based rule sees: the last page read for one Syncro tenant. */
export interface PortalRuleInput {
  page: TenantPage;
  /** Resolved Microsoft tenant id, when known. */
  tenantId: string | null;
  thresholds: Thresholds;
  now: Date;
}

/**
 * Backup Failure: each backup error state or per-service error icon observed on the portal,
 * and each enabled service whose last backup is older than the threshold. Keyed by the Syncro
 * tenant page (backups belong to the Syncro tenant).
 */
export function backupFailureRule({ page, tenantId, thresholds, now }: PortalRuleInput): AlertCandidate[] {
  const backup = page.cloudBackup;
  if (!backup) return [];
  const name = page.syncroTenantName.value ?? page.microsoftTenant.value ?? new URL(page.url).hostname;
  const base = {
    tenantId,
    syncroKey: page.syncroKey,
    tenantName: name,
    type: 'backup-failure' as const,
  };
  const pageLink = { label: 'Open in Syncro', href: page.url };
  const out: AlertCandidate[] = [];
  const seen = new Set<string>();
  for (const banner of backup.banners) {
    if (!banner.state || seen.has(banner.state)) continue;
    seen.add(banner.state);
    const meta = STATE_ALERTS[banner.state];
    out.push({
      ...base,
      dedupeKey: dedupeKey(page.syncroKey, 'backup-failure', `state:${banner.state}`),
      severity: meta.severity,
      title: meta.title,
      detail: `${name}: "${banner.text}"`,
      subject: banner.state,
      backupState: banner.state,
      links: [pageLink, ...(banner.action?.href ? [{ label: banner.action.label, href: banner.action.href }] : [])],
    });
  }
  const staleMs = thresholds.backupStaleHours * 3_600_000;
  for (const s of backup.services) {
    if (s.hasErrorIcon) {
      out.push({
        ...base,
        dedupeKey: dedupeKey(page.syncroKey, 'backup-failure', `service-error:${s.name}`),
        severity: 'high',
        title: `${s.name} backup has an error`,
        detail: `${name}: ${s.name}${s.errorText ? ` — ${s.errorText}` : ' shows an error next to its last backup'}${s.lastBackup.raw ? ` (last backup ${s.lastBackup.raw})` : ''}.`,
        subject: s.name,
        backupState: null,
        links: [pageLink],
      });
    }
    const at = s.lastBackup.value?.at ? Date.parse(s.lastBackup.value.at) : Number.NaN;
    if (s.enabled && !Number.isNaN(at) && now.getTime() - at > staleMs) {
      out.push({
        ...base,
        dedupeKey: dedupeKey(page.syncroKey, 'backup-failure', `stale:${s.name}`),
        severity: 'medium',
        title: `${s.name} backup is stale`,
        detail: `${name}: ${s.name} last backed up ${s.lastBackup.raw}, more than ${thresholds.backupStaleHours} h ago.`,
        subject: s.name,
        backupState: null,
        links: [pageLink],
      });
    }
  }
  return out;
}
