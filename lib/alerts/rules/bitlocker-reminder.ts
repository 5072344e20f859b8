import { t } from '../../i18n';
import type { AlertCandidate } from '../../store/types';
import { dedupeKey, syncroLinks, type TenantRule } from '../context';

/**
 * BitLocker Reminder: Windows devices not encrypted, or encrypted without an escrowed
 * recovery key. The second check runs only when the recovery keys could be read (a
 * missing role must not look like missing keys).
 */
export const bitlockerReminderRule: TenantRule = ({ tenant, next }) => {
  const devices = next.sources.managedDevices?.data;
  if (!devices) return [];
  const keys = next.sources.bitlockerKeys?.data ?? null;
  const escrowed = new Set((keys ?? []).map((k) => k.deviceId.toLowerCase()));
  const out: AlertCandidate[] = [];
  for (const d of devices) {
    const unencrypted = !d.isEncrypted;
    const noKey =
      !unencrypted &&
      keys !== null &&
      d.azureADDeviceId &&
      !escrowed.has(d.azureADDeviceId.toLowerCase());
    if (!unencrypted && !noKey) continue;
    out.push({
      tenantId: tenant.tenantId,
      syncroKey: tenant.syncroKeys[0] ?? null,
      tenantName: tenant.displayName,
      type: 'bitlocker-reminder',
      dedupeKey: dedupeKey(
        tenant.tenantId,
        'bitlocker-reminder',
        `${unencrypted ? 'unencrypted' : 'no-key'}:${d.id}`,
      ),
      severity: 'medium',
      title: unencrypted ? t('alert_bitlocker_unencrypted') : t('alert_bitlocker_noKey'),
      detail: t(
        unencrypted ? 'alert_bitlocker_unencryptedDetail' : 'alert_bitlocker_noKeyDetail',
        d.deviceName,
        d.userPrincipalName || t('alert_bitlocker_noPrimaryUser'),
        tenant.displayName,
      ),
      subject: d.deviceName,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        {
          label: t('alert_link_intuneDevice'),
          href: `https://intune.microsoft.com/${tenant.tenantId}#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/${d.id}`,
        },
      ],
    });
  }
  return out;
};
