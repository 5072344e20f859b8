/**
 * The settings-and-acknowledgements file the options page exports and imports.
 * Pure: validation never throws and never half-applies; the background applies a parsed file.
 */
import { t } from './i18n';
import type { Thresholds, UserSettings } from './settings';
import type { AcknowledgementEntry } from './store/alerts';
import type { AlertSeverity, AlertType, CloudId } from './store/types';

/** File format version. */
export const BACKUP_FILE_VERSION = 1;

/** One acknowledgement or snooze (the store's export/import shape). */
export type { AcknowledgementEntry };

/** Settings carried by the file (never tokens, never the account). */
export type SettingsEntries = UserSettings;

export interface BackupFile {
  format: 'tenant-lens-settings';
  version: number;
  exportedAt: string;
  settings: SettingsEntries;
  acknowledgements: AcknowledgementEntry[];
}

const CLOUDS: CloudId[] = ['global', 'usgov-high', 'usgov-dod', 'china'];
const SEVERITIES: AlertSeverity[] = ['informational', 'low', 'medium', 'high'];
const TYPES: AlertType[] = [
  'storage-space',
  'backup-failure',
  'bitlocker-reminder',
  'security-alert',
];
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string) => ({ ok: false as const, error });

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const num = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** Validates thresholds; the path names the field for the error message. */
function checkThresholds(th: unknown): Check<Thresholds> {
  const at = (k: string) => `settings.thresholds.${k}`;
  if (!isObj(th)) return fail(t('import_missing', 'settings.thresholds'));
  const pct = ['mailboxPercent', 'oneDrivePercent'] as const;
  for (const k of pct) if (!num(th[k], 1, 100)) return fail(t('import_numberRange', at(k), 1, 100));
  for (const k of ['backupStaleHours', 'tenantSyncStaleHours'] as const)
    if (!num(th[k], 1, 24 * 90)) return fail(t('import_hoursRange', at(k), 1, 24 * 90));
  if (!num(th.graphStaleMinutes, 5, 60 * 24 * 30))
    return fail(t('import_minutesRange', at('graphStaleMinutes'), 5, 60 * 24 * 30));
  if (!num(th.secureScoreDropPoints, 0.1, 1000))
    return fail(t('import_positive', at('secureScoreDropPoints')));
  if (!SEVERITIES.includes(th.securityAlertMinSeverity as AlertSeverity))
    return fail(t('import_oneOf', at('securityAlertMinSeverity'), SEVERITIES.join(', ')));
  return { ok: true, value: th as unknown as Thresholds };
}

/** Parses and validates an exported file. Never throws. Errors name the offending field. */
export function parseBackupFile(json: string): Check<BackupFile> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail(t('import_notJson'));
  }
  if (!isObj(data) || data.format !== 'tenant-lens-settings')
    return fail(t('import_notSettingsFile'));
  if (typeof data.version !== 'number' || data.version > BACKUP_FILE_VERSION)
    return fail(t('import_newerFormat', String(data.version)));
  const s = data.settings;
  if (!isObj(s)) return fail(t('import_missing', 'settings'));
  if (typeof s.clientId !== 'string' || (s.clientId !== '' && !GUID.test(s.clientId)))
    return fail(t('import_guidOrEmpty', 'settings.clientId'));
  if (!CLOUDS.includes(s.cloud as CloudId))
    return fail(t('import_oneOf', 'settings.cloud', CLOUDS.join(', ')));
  if (!num(s.pollIntervalMinutes, 5, 1440))
    return fail(t('import_minutesRange', 'settings.pollIntervalMinutes', 5, 1440));
  if (!num(s.pollConcurrency, 1, 16))
    return fail(t('import_numberRange', 'settings.pollConcurrency', 1, 16));
  if (!isObj(s.sources) || Object.values(s.sources).some((v) => typeof v !== 'boolean'))
    return fail(t('import_booleans', 'settings.sources'));
  const th = checkThresholds(s.thresholds);
  if (!th.ok) return th;
  const n = s.notifications;
  if (
    !isObj(n) ||
    typeof n.enabled !== 'boolean' ||
    !SEVERITIES.includes(n.minSeverity as AlertSeverity) ||
    !isObj(n.types) ||
    !TYPES.every((k) => typeof (n.types as Record<string, unknown>)[k] === 'boolean')
  )
    return fail(t('import_invalid', 'settings.notifications'));
  if (
    !Array.isArray(s.portalUrlPatterns) ||
    !s.portalUrlPatterns.every((p) => typeof p === 'string' && p.startsWith('https://'))
  )
    return fail(t('import_httpsPatterns', 'settings.portalUrlPatterns'));
  if (
    !Array.isArray(s.tenantMappings) ||
    !s.tenantMappings.every(
      (m) =>
        isObj(m) &&
        typeof m.match === 'string' &&
        m.match.trim() !== '' &&
        typeof m.tenantId === 'string' &&
        GUID.test(m.tenantId),
    )
  )
    return fail(t('import_mappings', 'settings.tenantMappings'));
  if (!Array.isArray(data.acknowledgements)) return fail(t('import_missing', 'acknowledgements'));
  for (const [i, a] of data.acknowledgements.entries()) {
    if (
      !isObj(a) ||
      typeof a.dedupeKey !== 'string' ||
      !isIso(a.createdAt) ||
      !(a.acknowledgedAt === null || isIso(a.acknowledgedAt)) ||
      !(a.snoozedUntil === null || isIso(a.snoozedUntil)) ||
      !(a.snoozeReason === null || typeof a.snoozeReason === 'string')
    )
      return fail(t('import_invalid', `acknowledgements[${i}]`));
  }
  return { ok: true, value: data as unknown as BackupFile };
}

/** Builds the file's JSON text. */
export function buildBackupFile(
  settings: SettingsEntries,
  acknowledgements: AcknowledgementEntry[],
  now: Date,
): string {
  const file: BackupFile = {
    format: 'tenant-lens-settings',
    version: BACKUP_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings,
    acknowledgements,
  };
  return JSON.stringify(file, null, 2);
}
