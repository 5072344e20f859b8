import { formatBytes, formatPercent } from '../../format';
import { t } from '../../i18n';
import type { AlertCandidate } from '../../store/types';
import { dedupeKey, syncroLinks, type TenantRule } from '../context';

/**
 * Storage Space: mailboxes over their warning quota or over N % of prohibit-send;
 * OneDrives over N % of their allocation.
 */
export const storageSpaceRule: TenantRule = ({ tenant, next, thresholds }) => {
  const out: AlertCandidate[] = [];
  const base = {
    tenantId: tenant.tenantId,
    syncroKey: tenant.syncroKeys[0] ?? null,
    tenantName: tenant.displayName,
    type: 'storage-space' as const,
  };
  for (const m of next.sources.mailboxUsage?.data ?? []) {
    const sendQuota = m.prohibitSendQuotaInBytes;
    const pct = sendQuota > 0 ? (m.storageUsedInBytes / sendQuota) * 100 : 0;
    const overWarning =
      m.issueWarningQuotaInBytes > 0 && m.storageUsedInBytes >= m.issueWarningQuotaInBytes;
    if (!overWarning && pct < thresholds.mailboxPercent) continue;
    const who = m.userPrincipalName || m.displayName;
    out.push({
      ...base,
      dedupeKey: dedupeKey(tenant.tenantId, 'storage-space', `mailbox:${who}`),
      severity: pct >= 100 ? 'high' : 'medium',
      title: pct >= 100 ? t('alert_mailbox_full') : t('alert_mailbox_almostFull'),
      detail: t(
        overWarning ? 'alert_mailbox_detailOverWarning' : 'alert_mailbox_detail',
        who,
        formatBytes(m.storageUsedInBytes),
        formatBytes(sendQuota),
        formatPercent(pct),
        tenant.displayName,
      ),
      subject: who,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        {
          label: t('alert_link_mailboxUsage'),
          href: `https://admin.microsoft.com/Adminportal/Home?tid=${tenant.tenantId}#/reportsUsage/MailboxUsage`,
        },
      ],
    });
  }
  for (const d of next.sources.oneDriveUsage?.data ?? []) {
    if (d.storageAllocatedInBytes <= 0) continue;
    const pct = (d.storageUsedInBytes / d.storageAllocatedInBytes) * 100;
    if (pct < thresholds.oneDrivePercent) continue;
    out.push({
      ...base,
      dedupeKey: dedupeKey(tenant.tenantId, 'storage-space', `onedrive:${d.ownerPrincipalName}`),
      severity: pct >= 100 ? 'high' : 'medium',
      title: t('alert_oneDrive_almostFull'),
      detail: t(
        'alert_oneDrive_detail',
        d.ownerPrincipalName,
        formatBytes(d.storageUsedInBytes),
        formatBytes(d.storageAllocatedInBytes),
        formatPercent(pct),
        tenant.displayName,
      ),
      subject: d.ownerPrincipalName,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        {
          label: t('alert_link_oneDriveUsage'),
          href: `https://admin.microsoft.com/Adminportal/Home?tid=${tenant.tenantId}#/reportsUsage/OneDriveForBusinessUsage`,
        },
      ],
    });
  }
  return out;
};
