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
    const noKey = !unencrypted && keys !== null && d.azureADDeviceId && !escrowed.has(d.azureADDeviceId.toLowerCase());
    if (!unencrypted && !noKey) continue;
    out.push({
      tenantId: tenant.tenantId,
      syncroKey: tenant.syncroKeys[0] ?? null,
      tenantName: tenant.displayName,
      type: 'bitlocker-reminder',
      dedupeKey: dedupeKey(tenant.tenantId, 'bitlocker-reminder', `${unencrypted ? 'unencrypted' : 'no-key'}:${d.id}`),
      severity: 'medium',
      title: unencrypted ? 'Windows device not encrypted' : 'BitLocker recovery key not escrowed',
      detail: unencrypted
        ? `${d.deviceName} (${d.userPrincipalName || 'no primary user'}) is not encrypted with BitLocker in ${tenant.displayName}.`
        : `${d.deviceName} (${d.userPrincipalName || 'no primary user'}) is encrypted but has no recovery key in Entra ID in ${tenant.displayName}.`,
      subject: d.deviceName,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        { label: 'Device in Intune', href: `https://intune.microsoft.com/${tenant.tenantId}#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/${d.id}` },
      ],
    });
  }
  return out;
};
