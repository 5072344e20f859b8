import type { AlertRecord } from '../store/types';

export const ALERT_TYPE_LABELS = {
  'storage-space': 'Storage Space',
  'backup-failure': 'Backup Failure',
  'bitlocker-reminder': 'BitLocker Reminder',
  'security-alert': 'Security Alert',
} as const;

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
  const header = ['Type', 'Severity', 'Tenant', 'Title', 'Detail', 'Created', 'Last seen', 'Acknowledged', 'Snoozed until', 'Snooze reason', 'Link'];
  const lines = rows.map((a) =>
    [
      ALERT_TYPE_LABELS[a.type],
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
