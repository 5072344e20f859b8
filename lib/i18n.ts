import { browser } from 'wxt/browser';

/**
 * Every message name in `public/_locales/en/messages.json`. A type-only import: the JSON is
 * never bundled (the content script stays small); the browser reads the catalogue itself.
 */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/**
 * The user-facing text for `key` in the browser's UI language (falls back to English, the
 * default locale). `substitutions` fill the message's placeholders in order ($1, $2, ...).
 * A translation is one more `public/_locales/<lang>/messages.json`; no code changes.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  // Offscreen documents get chrome.runtime only, no chrome.i18n: "" there, and whoever
  // shows the text words it (the background re-words auth failures by code, lib/auth/errors.ts).
  if (!browser.i18n?.getMessage) return '';
  return browser.i18n.getMessage(key, substitutions.map(String));
}

/**
 * The browser's UI language as a BCP 47 tag ("en-US", "de"): the locale for `Intl` dates,
 * numbers and relative times, so they read the way the rest of the UI does.
 */
export function uiLocale(): string {
  try {
    return browser.i18n?.getUILanguage?.() || globalThis.navigator?.language || 'en';
  } catch {
    return 'en';
  }
}

/**
 * Titles an extension page and declares its language from the catalogue (HTML pages cannot
 * use `__MSG_x__`; only the manifest and CSS can).
 */
export function localizeDocument(doc: Document, titleKey: MessageKey): void {
  doc.title = t(titleKey);
  doc.documentElement.lang = uiLocale();
}
