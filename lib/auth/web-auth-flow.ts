/**
 * The browser's web-auth flow (chrome.identity exists in the worker / background only).
 */

import browser from 'webextension-polyfill';

/** Redirect URI of this extension: https://<id>.chromiumapp.org/ (Chrome) or https://<hash>.extensions.allizom.org/ (Firefox). */
export function extensionRedirectUri(): string {
  if (typeof chrome !== 'undefined' && chrome.identity?.getRedirectURL)
    return chrome.identity.getRedirectURL();
  return browser.identity.getRedirectURL();
}

/** Opens `url`; resolves with the URL the flow ended on (the redirect URI + #code or #error). */
export async function launchWebAuthFlow(url: string, interactive: boolean): Promise<string> {
  let responseUrl: string | undefined;
  if (
    typeof chrome !== 'undefined' &&
    chrome.identity?.launchWebAuthFlow &&
    typeof chrome.offscreen !== 'undefined'
  ) {
    // Chrome: give a JavaScript redirect of the identity platform a moment in silent mode.
    responseUrl = await chrome.identity.launchWebAuthFlow({
      url,
      interactive,
      ...(interactive
        ? {}
        : { abortOnLoadForNonInteractive: false, timeoutMsForNonInteractive: 5000 }),
    });
  } else {
    responseUrl = await browser.identity.launchWebAuthFlow({ url, interactive });
  }
  // The host turns any failure here into user_cancelled / interaction_required (its code).
  if (!responseUrl) throw new Error('The sign-in flow returned no URL.');
  return responseUrl;
}
