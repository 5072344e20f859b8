import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, MICROSOFT_TENANTS, PARTNER_TENANT, TECHNICIAN } from '../catalogue';
import { endSessions, expireRefreshTokens, setIdentity } from '../control';
import type { WorldRequest, WorldResponse } from '../http';
import { createCore, type WorldCore } from '../state';
import {
  createIdentityState,
  handleIdentity,
  type IdentityState,
  issueAccessToken,
  SESSION_COOKIE,
} from './index';

const LOGIN = 'https://login.microsoftonline.com';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const fabrikam = MICROSOFT_TENANTS.find((t) => t.domains.includes('fabrikam.com'))!;
const woodgrove = MICROSOFT_TENANTS.find((t) => !t.consented)!;

function get(url: string, headers: Record<string, string> = {}): WorldRequest {
  return { method: 'GET', url: new URL(url), headers, body: '' };
}
function post(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): WorldRequest {
  return {
    method: 'POST',
    url: new URL(url),
    headers: {
      'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      origin: ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  };
}
const body = (res: WorldResponse) => JSON.parse(res.body) as Record<string, unknown>;
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
function fragment(res: WorldResponse): URLSearchParams {
  expect(res.status).toBe(302);
  const loc = res.headers.Location!;
  expect(loc.startsWith(REDIRECT)).toBe(true);
  return new URLSearchParams(loc.slice(loc.indexOf('#') + 1));
}

let core: WorldCore;
let identity: IdentityState;
beforeEach(() => {
  core = createCore();
  identity = createIdentityState(core);
});

function authorizeUrl(
  challenge: string,
  extra: Record<string, string> = {},
  tenant = 'organizations',
) {
  const q = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    scope: 'https://graph.microsoft.com/.default openid profile offline_access',
    redirect_uri: REDIRECT,
    'client-request-id': 'a0b1c2d3-0000-4000-8000-000000000001',
    response_mode: 'fragment',
    response_type: 'code',
    'x-client-SKU': 'msal.js.browser',
    client_info: '1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    nonce: 'nonce-123',
    state: 'eyJpZCI6InN0YXRlIn0=|extra',
    ...extra,
  });
  return `${LOGIN}/${tenant}/oauth2/v2.0/authorize?${q}`;
}

/** Interactive sign-in then code redemption; returns the token response and the session cookie. */
function signIn() {
  const { verifier, challenge } = pkce();
  const res = handleIdentity(get(authorizeUrl(challenge)), core, identity);
  const f = fragment(res);
  const cookie = res.headers['Set-Cookie']!.split(';')[0]!;
  const tok = handleIdentity(
    post(`${LOGIN}/organizations/oauth2/v2.0/token?client-request-id=abc`, {
      client_id: DEMO_CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: 'https://graph.microsoft.com/.default openid profile offline_access',
      code: f.get('code')!,
      code_verifier: verifier,
      grant_type: 'authorization_code',
      client_info: '1',
    }),
    core,
    identity,
  );
  return { tok, cookie, fragment: f };
}

function refresh(tenant: string, refreshToken: string) {
  return handleIdentity(
    post(`${LOGIN}/${tenant}/oauth2/v2.0/token`, {
      client_id: DEMO_CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default openid profile offline_access',
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_info: '1',
    }),
    core,
    identity,
  );
}

describe('openid-configuration', () => {
  it('answers by verified domain with the tenant id in the issuer', () => {
    const res = handleIdentity(
      get(`${LOGIN}/fabrikam.com/v2.0/.well-known/openid-configuration`),
      core,
      identity,
    );
    expect(res.status).toBe(200);
    expect(res.headers['Access-Control-Allow-Origin']).toBe('*');
    const b = body(res);
    expect(b.issuer).toBe(`https://login.microsoftonline.com/${fabrikam.id}/v2.0`);
    expect(b.authorization_endpoint).toBe(
      `https://login.microsoftonline.com/${fabrikam.id}/oauth2/v2.0/authorize`,
    );
    expect(b.token_endpoint).toBe(
      `https://login.microsoftonline.com/${fabrikam.id}/oauth2/v2.0/token`,
    );
    expect(b.end_session_endpoint).toBeTruthy();
    expect(b.jwks_uri).toBeTruthy();
    expect(b.tenant_region_scope).toBe('NA');
    expect(b.cloud_instance_name).toBe('microsoftonline.com');
    expect(b.msgraph_host).toBe('graph.microsoft.com');
  });

  it('answers by tenant id, by onmicrosoft domain, for the partner tenant, and for common', () => {
    for (const seg of [fabrikam.id, 'FABRIKAM.onmicrosoft.com', PARTNER_TENANT.domains[0]!]) {
      const b = body(
        handleIdentity(
          get(`${LOGIN}/${seg}/v2.0/.well-known/openid-configuration`),
          core,
          identity,
        ),
      );
      expect(b.issuer).toMatch(/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/);
    }
    const common = body(
      handleIdentity(get(`${LOGIN}/common/v2.0/.well-known/openid-configuration`), core, identity),
    );
    expect(common.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    const v1 = body(
      handleIdentity(get(`${LOGIN}/fabrikam.com/.well-known/openid-configuration`), core, identity),
    );
    expect(v1.issuer).toBe(`https://sts.windows.net/${fabrikam.id}/`);
  });

  it("describes the tenant's own cloud, whichever login host is asked", () => {
    const viaUs = body(
      handleIdentity(
        get(`https://login.microsoftonline.us/fabrikam.com/v2.0/.well-known/openid-configuration`),
        core,
        identity,
      ),
    );
    expect(viaUs.cloud_instance_name).toBe('microsoftonline.com');
    expect(viaUs.msgraph_host).toBe('graph.microsoft.com');
    expect(viaUs.tenant_region_sub_scope).toBeUndefined();
    const litware = identity.tenantById('litware.onmicrosoft.com')!;
    litware.cloud = {
      instance: 'microsoftonline.us',
      graphHost: 'graph.microsoft.us',
      regionScope: 'USGov',
      regionSubScope: 'DODCON',
    };
    const gcchigh = body(
      handleIdentity(
        get(`${LOGIN}/litware.onmicrosoft.com/v2.0/.well-known/openid-configuration`),
        core,
        identity,
      ),
    );
    expect(gcchigh).toMatchObject({
      cloud_instance_name: 'microsoftonline.us',
      msgraph_host: 'graph.microsoft.us',
      tenant_region_scope: 'USGov',
      tenant_region_sub_scope: 'DODCON',
    });
  });

  it('answers 400 invalid_tenant AADSTS90002 for an unknown tenant', () => {
    const res = handleIdentity(
      get(`${LOGIN}/nosuchtenant.example/v2.0/.well-known/openid-configuration`),
      core,
      identity,
    );
    expect(res.status).toBe(400);
    const b = body(res);
    expect(b.error).toBe('invalid_tenant');
    expect(b.error_codes).toEqual([90002]);
    expect(String(b.error_description)).toMatch(
      /^AADSTS90002: Tenant 'nosuchtenant\.example' not found\./,
    );
    expect(b.trace_id).toBeTruthy();
    expect(b.correlation_id).toBeTruthy();
    expect(b.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });
});

describe('authorization code + PKCE', () => {
  it('signs the technician in and redeems the code for tokens MSAL accepts', () => {
    const { tok, cookie, fragment: f } = signIn();
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(f.get('state')).toBe('eyJpZCI6InN0YXRlIn0=|extra');
    expect(f.get('session_state')).toBeTruthy();
    const ci = JSON.parse(Buffer.from(f.get('client_info')!, 'base64url').toString('utf8'));
    expect(ci).toEqual({ uid: TECHNICIAN.oid, utid: PARTNER_TENANT.id });

    expect(tok.status).toBe(200);
    expect(tok.headers['Access-Control-Allow-Origin']).toBe(ORIGIN);
    const b = body(tok);
    expect(b.token_type).toBe('Bearer');
    expect(b.expires_in).toBe(3599);
    expect(b.ext_expires_in).toBe(3599);
    expect(typeof b.refresh_token).toBe('string');
    expect(b.client_info).toBe(f.get('client_info'));
    const at = claimsOf(String(b.access_token));
    expect(at).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${PARTNER_TENANT.id}/`,
      tid: PARTNER_TENANT.id,
      oid: TECHNICIAN.oid,
      upn: TECHNICIAN.username,
      appid: DEMO_CLIENT_ID,
    });
    expect(String(at.scp).split(' ')).toContain('SecurityEvents.Read.All');
    expect(String(at.scp)).not.toMatch(/openid|offline_access|https:/);
    expect(core.signer.verify(String(b.access_token), Math.floor(Date.now() / 1000)).ok).toBe(true);
    const id = claimsOf(String(b.id_token));
    expect(id).toMatchObject({
      aud: DEMO_CLIENT_ID,
      iss: `https://login.microsoftonline.com/${PARTNER_TENANT.id}/v2.0`,
      tid: PARTNER_TENANT.id,
      oid: TECHNICIAN.oid,
      preferred_username: TECHNICIAN.username,
      name: TECHNICIAN.name,
      nonce: 'nonce-123',
      ver: '2.0',
    });
    expect(id.sub).toBeTruthy();
    expect(identity.issuedAccessTokens.map((t) => t.token)).toContain(b.access_token);
  });

  it('refuses a code_verifier that does not match the challenge (AADSTS501481)', () => {
    const { challenge } = pkce();
    const f = fragment(handleIdentity(get(authorizeUrl(challenge)), core, identity));
    const res = handleIdentity(
      post(`${LOGIN}/organizations/oauth2/v2.0/token`, {
        client_id: DEMO_CLIENT_ID,
        redirect_uri: REDIRECT,
        code: f.get('code')!,
        code_verifier: pkce().verifier,
        grant_type: 'authorization_code',
      }),
      core,
      identity,
    );
    expect(res.status).toBe(400);
    const b = body(res);
    expect(b.error).toBe('invalid_grant');
    expect(b.error_codes).toEqual([501481]);
    expect(String(b.error_description)).toMatch(/^AADSTS501481: /);
  });

  it('refuses a code redeemed twice (AADSTS54005) and an expired code (AADSTS70008)', () => {
    const { verifier, challenge } = pkce();
    const f = fragment(handleIdentity(get(authorizeUrl(challenge)), core, identity));
    const form = {
      client_id: DEMO_CLIENT_ID,
      redirect_uri: REDIRECT,
      code: f.get('code')!,
      code_verifier: verifier,
      grant_type: 'authorization_code',
    };
    expect(
      handleIdentity(post(`${LOGIN}/organizations/oauth2/v2.0/token`, form), core, identity).status,
    ).toBe(200);
    const again = handleIdentity(
      post(`${LOGIN}/organizations/oauth2/v2.0/token`, form),
      core,
      identity,
    );
    expect(again.status).toBe(400);
    expect(body(again)).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });

    const second = pkce();
    const f2 = fragment(handleIdentity(get(authorizeUrl(second.challenge)), core, identity));
    const start = Date.now();
    core.now = () => start + 11 * 60 * 1000;
    const late = handleIdentity(
      post(`${LOGIN}/organizations/oauth2/v2.0/token`, {
        ...form,
        code: f2.get('code')!,
        code_verifier: second.verifier,
      }),
      core,
      identity,
    );
    expect(body(late)).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('validates authorize parameters with an error redirect (or a page when it cannot redirect)', () => {
    const { challenge } = pkce();
    const plain = fragment(
      handleIdentity(
        get(authorizeUrl(challenge, { code_challenge_method: 'plain' })),
        core,
        identity,
      ),
    );
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('state')).toBe('eyJpZCI6InN0YXRlIn0=|extra');
    const noPkce = new URL(authorizeUrl(challenge));
    noPkce.searchParams.delete('code_challenge');
    expect(fragment(handleIdentity(get(noPkce.toString()), core, identity)).get('error')).toBe(
      'invalid_request',
    );

    const httpRedirect = handleIdentity(
      get(authorizeUrl(challenge, { redirect_uri: 'http://example.test/' })),
      core,
      identity,
    );
    expect(httpRedirect.status).toBe(400);
    expect(httpRedirect.body).toContain('AADSTS50011');
    const badClient = handleIdentity(
      get(authorizeUrl(challenge, { client_id: 'not-a-guid' })),
      core,
      identity,
    );
    expect(badClient.status).toBe(400);
    expect(badClient.body).toContain('AADSTS700016');
  });

  it('answers the configured authorize outcome', () => {
    const { challenge } = pkce();
    for (const [outcome, error] of [
      ['access_denied', 'access_denied'],
      ['consent_required', 'consent_required'],
      ['interaction_required', 'interaction_required'],
      ['login_required', 'login_required'],
    ] as const) {
      setIdentity(identity, { authorizeOutcome: outcome });
      const f = fragment(handleIdentity(get(authorizeUrl(challenge)), core, identity));
      expect(f.get('error')).toBe(error);
      expect(f.get('error_description')).toMatch(/^AADSTS\d+: /);
      expect(f.get('code')).toBeNull();
    }
  });
});

describe('prompt=none', () => {
  it('fails with login_required without a session cookie', () => {
    const { challenge } = pkce();
    const f = fragment(
      handleIdentity(get(authorizeUrl(challenge, { prompt: 'none' })), core, identity),
    );
    expect(f.get('error')).toBe('login_required');
    expect(f.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(f.get('state')).toBe('eyJpZCI6InN0YXRlIn0=|extra');
  });

  it('succeeds with a live session cookie, and fails again once the session ended', () => {
    const { cookie } = signIn();
    const { challenge } = pkce();
    const ok = fragment(
      handleIdentity(get(authorizeUrl(challenge, { prompt: 'none' }), { cookie }), core, identity),
    );
    expect(ok.get('code')).toBeTruthy();
    expect(endSessions(identity)).toBe(1);
    const ended = fragment(
      handleIdentity(get(authorizeUrl(challenge, { prompt: 'none' }), { cookie }), core, identity),
    );
    expect(ended.get('error')).toBe('login_required');
  });

  it('logout ends the session and redirects to post_logout_redirect_uri', () => {
    const { cookie } = signIn();
    const res = handleIdentity(
      get(
        `${LOGIN}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}`,
        { cookie },
      ),
      core,
      identity,
    );
    expect(res.status).toBe(302);
    expect(res.headers.Location).toBe(REDIRECT);
    expect(res.headers['Set-Cookie']).toContain('Max-Age=0');
    const { challenge } = pkce();
    expect(
      fragment(
        handleIdentity(
          get(authorizeUrl(challenge, { prompt: 'none' }), { cookie }),
          core,
          identity,
        ),
      ).get('error'),
    ).toBe('login_required');
  });
});

describe('refresh tokens across tenants', () => {
  it('redeems the refresh token for a customer tenant (by id and by domain)', () => {
    const rt = String(body(signIn().tok).refresh_token);
    for (const seg of [fabrikam.id, 'fabrikam.com']) {
      const res = refresh(seg, rt);
      expect(res.status).toBe(200);
      const b = body(res);
      expect(claimsOf(String(b.access_token)).tid).toBe(fabrikam.id);
      expect(claimsOf(String(b.id_token)).tid).toBe(fabrikam.id);
      // client_info stays the home account.
      expect(
        JSON.parse(Buffer.from(String(b.client_info), 'base64url').toString('utf8')).utid,
      ).toBe(PARTNER_TENANT.id);
    }
    expect(claimsOf(String(body(refresh('organizations', rt)).access_token)).tid).toBe(
      PARTNER_TENANT.id,
    );
  });

  it('answers consent_required (invalid_grant + suberror, AADSTS65001) for a tenant without consent', () => {
    const rt = String(body(signIn().tok).refresh_token);
    const res = refresh(woodgrove.id, rt);
    expect(res.status).toBe(400);
    const b = body(res);
    expect(b.error).toBe('invalid_grant');
    expect(b.suberror).toBe('consent_required');
    expect(b.error_codes).toEqual([65001]);
    expect(String(b.error_description)).toMatch(
      new RegExp(
        `^AADSTS65001: The user or administrator has not consented to use the application with ID '${DEMO_CLIENT_ID}' named 'Tenant Lens'\\. Send an interactive authorization request for this user and resource\\.`,
      ),
    );
    expect(b.correlation_id).toBeTruthy();
    expect(b.trace_id).toBeTruthy();
    expect(b.timestamp).toBeTruthy();
  });

  it('admin consent marks the tenant consented and redirects with admin_consent=True', () => {
    const rt = String(body(signIn().tok).refresh_token);
    const res = handleIdentity(
      get(
        `${LOGIN}/${woodgrove.id}/v2.0/adminconsent?client_id=${DEMO_CLIENT_ID}&scope=${encodeURIComponent('https://graph.microsoft.com/.default')}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1`,
      ),
      core,
      identity,
    );
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.Location!);
    expect(loc.searchParams.get('admin_consent')).toBe('True');
    expect(loc.searchParams.get('tenant')).toBe(woodgrove.id);
    expect(loc.searchParams.get('state')).toBe('s1');
    expect(refresh(woodgrove.id, rt).status).toBe(200);
  });

  it('answers AADSTS700084 once the SPA refresh token is past 24 h, or expired by the control API', () => {
    const rt = String(body(signIn().tok).refresh_token);
    const rotated = String(body(refresh(fabrikam.id, rt)).refresh_token);
    const start = Date.now();
    core.now = () => start + 24 * 3600 * 1000 + 1000;
    for (const token of [rt, rotated]) {
      const b = body(refresh(fabrikam.id, token));
      expect(b.error).toBe('invalid_grant');
      expect(b.error_codes).toEqual([700084]);
      expect(String(b.error_description)).toMatch(
        /^AADSTS700084: The refresh token was issued to a single page app \(SPA\), and therefore has a fixed, limited lifetime of 1\.00:00:00/,
      );
    }
    core.now = () => Date.now();
    const fresh = String(body(signIn().tok).refresh_token);
    expect(refresh(fabrikam.id, fresh).status).toBe(200);
    expect(expireRefreshTokens(identity, core)).toBeGreaterThan(0);
    expect(body(refresh(fabrikam.id, fresh)).error_codes).toEqual([700084]);
  });

  it('answers invalid_tenant for an unknown authority', () => {
    const rt = String(body(signIn().tok).refresh_token);
    const res = refresh('contoso-unknown.com', rt);
    expect(res.status).toBe(400);
    expect(body(res)).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });
});

describe('CORS and helpers', () => {
  it('answers a preflight echoing the Origin with the MSAL headers allowed', () => {
    const res = handleIdentity(
      {
        method: 'OPTIONS',
        url: new URL(`${LOGIN}/organizations/oauth2/v2.0/token`),
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
        body: '',
      },
      core,
      identity,
    );
    expect(res.status).toBe(204);
    expect(res.headers['Access-Control-Allow-Origin']).toBe(ORIGIN);
    const allowed = res.headers['Access-Control-Allow-Headers']!.split(/,\s*/);
    for (const h of [
      'content-type',
      'x-client-sku',
      'x-client-ver',
      'x-anchormailbox',
      'client-request-id',
      'x-ms-lib-capability',
    ])
      expect(allowed).toContain(h);
    expect(res.headers['Access-Control-Allow-Methods']).toContain('POST');
  });

  it('exposes roles, tenants and a browserless token issuer', () => {
    expect(identity.tenantById('litware.onmicrosoft.com')?.id).toBe(
      '5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f',
    );
    expect(identity.rolesFor('litware.onmicrosoft.com')).toEqual(['Directory Readers']);
    expect(identity.rolesFor('unknown')).toEqual([]);
    setIdentity(identity, {
      roles: { 'litware.onmicrosoft.com': ['Global Reader'] },
      consent: { 'woodgrovebank.com': true },
    });
    expect(identity.rolesFor('5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f')).toEqual(['Global Reader']);
    expect(identity.isConsented(woodgrove.id)).toBe(true);
    expect(() => setIdentity(identity, { consent: { 'nope.example': true } })).toThrow(
      /unknown tenant/,
    );

    const token = issueAccessToken(identity, core, 'fabrikam.com', ['User.Read.All'], 60);
    const v = core.signer.verify(token, Math.floor(core.now() / 1000));
    expect(v.ok && v.claims.tid).toBe(fabrikam.id);
    expect(v.ok && v.claims.scp).toBe('User.Read.All');
    expect(v.ok && v.claims.exp - v.claims.iat).toBe(60);
    expect(identity.issuedAccessTokens.at(-1)?.token).toBe(token);
  });
});
