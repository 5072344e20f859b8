/**
 * Numbers and dates as people read them, in the browser's UI language (`Intl`, one formatter
 * per locale and style). Used by the panels, the popup and the alert texts. Machine-read
 * values (host data attributes) pass `'en'` for plain digits. Relative times: lib/time.ts.
 */
import { uiLocale } from './i18n';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}

/** A score as shown: up to two decimals, no grouping ("412.5", "682"; "412,5" in German). */
export function formatScore(n: number, locale: string = uiLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(
    Math.round(n * 100) / 100,
  );
}

/** A signed change: "+3.5", "−2", "0" (a real minus sign, as people write it). */
export function formatChange(n: number, locale: string = uiLocale()): string {
  const r = Math.round(n * 10) / 10;
  const digits = numberFormat(locale, { maximumFractionDigits: 1, useGrouping: false });
  if (r === 0) return digits.format(0);
  return r > 0 ? `+${digits.format(r)}` : `−${digits.format(Math.abs(r))}`;
}

/** A count with grouping ("1,204"; "1.204" in German). */
export function formatCount(n: number, locale: string = uiLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A number with at most `digits` decimals ("303.5"). */
export function formatNumber(n: number, digits = 1, locale: string = uiLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A percentage given as 0–100 ("87%"), rounded. */
export function formatPercent(pct: number, locale: string = uiLocale()): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Bytes as people read them ("48.2 GB"), in binary multiples as Microsoft's reports count. */
export function formatBytes(bytes: number, locale: string = uiLocale()): string {
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[i],
    unitDisplay: 'short',
    maximumFractionDigits: v >= 100 || i === 0 ? 0 : 1,
  }).format(v);
}

/** The local calendar date of an ISO time ("Dec 1, 2026"); the ISO text itself when unreadable. */
export function formatDate(iso: string, locale: string = uiLocale()): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : dateFormat(locale, { dateStyle: 'medium' }).format(at);
}

/** Local date and time, e.g. for a tooltip ("Dec 3, 2026, 4:10 PM"); the ISO text when unreadable. */
export function formatDateTime(iso: string, locale: string = uiLocale()): string {
  const at = Date.parse(iso);
  return Number.isNaN(at)
    ? iso
    : dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
