/** Classification of Graph answers and token failures into source statuses (pure). */
import { describe, expect, it } from 'vitest';
import {
  isExpiredToken,
  isLicenceError,
  isRetryableOuterStatus,
  isRetryableSubStatus,
  outcomeFromResults,
  readGraphError,
  statusForGraphError,
  statusForTokenFailure,
  statusForTransportFailure,
} from '../../lib/graph/outcome';
import { SOURCES } from '../../lib/graph/sources';
import { TokenError } from '../../lib/graph/token-error';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const err = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  readGraphError(
    status,
    { error: { code, message, innerError: { 'request-id': 'x', date: 'y' } } },
    headers,
    NOW,
  );

describe('readGraphError', () => {
  it('reads code, message and Retry-After from a body object or a JSON string', () => {
    expect(err(429, 'TooManyRequests', 'slow', { 'retry-after': '9' })).toEqual({
      status: 429,
      code: 'TooManyRequests',
      message: 'slow',
      retryAfterSeconds: 9,
    });
    expect(
      readGraphError(403, '{"error":{"code":"Forbidden","message":"no"}}', {}, NOW),
    ).toMatchObject({ code: 'Forbidden', message: 'no' });
    expect(readGraphError(502, '<html>bad gateway</html>', null, NOW)).toEqual({
      status: 502,
      code: null,
      message: '',
      retryAfterSeconds: null,
    });
  });
  it('reads the identity platform shape', () => {
    const e = readGraphError(
      400,
      JSON.stringify({
        error: 'invalid_tenant',
        error_description: 'AADSTS90002: Tenant not found.',
      }),
      {},
      NOW,
    );
    expect(e).toMatchObject({ code: 'invalid_tenant', message: 'AADSTS90002: Tenant not found.' });
  });
});

describe('retryable statuses', () => {
  it('sub-requests: 429, 503, 504; envelopes: 429 and 5xx', () => {
    expect([429, 503, 504, 500, 502, 403].map(isRetryableSubStatus)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([429, 500, 502, 503, 400, 401, 403].map(isRetryableOuterStatus)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  it('expired token only on 401 InvalidAuthenticationToken with a lifetime message', () => {
    expect(
      isExpiredToken(
        err(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
      ),
    ).toBe(true);
    expect(isExpiredToken(err(401, 'InvalidAuthenticationToken', 'Access token is empty.'))).toBe(
      false,
    );
    expect(isExpiredToken(err(403, 'Forbidden', 'expired'))).toBe(false);
  });
});

describe('statusForGraphError', () => {
  it('403 Authorization_RequestDenied / Forbidden -> forbidden with permission and least-privileged role', () => {
    const denied = err(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    expect(statusForGraphError(SOURCES.userCounts, denied)).toMatchObject({
      state: 'forbidden',
      permission: 'User.Read.All',
      role: 'Directory Readers',
    });
    expect(statusForGraphError(SOURCES.bitlockerKeys, denied)).toMatchObject({
      state: 'forbidden',
      permission: 'BitLockerKey.ReadBasic.All',
      role: 'Cloud Device Administrator',
    });
    const forbidden = err(403, 'Forbidden', 'Insufficient privileges to complete the operation.');
    expect(statusForGraphError(SOURCES.securityAlerts, forbidden)).toMatchObject({
      state: 'forbidden',
      permission: 'SecurityAlert.Read.All',
      role: 'Security Reader',
    });
    expect(statusForGraphError(SOURCES.mailboxUsage, forbidden)).toMatchObject({
      state: 'forbidden',
      permission: 'Reports.Read.All',
      role: 'Reports Reader',
    });
    expect(statusForGraphError(SOURCES.managedDevices, forbidden)).toMatchObject({
      state: 'forbidden',
      role: 'Intune Administrator',
    });
    const st = statusForGraphError(SOURCES.secureScores, forbidden);
    expect(st.state === 'forbidden' && st.message).toMatch(/Security Reader/);
  });

  it('licence answers -> unlicensed with the licence from the source definition', () => {
    const cases: [keyof typeof SOURCES, number, string, string, string][] = [
      [
        'riskyUsers',
        403,
        'Forbidden',
        'Your tenant is not licensed for this feature.',
        'Entra ID P2',
      ],
      [
        'mfaRegistration',
        403,
        'Forbidden',
        'Tenant does not have a SKU required for this feature (Microsoft Entra ID P1 or P2).',
        'Entra ID P1 or P2',
      ],
      [
        'mfaRegistration',
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        "Neither tenant is B2C or tenant doesn't have premium license",
        'Entra ID P1 or P2',
      ],
      [
        'managedDevices',
        403,
        'Forbidden',
        'Request not applicable to target tenant.',
        'Microsoft Intune',
      ],
      [
        'managedDevices',
        400,
        'BadRequest',
        'Request not applicable to target tenant.',
        'Microsoft Intune',
      ],
    ];
    for (const [source, status, code, message, licence] of cases) {
      expect(
        statusForGraphError(SOURCES[source], err(status, code, message)),
        message,
      ).toMatchObject({ state: 'unlicensed', licence });
    }
  });

  it('does not mistake a role answer for a licence answer', () => {
    const e = err(
      403,
      'Forbidden',
      'Insufficient privileges to complete the operation. The signed-in user holds none of the roles this API requires (Security Reader, Global Reader).',
    );
    expect(isLicenceError(e)).toBe(false);
  });

  it('429/503 not cleared -> throttled with Retry-After; 5xx and others -> error with a short message', () => {
    expect(
      statusForGraphError(
        SOURCES.organization,
        err(429, 'TooManyRequests', 'x', { 'Retry-After': '30' }),
      ),
    ).toMatchObject({ state: 'throttled', retryAfterSeconds: 30 });
    expect(
      statusForGraphError(SOURCES.organization, err(503, 'ServiceUnavailable', 'x')),
    ).toMatchObject({ state: 'throttled', retryAfterSeconds: null });
    // 504 (a gateway timeout) is retried like throttling but, when it does not clear, it is an error.
    expect(
      statusForGraphError(
        SOURCES.organization,
        err(504, 'GatewayTimeout', 'The request timed out.'),
      ),
    ).toMatchObject({
      state: 'error',
      code: 'GatewayTimeout',
    });
    const st = statusForGraphError(SOURCES.organization, err(500, 'InternalServerError', 'boom'));
    expect(st).toMatchObject({ state: 'error', code: 'InternalServerError' });
    expect(st.state === 'error' && st.message.length).toBeLessThan(120);
    expect(
      statusForGraphError(
        SOURCES.organization,
        err(
          401,
          'InvalidAuthenticationToken',
          'Access token validation failure. Invalid audience.',
        ),
      ),
    ).toMatchObject({ state: 'error', code: 'InvalidAuthenticationToken' });
  });
});

describe('statusForTransportFailure and statusForTokenFailure', () => {
  it('network and malformed -> error with a code', () => {
    expect(
      statusForTransportFailure(SOURCES.organization, { kind: 'network', detail: 'timed out' }),
    ).toMatchObject({ state: 'error', code: 'network' });
    expect(
      statusForTransportFailure(SOURCES.organization, { kind: 'malformed', detail: 'not JSON' }),
    ).toMatchObject({ state: 'error', code: 'malformed' });
  });

  it('TokenError codes -> consent-required (with link) or sign-in-needed', () => {
    const link = 'https://login.microsoftonline.com/t/v2.0/adminconsent?client_id=c';
    expect(
      statusForTokenFailure(new TokenError('consent_required', 'AADSTS65001'), link),
    ).toMatchObject({ state: 'consent-required', consentUrl: link });
    expect(
      statusForTokenFailure(new TokenError('consent_required', 'x', 'https://own'), link),
    ).toMatchObject({ consentUrl: 'https://own' });
    for (const code of [
      'interaction_required',
      'login_required',
      'not_signed_in',
      'not_configured',
      'invalid_grant',
      'unknown',
    ] as const) {
      expect(statusForTokenFailure(new TokenError(code, 'x'), link).state).toBe('sign-in-needed');
    }
    expect(statusForTokenFailure(new TokenError('temporarily_unavailable', 'x'), link).state).toBe(
      'error',
    );
    expect(statusForTokenFailure(new Error('boom'), link).state).toBe('error');
    // A TokenError from another bundle (no shared prototype) is still recognised.
    expect(
      statusForTokenFailure({ name: 'TokenError', code: 'consent_required', message: 'x' }, link)
        .state,
    ).toBe('consent-required');
  });
});

describe('outcomeFromResults', () => {
  it('200 -> ok with parsed data', () => {
    const o = outcomeFromResults(SOURCES.userCounts, {
      total: 10,
      guests: 1,
      disabled: 2,
      licensed: 5,
    });
    expect(o).toEqual({
      source: 'userCounts',
      status: { state: 'ok' },
      data: { total: 10, guests: 1, disabled: 2, licensed: 5 },
    });
  });
  it('a wrong shape -> error malformed, never a throw', () => {
    expect(outcomeFromResults(SOURCES.organization, { org: [] }).status).toMatchObject({
      state: 'error',
      code: 'malformed',
    });
    expect(
      outcomeFromResults(SOURCES.securityAlerts, { alerts: [{ title: 'no id' }] }).status,
    ).toMatchObject({ state: 'error', code: 'malformed' });
    expect(outcomeFromResults(SOURCES.userCounts, { total: 1 }).status).toMatchObject({
      state: 'error',
      code: 'malformed',
    });
  });
});
