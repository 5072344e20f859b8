/**
 * Human relative times for the UI ("34 min ago", "3 hr ago", "2 days ago"), shared by the
 * panels, popup and alert texts. Plain `Intl.RelativeTimeFormat`, no date library, in the
 * browser's UI language.
 */
import { t, uiLocale } from './i18n';

/** Options of `formatRelative`. */
export interface FormatRelativeOptions {
  /** BCP 47 locale; default the browser's UI language. */
  locale?: string;
  /** Intl style; default "short" ("34 min ago"). */
  style?: 'long' | 'short' | 'narrow';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long ago (or ahead) `fromIso` is, seen from `now`: "just now" under a minute,
 * then minutes, hours, days (up to 13), weeks, months, years. Returns "" for an
 * unreadable date, never throws.
 */
export function formatRelative(
  fromIso: string | Date | null | undefined,
  now: Date = new Date(),
  options: FormatRelativeOptions = {},
): string {
  try {
    if (fromIso == null) return '';
    const from = fromIso instanceof Date ? fromIso.getTime() : Date.parse(fromIso);
    const diff = from - now.getTime();
    if (!Number.isFinite(diff)) return '';
    const abs = Math.abs(diff);
    const locale = options.locale ?? uiLocale();
    const style = options.style ?? 'short';
    if (abs < 60_000)
      // The catalogue's "just now" is in the UI language; another locale gets Intl's "now".
      return language(locale) === language(uiLocale())
        ? t('time_justNow')
        : format(locale, style, 0, 'second');
    for (const [unit, ms] of UNITS) {
      // Days up to two weeks read better than "1 wk ago".
      if (unit === 'week' && abs < 14 * 86_400_000) continue;
      if (abs >= ms) return format(locale, style, Math.trunc(diff / ms), unit);
    }
    return format(locale, style, Math.trunc(diff / 60_000), 'minute');
  } catch {
    return '';
  }
}

/** The language subtag of a locale ("de" of "de-AT"). */
function language(locale: string): string {
  return locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

function format(
  locale: string,
  style: 'long' | 'short' | 'narrow',
  value: number,
  unit: Intl.RelativeTimeFormatUnit,
): string {
  const key = `${locale}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    formatters.set(key, f);
  }
  const text = f.format(value, unit);
  // English short style abbreviates with a period ("34 min. ago"); drop it.
  return locale.startsWith('en') ? text.replace(/\b(min|hr|sec|wk|mo|yr)\./g, '$1') : text;
}
