import { describe, expect, it } from 'vitest';
import { buildBackupFile, parseBackupFile, type SettingsEntries } from './backup-file';
import { DEFAULT_THRESHOLDS } from './settings';

const settings: SettingsEntries = {
  clientId: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
  cloud: 'global',
  pollIntervalMinutes: 15,
  pollConcurrency: 4,
  sources: { riskyUsers: false },
  thresholds: DEFAULT_THRESHOLDS,
  notifications: {
    enabled: true,
    minSeverity: 'high',
    types: { 'storage-space': true, 'backup-failure': true, 'bitlocker-reminder': false, 'security-alert': true },
  },
  portalUrlPatterns: ['https://*.syncromsp.com/*'],
  tenantMappings: [{ match: 'Northwind Traders', tenantId: '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b' }],
};
const ack = {
  dedupeKey: 't1|storage-space|ann@fabrikam.com',
  createdAt: '2026-12-01T10:00:00.000Z',
  acknowledgedAt: '2026-12-02T10:00:00.000Z',
  snoozedUntil: null,
  snoozeReason: null,
};

describe('settings file', () => {
  it('round-trips settings and acknowledgements', () => {
    const text = buildBackupFile(settings, [ack], new Date('2026-12-03T00:00:00Z'));
    const parsed = parseBackupFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.settings).toEqual(settings);
      expect(parsed.value.acknowledgements).toEqual([ack]);
    }
  });

  it.each([
    ['not json', '{', 'not valid JSON'],
    ['another file', JSON.stringify({ hello: 1 }), 'not a Tenant Lens settings file'],
    ['newer format', JSON.stringify({ format: 'tenant-lens-settings', version: 99 }), 'newer Tenant Lens'],
  ])('rejects %s with a clear message', (_name, text, message) => {
    const parsed = parseBackupFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('names the bad field', () => {
    const bad = JSON.parse(buildBackupFile(settings, [ack], new Date()));
    bad.settings.clientId = 'not-a-guid';
    const r1 = parseBackupFile(JSON.stringify(bad));
    expect(r1.ok ? '' : r1.error).toContain('settings.clientId');
    bad.settings.clientId = '';
    bad.settings.thresholds.mailboxPercent = 400;
    const r2 = parseBackupFile(JSON.stringify(bad));
    expect(r2.ok ? '' : r2.error).toContain('mailboxPercent');
    bad.settings.thresholds.mailboxPercent = 90;
    bad.acknowledgements = [{ ...ack, createdAt: 'yesterday' }];
    const r3 = parseBackupFile(JSON.stringify(bad));
    expect(r3.ok ? '' : r3.error).toContain('acknowledgements[0]');
  });
});
