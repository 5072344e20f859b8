import type { AlertSeverity } from '../store/types';

/** Severities, lowest first. */
export const SEVERITY_ORDER: readonly AlertSeverity[] = ['informational', 'low', 'medium', 'high'];

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compareSeverity(a: AlertSeverity, b: AlertSeverity): number {
  return Math.sign(SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b));
}

/** True when `s` is at or above `min`. */
export function atLeast(s: AlertSeverity, min: AlertSeverity): boolean {
  return compareSeverity(s, min) >= 0;
}

/** The highest of several severities, or null for none. */
export function highest(list: Iterable<AlertSeverity>): AlertSeverity | null {
  let top: AlertSeverity | null = null;
  for (const s of list) if (top === null || compareSeverity(s, top) > 0) top = s;
  return top;
}
