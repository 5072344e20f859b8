/** What the background answers: a portal tab's TenantInsights and the popup's ExtensionStatus. Pure. */
import type { SourceId } from '../graph/types';
import type { AccountHint, Thresholds } from '../settings';
import type { PollProgress, SnapshotRecord, TenantRecord } from '../store/types';
import { licenceInsights, usersInsight } from './licences';
import { secureScoreInsight } from './secure-score';
import type { ExtensionStatus, SourceView, TenantInsights, TenantResolution } from './types';

/** Inputs of `buildTenantInsights`, as the background has them. */
export interface TenantInsightsInput {
  syncroKey: string;
  /** An application (client) id is saved. */
  configured: boolean;
  /** Signed in to Microsoft. */
  signedIn: boolean;
  resolution: TenantResolution;
  /** The resolved tenant's record (null when unresolved or never stored). */
  tenant: TenantRecord | null;
  snapshot: SnapshotRecord | null;
  /** A poll of this tenant runs now. */
  polling: boolean;
  /** Full thresholds (settings); the panels get the freshness ones. */
  thresholds: Pick<Thresholds, 'tenantSyncStaleHours' | 'backupStaleHours' | 'graphStaleMinutes'>;
}

const EMPTY: SourceView<never> = { status: null, fetchedAt: null, data: null };

/** A view of one source through a derivation; a derivation that throws on odd data gives no data. */
function view<K extends SourceId, T>(
  snapshot: SnapshotRecord | null,
  source: K,
  derive: (data: NonNullable<NonNullable<SnapshotRecord['sources'][K]>['data']>) => T | null,
): SourceView<T> {
  const s = snapshot?.sources[source];
  if (!s) return EMPTY;
  let data: T | null = null;
  if (s.data != null) {
    try {
      data = derive(s.data as NonNullable<NonNullable<SnapshotRecord['sources'][K]>['data']>);
    } catch (e) {
      console.warn(`[tenant-lens insights] could not derive ${source}`, e);
    }
  }
  return { status: s.status ?? null, fetchedAt: s.fetchedAt ?? null, data };
}

/** The admin-consent link of the first source that reported consent-required, if any. */
export function consentUrlOf(tenant: TenantRecord): string | null {
  for (const s of Object.values(tenant.sourceStatus))
    if (s?.state === 'consent-required') return s.consentUrl;
  return null;
}

/**
 * The insights a panel renders for one Syncro tenant page. Graph views are empty unless the
 * page's tenant is resolved, and they carry the last good data with the latest status (a
 * failed poll shows old data and why it is old).
 */
export function buildTenantInsights(input: TenantInsightsInput): TenantInsights {
  const resolved = input.resolution.state === 'resolved';
  const tenant = resolved ? input.tenant : null;
  const snapshot =
    resolved && tenant && input.snapshot?.tenantId === tenant.tenantId ? input.snapshot : null;
  const profiles = snapshot?.sources.controlProfiles?.data ?? [];
  return {
    syncroKey: input.syncroKey,
    configured: input.configured,
    signedIn: input.signedIn,
    resolution: input.resolution,
    tenant: tenant
      ? {
          tenantId: tenant.tenantId,
          displayName: tenant.displayName || tenant.defaultDomain || tenant.tenantId,
          lastPollAt: tenant.lastPollAt,
          signInNeeded: tenant.signInNeeded,
          consentUrl: consentUrlOf(tenant),
        }
      : null,
    polling: input.polling,
    secureScore: view(snapshot, 'secureScores', (scores) => secureScoreInsight(scores, profiles)),
    users: view(snapshot, 'userCounts', usersInsight),
    licences: view(snapshot, 'subscribedSkus', licenceInsights),
    thresholds: {
      tenantSyncStaleHours: input.thresholds.tenantSyncStaleHours,
      backupStaleHours: input.thresholds.backupStaleHours,
      graphStaleMinutes: input.thresholds.graphStaleMinutes,
    },
  };
}

/** Inputs of `buildExtensionStatus`. */
export interface ExtensionStatusInput {
  configured: boolean;
  account: Pick<AccountHint, 'username' | 'name'> | null;
  tenants: readonly TenantRecord[];
  /** The current or last run (meta "poll"). */
  progress: PollProgress | null;
  /** A run is going now (this worker polls, or the progress is unfinished with a live lease). */
  running: boolean;
}

/** The popup/options status line: account, sign-in-needed tenants, poll progress, failures. */
export function buildExtensionStatus(input: ExtensionStatusInput): ExtensionStatus {
  const names = new Map(
    input.tenants.map((t) => [t.tenantId, t.displayName || t.defaultDomain || t.tenantId]),
  );
  const p = input.progress;
  return {
    configured: input.configured,
    account: input.account ? { username: input.account.username, name: input.account.name } : null,
    signInNeededTenants: input.tenants.filter((t) => t.signInNeeded).length,
    poll: {
      running: input.running,
      done: p?.done.length ?? 0,
      total: p?.tenantIds.length ?? 0,
      lastFinishedAt: p?.finishedAt ?? lastPollOf(input.tenants),
      failures: (p?.failures ?? []).map((f) => ({
        tenantId: f.tenantId,
        tenantName: names.get(f.tenantId) ?? f.tenantId,
        message: f.message,
      })),
    },
    tenantCount: input.tenants.length,
  };
}

function lastPollOf(tenants: readonly TenantRecord[]): string | null {
  let last: string | null = null;
  for (const t of tenants) if (t.lastPollAt && (!last || t.lastPollAt > last)) last = t.lastPollAt;
  return last;
}
