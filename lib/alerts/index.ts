/**
 * Alert rules: pure functions from (previous snapshot, new snapshot, observations, settings)
 * to alert candidates. The store reconciles candidates with stored alerts (dedupe, resolve,
 * return); lib/alerts never touches the store. Alert texts are written once, when the alert
 * is raised, in the browser's UI language (they are stored and exported as they are).
 */
import type { AlertCandidate } from '../store/types';
import type { TenantRule, TenantRuleInput } from './context';
import { bitlockerReminderRule } from './rules/bitlocker-reminder';
import { securityAlertRule } from './rules/security-alert';
import { storageSpaceRule } from './rules/storage-space';

export { GRAPH_ALERT_TYPES, type TenantRuleInput } from './context';
export { backupFailureRule, type PortalRuleInput } from './rules/backup-failure';

/** Every Graph-based rule. */
export const TENANT_RULES: readonly TenantRule[] = [
  storageSpaceRule,
  bitlockerReminderRule,
  securityAlertRule,
];

/**
 * One full stop where a name that ends with one closes a sentence ("… in Fabrikam, Inc.",
 * not "Inc.."). An ellipsis stays.
 */
export function oneStop(text: string): string {
  return text.replace(/([^.])\.\.(?=\s|$)/g, '$1.');
}

/** Runs every Graph-based rule for one tenant; a rule that throws is skipped and reported. */
export function evaluateTenantRules(
  input: TenantRuleInput,
  onError: (err: unknown) => void = console.warn,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const rule of TENANT_RULES) {
    try {
      out.push(...rule(input).map((c) => ({ ...c, detail: oneStop(c.detail) })));
    } catch (err) {
      onError(err);
    }
  }
  return out;
}
