import { t } from '../i18n';
import type { AlertSeverity, AlertType } from '../store/types';

/** The alert types, in the order the Syncro Backup Portal's Alerts page lists them. */
export const ALERT_TYPES: readonly AlertType[] = [
  'storage-space',
  'backup-failure',
  'bitlocker-reminder',
  'security-alert',
];

/** The severities, lowest first (the order of the popup's and options' choices). */
export const SEVERITIES: readonly AlertSeverity[] = ['informational', 'low', 'medium', 'high'];

/** An alert type as the Backup Portal names it ("Backup Failure"), in the UI language. */
export function alertTypeLabel(type: AlertType): string {
  switch (type) {
    case 'storage-space':
      return t('alertType_storageSpace');
    case 'backup-failure':
      return t('alertType_backupFailure');
    case 'bitlocker-reminder':
      return t('alertType_bitlockerReminder');
    case 'security-alert':
      return t('alertType_securityAlert');
  }
}

/** A severity ("High"), in the UI language. */
export function severityLabel(severity: AlertSeverity): string {
  switch (severity) {
    case 'high':
      return t('severity_high');
    case 'medium':
      return t('severity_medium');
    case 'low':
      return t('severity_low');
    case 'informational':
      return t('severity_informational');
  }
}
