import type { SourceStatus } from '../graph/types';

/** How the page's Microsoft Tenant text was turned into a tenant id. */
export type TenantResolution =
  | { state: 'resolved'; tenantId: string; via: 'domain' | 'delegated-admin' | 'manual' }
  | { state: 'ambiguous'; candidates: { tenantId: string; displayName: string }[] }
  | { state: 'unresolved'; reason: string }
  | { state: 'pending' };

/** One source's view for a panel: last good data plus the latest status. */
export interface SourceView<T> {
  /** Latest attempt's status, or null when never polled. */
  status: (SourceStatus & { at: string }) | null;
  /** When `data` was fetched (ISO), or null. */
  fetchedAt: string | null;
  /** Last good data, or null. */
  data: T | null;
}

/** An improvement action short of its maximum. */
export interface ImprovementAction {
  id: string;
  title: string;
  /** Points still to gain (maxScore - score). */
  pointsToGain: number;
  score: number;
  maxScore: number;
  userImpact: string;
  implementationCost: string;
  category: string;
  actionUrl: string;
}

/** The secure-score panel's data. */
export interface SecureScoreInsight {
  currentScore: number;
  maxScore: number;
  /** currentScore / maxScore × 100, one decimal. */
  percent: number;
  /** When Microsoft computed the newest score (ISO). */
  computedAt: string;
  /** Up to 90 daily points, oldest first. */
  trend: { date: string; score: number }[];
  /** Change in points over 7 and 30 days (null when history is too short). */
  change7d: number | null;
  change30d: number | null;
  /** Comparisons with other tenants, e.g. basis "AllTenants", "TotalSeats". */
  comparisons: { basis: string; label: string; averageScore: number }[];
  /** Top improvement actions, most points to gain first. */
  topActions: ImprovementAction[];
}

/** The users panel's data. */
export interface UsersInsight {
  total: number;
  members: number;
  guests: number;
  disabled: number;
  licensed: number;
}

/** One licence (SKU) line. */
export interface LicenceInsight {
  skuPartNumber: string;
  /** Friendly name when known, else the part number. */
  displayName: string;
  consumed: number;
  /** prepaidUnits.enabled */
  paid: number;
  /** paid - consumed, never below 0 (always 0 for free SKUs). */
  unused: number;
  /** True for a free or viral-trial SKU (e.g. FLOW_FREE): not a paid licence. */
  free?: boolean;
}

/** What the background answers a portal tab for one Syncro tenant page. */
export interface TenantInsights {
  syncroKey: string;
  /** False until an application (client) id is saved in options. */
  configured: boolean;
  /** Signed in to Microsoft. */
  signedIn: boolean;
  resolution: TenantResolution;
  tenant: {
    tenantId: string;
    displayName: string;
    lastPollAt: string | null;
    signInNeeded: boolean;
    /** Admin-consent link when the tenant has not consented the app. */
    consentUrl: string | null;
  } | null;
  /** A poll of this tenant is running now. */
  polling: boolean;
  secureScore: SourceView<SecureScoreInsight>;
  users: SourceView<UsersInsight>;
  licences: SourceView<LicenceInsight[]>;
  /** Thresholds the panels need (hours). */
  thresholds: { tenantSyncStaleHours: number; backupStaleHours: number; graphStaleMinutes: number };
}

/** The popup/options status line. */
export interface ExtensionStatus {
  configured: boolean;
  account: { username: string; name: string | null } | null;
  /** Tenants that need a new sign-in. */
  signInNeededTenants: number;
  poll: {
    running: boolean;
    done: number;
    total: number;
    lastFinishedAt: string | null;
    failures: { tenantId: string; tenantName: string; message: string }[];
  };
  tenantCount: number;
}
