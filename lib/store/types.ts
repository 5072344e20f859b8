import type { BackupStateId, TenantPage } from '../portal/types';
import type { SourceData, SourceId, SourceStatus } from '../graph/types';

/** Microsoft national cloud. */
export type CloudId = 'global' | 'usgov-high' | 'usgov-dod' | 'china';

/** `tenants` store: one Microsoft tenant the technician has seen in the portal. */
export interface TenantRecord {
  /** Microsoft tenant id (GUID). Key. */
  tenantId: string;
  /** Display name from /organization, else the page's Microsoft Tenant text. */
  displayName: string;
  /** Default verified domain, when known. */
  defaultDomain: string | null;
  /** Syncro tenant pages (syncroKey) this tenant was seen on, most recent first. */
  syncroKeys: string[];
  /** Cloud it lives in. */
  cloud: CloudId;
  /** When it was first seen (ISO). */
  firstSeenAt: string;
  /** Last time a poll of this tenant finished (ISO), or null. */
  lastPollAt: string | null;
  /** Last time a poll of it started (ISO), or null. Used to resume killed polls. */
  lastPollStartedAt: string | null;
  /** Per-source status of the last poll. */
  sourceStatus: Partial<Record<SourceId, SourceStatus & { at: string }>>;
  /** True when no token could be had silently for this tenant; cleared by a sign-in. */
  signInNeeded: boolean;
}

/** One source's last good value and the last attempt's status. */
export interface SourceSnapshot<K extends SourceId = SourceId> {
  /** Last good data, kept when later attempts fail. */
  data: SourceData[K] | null;
  /** When `data` was fetched (ISO). */
  fetchedAt: string | null;
  /** The latest attempt's status (ISO `at`). */
  status: SourceStatus & { at: string };
}

/** `snapshots` store: what the last good poll found per source, per tenant. */
export interface SnapshotRecord {
  /** Microsoft tenant id. Key. */
  tenantId: string;
  /** Sources polled at least once. */
  sources: { [K in SourceId]?: SourceSnapshot<K> };
  /** The previous poll's secure score (for drop detection), ISO date + value. */
  previousSecureScore?: { at: string; currentScore: number } | null;
}

/** `observations` store: the last TenantPage read from the portal, per Syncro tenant. */
export interface ObservationRecord {
  /** TenantPage.syncroKey. Key. */
  syncroKey: string;
  /** Resolved Microsoft tenant id, when known. */
  tenantId: string | null;
  /** How `tenantId` was found (absent in records written before it was kept). */
  resolvedVia?: 'domain' | 'delegated-admin' | 'manual';
  /** The page as last read. */
  page: TenantPage;
  /** When it was stored (ISO). */
  observedAt: string;
}

/** Alert types, as the Syncro Backup Portal names them. */
export type AlertType = 'storage-space' | 'backup-failure' | 'bitlocker-reminder' | 'security-alert';

/** Alert severities, lowest first. */
export type AlertSeverity = 'informational' | 'low' | 'medium' | 'high';

/** `alerts` store: one record per occurrence of a condition. */
export interface AlertRecord {
  /** Unique id of this occurrence: `${dedupeKey}@${createdAt}`. Key. */
  id: string;
  /** Stable key of the condition: `${tenantKey}|${type}|${subject}`. */
  dedupeKey: string;
  /** Microsoft tenant id, or null for portal-only alerts (then `syncroKey` is set). */
  tenantId: string | null;
  /** Syncro tenant page key where it was seen, when known. */
  syncroKey: string | null;
  /**
   * The tenant the popup's tenant filter matches: `tenantId ?? syncroKey ?? ''` (indexed, so it
   * is stored; the store fills it on every write and read, and schema v3 fills older records).
   */
  tenantKey?: string;
  /** Tenant display name for the list. */
  tenantName: string;
  type: AlertType;
  severity: AlertSeverity;
  /** Short title, e.g. "Mailbox almost full". */
  title: string;
  /** What happened, where (user, device, service) and since when. */
  detail: string;
  /** The subject it is about (user principal name, device, service, alert id). */
  subject: string;
  /** Backup error state id, for backup-failure alerts from the portal. */
  backupState?: BackupStateId | null;
  createdAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  /** Where to act: the Syncro tenant page and/or the Microsoft portal. */
  links: { label: string; href: string }[];
  /** 1 while unresolved (IndexedDB cannot index null/boolean). */
  open: 0 | 1;
  /** 1 once acknowledged. */
  acknowledged: 0 | 1;
}

/** A rule's output: an alert condition present now. */
export type AlertCandidate = Omit<
  AlertRecord,
  'id' | 'tenantKey' | 'createdAt' | 'lastSeenAt' | 'resolvedAt' | 'acknowledgedAt' | 'snoozedUntil' | 'snoozeReason' | 'open' | 'acknowledged'
>;

/** `meta` store: key/value records (poll progress, schema notes). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** Poll progress as the UI shows it ("polling 3 of 12"). Kept in `meta` under "poll". */
export interface PollProgress {
  /** Id of the run, ISO start time. */
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  /** Tenants in this run. */
  tenantIds: string[];
  /** Tenants finished in this run. */
  done: string[];
  /** Tenants that failed as a whole (no token, etc.), with why. */
  failures: { tenantId: string; message: string }[];
  /**
   * Tenants whose poll has started but not committed. After a killed worker these are simply
   * polled again (the commit is atomic). Optional: older progress records lack it.
   */
  inFlight?: string[];
}
