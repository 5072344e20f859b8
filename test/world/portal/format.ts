/**
 * Small text helpers of the portal replica: HTML escaping, the portal's timestamp and count
 * formats, and meaningless hashed class names (so no reader can lean on them).
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML text content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The portal's absolute timestamp, e.g. "Dec 3, 2026 1:14 PM". Rendered in UTC so pages are
 * deterministic whatever the machine's time zone.
 */
export function formatPortalTimestamp(at: Date): string {
  const h24 = at.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()} ${h12}:${mm} ${h24 < 12 ? 'AM' : 'PM'}`;
}

/** A count with thousands separators, e.g. 1204 -> "1,204". */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `now` minus `hours`. */
export function hoursBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * 3_600_000);
}

/**
 * A CSS-in-JS style class name such as "css-1x9k2": a stable hash of `seed`, meaningless to
 * anyone reading the markup.
 */
export function hashedClass(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `css-${h.toString(36).slice(0, 5)}`;
}
