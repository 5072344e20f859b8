import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../store/types';
import { planNotification } from './notifications';

const now = new Date('2026-12-03T12:00:00Z');
const settings = {
  enabled: true,
  minSeverity: 'high' as const,
  types: { 'storage-space': true, 'backup-failure': true, 'bitlocker-reminder': true, 'security-alert': true },
};
const alert = (id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  dedupeKey: id,
  tenantId: 't1',
  syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam',
  tenantName: 'Fabrikam',
  type: 'security-alert',
  severity: 'high',
  title: `Alert ${id}`,
  detail: 'detail',
  subject: id,
  createdAt: now.toISOString(),
  lastSeenAt: now.toISOString(),
  resolvedAt: null,
  acknowledgedAt: null,
  snoozedUntil: null,
  snoozeReason: null,
  links: [],
  open: 1,
  acknowledged: 0,
  ...over,
});

describe('planNotification', () => {
  it('makes one notification for a burst, pointing at the shared tenant page', () => {
    const plan = planNotification([alert('a'), alert('b'), alert('c')], settings, now);
    expect(plan?.title).toBe('3 new alerts in Fabrikam');
    expect(plan?.items).toHaveLength(3);
    expect(plan?.target).toBe('https://acme.syncromsp.com/tenants/fabrikam');
  });
  it('opens the popup when the alerts span several tenant pages', () => {
    const plan = planNotification([alert('a'), alert('b', { syncroKey: 'https://acme.syncromsp.com/tenants/x', tenantName: 'X' })], settings, now);
    expect(plan?.target).toBeNull();
    expect(plan?.title).toBe('2 new alerts in 2 tenants');
  });
  it('skips low severities, switched-off types, acknowledged and snoozed alerts', () => {
    const off = { ...settings, types: { ...settings.types, 'storage-space': false } };
    expect(
      planNotification(
        [
          alert('a', { severity: 'medium' }),
          alert('b', { type: 'storage-space' }),
          alert('c', { acknowledgedAt: now.toISOString() }),
          alert('d', { snoozedUntil: '2026-12-10T00:00:00Z' }),
        ],
        off,
        now,
      ),
    ).toBeNull();
    expect(planNotification([alert('a')], { ...settings, enabled: false }, now)).toBeNull();
  });
});
