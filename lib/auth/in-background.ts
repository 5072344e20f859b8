/**
 * Firefox: no offscreen API, but the MV3 background is an event page with a DOM, so MSAL runs
 * in the background itself. (Its sessionStorage cache dies when the event page is suspended;
 * the next getToken re-establishes the session with prompt=none.)
 */
import { MsalHost } from './msal-host';
import { HostTokenSource } from './token-source';
import { extensionRedirectUri, launchWebAuthFlow } from './web-auth-flow';

export function createInBackgroundTokenSource(): HostTokenSource {
  const host = new MsalHost({ launchWebAuthFlow, defaultRedirectUri: extensionRedirectUri });
  return new HostTokenSource(host, { redirectUri: extensionRedirectUri });
}
