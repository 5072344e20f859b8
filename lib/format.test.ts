/** Panel numbers follow the UI language; host attributes ask for plain English digits. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatChange, formatCount, formatScore } from './format';

describe('panel number formats', () => {
  it('reads as English by default in tests', () => {
    expect(formatScore(412.456)).toBe('412.46');
    expect(formatScore(1682)).toBe('1682');
    expect(formatChange(3.46)).toBe('+3.5');
    expect(formatChange(-2)).toBe('−2');
    expect(formatChange(0.01)).toBe('0');
    expect(formatCount(1204)).toBe('1,204');
  });

  it("follows the browser's UI language, unless a locale is given", () => {
    const english = fakeBrowser.i18n.getUILanguage;
    fakeBrowser.i18n.getUILanguage = () => 'de';
    try {
      expect(formatScore(412.5)).toBe('412,5');
      expect(formatChange(-2.5)).toBe('−2,5');
      expect(formatCount(1204)).toBe('1.204');
      expect(formatScore(412.5, 'en')).toBe('412.5');
    } finally {
      fakeBrowser.i18n.getUILanguage = english;
    }
  });
});
