import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '../public/_locales/en/messages.json';
import { t, uiLocale } from './i18n';

type Message = { message: string; placeholders?: Record<string, { content: string }> };
const catalogue = messages as Record<string, Message>;

/** Source text of the extension (not its tests), where message keys are used. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)
      ? [readFileSync(path, 'utf8')]
      : [];
  });
}

describe('messages.json', () => {
  it('declares exactly the placeholders each message uses, numbered $1.. in order', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]);
      const declared = Object.keys(entry.placeholders ?? {});
      expect(new Set(used), key).toEqual(new Set(declared));
      expect(
        declared.map((name) => entry.placeholders?.[name]?.content),
        key,
      ).toEqual(declared.map((_, i) => `$${i + 1}`));
    }
  });

  it('holds no message the code does not use', () => {
    const code = [
      ...sources('lib'),
      ...sources('components'),
      ...sources('entrypoints'),
      readFileSync('wxt.config.ts', 'utf8'),
    ].join('\n');
    const unused = Object.keys(catalogue).filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });
});

describe('t', () => {
  it('fills placeholders in argument order', () => {
    expect(t('panel_points', '412.5', 760)).toBe('412.5 / 760 points');
    expect(t('panel_unresolved', 'Contoso', 'no match')).toBe(
      'Tenant Lens could not tell which Microsoft tenant “Contoso” is (no match).',
    );
  });
});

describe('where the browser gives no chrome.i18n (Chrome offscreen documents)', () => {
  it('t() yields nothing and uiLocale() falls back to the page language', () => {
    const b = fakeBrowser as unknown as { i18n: unknown };
    const i18n = b.i18n;
    b.i18n = undefined;
    try {
      expect(t('auth_consentRequired')).toBe('');
      expect(uiLocale()).toBe(globalThis.navigator?.language || 'en');
    } finally {
      b.i18n = i18n;
    }
    expect(t('auth_consentRequired')).toContain('consented');
  });
});
