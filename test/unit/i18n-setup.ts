/**
 * Vitest setup: WXT's fake browser has no i18n, so `browser.i18n.getMessage` reads the real
 * English catalogue here, with chrome.i18n's placeholder rules; component tests keep asserting
 * the English text users see.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '../../public/_locales/en/messages.json';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** chrome.i18n.getMessage over `catalogue`: named placeholders, then $1..$9, then "$$". */
export function getMessage(
  catalogue: Record<string, Message>,
  key: string,
  substitutions?: string | string[],
): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const subs =
    substitutions === undefined
      ? []
      : Array.isArray(substitutions)
        ? substitutions
        : [substitutions];
  const positional = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [
      name.toLowerCase(),
      positional(p.content),
    ]),
  );
  return entry.message
    .replace(
      /\$([A-Za-z0-9_@]+)\$/g,
      (whole, name: string) => placeholders[name.toLowerCase()] ?? whole,
    )
    .replace(/\$\$/g, '$');
}

fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
  getMessage(messages as Record<string, Message>, key, subs)) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
