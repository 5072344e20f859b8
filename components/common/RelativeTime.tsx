import { t, uiLocale } from '../../lib/i18n';
import { formatRelative } from '../../lib/time';

/** One formatter per locale: making one costs more than formatting with it. */
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/** Absolute local date and time for a tooltip, e.g. "Dec 3, 2026, 4:10 PM". */
export function formatAbsolute(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const locale = uiLocale();
  let f = absoluteFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    absoluteFormats.set(locale, f);
  }
  return f.format(at);
}

/** A `<time>` reading as people say it ("34 min ago"), with the absolute time as its tooltip. */
export function RelativeTime({
  iso,
  now,
  fallback = t('time_unknown'),
}: {
  iso: string | null | undefined;
  now: number;
  fallback?: string;
}) {
  const text = iso ? formatRelative(iso, new Date(now)) : '';
  if (!iso || !text) return <span>{fallback}</span>;
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {text}
    </time>
  );
}
