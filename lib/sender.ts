import { browser } from 'wxt/browser';

/** Who sent a runtime message. */
export type SenderKind = 'extension-page' | 'auth-host' | 'portal-content' | 'foreign';

/** Minimal sender shape (browser.runtime.MessageSender). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

/** True for https://*.syncromsp.com (including *.shield.syncromsp.com). */
export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'syncromsp.com' || u.hostname.endsWith('.syncromsp.com'));
  } catch {
    return false;
  }
}

/**
 * Classifies a message sender. Only our own extension id counts; content scripts count only
 * on portal origins; the auth host is our offscreen document.
 * `extensionOrigin` is `browser.runtime.getURL('')` (passed in for tests).
 */
export function senderKind(
  sender: SenderLike,
  ownId: string = browser.runtime.id,
  extensionOrigin: string = browser.runtime.getURL(''),
): SenderKind {
  if (!sender || sender.id !== ownId) return 'foreign';
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) {
    const path = url.slice(extensionOrigin.length).split(/[?#]/)[0];
    return path === 'offscreen.html' ? 'auth-host' : 'extension-page';
  }
  if (sender.tab && isPortalUrl(sender.url ?? sender.tab.url)) return 'portal-content';
  return 'foreign';
}

/** Throws unless the sender is one of `allowed` (handlers call this first). */
export function assertSender(sender: SenderLike, ...allowed: SenderKind[]): SenderKind {
  const kind = senderKind(sender);
  if (!allowed.includes(kind)) throw new Error(`Refused: message from ${kind} sender`);
  return kind;
}
