import { storage } from 'wxt/utils/storage';
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

/** Application (client) id of the technician's Entra app registration; '' until set. */
export const clientIdItem = storage.defineItem<string>('local:clientId', { fallback: '' });
/** Microsoft cloud. */
export const cloudItem = storage.defineItem<CloudId>('local:cloud', { fallback: 'global' });
/** Poll interval in minutes. */
export const pollIntervalItem = storage.defineItem<number>('local:pollIntervalMinutes', { fallback: 15 });
/** How many tenants are polled at once. */
export const pollConcurrencyItem = storage.defineItem<number>('local:pollConcurrency', { fallback: 4 });
/** Per-source on/off; a missing key means on. */
export const sourcesItem = storage.defineItem<Partial<Record<SourceId, boolean>>>('local:sources', { fallback: {} });
export const thresholdsItem = storage.defineItem<Thresholds>('local:thresholds', { fallback: DEFAULT_THRESHOLDS });
export const notificationsItem = storage.defineItem<NotificationSettings>('local:notifications', {
  fallback: {
    enabled: true,
    minSeverity: 'high',
    types: { 'storage-space': true, 'backup-failure': true, 'bitlocker-reminder': true, 'security-alert': true },
  },
});
/** URL patterns that hint a Tenant Details page (content decides). */
export const portalUrlPatternsItem = storage.defineItem<string[]>('local:portalUrlPatterns', {
  fallback: ['https://*.syncromsp.com/*'],
});
export const tenantMappingsItem = storage.defineItem<TenantMapping[]>('local:tenantMappings', { fallback: [] });
/** The signed-in account (no tokens), or null when signed out. */
export const accountItem = storage.defineItem<AccountHint | null>('local:account', { fallback: null });
export const popupFiltersItem = storage.defineItem<PopupFilters>('local:popupFilters', {
  fallback: DEFAULT_POPUP_FILTERS,
});

/**
 * Bumped by the background whenever alerts or poll state change, so open popups re-read
 * (session storage: not a setting, gone with the browser session).
 */
export const alertsRevisionItem = storage.defineItem<number>('session:alertsRevision', { fallback: 0 });
