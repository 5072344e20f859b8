/**
 * Number formatting shared by panels and their host attributes. Panels show numbers in the
 * browser's UI language; host attributes (machine-read) pass `'en'` for plain digits.
 */
import { uiLocale } from '../../lib/i18n';

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, digits: number, grouping: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${grouping}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: grouping });
    formats.set(key, f);
  }
  return f;
}

/** A score as shown: up to two decimals, no grouping ("412.5", "682"; "412,5" in German). */
export function formatScore(n: number, locale: string = uiLocale()): string {
  return numberFormat(locale, 2, false).format(Math.round(n * 100) / 100);
}

/** A signed change: "+3.5", "−2", "0" (a real minus sign, as people write it). */
export function formatChange(n: number, locale: string = uiLocale()): string {
  const r = Math.round(n * 10) / 10;
  if (r === 0) return numberFormat(locale, 1, false).format(0);
  const digits = numberFormat(locale, 1, false).format(Math.abs(r));
  return r > 0 ? `+${digits}` : `−${digits}`;
}

/** A count with grouping ("1,204"; "1.204" in German). */
export function formatCount(n: number, locale: string = uiLocale()): string {
  return numberFormat(locale, 0, true).format(n);
}
