import { t } from '../i18n';
import type { SourceId } from './types';

/** Friendly name of a Graph source, by the feature it feeds. */
export function sourceLabel(source: SourceId): string {
  switch (source) {
    case 'organization':
      return t('source_organization');
    case 'secureScores':
      return t('source_secureScores');
    case 'controlProfiles':
      return t('source_controlProfiles');
    case 'userCounts':
      return t('source_userCounts');
    case 'subscribedSkus':
      return t('source_subscribedSkus');
    case 'securityAlerts':
      return t('source_securityAlerts');
    case 'bitlockerKeys':
      return t('source_bitlockerKeys');
    case 'managedDevices':
      return t('source_managedDevices');
    case 'mailboxUsage':
      return t('source_mailboxUsage');
    case 'oneDriveUsage':
      return t('source_oneDriveUsage');
    case 'mfaRegistration':
      return t('source_mfaRegistration');
    case 'riskyUsers':
      return t('source_riskyUsers');
  }
}

/**
 * Product names of a security alert's `serviceSource` (Graph's alert_v2 enum), as Microsoft
 * writes them (product names are not translated); null for `unknown` and empty values, the
 * value itself for one this list does not know yet.
 */
export function serviceSourceName(value: string | null | undefined): string | null {
  if (!value || value === 'unknown' || value === 'unknownFutureValue') return null;
  return SERVICE_SOURCES[value] ?? value;
}

const SERVICE_SOURCES: Record<string, string> = {
  microsoftDefenderForEndpoint: 'Microsoft Defender for Endpoint',
  microsoftDefenderForIdentity: 'Microsoft Defender for Identity',
  microsoftDefenderForCloudApps: 'Microsoft Defender for Cloud Apps',
  microsoftDefenderForOffice365: 'Microsoft Defender for Office 365',
  microsoft365Defender: 'Microsoft Defender XDR',
  azureAdIdentityProtection: 'Microsoft Entra ID Protection',
  microsoftAppGovernance: 'App governance',
  dataLossPrevention: 'Microsoft Purview Data Loss Prevention',
  microsoftDefenderForCloud: 'Microsoft Defender for Cloud',
  microsoftSentinel: 'Microsoft Sentinel',
  microsoftInsiderRiskManagement: 'Microsoft Purview Insider Risk Management',
};
