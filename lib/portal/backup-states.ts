/**
 * The catalogue of the Cloud Backup error states documented in Syncro's help article
 * "About the Syncro Tenant Details Page" (seed/syncro-tenant-details-page.txt,
 * reference/syncro-portal.md): what each banner means, who may fix it, how, and the
 * banner's action. Used by the backup-fixes panel and the backup-failure alert rule.
 * Banner patterns live in `labels.ts` (BANNER_PATTERNS) with every other portal text.
 */
import { BANNER_PATTERNS, bannerStateOf } from './labels';
import type { BackupStateId } from './types';

/** Severity of a state, on the alerts' scale (lowest first). */
export type BackupStateSeverity = 'informational' | 'low' | 'medium' | 'high';

/** Who may resolve a state. */
export interface BackupStateFixer {
  /** One line for the panel, e.g. "A Global Administrator, or ...". */
  summary: string;
  /** Microsoft/Syncro roles that may resolve it. */
  roles: string[];
  /** Syncro security permission that allows it, when the article names one. */
  permission: string | null;
  /** True when anyone can do it (e.g. wait and refresh). */
  anyone: boolean;
}

/** One documented backup error state. */
export interface BackupState {
  /** Stable id (reference/syncro-portal.md). */
  id: BackupStateId;
  /** Short title for panels and alerts. */
  title: string;
  /** The banner message as the help article quotes it. */
  bannerText: string;
  /** Patterns matched against the normalized banner text (from labels.ts). */
  patterns: RegExp[];
  /** What it means, in the article's words (condensed). */
  meaning: string;
  /** Who can fix it. */
  whoCanFix: BackupStateFixer;
  /** Numbered fix steps, in order. */
  steps: string[];
  /** Extra tips from the article. */
  tips: string[];
  /** Label of the banner's action ("Learn More", "Reconfigure"), or of the section's
   * "Enable" control for no-data; null when the banner has none. */
  actionLabel: 'Learn More' | 'Reconfigure' | 'Enable' | null;
  /** Where the action lives: in the banner itself, or elsewhere in the section. */
  actionPlace: 'banner' | 'section' | null;
  /** What the action does. */
  actionEffect: string | null;
  /** Severity for alerts and the panel's emphasis. */
  severity: BackupStateSeverity;
  /** True when backups are not running while this state lasts. */
  backupsStopped: boolean;
  /** True when the state is expected to clear by itself. */
  transient: boolean;
}

/** The Backup Portal's alert types (filter "Type" on its Alerts page). */
export const BACKUP_ALERT_TYPES = [
  'Storage Space',
  'Backup Failure',
  'BitLocker Reminder',
  'Security Alert',
] as const;

/** The Backup Portal's "Created" filter options. */
export const BACKUP_ALERT_CREATED_FILTERS = [
  'Last Week',
  'Last Month',
  'Last Year',
  'Custom date range',
] as const;

/** The five documented states, in the article's order. */
export const BACKUP_STATES: readonly BackupState[] = [
  {
    id: 'recent-backup-issue',
    title: 'A recent backup had an issue',
    bannerText: 'There was an issue with a recent backup.',
    patterns: BANNER_PATTERNS['recent-backup-issue'].full,
    meaning:
      'One or more backups reported a problem. "Learn More" opens the Alerts page of the Backup Portal, where backup alerts can be viewed and acknowledged; all active alerts show by default.',
    whoCanFix: {
      summary:
        'A Global Administrator, or a user with the "Restore & Manage Backup Data" security permission.',
      roles: ['Global Administrator'],
      permission: 'Restore & Manage Backup Data',
      anyone: false,
    },
    steps: [
      'Click "Learn More" in the banner to open the Alerts page of the Backup Portal (all active alerts show by default).',
      'Filter the alerts with the Type menu (Storage Space, Backup Failure, BitLocker Reminder, Security Alert) and/or the Created menu (Last Week, Last Month, Last Year, or a custom date range).',
      'Review each alert and fix its cause (for example free storage space, or re-run the failed backup).',
      'Click Acknowledge to clear an alert once handled.',
      'To see acknowledged alerts again, check the "Acknowledged" box, then filter by Type and/or Created as needed.',
    ],
    tips: [
      'The slanted triple-line icon clears the filters; the refresh icon refreshes the page.',
      'Inside the Backup Portal the Alerts page is also in the User Profile menu (upper right).',
    ],
    actionLabel: 'Learn More',
    actionPlace: 'banner',
    actionEffect: 'Opens the Alerts page of the Backup Portal.',
    severity: 'high',
    backupsStopped: false,
    transient: false,
  },
  {
    id: 'consent-failed',
    title: 'Backup consent failed',
    bannerText:
      'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
    patterns: BANNER_PATTERNS['consent-failed'].full,
    meaning:
      'The backup application lost (or never had) admin consent or its app permissions in the Microsoft tenant, so backups for this tenant are not running.',
    whoCanFix: {
      summary:
        'A Global Administrator, or a user with the "Configure Backups" security permission.',
      roles: ['Global Administrator'],
      permission: 'Configure Backups',
      anyone: false,
    },
    steps: [
      'Click "Reconfigure" in the banner: it opens the Microsoft account sign-in page.',
      'Sign in with an administrator of this Microsoft tenant and go through the onboarding again.',
      'Grant admin consent (and the requested app permissions) to re-enable backups for this tenant.',
      'Back on the Tenant Details page, check that the banner is gone and the services show a new Last Backup.',
    ],
    tips: ['Typical causes: missing admin consent or app permissions.'],
    actionLabel: 'Reconfigure',
    actionPlace: 'banner',
    actionEffect: 'Opens the Microsoft sign-in page to re-run onboarding and re-grant consent.',
    severity: 'high',
    backupsStopped: true,
    transient: false,
  },
  {
    id: 'sync-error',
    title: 'Backup Portal sync error',
    bannerText: 'A sync error has occurred. Wait several minutes and refresh the page.',
    patterns: BANNER_PATTERNS['sync-error'].full,
    meaning:
      'A temporary disruption between the Backup Portal and the backup server. No data has been lost or damaged; the system just cannot reach it right now. Meanwhile the Cloud Backup table and its Restore buttons may be grayed out.',
    whoCanFix: {
      summary: 'Anyone: wait and refresh.',
      roles: [],
      permission: null,
      anyone: true,
    },
    steps: [
      'Wait several minutes.',
      'Refresh the page.',
      'If the banner stays for long, contact Syncro support.',
    ],
    tips: ['Restore buttons may be unavailable until the sync recovers.'],
    actionLabel: null,
    actionPlace: null,
    actionEffect: null,
    severity: 'low',
    backupsStopped: false,
    transient: true,
  },
  {
    id: 'no-data',
    title: 'No backup data for this tenant',
    bannerText: 'No data backed up for this tenant.',
    patterns: BANNER_PATTERNS['no-data'].full,
    meaning:
      'The onboarding that enables backup for this tenant was interrupted or did not complete, so nothing has been backed up.',
    whoCanFix: {
      summary:
        'Anyone who may configure backups (e.g. the "Configure Backups" security permission).',
      roles: ['Global Administrator'],
      permission: 'Configure Backups',
      anyone: false,
    },
    steps: [
      'Click "Enable" in the Cloud Backup section to start the onboarding again.',
      'Complete every step of the onboarding, including the Microsoft consent.',
      'Choose the services to back up.',
    ],
    tips: [],
    actionLabel: 'Enable',
    actionPlace: 'section',
    actionEffect: 'Starts the backup onboarding again.',
    severity: 'medium',
    backupsStopped: true,
    transient: false,
  },
  {
    id: 'cannot-enable',
    title: 'Cloud backup could not be enabled',
    bannerText: 'Cloud backup could not be enabled.',
    patterns: BANNER_PATTERNS['cannot-enable'].full,
    meaning:
      'The Microsoft tenant is already backed up under another Syncro Tenant; a Microsoft tenant can be associated with only one Syncro Tenant.',
    whoCanFix: {
      summary:
        'Anyone who may configure backups (e.g. the "Configure Backups" security permission).',
      roles: ['Global Administrator'],
      permission: 'Configure Backups',
      anyone: false,
    },
    steps: [
      'Check that the credentials used are for the correct Microsoft tenant.',
      'If Entra ID user sync is enabled, verify that this is the Syncro Tenant you mean to configure backup for (one Microsoft tenant per Syncro Tenant).',
    ],
    tips: [],
    actionLabel: null,
    actionPlace: null,
    actionEffect: null,
    severity: 'medium',
    backupsStopped: true,
    transient: false,
  },
];

/** The catalogue by id. */
export const BACKUP_STATE_BY_ID: Readonly<Record<BackupStateId, BackupState>> = Object.fromEntries(
  BACKUP_STATES.map((s) => [s.id, s]),
) as Record<BackupStateId, BackupState>;

/** The documented state of a banner text, or null (tolerant; see labels.ts). */
export function backupStateOfBanner(text: string, inAlertRole = false): BackupState | null {
  const id = bannerStateOf(text, inAlertRole);
  return id ? BACKUP_STATE_BY_ID[id] : null;
}

/** What the per-service error icon means (shown next to a service's Last Backup). */
export const SERVICE_ERROR_ICON = {
  title: 'Service backup error',
  meaning:
    "An icon next to a service's Last Backup timestamp marks a service whose backup has an error. Its tooltip usually says why; the banner at the top of the Cloud Backup section may offer an action to resolve it.",
  steps: [
    "Read the icon's tooltip for the cause.",
    "Follow the banner's action when there is one (see the state above).",
    "Otherwise open the Backup Portal's Alerts page (Type: Backup Failure) to see and acknowledge the failure.",
  ],
  severity: 'high' as BackupStateSeverity,
} as const;

/** Notes from the article about Universal Billing and associated Organizations. */
export const UNIVERSAL_BILLING_NOTES = {
  noOrganizations:
    'Cloud Backup can stay enabled and active for a Syncro Tenant with no associated Organizations, but Universal Billing is then not supported.',
  disassociated:
    'If Organizations are disassociated after backup was configured, backup stays enabled only for the Organizations still associated, and Universal Billing includes only those.',
} as const;

/** Options of the Cloud Backup "Manage" menu. */
export const CLOUD_BACKUP_MANAGE_MENU = [
  'Backup Settings',
  'User List',
  'Audit Log',
  'Task Manager',
  'Disable Cloud Backup',
] as const;
