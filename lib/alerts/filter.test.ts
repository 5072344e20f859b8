import { describe, expect, it } from 'vitest';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../settings';
import type { AlertRecord } from '../store/types';
import { alertsToCsv } from './csv';
import { applyFilters, createdWindow, isActive, matchesFilters, narrows } from './filter';

const now = new Date(2026, 11, 3, 12, 0, 0); // local time
const mk = (id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  dedupeKey: id,
  tenantId: 't1',
  syncroKey: null,
  tenantName: 'Fabrikam',
  type: 'security-alert',
  severity: 'high',
  title: id,
  detail: '',
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
const f = (over: Partial<PopupFilters>): PopupFilters => ({ ...DEFAULT_POPUP_FILTERS, ...over });
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

describe('filters', () => {
  it('Type narrows to the chosen types', () => {
    const list = [mk('a'), mk('b', { type: 'storage-space' })];
    expect(applyFilters(list, f({ types: ['storage-space'] }), now).map((a) => a.id)).toEqual([
      'b',
    ]);
    expect(applyFilters(list, f({}), now)).toHaveLength(2);
  });
  it('Created: last week, month and year', () => {
    const list = [
      mk('d6', { createdAt: daysAgo(6) }),
      mk('d8', { createdAt: daysAgo(8) }),
      mk('d40', { createdAt: daysAgo(40) }),
      mk('d400', { createdAt: daysAgo(400) }),
    ];
    expect(applyFilters(list, f({ created: 'last-week' }), now).map((a) => a.id)).toEqual(['d6']);
    expect(applyFilters(list, f({ created: 'last-month' }), now).map((a) => a.id)).toEqual([
      'd6',
      'd8',
    ]);
    expect(applyFilters(list, f({ created: 'last-year' }), now).map((a) => a.id)).toEqual([
      'd6',
      'd8',
      'd40',
    ]);
  });
  it('Created: a custom range includes both whole end days and nothing outside', () => {
    const at = (y: number, m: number, d: number, h: number, min = 0) =>
      new Date(y, m - 1, d, h, min).toISOString();
    const list = [
      mk('before', { createdAt: at(2026, 11, 30, 23, 59) }),
      mk('start', { createdAt: at(2026, 12, 1, 0, 0) }),
      mk('end', { createdAt: at(2026, 12, 2, 23, 59) }),
      mk('after', { createdAt: at(2026, 12, 3, 0, 0) }),
    ];
    const custom = f({ created: 'custom', from: '2026-12-01', to: '2026-12-02' });
    expect(
      applyFilters(list, custom, now)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['end', 'start']);
    expect(createdWindow({ created: 'custom', from: null, to: null }, now)).toEqual({
      from: null,
      to: null,
    });
    expect(
      applyFilters(list, f({ created: 'custom', from: '2026-12-02', to: null }), now)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['after', 'end']);
  });
  it('tenant and severity', () => {
    const list = [mk('a'), mk('b', { tenantId: 't2', severity: 'low' })];
    expect(applyFilters(list, f({ tenantIds: ['t2'] }), now).map((a) => a.id)).toEqual(['b']);
    expect(applyFilters(list, f({ severities: ['high'] }), now).map((a) => a.id)).toEqual(['a']);
  });
  it('Acknowledged box shows acknowledged alerts; snoozed and resolved stay hidden', () => {
    const ack = mk('ack', { acknowledgedAt: now.toISOString(), acknowledged: 1 });
    const snoozed = mk('snz', { snoozedUntil: daysAgo(-3) });
    const expired = mk('exp', { snoozedUntil: daysAgo(1) });
    const resolved = mk('res', { resolvedAt: now.toISOString(), open: 0 });
    expect(applyFilters([ack, snoozed, expired, resolved], f({}), now).map((a) => a.id)).toEqual([
      'exp',
    ]);
    expect(matchesFilters(ack, f({ showAcknowledged: true }), now)).toBe(true);
    expect(isActive(expired, now)).toBe(true);
    expect(isActive(snoozed, now)).toBe(false);
  });
  it('sorts newest first', () => {
    expect(
      applyFilters(
        [mk('old', { createdAt: daysAgo(2) }), mk('new', { createdAt: daysAgo(1) })],
        f({}),
        now,
      ).map((a) => a.id),
    ).toEqual(['new', 'old']);
  });
});

describe('CSV export', () => {
  it('quotes, escapes and defuses formulas', () => {
    const csv = alertsToCsv([
      mk('a', { title: 'Say "hi", then', detail: '=HYPERLINK("x")', tenantName: 'A\nB' }),
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'Type,Severity,Tenant,Title,Detail,Created,Last seen,Acknowledged,Snoozed until,Snooze reason,Link',
    );
    expect(row).toContain('Security Alert,high,"A\nB","Say ""hi"", then","\'=HYPERLINK(""x"")"');
  });
});

describe('ordering', () => {
  it('puts the most severe first among alerts raised together', () => {
    const at = now.toISOString();
    const list = [
      mk('m', { severity: 'medium', createdAt: at }),
      mk('h', { severity: 'high', createdAt: at }),
      mk('old', { createdAt: daysAgo(1) }),
    ];
    expect(applyFilters(list, f({}), now).map((a) => a.id)).toEqual(['h', 'm', 'old']);
  });
});

describe('narrows', () => {
  it('is true exactly when the new filters show a subset of what the old ones show', () => {
    expect(narrows(f({ types: ['storage-space'] }), f({}), now)).toBe(true);
    expect(narrows(f({}), f({ types: ['storage-space'] }), now)).toBe(false);
    expect(narrows(f({ types: ['backup-failure'] }), f({ types: ['storage-space'] }), now)).toBe(false);
    expect(narrows(f({ severities: ['high'], tenantIds: ['t1'] }), f({}), now)).toBe(true);
    expect(narrows(f({ showAcknowledged: false }), f({ showAcknowledged: true }), now)).toBe(true);
    expect(narrows(f({ showAcknowledged: true }), f({ showAcknowledged: false }), now)).toBe(false);
    expect(narrows(f({ created: 'last-week' }), f({ created: 'last-month' }), now)).toBe(true);
    expect(narrows(f({ created: 'last-year' }), f({ created: 'last-month' }), now)).toBe(false);
    expect(narrows(f({ created: 'any' }), f({ created: 'last-week' }), now)).toBe(false);
    const custom = f({ created: 'custom', from: '2026-11-01', to: '2026-11-10' });
    expect(narrows(f({ created: 'custom', from: '2026-11-02', to: '2026-11-09' }), custom, now)).toBe(true);
    expect(narrows(f({ created: 'custom', from: '2026-10-30', to: '2026-11-09' }), custom, now)).toBe(false);
    expect(narrows(f({ created: 'custom', from: null, to: '2026-11-09' }), custom, now)).toBe(false);
  });
});
