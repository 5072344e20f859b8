// @vitest-environment happy-dom
/** parsePageTime: the times the portal shows, relative to a given now. */
import { describe, expect, it } from 'vitest';
import { parsePageTime } from '../../lib/portal/time';

process.env.TZ = 'UTC';
const NOW = new Date('2026-12-03T16:00:00Z');
const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('parsePageTime', () => {
  const cases: [string, string][] = [
    ['34m ago', ago(34 * M)],
    ['34 min ago', ago(34 * M)],
    ['34 mins ago', ago(34 * M)],
    ['2 hours ago', ago(2 * H)],
    ['2h ago', ago(2 * H)],
    ['about 2 hours ago', ago(2 * H)],
    ['1 hr 5 min ago', ago(65 * M)],
    ['just now', ago(0)],
    ['Just now', ago(0)],
    ['less than a minute ago', ago(0)],
    ['3d ago', ago(3 * D)],
    ['3d', ago(3 * D)],
    ['a minute ago', ago(M)],
    ['an hour ago', ago(H)],
    ['yesterday', ago(D)],
    ['5 minutes ago', ago(5 * M)],
    ['2 weeks ago', ago(14 * D)],
    ['in 5 minutes', new Date(NOW.getTime() + 5 * M).toISOString()],
    ['today at 1:14 PM', '2026-12-03T13:14:00.000Z'],
    ['Dec 3, 2026 1:14 PM', '2026-12-03T13:14:00.000Z'],
    ['Oct 2, 2026 9:14 AM', '2026-10-02T09:14:00.000Z'],
    ['December 3rd, 2026 at 12:05 AM', '2026-12-03T00:05:00.000Z'],
    ['Thu, Dec 3, 2026 1:14 PM', '2026-12-03T13:14:00.000Z'],
    ['3 Dec 2026 13:14', '2026-12-03T13:14:00.000Z'],
    ['2026-11-30 14:02', '2026-11-30T14:02:00.000Z'],
    ['2026-11-30T14:02:00Z', '2026-11-30T14:02:00.000Z'],
    ['11/30/2026 2:02 PM', '2026-11-30T14:02:00.000Z'],
    ['30/11/2026 14:02', '2026-11-30T14:02:00.000Z'],
    ['Dec 3, 2026 1:14 PM UTC', '2026-12-03T13:14:00.000Z'],
  ];
  for (const [text, at] of cases) {
    it(`"${text}"`, () => {
      expect(parsePageTime(text, NOW)).toEqual({ value: { text, at }, raw: text });
    });
  }

  it('"Never" and placeholders are null with reason "never"', () => {
    for (const t of ['Never', 'never', 'N/A', '—', '-', 'Not yet']) {
      expect(parsePageTime(t, NOW)).toEqual({ value: null, raw: t, reason: 'never' });
    }
  });

  it('unreadable texts are null with a reason, never a guess', () => {
    for (const t of [
      'yesterday-ish',
      'the day before tomorrow',
      '-5m ago',
      'soon',
      'Exchange',
      '<b>3h ago</b>',
      '12',
    ]) {
      const f = parsePageTime(t, NOW);
      expect(f.value, t).toBeNull();
      expect(f.reason).toBe('unrecognised time format');
    }
    expect(parsePageTime('Feb 30, 2026 1:00 PM', NOW).reason).toBe('invalid date');
    expect(parsePageTime('Dec 3, 2026 25:61 PM', NOW).reason).toBe('invalid date');
    expect(parsePageTime('Dec 3, 2026 1:14 PM EST', NOW).value).toBeNull();
    expect(parsePageTime('', NOW)).toEqual({ value: null, raw: '', reason: 'empty' });
    expect(parsePageTime(null, NOW)).toEqual({ value: null, raw: null, reason: 'no text' });
    expect(parsePageTime('x'.repeat(500), NOW).reason).toBe('text too long for a time');
  });

  it('never throws', () => {
    expect(() => parsePageTime('3h ago', new Date(Number.NaN))).not.toThrow();
    expect(parsePageTime('3h ago', new Date(Number.NaN)).value).toBeNull();
    expect(() => parsePageTime({} as unknown as string, NOW)).not.toThrow();
  });
});
