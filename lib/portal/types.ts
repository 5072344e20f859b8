/**
 * The typed model of a Syncro Tenant Details page, as a technician sees it.
 * Produced by `readTenantPage(document, url, now)`; never guessed: what cannot be read is
 * `value: null` with a `reason`.
 */

/** Ids of the documented backup error states (reference/syncro-portal.md). */
export type BackupStateId =
  | 'recent-backup-issue'
  | 'consent-failed'
  | 'sync-error'
  | 'no-data'
  | 'cannot-enable';

/** One value read from the page. */
export interface Field<T> {
  /** The parsed value, or null when it could not be read. */
  value: T | null;
  /** The visible text it was read from (trimmed), or null when nothing was found. */
  raw: string | null;
  /** Why `value` is null (e.g. "label not found", "unrecognised time format"). */
  reason?: string;
}

/** A time shown on the page, e.g. "34m ago", "2 hours ago", "just now", "Nov 3, 2026 10:14 AM". */
export interface PageTime {
  /** The text as shown. */
  text: string;
  /** ISO 8601 instant it denotes, or null when the text cannot be turned into a time. */
  at: string | null;
}

/** A link or button shown on the page. */
export interface PageAction {
  /** Its visible label, e.g. "Learn More", "Reconfigure", "Enable". */
  label: string;
  /** Absolute URL when it is a link; null for a button without one. */
  href: string | null;
}

/** One row of the Customer Organizations table. */
export interface OrganizationRow {
  /** Organization name as shown. */
  name: string;
  /** Absolute URL of the organization's page, when linked. */
  href: string | null;
  /** Email addresses shown on the row. */
  emails: string[];
  /** Phone numbers shown on the row. */
  phones: string[];
  /** Text of the MS Entra ID User Sync cell (e.g. "Enabled", "Set up"), or null. */
  entraUserSync: string | null;
}

/** One service row of the Cloud Backup table. */
export interface BackupServiceRow {
  /** Service name, e.g. "Exchange", "OneDrive", "SharePoint", "Teams". */
  name: string;
  /** False when the row is grayed out (service not enabled for backup). */
  enabled: boolean;
  /** Its Last Backup time. */
  lastBackup: Field<PageTime>;
  /** True when an error icon sits next to the Last Backup timestamp. */
  hasErrorIcon: boolean;
  /** The icon's tooltip/label text, when it has one. */
  errorText: string | null;
  /** True when its Restore button is present and not disabled. */
  restoreAvailable: boolean;
}

/** A banner at the top of the Cloud Backup section. */
export interface BackupBanner {
  /** The matched documented state, or null for a banner text we do not know. */
  state: BackupStateId | null;
  /** The banner text as shown. */
  text: string;
  /** The banner's own action (link or button), when present. */
  action: PageAction | null;
}

/** The Cloud Backup section. */
export interface CloudBackup {
  /** Banners shown at the top of the section. */
  banners: BackupBanner[];
  /** Service rows (enabled and grayed out). */
  services: BackupServiceRow[];
  /** The section's "Last Updated" time. */
  lastUpdated: Field<PageTime>;
  /** An "Enable" button/link shown (no-data state), if any. */
  enableAction: PageAction | null;
}

/** Everything read from one Tenant Details page. */
export interface TenantPage {
  /** Page URL (absolute). */
  url: string;
  /**
   * Stable key of the Syncro tenant: portal origin + the page path (query and hash dropped),
   * e.g. "https://acme.syncromsp.com/tenants/42".
   */
  syncroKey: string;
  /** When the page was read (ISO). */
  readAt: string;
  /** The Syncro Tenant's name (page header). */
  syncroTenantName: Field<string>;
  /** True when a Microsoft Details section was found. */
  hasMicrosoftDetails: boolean;
  /** Last Tenant Sync. */
  lastTenantSync: Field<PageTime>;
  /** The "Sync Now" control, when present. */
  syncNowAction: PageAction | null;
  /** Name (or domain) of the mapped Microsoft tenant. */
  microsoftTenant: Field<string>;
  /** Microsoft Secure Score percentage, 0..100. */
  secureScorePercent: Field<number>;
  /** Microsoft Users count. */
  microsoftUsers: Field<number>;
  /** The "Manage" link of the Microsoft Details header. */
  manageAction: PageAction | null;
  /** Customer Organizations rows; null when the section was not found. */
  organizations: OrganizationRow[] | null;
  /** Cloud Backup section; null when the page has none (no subscription). */
  cloudBackup: CloudBackup | null;
}
