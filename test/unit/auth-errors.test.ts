import { BrowserAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import { mapMsalError } from '../../lib/auth/errors';

describe('mapMsalError', () => {
  it('maps consent errors (errorCode, subError or AADSTS65001) to consent_required', () => {
    // What the identity platform answers on /token for a tenant that has not consented.
    const refresh = new InteractionRequiredAuthError(
      'invalid_grant',
      'c',
      'AADSTS65001: not consented',
      'consent_required',
      '',
      '',
      '',
      '65001',
    );
    expect(mapMsalError(refresh).code).toBe('consent_required');
    // What /authorize answers in the fragment.
    expect(mapMsalError(new InteractionRequiredAuthError('consent_required', 'c')).code).toBe(
      'consent_required',
    );
    // A ServerError carrying only the AADSTS number.
    expect(mapMsalError(new ServerError('invalid_client', 'c', 'x', undefined, '65001')).code).toBe(
      'consent_required',
    );
  });

  it('maps interaction, login and expired-refresh-token errors to interaction_required', () => {
    expect(mapMsalError(new InteractionRequiredAuthError('interaction_required', 'c')).code).toBe(
      'interaction_required',
    );
    expect(mapMsalError(new InteractionRequiredAuthError('login_required', 'c')).code).toBe(
      'interaction_required',
    );
    expect(mapMsalError(new InteractionRequiredAuthError('no_tokens_found', 'c')).code).toBe(
      'interaction_required',
    );
    expect(mapMsalError(new InteractionRequiredAuthError('refresh_token_expired', 'c')).code).toBe(
      'interaction_required',
    );
    // The 24 h SPA refresh token: invalid_grant with AADSTS700084 (a ServerError, not InteractionRequired).
    expect(
      mapMsalError(
        new ServerError('invalid_grant', 'c', 'AADSTS700084: expired', undefined, '700084'),
      ).code,
    ).toBe('interaction_required');
    expect(mapMsalError(new ServerError('other_error', 'c', 'x', undefined, '700084')).code).toBe(
      'interaction_required',
    );
    // An unlisted code on an InteractionRequiredAuthError is still interaction.
    expect(mapMsalError(new InteractionRequiredAuthError('something_new', 'c')).code).toBe(
      'interaction_required',
    );
  });

  it('maps a missing account to not_signed_in', () => {
    expect(mapMsalError(new BrowserAuthError('no_account_error', 'c')).code).toBe('not_signed_in');
    expect(mapMsalError({ errorCode: 'no_account_in_silent_request' }).code).toBe('not_signed_in');
  });

  it('maps network, 5xx and 429 to temporarily_unavailable', () => {
    expect(mapMsalError(new BrowserAuthError('post_request_failed', 'c')).code).toBe(
      'temporarily_unavailable',
    );
    expect(mapMsalError(new ServerError('temporarily_unavailable', 'c')).code).toBe(
      'temporarily_unavailable',
    );
    expect(
      mapMsalError(new ServerError('whatever', 'c', 'x', undefined, undefined, 503)).code,
    ).toBe('temporarily_unavailable');
    expect(
      mapMsalError(new ServerError('whatever', 'c', 'x', undefined, undefined, 429)).code,
    ).toBe('temporarily_unavailable');
  });

  it('reads codes, not messages, and never echoes MSAL messages', () => {
    // A message mentioning consent does not make it a consent error.
    const f = mapMsalError(
      new ServerError('invalid_request', 'c', 'consent_required AADSTS65001 in a message'),
    );
    expect(f.code).toBe('invalid_request');
    expect(f.message).not.toContain('AADSTS65001 in a message');
    expect(mapMsalError(new Error('eyJhbGciOi.secret.token')).message).not.toContain('eyJ');
    expect(mapMsalError(undefined)).toEqual({
      code: 'unknown_error',
      message: 'Microsoft sign-in failed unexpectedly.',
    });
    expect(mapMsalError(new BrowserAuthError('user_cancelled', 'c')).code).toBe('user_cancelled');
  });
});
