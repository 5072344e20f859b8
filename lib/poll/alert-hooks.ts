/**
 * The glue between the alert rules (lib/alerts, pure) and the store's reconcile: which rules
 * run where, and which open alerts each evaluation may resolve.
 * - After a Graph poll (inside commitTenantPoll): the Graph rules, scope = this tenant's
 *   Graph alert types (so portal-observed backup failures are never resolved by a poll).
 * - After a portal page is read: the backup-failure rule, scope = that Syncro page's
 *   backup-failure alerts.
 */
import { backupFailureRule, evaluateTenantRules, GRAPH_ALERT_TYPES } from '../alerts';
import type { TenantPage } from '../portal/types';
import type { Thresholds } from '../settings';
import type { ReconcileResult } from '../store/alerts';
import type { ApplyAlerts, TenantLensStore } from '../store/store';

/** The `applyAlerts` hook for `commitTenantPoll` / `PollDeps.applyAlerts`. */
export function tenantAlertHook(
  thresholds: Thresholds,
  now: () => Date = () => new Date(),
): ApplyAlerts {
  return ({ tenant, previous, next }) => ({
    candidates: evaluateTenantRules({ tenant, previous, next, thresholds, now: now() }),
    scope: { types: GRAPH_ALERT_TYPES },
  });
}

/** Evaluates a portal page's backup state and reconciles its backup-failure alerts. */
export function applyPortalAlerts(
  store: TenantLensStore,
  page: TenantPage,
  tenantId: string | null,
  thresholds: Thresholds,
  now: Date,
): Promise<ReconcileResult> {
  const candidates = backupFailureRule({ page, tenantId, thresholds, now });
  return store.applyAlerts(
    { syncroKey: page.syncroKey, types: ['backup-failure'] },
    candidates,
    now.toISOString(),
  );
}
