/**
 * Background-side auth handlers: the auth host's web-auth flow requests (Chrome), and the
 * popup / options / portal sign-in requests. Register synchronously in the background's main.
 */
import { t } from '../i18n';
import { onMessage } from '../messaging';
import { assertSender } from '../sender';
import type { AccountHint } from '../settings';
import { isKnownLoginUrl } from './clouds';
import type { SignInResult, TokenSource } from './types';
import { launchWebAuthFlow } from './web-auth-flow';

export interface AuthHandlerCallbacks {
  /** After a successful sign-in: clear "sign-in needed" marks, poll. */
  onSignedIn?: (account: AccountHint) => void | Promise<void>;
  /** After sign-out (tokens and MSAL's cache cleared, accountItem null). */
  onSignedOut?: () => void | Promise<void>;
}

async function runCallback(fn: (() => void | Promise<void>) | undefined): Promise<void> {
  if (!fn) return;
  try {
    await fn();
  } catch (e) {
    console.warn('[tenant-lens auth] callback failed:', (e as Error)?.message ?? e);
  }
}

/**
 * The sign-in failure in the UI language where the code says what to do; MSAL's own
 * messages pass through. (The auth host may be an offscreen document, which has no
 * browser.i18n: it reports codes, the background words them.)
 */
function userFacingError(code: string, message: string): string {
  if (code === 'not_configured') return t('reason_notConfigured');
  if (code === 'not_signed_in') return t('reason_notSignedIn');
  return message;
}

/**
 * Registers authLaunchWebAuthFlow (from the offscreen auth host only), signIn and signOut
 * (extension pages) and requestSignIn (extension pages and portal content scripts).
 * Answers carry an AccountHint at most, never a token.
 */
export function registerAuthHandlers(
  tokenSource: TokenSource,
  callbacks: AuthHandlerCallbacks = {},
): void {
  const signInInteractive = async (): Promise<SignInResult> => {
    const result = await tokenSource.signIn({ interactive: true });
    if (result.ok) await runCallback(() => callbacks.onSignedIn?.(result.account));
    return result.ok ? result : { ...result, error: userFacingError(result.code, result.error) };
  };

  onMessage('authLaunchWebAuthFlow', async ({ data, sender }) => {
    assertSender(sender, 'auth-host');
    if (!isKnownLoginUrl(data.url))
      return { ok: false, error: 'Refused: not a Microsoft sign-in URL.' };
    try {
      const responseUrl = await launchWebAuthFlow(data.url, data.interactive === true);
      return { ok: true, responseUrl };
    } catch (e) {
      return { ok: false, error: String((e as Error)?.message ?? e) };
    }
  });

  onMessage('signIn', ({ sender }) => {
    assertSender(sender, 'extension-page');
    return signInInteractive();
  });

  onMessage('requestSignIn', ({ sender }) => {
    assertSender(sender, 'extension-page', 'portal-content');
    return signInInteractive();
  });

  onMessage('signOut', async ({ sender }) => {
    assertSender(sender, 'extension-page');
    await tokenSource.signOut();
    await runCallback(callbacks.onSignedOut);
  });
}
