/**
 * The typed failure a token getter throws, so the Graph module can tell "consent the app"
 * from "sign in again" without knowing MSAL.
 */

/** Why no access token could be had for a tenant. */
export type TokenErrorCode =
  /** The app is not consented in the tenant (AADSTS65001 and friends). */
  | 'consent_required'
  /** MSAL/identity platform wants a user interaction (MFA, password change, new terms). */
  | 'interaction_required'
  /** The session is gone (prompt=none failed, refresh token expired). */
  | 'login_required'
  /** Nobody is signed in. */
  | 'not_signed_in'
  /** No application (client) id configured yet. */
  | 'not_configured'
  /** The identity platform could not be reached or answered 5xx/429: try again later. */
  | 'temporarily_unavailable'
  /** Anything else (other MSAL codes pass through as they are). */
  | 'unknown'
  | (string & {});

/** Thrown by `getToken(tenantId)` when no token can be had silently. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: TokenErrorCode,
    message: string,
    /** Admin-consent link for the tenant, when the thrower knows it. */
    readonly consentUrl?: string,
  ) {
    super(message);
  }
}

/**
 * True for a TokenError: this class, or any error named "TokenError" with a string `code`
 * (lib/auth throws its own, structurally the same; also across bundles where `instanceof` fails).
 */
export function isTokenError(e: unknown): e is TokenError {
  return (
    e instanceof TokenError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { name?: unknown }).name === 'TokenError' &&
      typeof (e as { code?: unknown }).code === 'string')
  );
}
