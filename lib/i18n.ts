import browser from 'webextension-polyfill';

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
  return browser.i18n.getMessage(key, substitutions.map(String));
}
