/**
 * Maps MSAL errors to the TokenError codes the poller branches on. Reads `errorCode`,
 * `subError` and `errorNo` (the AADSTS number), never `message` (MSAL 5 messages are hashed
 * log codes). Duck-typed so the background bundle need not import MSAL.
 */
import { t } from '../i18n';
import type { TokenFailure } from '../messaging';

/** What we read from an MSAL AuthError (or anything thrown). */
interface ErrorLike {
  name?: unknown;
  errorCode?: unknown;
  subError?: unknown;
  errorNo?: unknown;
  status?: unknown;
}

/** AADSTS numbers that mean "this tenant has not consented the app" (or the user declined). */
const CONSENT_ERROR_NUMBERS = new Set(['65001', '65004', '90094', '90099']);

/** Errors that a fresh authorize round trip (prompt=none, or a click) resolves. */
const INTERACTION_CODES = new Set([
  'interaction_required',
  'login_required',
  'bad_token',
  'interrupted_user',
  'ui_not_allowed',
  'no_tokens_found',
  'refresh_token_expired',
  'token_refresh_required',
  'native_account_unavailable',
  'invalid_grant',
]);

/**
 * AADSTS numbers that need a new sign-in: 700084 (SPA refresh token past its 24 h), 70043 /
 * 700082 (refresh token expired by policy or inactivity), 50173 / 50132 (grant revoked),
 * 50076 / 50079 / 50158 (MFA or other interaction), 70008 (expired code or grant).
 */
const INTERACTION_ERROR_NUMBERS = new Set([
  '700084',
  '70043',
  '700082',
  '50173',
  '50132',
  '50076',
  '50079',
  '50158',
  '70008',
]);

/** No account in MSAL's cache / none given. */
const NOT_SIGNED_IN_CODES = new Set([
  'no_account_error',
  'no_account_in_silent_request',
  'not_signed_in',
]);

/** Transient: the identity platform could not be reached, answered 5xx/429, or MSAL is throttling. */
const TRANSIENT_CODES = new Set([
  'network_error',
  'post_request_failed',
  'get_request_failed',
  'no_network_connectivity',
  'endpoints_resolution_error',
  'failed_to_parse_response',
  'timed_out',
  'temporarily_unavailable',
  'service_unavailable',
  'server_error',
  'host_unavailable',
]);

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

/** The AADSTS number of an error (MSAL's `errorNo`, from the answer's `error_codes`). */
function errorNumber(e: ErrorLike): string {
  return str(e.errorNo);
}

/**
 * What a sign-in failure code means, in the UI language; `aadsts` is the AADSTS number when
 * Microsoft gave one. The auth host may run where there is no chrome.i18n (Chrome's offscreen
 * document), so the background words its failures from their codes (see `worded`).
 */
export function authMessage(code: string, aadsts = ''): string {
  switch (code) {
    case 'consent_required':
      return t('auth_consentRequired');
    case 'interaction_required':
    case 'login_required':
      return t('auth_interactionRequired');
    case 'not_signed_in':
      return t('auth_notSignedIn');
    case 'not_configured':
      return t('auth_notConfigured');
    case 'temporarily_unavailable':
      return t('auth_unavailable');
    case 'user_cancelled':
      return t('auth_cancelled');
    case 'no_server_response':
      return t('auth_noResult');
    case 'invalid_tenant':
      return t('auth_notATenantId');
    case 'invalid_scope':
      return t('auth_noScopes');
    case 'unknown_error':
      return t('auth_failedUnexpectedly');
    default:
      return aadsts
        ? t('auth_failedCodeNumber', code, `AADSTS${aadsts}`)
        : t('auth_failedCode', code);
  }
}

/** Maps anything thrown by MSAL (or our host) to a TokenFailure. */
export function mapMsalError(err: unknown): TokenFailure {
  const e: ErrorLike = err && typeof err === 'object' ? (err as ErrorLike) : {};
  const code = str(e.errorCode).toLowerCase();
  const sub = str(e.subError).toLowerCase();
  const no = errorNumber(e);
  const failure = (c: string, message?: string): TokenFailure => ({
    code: c,
    message: message ?? authMessage(c, no),
  });

  if (code === 'consent_required' || sub === 'consent_required' || CONSENT_ERROR_NUMBERS.has(no)) {
    return failure('consent_required');
  }
  if (NOT_SIGNED_IN_CODES.has(code)) return failure('not_signed_in');
  if (INTERACTION_CODES.has(code) || INTERACTION_ERROR_NUMBERS.has(no))
    return failure('interaction_required');
  // An InteractionRequiredAuthError with an unlisted code is still "interaction required".
  if (str(e.name) === 'InteractionRequiredAuthError') return failure('interaction_required');
  const status = typeof e.status === 'number' ? e.status : 0;
  if (TRANSIENT_CODES.has(code) || status === 429 || status >= 500)
    return failure('temporarily_unavailable');
  if (code) return failure(code);
  return failure('unknown_error');
}
