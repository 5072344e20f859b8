import { t } from '../i18n';
import type { AlertRecord } from '../store/types';
import { alertTypeLabel } from './labels';

/**
 * One CSV cell: quoted when needed; cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) get a leading apostrophe, since alert text comes from tenants.
 */
function cell(value: string | null | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The shown alerts as CSV (RFC 4180, CRLF line ends, header row). */
export function alertsToCsv(rows: AlertRecord[]): string {
  const header = [
    t('csv_type'),
    t('csv_severity'),
    t('csv_tenant'),
    t('csv_title'),
    t('csv_detail'),
    t('csv_created'),
    t('csv_lastSeen'),
    t('csv_acknowledged'),
    t('csv_snoozedUntil'),
    t('csv_snoozeReason'),
    t('csv_link'),
  ].map(cell);
  const lines = rows.map((a) =>
    [
      alertTypeLabel(a.type),
      a.severity,
      a.tenantName,
      a.title,
      a.detail,
      a.createdAt,
      a.lastSeenAt,
      a.acknowledgedAt ?? '',
      a.snoozedUntil ?? '',
      a.snoozeReason ?? '',
      a.links[0]?.href ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
