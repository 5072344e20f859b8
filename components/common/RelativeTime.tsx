import { t, uiLocale } from '../../lib/i18n';
import { formatRelative } from '../../lib/time';

/** Absolute local date and time for a tooltip, e.g. "Dec 3, 2026, 4:10 PM". */
export function formatAbsolute(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : at.toLocaleString(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });
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
