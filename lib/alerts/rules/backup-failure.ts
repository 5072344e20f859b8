import { t } from '../../i18n';
import type { BackupStateId, TenantPage } from '../../portal/types';
import type { Thresholds } from '../../settings';
import type { AlertCandidate, AlertSeverity } from '../../store/types';
import { dedupeKey, syncroLinks } from '../context';

/** Alert title and severity per documented backup error state. */
const STATE_ALERTS: Record<BackupStateId, { title: () => string; severity: AlertSeverity }> = {
  'recent-backup-issue': { title: () => t('alert_backup_recentIssue'), severity: 'high' },
  'consent-failed': { title: () => t('alert_backup_consentFailed'), severity: 'high' },
  'sync-error': { title: () => t('alert_backup_syncError'), severity: 'low' },
  'no-data': { title: () => t('alert_backup_noData'), severity: 'medium' },
  'cannot-enable': { title: () => t('alert_backup_cannotEnable'), severity: 'medium' },
};

/** "Contoso: Exchange — <the icon's tooltip> (last backup 3 hours ago)." */
function serviceErrorDetail(
  tenant: string,
  service: string,
  error: string | null,
  last: string | null,
): string {
  if (error)
    return last
      ? t('alert_backup_serviceErrorTextLast', tenant, service, error, last)
      : t('alert_backup_serviceErrorText', tenant, service, error);
  return last
    ? t('alert_backup_serviceErrorIconLast', tenant, service, last)
    : t('alert_backup_serviceErrorIcon', tenant, service);
}

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
export function backupFailureRule({
  page,
  tenantId,
  thresholds,
  now,
}: PortalRuleInput): AlertCandidate[] {
  const backup = page.cloudBackup;
  if (!backup) return [];
  const name =
    page.syncroTenantName.value ?? page.microsoftTenant.value ?? new URL(page.url).hostname;
  const base = {
    tenantId,
    syncroKey: page.syncroKey,
    tenantName: name,
    type: 'backup-failure' as const,
  };
  const [pageLink] = syncroLinks([page.url]);
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
      title: meta.title(),
      detail: t('alert_backup_bannerDetail', name, banner.text),
      subject: banner.state,
      backupState: banner.state,
      links: [
        ...(pageLink ? [pageLink] : []),
        ...(banner.action?.href ? [{ label: banner.action.label, href: banner.action.href }] : []),
      ],
    });
  }
  const staleMs = thresholds.backupStaleHours * 3_600_000;
  for (const s of backup.services) {
    if (s.hasErrorIcon) {
      out.push({
        ...base,
        dedupeKey: dedupeKey(page.syncroKey, 'backup-failure', `service-error:${s.name}`),
        severity: 'high',
        title: t('alert_backup_serviceError', s.name),
        detail: serviceErrorDetail(name, s.name, s.errorText, s.lastBackup.raw),
        subject: s.name,
        backupState: null,
        links: pageLink ? [pageLink] : [],
      });
    }
    const at = s.lastBackup.value?.at ? Date.parse(s.lastBackup.value.at) : Number.NaN;
    if (s.enabled && !Number.isNaN(at) && now.getTime() - at > staleMs) {
      out.push({
        ...base,
        dedupeKey: dedupeKey(page.syncroKey, 'backup-failure', `stale:${s.name}`),
        severity: 'medium',
        title: t('alert_backup_stale', s.name),
        detail: t(
          'alert_backup_staleDetail',
          name,
          s.name,
          s.lastBackup.raw ?? '',
          thresholds.backupStaleHours,
        ),
        subject: s.name,
        backupState: null,
        links: pageLink ? [pageLink] : [],
      });
    }
  }
  return out;
}
