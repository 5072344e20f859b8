/**
 * Chrome offscreen document: answers the background's auth* messages with an MsalHost, and asks
 * the background to run the web-auth flow (chrome.identity does not exist in the document).
 */
import browser from 'webextension-polyfill';
import { onMessage, sendMessage } from '../messaging';
import type { SenderLike } from '../sender';
import type { AuthHostApi } from './msal-host';

/** Path of the MV3 background service worker in the build (WXT). */
export const BACKGROUND_PATH = 'background.js';

/**
 * True only for our own extension's background service worker: our id, no tab, and the
 * worker's script URL (popup, options and other pages are refused).
 */
export function isOwnBackground(
  sender: SenderLike | undefined,
  ownId: string = browser.runtime.id,
  backgroundUrl: string = browser.runtime.getURL(BACKGROUND_PATH),
): boolean {
  if (!sender || sender.id !== ownId || sender.tab) return false;
  return sender.url === backgroundUrl;
}

function assertBackground(sender: SenderLike | undefined): void {
  if (!isOwnBackground(sender))
    throw new Error('Refused: auth host messages come from the background only');
}

/** Registers the auth* handlers (call once, synchronously, in the offscreen document). */
export function registerAuthHostHandlers(host: AuthHostApi): void {
  onMessage('authRestore', ({ data, sender }) => {
    assertBackground(sender);
    return host.restore(data);
  });
  onMessage('authSignIn', ({ data, sender }) => {
    assertBackground(sender);
    return host.signIn(data);
  });
  onMessage('authSignOut', ({ data, sender }) => {
    assertBackground(sender);
    return host.signOut(data);
  });
  onMessage('authGetToken', ({ data, sender }) => {
    assertBackground(sender);
    return host.getToken(data);
  });
}

/** MsalHostDeps.launchWebAuthFlow for the offscreen document: the background runs it. */
export async function launchViaBackground(url: string, interactive: boolean): Promise<string> {
  const res = await sendMessage('authLaunchWebAuthFlow', { url, interactive });
  if (!res.ok) throw new Error(res.error);
  return res.responseUrl;
}
