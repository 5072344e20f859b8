/**
 * Microsoft sign-in and access tokens behind one TokenSource.
 *
 * Background wiring (entrypoints/background.ts, synchronously in main):
 *   const tokenSource = createTokenSource();
 *   registerAuthHandlers(tokenSource, { onSignedIn, onSignedOut });
 */
import { createInBackgroundTokenSource } from './in-background';
import { OffscreenHostClient } from './offscreen-client';
import { HostTokenSource } from './token-source';
import { extensionRedirectUri } from './web-auth-flow';

export { type AuthHandlerCallbacks, registerAuthHandlers } from './background';
export { cloudEndpoints, graphDefaultScope, signInScopes } from './clouds';
export { mapMsalError } from './errors';
export { HostTokenSource } from './token-source';
export * from './types';

/** True where MSAL must live in an offscreen document (Chrome, Edge). */
export function hasOffscreenApi(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.offscreen !== 'undefined';
}

/**
 * The TokenSource for this browser: offscreen-document host on Chrome, in-background host on
 * Firefox. The returned object also has `restore()` (warm-up without a click; optional).
 */
export function createTokenSource(): HostTokenSource {
  // import.meta.env.FIREFOX is a build-time constant: each build keeps only its own host.
  if (!import.meta.env.FIREFOX && hasOffscreenApi()) {
    return new HostTokenSource(new OffscreenHostClient(), { redirectUri: extensionRedirectUri });
  }
  if (import.meta.env.FIREFOX) return createInBackgroundTokenSource();
  throw new Error(
    'Tenant Lens: no auth host (neither chrome.offscreen nor a Firefox background page).',
  );
}
