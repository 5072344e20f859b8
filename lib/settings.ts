import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { SourceId } from './graph/types';
import type { AlertSeverity, AlertType, CloudId } from './store/types';

/** Every Graph source, in poll order. */
export const ALL_SOURCES: readonly SourceId[] = [
  'organization',
  'secureScores',
  'controlProfiles',
  'userCounts',
  'subscribedSkus',
  'securityAlerts',
  'bitlockerKeys',
  'managedDevices',
  'mailboxUsage',
  'oneDriveUsage',
  'mfaRegistration',
  'riskyUsers',
];

/** Alert thresholds. */
export interface Thresholds {
  /** Mailbox alert at this % of prohibit-send quota (also: over warning quota). */
  mailboxPercent: number;
  /** OneDrive alert at this % of allocation. */
  oneDrivePercent: number;
  /** An enabled backup service whose Last Backup is older than this is stale. */
  backupStaleHours: number;
  /** Secure score drop (points, vs previous day or week) that raises an alert. */
  secureScoreDropPoints: number;
  /** Lowest Microsoft security alert severity that raises an alert. */
  securityAlertMinSeverity: AlertSeverity;
  /** Last Tenant Sync older than this shows the freshness note. */
  tenantSyncStaleHours: number;
  /** Graph data older than this shows the freshness note. */
  graphStaleMinutes: number;
}

/** Desktop notification choices. */
export interface NotificationSettings {
  enabled: boolean;
  /** Notify for new alerts at or above this severity. */
  minSeverity: AlertSeverity;
  /** Per alert type on/off. */
  types: Record<AlertType, boolean>;
}

/** A manual mapping from the portal's Microsoft Tenant text to a tenant id. */
export interface TenantMapping {
  /** Text as the portal shows it (case-insensitive match), e.g. "Northwind Traders". */
  match: string;
  /** Microsoft tenant id (GUID). */
  tenantId: string;
}

/** The signed-in account, without any token: used to re-establish the session silently. */
export interface AccountHint {
  username: string;
  name: string | null;
  homeAccountId: string;
  tenantId: string;
}

/** Popup filter choices, kept between openings. */
export interface PopupFilters {
  types: AlertType[];
  created: 'any' | 'last-week' | 'last-month' | 'last-year' | 'custom';
  from: string | null;
  to: string | null;
  tenantIds: string[];
  severities: AlertSeverity[];
  showAcknowledged: boolean;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  mailboxPercent: 90,
  oneDrivePercent: 90,
  backupStaleHours: 24,
  secureScoreDropPoints: 5,
  securityAlertMinSeverity: 'medium',
  tenantSyncStaleHours: 24,
  graphStaleMinutes: 60,
};

export const DEFAULT_POPUP_FILTERS: PopupFilters = {
  types: [],
  created: 'any',
  from: null,
  to: null,
  tenantIds: [],
  severities: [],
  showAcknowledged: false,
};

// ---------------------------------------------------------------- reading stored values safely

/**
 * The shape check of one setting: the value to use (with malformed fields replaced by their
 * defaults), or null when the stored value is unusable as a whole.
 */
export type SettingShape<T> = (value: unknown, fallback: T) => T | null;

/**
 * A stored setting as its readers may use it: a value of the wrong shape (hand-edited storage,
 * an old or newer build, a bug) is replaced by the default — field by field for objects — with
 * a `console.warn`, never passed on to crash the background, the popup or the options page.
 */
export function readSetting<T>(
  key: string,
  value: unknown,
  fallback: T,
  shape: SettingShape<T>,
): T {
  if (value === null || value === undefined) return fallback;
  let checked: T | null = null;
  try {
    checked = shape(value, fallback);
  } catch {
    checked = null;
  }
  if (checked === null) {
    console.warn(`[tenant-lens settings] ignored a malformed "${key}" value; using the default`);
    return fallback;
  }
  return checked;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SEVERITIES: readonly AlertSeverity[] = ['informational', 'low', 'medium', 'high'];
const ALERT_TYPES: readonly AlertType[] = [
  'storage-space',
  'backup-failure',
  'bitlocker-reminder',
  'security-alert',
];
const CLOUDS: readonly CloudId[] = ['global', 'usgov-high', 'usgov-dod', 'china'];

/** Field checks for an object setting: each returns the field's value, or undefined if malformed. */
type FieldChecks<T> = { [K in keyof T]: (v: unknown) => T[K] | undefined };

/** An object setting: missing fields take their default; malformed ones too, with a warning. */
function objectShape<T extends object>(key: string, checks: FieldChecks<T>): SettingShape<T> {
  return (value, fallback) => {
    if (!isObj(value)) return null;
    const out = { ...fallback };
    const bad: string[] = [];
    for (const field of Object.keys(checks) as (keyof T & string)[]) {
      if (value[field] === undefined) continue;
      const v = checks[field](value[field]);
      if (v === undefined) bad.push(field);
      else out[field] = v;
    }
    if (bad.length > 0)
      console.warn(
        `[tenant-lens settings] "${key}": malformed ${bad.join(', ')}; using the defaults for them`,
      );
    return out;
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const positive = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
const nonNegative = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
const severity = (v: unknown) =>
  SEVERITIES.includes(v as AlertSeverity) ? (v as AlertSeverity) : undefined;
const strOrNull = (v: unknown) => (v === null || typeof v === 'string' ? v : undefined);
const listOf =
  <T>(item: (v: unknown) => T | undefined) =>
  (v: unknown): T[] | undefined =>
    Array.isArray(v) ? v.map(item).filter((x): x is T => x !== undefined) : undefined;

const scalar =
  <T>(check: (v: unknown) => T | undefined): SettingShape<T> =>
  (v) =>
    check(v) ?? null;

/** Wraps a storage item so its readers get `readSetting`'s checked values. */
function checkedItem<T>(
  item: WxtStorageItem<T, {}>,
  shape: SettingShape<T>,
): WxtStorageItem<T, {}> {
  const read = (v: unknown) => readSetting(item.key, v, item.fallback, shape);
  return {
    ...item,
    getValue: async () => read(await item.getValue()),
    watch: (cb) => item.watch((next, old) => cb(read(next), read(old))),
  };
}

export const thresholdsShape: SettingShape<Thresholds> = objectShape<Thresholds>(
  'local:thresholds',
  {
    mailboxPercent: positive,
    oneDrivePercent: positive,
    backupStaleHours: positive,
    secureScoreDropPoints: nonNegative,
    securityAlertMinSeverity: severity,
    tenantSyncStaleHours: positive,
    graphStaleMinutes: positive,
  },
);

export const notificationsShape: SettingShape<NotificationSettings> = (value, fallback) =>
  objectShape<NotificationSettings>('local:notifications', {
    enabled: bool,
    minSeverity: severity,
    types: (v) => {
      if (!isObj(v)) return undefined;
      const types = { ...fallback.types };
      for (const t of ALERT_TYPES) if (typeof v[t] === 'boolean') types[t] = v[t] as boolean;
      return types;
    },
  })(value, fallback);

export const DEFAULT_NOTIFICATIONS: NotificationSettings = {
  enabled: true,
  minSeverity: 'high',
  types: {
    'storage-space': true,
    'backup-failure': true,
    'bitlocker-reminder': true,
    'security-alert': true,
  },
};

/**
 * v1 → v2 of an object setting: fields added after v1 (e.g. `graphStaleMinutes` in the
 * thresholds, a new alert type's notification switch) are written with their defaults, so the
 * stored value is whole again. A value that is not an object is left for `readSetting`.
 */
function fillDefaults<T extends object>(defaults: T): (v: unknown) => unknown {
  return (v) => {
    if (!isObj(v)) return v;
    const out: Obj = { ...defaults, ...v };
    for (const [k, d] of Object.entries(defaults))
      if (isObj(d) && isObj(v[k])) out[k] = { ...d, ...(v[k] as Obj) };
    return out;
  };
}

/** Application (client) id of the technician's Entra app registration; '' until set. */
export const clientIdItem = checkedItem(
  storage.defineItem<string>('local:clientId', { fallback: '' }),
  scalar(str),
);
/** Microsoft cloud. */
export const cloudItem = checkedItem(
  storage.defineItem<CloudId>('local:cloud', { fallback: 'global' }),
  scalar((v) => (CLOUDS.includes(v as CloudId) ? (v as CloudId) : undefined)),
);
/** Poll interval in minutes. */
export const pollIntervalItem = checkedItem(
  storage.defineItem<number>('local:pollIntervalMinutes', { fallback: 15 }),
  scalar((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 ? v : undefined)),
);
/** How many tenants are polled at once. */
export const pollConcurrencyItem = checkedItem(
  storage.defineItem<number>('local:pollConcurrency', { fallback: 4 }),
  scalar((v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : undefined,
  ),
);
/** Per-source on/off; a missing key means on. */
export const sourcesItem = checkedItem(
  storage.defineItem<Partial<Record<SourceId, boolean>>>('local:sources', { fallback: {} }),
  (v) => {
    if (!isObj(v)) return null;
    const out: Partial<Record<SourceId, boolean>> = {};
    for (const s of ALL_SOURCES) if (typeof v[s] === 'boolean') out[s] = v[s] as boolean;
    return out;
  },
);
/** Alert thresholds. v2: fields a v1 value lacks are filled with their defaults. */
export const thresholdsItem = checkedItem(
  storage.defineItem<Thresholds>('local:thresholds', {
    fallback: DEFAULT_THRESHOLDS,
    version: 2,
    migrations: { 2: fillDefaults(DEFAULT_THRESHOLDS) },
  }),
  thresholdsShape,
);
/** Desktop notification choices. v2: fields (and per-type switches) a v1 value lacks are filled. */
export const notificationsItem = checkedItem(
  storage.defineItem<NotificationSettings>('local:notifications', {
    fallback: DEFAULT_NOTIFICATIONS,
    version: 2,
    migrations: { 2: fillDefaults(DEFAULT_NOTIFICATIONS) },
  }),
  notificationsShape,
);
/** URL patterns that hint a Tenant Details page (content decides). */
export const portalUrlPatternsItem = checkedItem(
  storage.defineItem<string[]>('local:portalUrlPatterns', {
    fallback: ['https://*.syncromsp.com/*'],
  }),
  scalar(listOf(str)),
);
export const tenantMappingsItem = checkedItem(
  storage.defineItem<TenantMapping[]>('local:tenantMappings', { fallback: [] }),
  scalar(
    listOf((m) =>
      isObj(m) && typeof m.match === 'string' && typeof m.tenantId === 'string'
        ? { match: m.match, tenantId: m.tenantId }
        : undefined,
    ),
  ),
);
/** The signed-in account (no tokens), or null when signed out. A malformed one reads as signed out. */
export const accountItem = checkedItem(
  storage.defineItem<AccountHint | null>('local:account', { fallback: null }),
  (v) =>
    isObj(v) &&
    typeof v.username === 'string' &&
    typeof v.homeAccountId === 'string' &&
    typeof v.tenantId === 'string' &&
    (v.name === null || v.name === undefined || typeof v.name === 'string')
      ? {
          username: v.username,
          name: (v.name as string | undefined) ?? null,
          homeAccountId: v.homeAccountId,
          tenantId: v.tenantId,
        }
      : null,
);
export const popupFiltersItem = checkedItem(
  storage.defineItem<PopupFilters>('local:popupFilters', {
    fallback: DEFAULT_POPUP_FILTERS,
  }),
  objectShape<PopupFilters>('local:popupFilters', {
    types: listOf((t) => (ALERT_TYPES.includes(t as AlertType) ? (t as AlertType) : undefined)),
    created: (v) =>
      ['any', 'last-week', 'last-month', 'last-year', 'custom'].includes(v as string)
        ? (v as PopupFilters['created'])
        : undefined,
    from: strOrNull,
    to: strOrNull,
    tenantIds: listOf(str),
    severities: listOf(severity),
    showAcknowledged: bool,
  }),
);

/**
 * Bumped by the background whenever alerts or poll state change, so open popups re-read
 * (session storage: not a setting, gone with the browser session).
 */
export const alertsRevisionItem = checkedItem(
  storage.defineItem<number>('session:alertsRevision', { fallback: 0 }),
  scalar((v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)),
);

/** The settings a technician chooses: what the options page edits and the settings file carries. */
export interface UserSettings {
  clientId: string;
  cloud: CloudId;
  pollIntervalMinutes: number;
  pollConcurrency: number;
  sources: Partial<Record<SourceId, boolean>>;
  thresholds: Thresholds;
  notifications: NotificationSettings;
  portalUrlPatterns: string[];
  tenantMappings: TenantMapping[];
}

/** Reads every user setting (each item validated, with its default where unset or corrupt). */
export async function readUserSettings(): Promise<UserSettings> {
  const [clientId, cloud, pollIntervalMinutes, pollConcurrency, sources, thresholds, notifications, portalUrlPatterns, tenantMappings] =
    await Promise.all([
      clientIdItem.getValue(),
      cloudItem.getValue(),
      pollIntervalItem.getValue(),
      pollConcurrencyItem.getValue(),
      sourcesItem.getValue(),
      thresholdsItem.getValue(),
      notificationsItem.getValue(),
      portalUrlPatternsItem.getValue(),
      tenantMappingsItem.getValue(),
    ]);
  return {
    clientId,
    cloud,
    pollIntervalMinutes,
    pollConcurrency,
    sources,
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
    notifications,
    portalUrlPatterns,
    tenantMappings,
  };
}

/** Writes every user setting. */
export async function writeUserSettings(s: UserSettings): Promise<void> {
  await Promise.all([
    clientIdItem.setValue(s.clientId),
    cloudItem.setValue(s.cloud),
    pollIntervalItem.setValue(s.pollIntervalMinutes),
    pollConcurrencyItem.setValue(s.pollConcurrency),
    sourcesItem.setValue(s.sources),
    thresholdsItem.setValue(s.thresholds),
    notificationsItem.setValue(s.notifications),
    portalUrlPatternsItem.setValue(s.portalUrlPatterns),
    tenantMappingsItem.setValue(s.tenantMappings),
  ]);
}

/** Puts every user setting (and the popup's filters) back to its default. */
export async function resetUserSettings(): Promise<void> {
  for (const item of [clientIdItem, cloudItem, pollIntervalItem, pollConcurrencyItem, sourcesItem, thresholdsItem, notificationsItem, portalUrlPatternsItem, tenantMappingsItem, popupFiltersItem])
    await item.removeValue();
}
