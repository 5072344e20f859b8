/**
 * The settings-and-acknowledgements file the options page exports and imports.
 * Pure: validation never throws and never half-applies; the background applies a parsed file.
 */
import type { AlertSeverity, AlertType, CloudId } from './store/types';
import type { Thresholds, UserSettings } from './settings';
import type { AcknowledgementEntry } from './store/alerts';

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
const TYPES: AlertType[] = ['storage-space', 'backup-failure', 'bitlocker-reminder', 'security-alert'];
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string) => ({ ok: false as const, error });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const num = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** Validates thresholds; the path names the field for the error message. */
function checkThresholds(t: unknown): Check<Thresholds> {
  if (!isObj(t)) return fail('settings.thresholds is missing');
  const pct = ['mailboxPercent', 'oneDrivePercent'] as const;
  for (const k of pct) if (!num(t[k], 1, 100)) return fail(`settings.thresholds.${k} must be a number from 1 to 100`);
  for (const k of ['backupStaleHours', 'tenantSyncStaleHours'] as const)
    if (!num(t[k], 1, 24 * 90)) return fail(`settings.thresholds.${k} must be hours from 1 to 2160`);
  if (!num(t.graphStaleMinutes, 5, 60 * 24 * 30)) return fail('settings.thresholds.graphStaleMinutes must be minutes from 5 to 43200');
  if (!num(t.secureScoreDropPoints, 0.1, 1000)) return fail('settings.thresholds.secureScoreDropPoints must be a positive number');
  if (!SEVERITIES.includes(t.securityAlertMinSeverity as AlertSeverity))
    return fail('settings.thresholds.securityAlertMinSeverity must be informational, low, medium or high');
  return { ok: true, value: t as unknown as Thresholds };
}

/** Parses and validates an exported file. Never throws. */
export function parseBackupFile(json: string): Check<BackupFile> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail('This file is not valid JSON.');
  }
  if (!isObj(data) || data.format !== 'tenant-lens-settings') return fail('This is not a Tenant Lens settings file.');
  if (typeof data.version !== 'number' || data.version > BACKUP_FILE_VERSION)
    return fail(`This file was made by a newer Tenant Lens (format ${String(data.version)}); update the extension first.`);
  const s = data.settings;
  if (!isObj(s)) return fail('settings is missing');
  if (typeof s.clientId !== 'string' || (s.clientId !== '' && !GUID.test(s.clientId)))
    return fail('settings.clientId must be empty or a GUID');
  if (!CLOUDS.includes(s.cloud as CloudId)) return fail('settings.cloud must be global, usgov-high, usgov-dod or china');
  if (!num(s.pollIntervalMinutes, 5, 1440)) return fail('settings.pollIntervalMinutes must be minutes from 5 to 1440');
  if (!num(s.pollConcurrency, 1, 16)) return fail('settings.pollConcurrency must be from 1 to 16');
  if (!isObj(s.sources) || Object.values(s.sources).some((v) => typeof v !== 'boolean'))
    return fail('settings.sources must map sources to true/false');
  const th = checkThresholds(s.thresholds);
  if (!th.ok) return th;
  const n = s.notifications;
  if (!isObj(n) || typeof n.enabled !== 'boolean' || !SEVERITIES.includes(n.minSeverity as AlertSeverity) || !isObj(n.types) ||
    !TYPES.every((k) => typeof (n.types as Record<string, unknown>)[k] === 'boolean'))
    return fail('settings.notifications is not valid');
  if (!Array.isArray(s.portalUrlPatterns) || !s.portalUrlPatterns.every((p) => typeof p === 'string' && p.startsWith('https://')))
    return fail('settings.portalUrlPatterns must be a list of https:// patterns');
  if (!Array.isArray(s.tenantMappings) || !s.tenantMappings.every((m) => isObj(m) && typeof m.match === 'string' && m.match.trim() !== '' && typeof m.tenantId === 'string' && GUID.test(m.tenantId)))
    return fail('settings.tenantMappings must be a list of {match, tenantId (GUID)}');
  if (!Array.isArray(data.acknowledgements)) return fail('acknowledgements is missing');
  for (const [i, a] of data.acknowledgements.entries()) {
    if (!isObj(a) || typeof a.dedupeKey !== 'string' || !isIso(a.createdAt) ||
      !(a.acknowledgedAt === null || isIso(a.acknowledgedAt)) || !(a.snoozedUntil === null || isIso(a.snoozedUntil)) ||
      !(a.snoozeReason === null || typeof a.snoozeReason === 'string'))
      return fail(`acknowledgements[${i}] is not valid`);
  }
  return { ok: true, value: data as unknown as BackupFile };
}

/** Builds the file's JSON text. */
export function buildBackupFile(settings: SettingsEntries, acknowledgements: AcknowledgementEntry[], now: Date): string {
  const file: BackupFile = {
    format: 'tenant-lens-settings',
    version: BACKUP_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings,
    acknowledgements,
  };
  return JSON.stringify(file, null, 2);
}
