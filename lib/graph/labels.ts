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
