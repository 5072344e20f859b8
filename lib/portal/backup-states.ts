/**
 * The catalogue of the Cloud Backup error states documented in Syncro's help article
 * "About the Syncro Tenant Details Page" (seed/syncro-tenant-details-page.txt,
 * reference/syncro-portal.md): what each banner means, who may fix it, how, and the
 * banner's action. Used by the backup-fixes panel and the backup-failure alert rule.
 * The prose (titles, meanings, who can fix, steps, tips, effects) is in the message
 * catalogue and read in the UI language when asked for; banner texts, action labels, roles
 * and permissions stay as the portal and Microsoft name them (the reader matches them).
 * Banner patterns live in `labels.ts` (BANNER_PATTERNS) with every other portal text.
 */
import { t } from '../i18n';
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

/** Who may fix a state that needs backups configured again (no-data, cannot-enable). */
const MAY_CONFIGURE_BACKUPS: BackupStateFixer = {
  get summary() {
    return t('backupState_mayConfigureBackups');
  },
  roles: ['Global Administrator'],
  permission: 'Configure Backups',
  anyone: false,
};

/** The five documented states, in the article's order. */
export const BACKUP_STATES: readonly BackupState[] = [
  {
    id: 'recent-backup-issue',
    get title() {
      return t('backupState_recentIssue_title');
    },
    bannerText: 'There was an issue with a recent backup.',
    patterns: BANNER_PATTERNS['recent-backup-issue'].full,
    get meaning() {
      return t('backupState_recentIssue_meaning');
    },
    whoCanFix: {
      get summary() {
        return t('backupState_recentIssue_who');
      },
      roles: ['Global Administrator'],
      permission: 'Restore & Manage Backup Data',
      anyone: false,
    },
    get steps() {
      return [
        t('backupState_recentIssue_step1'),
        t('backupState_recentIssue_step2'),
        t('backupState_recentIssue_step3'),
        t('backupState_recentIssue_step4'),
        t('backupState_recentIssue_step5'),
      ];
    },
    get tips() {
      return [t('backupState_recentIssue_tip1'), t('backupState_recentIssue_tip2')];
    },
    actionLabel: 'Learn More',
    actionPlace: 'banner',
    get actionEffect() {
      return t('backupState_recentIssue_effect');
    },
    severity: 'high',
    backupsStopped: false,
    transient: false,
  },
  {
    id: 'consent-failed',
    get title() {
      return t('backupState_consentFailed_title');
    },
    bannerText:
      'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
    patterns: BANNER_PATTERNS['consent-failed'].full,
    get meaning() {
      return t('backupState_consentFailed_meaning');
    },
    whoCanFix: {
      get summary() {
        return t('backupState_consentFailed_who');
      },
      roles: ['Global Administrator'],
      permission: 'Configure Backups',
      anyone: false,
    },
    get steps() {
      return [
        t('backupState_consentFailed_step1'),
        t('backupState_consentFailed_step2'),
        t('backupState_consentFailed_step3'),
        t('backupState_consentFailed_step4'),
      ];
    },
    get tips() {
      return [t('backupState_consentFailed_tip1')];
    },
    actionLabel: 'Reconfigure',
    actionPlace: 'banner',
    get actionEffect() {
      return t('backupState_consentFailed_effect');
    },
    severity: 'high',
    backupsStopped: true,
    transient: false,
  },
  {
    id: 'sync-error',
    get title() {
      return t('backupState_syncError_title');
    },
    bannerText: 'A sync error has occurred. Wait several minutes and refresh the page.',
    patterns: BANNER_PATTERNS['sync-error'].full,
    get meaning() {
      return t('backupState_syncError_meaning');
    },
    whoCanFix: {
      get summary() {
        return t('backupState_syncError_who');
      },
      roles: [],
      permission: null,
      anyone: true,
    },
    get steps() {
      return [
        t('backupState_syncError_step1'),
        t('backupState_syncError_step2'),
        t('backupState_syncError_step3'),
      ];
    },
    get tips() {
      return [t('backupState_syncError_tip1')];
    },
    actionLabel: null,
    actionPlace: null,
    actionEffect: null,
    severity: 'low',
    backupsStopped: false,
    transient: true,
  },
  {
    id: 'no-data',
    get title() {
      return t('backupState_noData_title');
    },
    bannerText: 'No data backed up for this tenant.',
    patterns: BANNER_PATTERNS['no-data'].full,
    get meaning() {
      return t('backupState_noData_meaning');
    },
    whoCanFix: MAY_CONFIGURE_BACKUPS,
    get steps() {
      return [
        t('backupState_noData_step1'),
        t('backupState_noData_step2'),
        t('backupState_noData_step3'),
      ];
    },
    get tips() {
      return [];
    },
    actionLabel: 'Enable',
    actionPlace: 'section',
    get actionEffect() {
      return t('backupState_noData_effect');
    },
    severity: 'medium',
    backupsStopped: true,
    transient: false,
  },
  {
    id: 'cannot-enable',
    get title() {
      return t('backupState_cannotEnable_title');
    },
    bannerText: 'Cloud backup could not be enabled.',
    patterns: BANNER_PATTERNS['cannot-enable'].full,
    get meaning() {
      return t('backupState_cannotEnable_meaning');
    },
    whoCanFix: MAY_CONFIGURE_BACKUPS,
    get steps() {
      return [t('backupState_cannotEnable_step1'), t('backupState_cannotEnable_step2')];
    },
    get tips() {
      return [];
    },
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
  get title() {
    return t('backupState_serviceIcon_title');
  },
  get meaning() {
    return t('backupState_serviceIcon_meaning');
  },
  get steps() {
    return [
      t('backupState_serviceIcon_step1'),
      t('backupState_serviceIcon_step2'),
      t('backupState_serviceIcon_step3'),
    ];
  },
  severity: 'high' as BackupStateSeverity,
} as const;

/** Notes from the article about Universal Billing and associated Organizations. */
export const UNIVERSAL_BILLING_NOTES = {
  get noOrganizations() {
    return t('backupState_billing_noOrganizations');
  },
  get disassociated() {
    return t('backupState_billing_disassociated');
  },
} as const;

/** Options of the Cloud Backup "Manage" menu. */
export const CLOUD_BACKUP_MANAGE_MENU = [
  'Backup Settings',
  'User List',
  'Audit Log',
  'Task Manager',
  'Disable Cloud Backup',
] as const;
