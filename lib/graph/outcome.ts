/**
 * From what Graph (or the token getter) answered to a source's status. Pure: every input
 * is a value, so each rule is unit-tested on its own.
 */

import { t } from '../i18n';
import { sourceLabel } from './labels';
import { parseRetryAfter } from './retry';
import { MalformedBodyError, type SourceDefinition, type SourceResults } from './sources';
import { isTokenError } from './token-error';
import type { SourceId, SourceOutcome, SourceStatus } from './types';

/** A failed status, i.e. any but ok. */
export type FailedStatus = Exclude<SourceStatus, { state: 'ok' }>;

/** Graph's error body `{error: {code, message}}`, read defensively, plus the status. */
export interface GraphErrorInfo {
  status: number;
  code: string | null;
  message: string;
  /** From Retry-After, in seconds; null when absent. */
  retryAfterSeconds: number | null;
}

/** Header lookup ignoring case ($batch sub-responses keep Graph's casing). */
export function headerValue(
  headers: Record<string, unknown> | undefined | null,
  name: string,
): string | null {
  if (!headers) return null;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase() === want && v != null) return String(v);
  return null;
}

/** Reads an error answer (any body, any headers) into GraphErrorInfo. */
export function readGraphError(
  status: number,
  body: unknown,
  headers: Record<string, unknown> | null | undefined,
  nowMs: number,
): GraphErrorInfo {
  let error: unknown =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (error === undefined && typeof body === 'string') {
    try {
      error = (JSON.parse(body) as { error?: unknown }).error;
    } catch {
      /* not JSON: no code */
    }
  }
  if (typeof error === 'string') {
    // The identity platform's shape: {error: "invalid_tenant", error_description: "AADSTS90002: …"}.
    const description = (typeof body === 'string' ? safeJson(body) : body) as {
      error_description?: unknown;
    } | null;
    return {
      status,
      code: error,
      message:
        typeof description?.error_description === 'string' ? description.error_description : '',
      retryAfterSeconds: parseRetryAfter(headerValue(headers, 'Retry-After'), nowMs),
    };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  return {
    status,
    code: typeof e.code === 'string' ? e.code : null,
    message: typeof e.message === 'string' ? e.message : '',
    retryAfterSeconds: parseRetryAfter(headerValue(headers, 'Retry-After'), nowMs),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Statuses a sub-request is retried on (429 inside a 200 envelope, 503, 504). */
export function isRetryableSubStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** Statuses a whole envelope is retried on: throttling and any server error. */
export function isRetryableOuterStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** 401 InvalidAuthenticationToken because the token's lifetime ran out: worth one fresh token. */
export function isExpiredToken(e: GraphErrorInfo): boolean {
  return (
    e.status === 401 &&
    (e.code === null || e.code === 'InvalidAuthenticationToken') &&
    /expired|lifetime/i.test(e.message)
  );
}

const LICENCE_CODES = new Set([
  'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
  'Authorization_RequestDenied_LicenseRequired',
  'TenantNotLicensed',
]);
const LICENCE_MESSAGE =
  /not licen[cs]ed|licen[cs]e (is )?required|without a (valid )?licen[cs]e|premium licen[cs]e|(lacks|missing|have|no|valid|required) (a |the )?sku|\bsku (is )?required|\bP[12]\b|not applicable to target tenant/i;

/** A 400/403 that says the tenant lacks the licence (SKU, Entra ID P1/P2, Intune), not a role. */
export function isLicenceError(e: GraphErrorInfo): boolean {
  if (e.status !== 403 && e.status !== 400) return false;
  return (e.code !== null && LICENCE_CODES.has(e.code)) || LICENCE_MESSAGE.test(e.message);
}

/** Short, human text for a Graph failure ("Microsoft Graph answered 400 BadRequest: …"). */
function describeError(e: GraphErrorInfo): string {
  const what = e.code ? `${e.status} ${e.code}` : `${e.status}`;
  return e.message ? t('graph_answeredWith', what, e.message) : t('graph_answered', what);
}

/** Status of a source whose request failed for good with a Graph error answer. */
export function statusForGraphError(def: SourceDefinition, e: GraphErrorInfo): FailedStatus {
  if (isLicenceError(e)) {
    const licence = def.licence ?? t('graph_someLicence');
    return {
      state: 'unlicensed',
      licence,
      message: t('graph_unlicensed', sourceLabel(def.id), licence),
    };
  }
  if (e.status === 403) {
    const role = def.roles[0];
    return {
      state: 'forbidden',
      message: role
        ? t('graph_forbiddenRole', sourceLabel(def.id), def.permission, role)
        : t('graph_forbidden', sourceLabel(def.id), def.permission),
      permission: def.permission,
      ...(role ? { role } : {}),
    };
  }
  if (e.status === 429 || e.status === 503) {
    return {
      state: 'throttled',
      retryAfterSeconds: e.retryAfterSeconds,
      message: t('graph_throttled', sourceLabel(def.id)),
    };
  }
  return {
    state: 'error',
    message: t('graph_sourceError', sourceLabel(def.id), describeError(e)),
    ...(e.code ? { code: e.code } : { code: String(e.status) }),
  };
}

/** Failures that are not a Graph error answer. */
export type TransportFailure =
  | { kind: 'network'; detail: string }
  | { kind: 'malformed'; detail: string }
  | { kind: 'throttled'; retryAfterSeconds: number | null }
  | { kind: 'too-many-pages' };

/** Status of a source whose request failed without a usable Graph answer. */
export function statusForTransportFailure(
  def: SourceDefinition,
  f: TransportFailure,
): FailedStatus {
  switch (f.kind) {
    case 'network':
      return {
        state: 'error',
        code: 'network',
        message: t('graph_unreachable', sourceLabel(def.id), f.detail),
      };
    case 'malformed':
      return {
        state: 'error',
        code: 'malformed',
        message: t('graph_malformed', sourceLabel(def.id), f.detail),
      };
    case 'throttled':
      return {
        state: 'throttled',
        retryAfterSeconds: f.retryAfterSeconds,
        message: t('graph_throttled', sourceLabel(def.id)),
      };
    case 'too-many-pages':
      return {
        state: 'error',
        code: 'too-many-pages',
        message: t('graph_tooManyPages', sourceLabel(def.id)),
      };
  }
}

/** Status of every source when the token getter failed (no HTTP was made). */
export function statusForTokenFailure(error: unknown, consentUrl: string): FailedStatus {
  if (isTokenError(error)) {
    switch (error.code) {
      case 'consent_required':
        return {
          state: 'consent-required',
          consentUrl: error.consentUrl ?? consentUrl,
          message: t('graph_consentRequired'),
        };
      case 'interaction_required':
      case 'login_required':
      case 'not_signed_in':
        return {
          state: 'sign-in-needed',
          message: t('graph_signInAgain'),
        };
      case 'not_configured':
        return {
          state: 'sign-in-needed',
          message: error.message || t('graph_notConfigured'),
        };
      case 'temporarily_unavailable':
        return {
          state: 'error',
          code: 'token-unavailable',
          message: t('graph_tokenUnavailable', error.message),
        };
      default:
        return {
          state: 'sign-in-needed',
          message: t('graph_signInAgainBecause', error.message),
        };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    state: 'error',
    code: 'token',
    message: t('graph_tokenFailed', message),
  };
}

/** The outcome of a source whose requests all succeeded: its parsed data, or an error when the shape is wrong. */
export function outcomeFromResults<K extends SourceId>(
  def: SourceDefinition<K>,
  results: SourceResults,
): SourceOutcome<K> {
  try {
    return {
      source: def.id,
      status: { state: 'ok' },
      data: def.parse(results),
    } as SourceOutcome<K>;
  } catch (e) {
    const detail =
      e instanceof MalformedBodyError ? e.message : e instanceof Error ? e.message : String(e);
    return {
      source: def.id,
      status: statusForTransportFailure(def, { kind: 'malformed', detail }),
    } as SourceOutcome<K>;
  }
}

/** A failed outcome. */
export function failedOutcome<K extends SourceId>(
  source: K,
  status: FailedStatus,
): SourceOutcome<K> {
  return { source, status } as SourceOutcome<K>;
}
