/**
 * Parses the times the portal shows ("34m ago", "2 hours ago", "just now", "yesterday",
 * "Dec 3, 2026 1:14 PM", "2026-11-30 14:02", "11/30/2026 2:02 PM", "Never") into a
 * `PageTime` relative to a given `now`. Never throws; what it cannot read is `value: null`
 * with a reason. No date library: plain `Date` (absolute dates without a zone are read in
 * the browser's local zone, as the portal renders them for the technician).
 */
import { cleanText, NO_TIME_TEXTS, normalizeText } from './labels';
import type { Field, PageTime } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  w: 7 * DAY,
  wk: 7 * DAY,
  wks: 7 * DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
  mo: 30 * DAY,
  mos: 30 * DAY,
  month: 30 * DAY,
  months: 30 * DAY,
  y: 365 * DAY,
  yr: 365 * DAY,
  yrs: 365 * DAY,
  year: 365 * DAY,
  years: 365 * DAY,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const NO_TIME = new Set(NO_TIME_TEXTS.map(normalizeText).concat(['', 'n a', 'never backed up']));

/** Longest text we try to read as a time (a longer text is prose, not a timestamp). */
const MAX_TIME_TEXT = 80;

/**
 * Reads one time text. Returns `{ value: { text, at }, raw }` when it denotes an instant,
 * `{ value: null, raw, reason }` otherwise ("never" for Never/N/A, "unrecognised time
 * format", "invalid date", "empty").
 */
export function parsePageTime(text: string | null | undefined, now: Date): Field<PageTime> {
  try {
    if (text == null) return { value: null, raw: null, reason: 'no text' };
    const raw = cleanText(String(text));
    if (!raw) return { value: null, raw: '', reason: 'empty' };
    if (raw.length > MAX_TIME_TEXT) return { value: null, raw, reason: 'text too long for a time' };
    // A sign ("-5m ago") or markup-like text is not a time the portal shows.
    if (/^[-+\u2212\u2013]\s*\d/.test(raw) || /[<>{}]/.test(raw)) {
      return { value: null, raw, reason: 'unrecognised time format' };
    }
    const n = normalizeText(raw);
    if (NO_TIME.has(n) || /^(never|n a|none)\b/.test(n)) {
      return { value: null, raw, reason: 'never' };
    }
    const nowMs = now.getTime();
    if (!Number.isFinite(nowMs)) return { value: null, raw, reason: 'invalid now' };
    const ms = relativeMs(n) ?? absoluteMs(raw, now);
    if (ms === null) return { value: null, raw, reason: 'unrecognised time format' };
    if (!Number.isFinite(ms)) return { value: null, raw, reason: 'invalid date' };
    const at = new Date(ms);
    if (Number.isNaN(at.getTime())) return { value: null, raw, reason: 'invalid date' };
    return { value: { text: raw, at: at.toISOString() }, raw };
  } catch {
    return { value: null, raw: typeof text === 'string' ? text : null, reason: 'unreadable time' };
  }

  // Relative forms; returns the instant in ms, or null when the text is not relative.
  function relativeMs(n: string): number | null {
    const t = now.getTime();
    if (
      /^(just now|now|right now|moments? ago|a moment ago|seconds ago|a few seconds ago|less than a minute( ago)?|under a minute ago)$/.test(
        n,
      )
    ) {
      return t;
    }
    if (n === 'today') return t;
    if (n === 'yesterday') return t - DAY;
    // "today at 1:14 pm", "yesterday 9:14 am"
    const dayAt = /^(today|yesterday)( at)? (\d{1,2})(?: (\d{2}))?(?: (am|pm))?$/.exec(
      n.replace(/(\d):(\d)/, '$1 $2'),
    );
    if (dayAt) {
      const base = new Date(t);
      if (dayAt[1] === 'yesterday') base.setDate(base.getDate() - 1);
      const hm = toHourMinute(dayAt[3], dayAt[4], dayAt[5]);
      if (!hm) return Number.NaN;
      base.setHours(hm[0], hm[1], 0, 0);
      return base.getTime();
    }
    // "34m ago", "2 hours ago", "about 2 hours ago", "a minute ago", "an hour ago",
    // "1 hr 5 min ago", "in 5 minutes", "3d", "over 1 year ago"
    let s = n;
    const ago = s.endsWith(' ago');
    if (ago) s = s.slice(0, -4);
    s = s.replace(/^(about|around|over|almost|nearly|approx|approximately) /, '');
    const future = s.startsWith('in ');
    if (future) s = s.slice(3);
    if (ago === future && !(ago === false && /^\d/.test(s))) return null;
    if (!/^(?:(?:\d+(?:\.\d+)?|an?|one) ?[a-z]+(?: and)?(?: |$))+$/.test(s)) return null;
    const re = /(\d+(?:\.\d+)?|an?|one) ?([a-z]+)/g;
    let total = 0;
    let matched = 0;
    for (let p = re.exec(s); p; p = re.exec(s)) {
      if (p[2] === 'and') continue;
      const unit = UNIT_MS[p[2] ?? ''];
      if (unit === undefined) return null;
      const count = /^\d/.test(p[1] ?? '') ? Number(p[1]) : 1;
      total += count * unit;
      matched++;
    }
    if (!matched) return null;
    // A bare "3d" / "34m" (no "ago") is read as past, as the portal shows ages.
    return future ? t + total : t - total;
  }
}

function toHourMinute(h?: string, min?: string, ampm?: string): [number, number] | null {
  let hour = Number(h);
  const minute = min ? Number(min) : 0;
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'pm' && hour !== 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
  } else if (hour > 23) return null;
  return [hour, minute];
}

function localMs(y: number, mo: number, d: number, hm: [number, number] | null, sec = 0): number {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || y < 1970 || y > 9999) return Number.NaN;
  const date = new Date(y, mo, d, hm?.[0] ?? 0, hm?.[1] ?? 0, sec, 0);
  // Reject overflow such as Feb 31.
  if (date.getMonth() !== mo || date.getDate() !== d) return Number.NaN;
  return date.getTime();
}

/** Absolute forms; ms, NaN for an impossible date, null when not a date at all. */
function absoluteMs(raw: string, now: Date): number | null {
  // ISO 8601 with a zone: let Date read it.
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/i.test(raw.trim())) {
    const ms = Date.parse(raw.trim());
    return Number.isNaN(ms) ? Number.NaN : ms;
  }
  const s = raw
    .toLowerCase()
    .replace(/,/g, ' ')
    .replace(/\bat\b/g, ' ')
    .replace(/(\d)(am|pm)\b/g, '$1 $2')
    .replace(/\b([ap])\.m\.?/g, '$1m')
    .replace(/^(\d{4}-\d{1,2}-\d{1,2})t/, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
  const time = String.raw`(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: (am|pm))?)?(?: ([a-z]{2,5}|utc|gmt))?`;
  // 2026-11-30 14:02[:05]
  let m = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${time}$`).exec(s);
  if (m) return withTime(Number(m[1]), Number(m[2]) - 1, Number(m[3]), m, 4);
  // 11/30/2026 2:02 pm (US order; day-first when the first number cannot be a month)
  m = new RegExp(String.raw`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})${time}$`).exec(s);
  if (m) {
    let mo = Number(m[1]);
    let d = Number(m[2]);
    if (mo > 12 && d <= 12) [mo, d] = [d, mo];
    return withTime(Number(m[3]), mo - 1, d, m, 4);
  }
  // Dec 3 2026 1:14 pm / December 3rd, 2026 / Dec 3 (this year)
  m = new RegExp(
    String.raw`^(?:[a-z]{3,9} )?([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?${time}$`,
  ).exec(s);
  if (m) {
    const mo = monthIndex(m[1]);
    if (mo === null) return null;
    const y = m[3] ? Number(m[3]) : now.getFullYear();
    return withTime(y, mo, Number(m[2]), m, 4);
  }
  // 3 Dec 2026 13:14
  m = new RegExp(String.raw`^(?:[a-z]{3,9} )?(\d{1,2}) ([a-z]{3,9})\.?(?: (\d{4}))?${time}$`).exec(
    s,
  );
  if (m) {
    const mo = monthIndex(m[2]);
    if (mo === null) return null;
    const y = m[3] ? Number(m[3]) : now.getFullYear();
    return withTime(y, mo, Number(m[1]), m, 4);
  }
  return null;
}

function withTime(y: number, mo: number, d: number, m: RegExpExecArray, i: number): number {
  const zone = m[i + 4];
  if (zone && !/^(utc|gmt|z)$/.test(zone)) {
    // A named zone other than UTC cannot be resolved without a zone database.
    return Number.NaN;
  }
  let hm: [number, number] | null = null;
  if (m[i] !== undefined) {
    hm = toHourMinute(m[i], m[i + 1], m[i + 3]);
    if (!hm) return Number.NaN;
  } else if (m[i + 3]) return Number.NaN;
  const sec = m[i + 2] ? Number(m[i + 2]) : 0;
  if (sec > 59) return Number.NaN;
  if (zone) {
    if (mo < 0 || mo > 11 || d < 1 || d > 31) return Number.NaN;
    const ms = Date.UTC(y, mo, d, hm?.[0] ?? 0, hm?.[1] ?? 0, sec);
    const check = new Date(ms);
    return check.getUTCDate() === d ? ms : Number.NaN;
  }
  return localMs(y, mo, d, hm, sec);
}

function monthIndex(word: string | undefined): number | null {
  if (!word || word.length < 3) return null;
  const i = MONTHS.indexOf(word.slice(0, 3));
  if (i < 0) return null;
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ][i] as string;
  // "Dec", "Dec.", "December", "Sept" are months; "decoy" is not.
  return full.startsWith(word) || (word === 'sept' && i === 8) ? i : null;
}
