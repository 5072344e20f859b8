import { formatDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { formatRelative } from '../../lib/time';

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
    <time dateTime={iso} title={formatDateTime(iso)}>
      {text}
    </time>
  );
}
