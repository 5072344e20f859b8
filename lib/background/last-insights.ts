/**
 * The last insights the worker built for each Syncro tenant page, while it lives: a portal
 * page's first look (`getInsights` with `lastKnown`) is answered from here without reading the
 * store, and shows only until that page's report is answered (components/panels/overlay.tsx).
 * A cache, not state: a new worker starts empty and builds them again. Dropped when the tabs
 * are told their data changed, when settings change, and when everything is forgotten.
 */
import type { TenantInsights } from '../insights/types';

/** Enough for every tenant page someone looks at in a sitting. */
const MAX_PAGES = 50;

const last = new Map<string, TenantInsights>();

/** Remembers what was built for a tenant page (most recent last). */
export function rememberInsights(syncroKey: string, insights: TenantInsights): void {
  last.delete(syncroKey);
  last.set(syncroKey, insights);
  if (last.size > MAX_PAGES) {
    const oldest = last.keys().next().value;
    if (oldest !== undefined) last.delete(oldest);
  }
}

/** What was last built for a tenant page, if the worker has built it. */
export function lastInsights(syncroKey: string): TenantInsights | undefined {
  return last.get(syncroKey);
}

/** Forgets one tenant page's insights, or every page's (null). */
export function forgetInsights(syncroKey: string | null): void {
  if (syncroKey === null) last.clear();
  else last.delete(syncroKey);
}
