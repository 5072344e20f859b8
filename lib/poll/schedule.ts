/**
 * When to poll: the alarm, which tenants are due, which sources are on.
 * Free of chrome APIs: the alarms API is passed in (`chrome.alarms` / `browser.alarms` fit).
 */
import type { SourceId } from '../graph/types';
import { ALL_SOURCES } from '../settings';
import type { TenantLensStore } from '../store/store';
import type { TenantRecord } from '../store/types';

/** Name of the repeating poll alarm. */
export const POLL_ALARM = 'poll';

/** Tenants polled at once when the setting is missing (matches `pollConcurrencyItem`'s fallback). */
export const DEFAULT_POLL_CONCURRENCY = 4;

/** The part of `chrome.alarms` the schedule needs. */
export interface AlarmsLike {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined | null>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
}

/**
 * Makes sure the poll alarm exists with this period. Idempotent: creates it only when it is
 * missing (first poll in a minute) or its period changed (next poll one period from now);
 * otherwise leaves it, so a worker waking up every few seconds never pushes the poll back.
 */
export async function ensureAlarm(
  alarms: AlarmsLike,
  intervalMinutes: number,
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await alarms.get(POLL_ALARM);
  if (existing && existing.periodInMinutes === intervalMinutes) return 'unchanged';
  await alarms.create(POLL_ALARM, {
    periodInMinutes: intervalMinutes,
    delayInMinutes: existing ? intervalMinutes : 1,
  });
  return existing ? 'updated' : 'created';
}

/**
 * True when a tenant should be polled at `now`: never polled, or its last finished poll is at
 * least one interval old (less a little slack, as alarms fire a few seconds early or late).
 * A tenant marked "sign-in needed" is never due: it waits for a sign-in to clear the mark.
 */
export function isDue(
  tenant: Pick<TenantRecord, 'lastPollAt' | 'signInNeeded'>,
  intervalMinutes: number,
  now: Date,
): boolean {
  if (tenant.signInNeeded) return false;
  if (!tenant.lastPollAt) return true;
  const last = Date.parse(tenant.lastPollAt);
  if (Number.isNaN(last)) return true;
  const intervalMs = intervalMinutes * 60_000;
  const slackMs = Math.min(60_000, intervalMs * 0.1);
  return now.getTime() - last >= intervalMs - slackMs;
}

/** Due tenants, the longest-waiting first (never polled before all). */
export async function dueTenantIds(
  store: TenantLensStore,
  intervalMinutes: number,
  now: Date,
): Promise<string[]> {
  const tenants = await store.listTenants();
  return tenants
    .filter((t) => isDue(t, intervalMinutes, now))
    .sort((a, b) => (a.lastPollAt ?? '').localeCompare(b.lastPollAt ?? ''))
    .map((t) => t.tenantId);
}

/** Every tenant that may be polled ("refresh all"): all but those waiting for a sign-in. */
export async function pollableTenantIds(store: TenantLensStore): Promise<string[]> {
  return (await store.listTenants()).filter((t) => !t.signInNeeded).map((t) => t.tenantId);
}

/** The sources switched on (`sourcesItem`: a missing key means on), in poll order. */
export function enabledSources(flags: Partial<Record<SourceId, boolean>>): SourceId[] {
  return ALL_SOURCES.filter((s) => flags[s] !== false);
}
