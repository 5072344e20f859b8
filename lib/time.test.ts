/** formatRelative: human phrases for the UI. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatRelative } from './time';

const NOW = new Date('2026-12-03T16:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('formatRelative', () => {
  it('gives short English phrases', () => {
    expect(formatRelative(ago(10_000), NOW)).toBe('just now');
    expect(formatRelative(ago(34 * M), NOW)).toBe('34 min ago');
    expect(formatRelative(ago(3 * H), NOW)).toBe('3 hr ago');
    expect(formatRelative(ago(2 * D), NOW)).toBe('2 days ago');
    expect(formatRelative(ago(D + H), NOW)).toBe('yesterday');
    expect(formatRelative(ago(10 * D), NOW)).toBe('10 days ago');
    expect(formatRelative(ago(21 * D), NOW)).toBe('3 wk ago');
    expect(formatRelative(ago(400 * D), NOW)).toBe('last yr');
    expect(formatRelative(new Date(NOW.getTime() + 5 * M).toISOString(), NOW)).toBe('in 5 min');
  });

  it('honours style and locale', () => {
    expect(formatRelative(ago(34 * M), NOW, { style: 'long' })).toBe('34 minutes ago');
    expect(formatRelative(ago(3 * H), NOW, { style: 'narrow' })).toMatch(/^3\s?h/);
    expect(formatRelative(ago(2 * D), NOW, { locale: 'de', style: 'long' })).toBe('vorgestern');
  });

  it("speaks the browser's UI language by default", () => {
    const english = fakeBrowser.i18n.getUILanguage;
    fakeBrowser.i18n.getUILanguage = () => 'de-AT';
    try {
      expect(formatRelative(ago(2 * D), NOW, { style: 'long' })).toBe('vorgestern');
      expect(formatRelative(ago(5 * H), NOW, { style: 'long' })).toBe('vor 5 Stunden');
      // Under a minute: the catalogue's phrase in the UI language, Intl's word in another one.
      expect(formatRelative(ago(10_000), NOW)).toBe('just now');
      expect(formatRelative(ago(10_000), NOW, { locale: 'fr' })).toBe('maintenant');
    } finally {
      fakeBrowser.i18n.getUILanguage = english;
    }
  });

  it('accepts a Date and never throws', () => {
    expect(formatRelative(new Date(NOW.getTime() - 2 * H), NOW)).toBe('2 hr ago');
    expect(formatRelative('not a date', NOW)).toBe('');
    expect(formatRelative(null, NOW)).toBe('');
    expect(formatRelative(ago(H), NOW, { locale: 'xx-invalid-!!' })).toBe('');
  });
});
