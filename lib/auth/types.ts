/**
 * The one interface the background uses for Microsoft sign-in and access tokens, whatever
 * hosts MSAL (an offscreen document on Chrome, the background page itself on Firefox).
 */
import { t } from '../i18n';
import type { AccessTokenResult, SignInResult, TokenFailure } from '../messaging';
import type { AccountHint } from '../settings';

export type { AccessTokenResult, AccountHint, SignInResult, TokenFailure };

/** Codes a TokenError carries; other MSAL error codes pass through as they are. */
export type TokenErrorCode =
  | 'consent_required'
  | 'interaction_required'
  | 'not_signed_in'
  | 'not_configured'
  /** Unreachable, 5xx/429, throttled by MSAL, or the auth host did not answer: try later. */
  | 'temporarily_unavailable'
  | (string & {});

export interface TokenSource {
  /** Sign in (interactive: a window; otherwise prompt=none with the remembered account). */
  signIn(opts: { interactive: boolean }): Promise<SignInResult>;
  /** Clears tokens and MSAL's cache and the remembered account; keeps alerts and settings. */
  signOut(): Promise<void>;
  /** The signed-in account (no tokens), or null. */
  account(): Promise<AccountHint | null>;
  /**
   * An access token for `tenantId`; throws TokenError. Never log the result. `forceRefresh`
   * skips the cached access token (e.g. after Graph answered 401 for an expired one).
   */
  getToken(
    tenantId: string,
    scopes: string[],
    opts?: { forceRefresh?: boolean },
  ): Promise<AccessTokenResult>;
}

/** Why a token could not be had; `code` is what callers branch on, never `message`. */
export class TokenError extends Error implements TokenFailure {
  readonly code: TokenErrorCode;
  constructor(code: TokenErrorCode, message: string) {
    super(message);
    this.name = 'TokenError';
    this.code = code;
  }
  static from(failure: TokenFailure): TokenError {
    return new TokenError(failure.code, failure.message);
  }
}

/** Why no token: the options hold no Application (client) ID. */
export const notConfiguredMessage = (): string => t('auth_notConfigured');
/** Why no token: nobody is signed in. */
export const notSignedInMessage = (): string => t('auth_notSignedIn');
