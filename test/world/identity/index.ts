/**
 * The Microsoft identity platform emulator (login.microsoftonline.com and its national-cloud
 * twins): tenant discovery, /authorize (auth code + PKCE, SPA), /token (authorization_code,
 * refresh_token across tenants), logout and admin consent. It mirrors what MSAL 5 reads:
 * fragment redirects with code/client_info/state, Microsoft's error body shape (AADSTS codes,
 * error_codes, suberror), and CORS for the extension origin.
 */
import { createHash, randomUUID } from 'node:crypto';
import { html, json, type WorldRequest, type WorldResponse } from '../http';
import type { WorldCore } from '../state';
import { unsignedIdToken } from '../tokens';
import {
  type AuthCode,
  type AuthorizeOutcome,
  type BrowserSession,
  GLOBAL_CLOUD,
  graphScopes,
  type IdentityState,
  type IdentityTenant,
  issueAccessToken,
  opaque,
  type TenantCloud,
} from './state';

export * from './state';

export const SESSION_COOKIE = 'ESTSAUTH';
const APP_NAME = 'Tenant Lens';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENERIC_TENANTS = new Set(['common', 'organizations']);

/** Headers a browser may send to /token (MSAL's telemetry headers and friends). */
export const CORS_ALLOW_HEADERS = [
  'content-type',
  'x-client-sku',
  'x-client-ver',
  'x-client-os',
  'x-client-cpu',
  'x-client-current-telemetry',
  'x-client-last-telemetry',
  'x-ms-lib-capability',
  'x-app-name',
  'x-app-ver',
  'x-anchormailbox',
  'client-request-id',
  'return-client-request-id',
  'authorization',
].join(', ');

// ---------------------------------------------------------------------------------------
// small helpers

/** The cloud a login host belongs to (for generic authorities, which name no tenant). */
function cloudOfHost(host: string): TenantCloud {
  if (host.endsWith('microsoftonline.us'))
    return {
      instance: 'microsoftonline.us',
      graphHost: 'graph.microsoft.us',
      regionScope: 'USGov',
    };
  if (host.endsWith('chinacloudapi.cn'))
    return {
      instance: 'partner.microsoftonline.cn',
      graphHost: 'microsoftgraph.chinacloudapi.cn',
      regionScope: 'AS',
    };
  return { ...GLOBAL_CLOUD };
}

/** "2026-12-03 16:10:34Z", as Microsoft writes timestamps in error bodies. */
function aadTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function corsHeaders(req: WorldRequest): Record<string, string> {
  const origin = req.headers.origin;
  const h: Record<string, string> = {
    'Access-Control-Allow-Origin': origin || '*',
    'Access-Control-Expose-Headers': 'client-request-id, x-ms-request-id, x-ms-clitelem',
  };
  if (origin) h.Vary = 'Origin';
  return h;
}

function correlationOf(req: WorldRequest): string {
  return (
    req.url.searchParams.get('client-request-id') ||
    req.headers['client-request-id'] ||
    randomUUID()
  );
}

function tokenHeaders(
  req: WorldRequest,
  correlationId: string,
  traceId: string,
): Record<string, string> {
  const h: Record<string, string> = {
    ...corsHeaders(req),
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': traceId,
  };
  if (
    req.headers['return-client-request-id'] === 'true' ||
    req.url.searchParams.get('client-request-id')
  )
    h['client-request-id'] = correlationId;
  return h;
}

export interface AadError {
  error: string;
  /** Without the "AADSTSnnnn: " prefix; the prefix is added from `code`. */
  message: string;
  code: number;
  suberror?: string;
  status?: number;
}

/** Microsoft's JSON error body for /token and discovery. */
export function aadErrorBody(
  core: WorldCore,
  err: AadError,
  correlationId: string,
  traceId = randomUUID(),
): Record<string, unknown> {
  const ts = aadTimestamp(core.now());
  const body: Record<string, unknown> = {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
    error_codes: [err.code],
    timestamp: ts,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  };
  if (err.suberror) body.suberror = err.suberror;
  return body;
}

function tokenError(req: WorldRequest, core: WorldCore, err: AadError): WorldResponse {
  const correlationId = correlationOf(req);
  const traceId = randomUUID();
  return json(
    err.status ?? 400,
    aadErrorBody(core, err, correlationId, traceId),
    tokenHeaders(req, correlationId, traceId),
  );
}

function unknownTenant(name: string): AadError {
  return {
    error: 'invalid_tenant',
    code: 90002,
    message: `Tenant '${name}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  };
}

function consentRequired(clientId: string): AadError {
  return {
    error: 'invalid_grant',
    suberror: 'consent_required',
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${clientId}' named '${APP_NAME}'. Send an interactive authorization request for this user and resource.`,
  };
}

function spaRefreshExpired(ms: number): AadError {
  return {
    error: 'invalid_grant',
    code: 700084,
    message: `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(ms).toISOString()}.`,
  };
}

function b64urlJson(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function cookies(req: WorldRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function liveSession(req: WorldRequest, identity: IdentityState): BrowserSession | undefined {
  const id = cookies(req)[SESSION_COOKIE];
  const s = id ? identity.sessions.get(id) : undefined;
  return s?.alive ? s : undefined;
}

/** Parameters from the query, merged with a form body on POST. */
function params(req: WorldRequest): URLSearchParams {
  const p = new URLSearchParams(req.url.searchParams);
  if (req.method === 'POST' && req.body) {
    for (const [k, v] of new URLSearchParams(req.body)) p.set(k, v);
  }
  return p;
}

/** Resolves the {tenant} path segment: a catalogue tenant, a generic authority, or unknown. */
function resolveAuthority(
  identity: IdentityState,
  segment: string,
):
  | { kind: 'tenant'; tenant: IdentityTenant }
  | { kind: 'generic'; name: string }
  | { kind: 'unknown' } {
  const lower = segment.toLowerCase();
  if (GENERIC_TENANTS.has(lower)) return { kind: 'generic', name: lower };
  const tenant = identity.tenantById(lower);
  return tenant ? { kind: 'tenant', tenant } : { kind: 'unknown' };
}

function homeTenant(identity: IdentityState): IdentityTenant {
  return identity.tenantById(identity.technician.homeTenantId) as IdentityTenant;
}

function clientInfo(identity: IdentityState): string {
  return b64urlJson({ uid: identity.technician.oid, utid: identity.technician.homeTenantId });
}

// ---------------------------------------------------------------------------------------
// discovery

function openidConfiguration(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
  segment: string,
  v2: boolean,
): WorldResponse {
  const host = req.url.host;
  const auth = resolveAuthority(identity, segment);
  if (auth.kind === 'unknown') {
    const correlationId = correlationOf(req);
    return json(400, aadErrorBody(core, unknownTenant(segment), correlationId), {
      'Access-Control-Allow-Origin': '*',
    });
  }
  // A tenant's metadata describes the tenant's own cloud, whichever login host was asked.
  const cloud = auth.kind === 'tenant' ? auth.tenant.cloud : cloudOfHost(req.url.hostname);
  const tid = auth.kind === 'tenant' ? auth.tenant.id : '{tenantid}';
  const pathTenant = auth.kind === 'tenant' ? auth.tenant.id : auth.name;
  const base = `https://${host}/${pathTenant}`;
  const common = {
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: auth.kind === 'tenant' ? cloud.regionScope : null,
    ...(auth.kind === 'tenant' && cloud.regionSubScope
      ? { tenant_region_sub_scope: cloud.regionSubScope }
      : {}),
    cloud_instance_name: cloud.instance,
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: cloud.graphHost,
    rbac_url: 'https://pas.windows.net',
  };
  const body = v2
    ? {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        issuer: `https://${req.url.hostname}/${tid}/v2.0`,
        userinfo_endpoint: `https://${cloud.graphHost}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        kerberos_endpoint: `${base}/kerberos`,
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        claims_supported: [
          'sub',
          'iss',
          'cloud_instance_name',
          'cloud_instance_host_name',
          'cloud_graph_host_name',
          'msgraph_host',
          'aud',
          'exp',
          'iat',
          'auth_time',
          'acr',
          'nonce',
          'preferred_username',
          'name',
          'tid',
          'ver',
          'at_hash',
          'c_hash',
          'email',
        ],
        ...common,
      }
    : {
        token_endpoint: `${base}/oauth2/token`,
        jwks_uri: `${base}/discovery/keys`,
        issuer: `https://sts.windows.net/${tid}/`,
        userinfo_endpoint: `${base}/openid/userinfo`,
        authorization_endpoint: `${base}/oauth2/authorize`,
        device_authorization_endpoint: `${base}/oauth2/devicecode`,
        end_session_endpoint: `${base}/oauth2/logout`,
        check_session_iframe: `${base}/oauth2/checksession`,
        microsoft_multi_refresh_token: true,
        ...common,
      };
  return json(200, body, {
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'max-age=86400, private',
  });
}

function instanceDiscovery(req: WorldRequest): WorldResponse {
  const host = req.url.host;
  const hosts = [
    'login.microsoftonline.com',
    'login.windows.net',
    'login.microsoft.com',
    'sts.windows.net',
  ];
  return json(
    200,
    {
      tenant_discovery_endpoint: `https://${host}/{tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: hosts,
        },
        {
          preferred_network: 'login.microsoftonline.us',
          preferred_cache: 'login.microsoftonline.us',
          aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
        },
        {
          preferred_network: 'login.chinacloudapi.cn',
          preferred_cache: 'login.partner.microsoftonline.cn',
          aliases: ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
        },
      ],
    },
    { 'Access-Control-Allow-Origin': '*' },
  );
}

// ---------------------------------------------------------------------------------------
// /authorize

function errorPage(status: number, code: number, message: string): WorldResponse {
  return html(
    status,
    `<!doctype html><html><head><title>Sign in to your account</title></head><body><main><h1>Sorry, but we’re having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(message)}</p></main></body></html>`,
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Redirects to redirect_uri with parameters in the fragment (or query / form_post). */
function redirectWith(
  redirectUri: string,
  mode: string,
  values: Record<string, string | undefined>,
  extraHeaders: Record<string, string> = {},
): WorldResponse {
  const entries = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === 'form_post') {
    const inputs = entries
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    return html(
      200,
      `<!doctype html><html><body onload="document.forms[0].submit()"><form method="POST" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`,
      extraHeaders,
    );
  }
  const encoded = entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  let location: string;
  if (mode === 'query') {
    const u = new URL(redirectUri);
    location = `${u.origin}${u.pathname}${u.search ? `${u.search}&` : '?'}${encoded}${u.hash}`;
  } else {
    location = `${redirectUri.split('#')[0]}#${encoded}`;
  }
  return {
    status: 302,
    headers: { Location: location, 'Cache-Control': 'no-store, no-cache', ...extraHeaders },
    body: '',
  };
}

const OUTCOME_ERRORS: Record<
  Exclude<AuthorizeOutcome, 'approve'>,
  { error: string; code: number; message: string }
> = {
  consent_required: {
    error: 'consent_required',
    code: 65001,
    message: `The user or administrator has not consented to use the application named '${APP_NAME}'. Send an interactive authorization request for this user and resource.`,
  },
  interaction_required: {
    error: 'interaction_required',
    code: 50076,
    message:
      'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
  },
  access_denied: {
    error: 'access_denied',
    code: 65004,
    message: 'User declined to consent to access the app.',
  },
  login_required: {
    error: 'login_required',
    code: 50058,
    message: 'A silent sign-in request was sent but no user is signed in.',
  },
};

function authorize(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
  segment: string,
): WorldResponse {
  const p = params(req);
  const clientId = p.get('client_id') ?? '';
  const redirectUri = p.get('redirect_uri') ?? '';
  const state = p.get('state') ?? undefined;
  const mode = p.get('response_mode') ?? 'query';

  const auth = resolveAuthority(identity, segment);
  if (auth.kind === 'unknown') return errorPage(400, 90002, unknownTenant(segment).message);
  if (!clientId)
    return errorPage(
      400,
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  if (!GUID.test(clientId))
    return errorPage(
      400,
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${auth.kind === 'tenant' ? auth.tenant.displayName : segment}'.`,
    );
  let redirect: URL | undefined;
  try {
    redirect = new URL(redirectUri);
  } catch {
    redirect = undefined;
  }
  if (redirect?.protocol !== 'https:')
    return errorPage(
      400,
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    );

  const fail = (
    error: string,
    code: number,
    message: string,
    extra: Record<string, string> = {},
  ) => {
    const traceId = randomUUID();
    const correlationId = p.get('client-request-id') ?? randomUUID();
    return redirectWith(
      redirectUri,
      mode,
      {
        error,
        error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${aadTimestamp(core.now())}`,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        state,
      },
      extra,
    );
  };

  if (!['query', 'fragment', 'form_post'].includes(mode))
    return fail('invalid_request', 900144, `The response_mode '${mode}' is not supported.`);
  const responseType = p.get('response_type') ?? '';
  if (responseType !== 'code')
    return fail(
      'unsupported_response_type',
      700054,
      `response_type '${responseType}' is not enabled for the application.`,
    );
  const challenge = p.get('code_challenge') ?? '';
  if (!challenge)
    return fail(
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    );
  const method = p.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256')
    return fail(
      'invalid_request',
      501491,
      `The code_challenge_method '${method}' is not supported; use S256.`,
    );
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
    return fail('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.');
  const scope = p.get('scope') ?? '';
  if (!scope.trim())
    return fail(
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'.",
    );

  const prompt = p.get('prompt') ?? undefined;
  const silent = prompt === 'none';
  const tenant = auth.kind === 'tenant' ? auth.tenant : homeTenant(identity);
  let session = liveSession(req, identity);

  if (silent) {
    if (!session) return fail('login_required', 50058, OUTCOME_ERRORS.login_required.message);
    const hint = p.get('login_hint');
    if (hint && hint.toLowerCase() !== identity.technician.username.toLowerCase())
      return fail(
        'interaction_required',
        16000,
        `Either multiple user identities are available for the current request or selected account is not supported for the scenario.`,
      );
  }
  if (identity.authorizeOutcome !== 'approve') {
    const e = OUTCOME_ERRORS[identity.authorizeOutcome];
    return fail(e.error, e.code, e.message);
  }
  if (!identity.isConsented(tenant.id)) {
    const e = consentRequired(clientId);
    return fail('consent_required', e.code, e.message);
  }

  const extraHeaders: Record<string, string> = {};
  if (!session) {
    session = { id: opaque(24), oid: identity.technician.oid, createdAt: core.now(), alive: true };
    identity.sessions.set(session.id, session);
  }
  if (!silent) {
    // Interactive success (re)sets the browser session cookie.
    extraHeaders['Set-Cookie'] =
      `${SESSION_COOKIE}=${session.id}; Path=/; Secure; HttpOnly; SameSite=None`;
  }
  const code: AuthCode = {
    code: `1.${opaque(48)}`,
    clientId,
    redirectUri,
    codeChallenge: challenge,
    nonce: p.get('nonce') ?? undefined,
    scopes: scope.split(/\s+/).filter(Boolean),
    tenantId: tenant.id,
    sessionId: session.id,
    issuedAt: core.now(),
    expiresAt: core.now() + identity.codeLifetimeSeconds * 1000,
    used: false,
  };
  identity.codes.set(code.code, code);
  return redirectWith(
    redirectUri,
    mode,
    {
      code: code.code,
      client_info: p.get('client_info') === '1' ? clientInfo(identity) : undefined,
      state,
      session_state: session.id.slice(0, 36),
    },
    extraHeaders,
  );
}

// ---------------------------------------------------------------------------------------
// /token

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function responseScope(requested: string[]): string {
  const { resource, names } = graphScopes(requested);
  const out = names.map((n) => `${resource}/${n}`);
  if (requested.some((s) => s.endsWith('/.default') || s === '.default'))
    out.push(`${resource}/.default`);
  if (requested.some((s) => s.toLowerCase() === 'openid'))
    out.unshift('openid', 'profile', 'email');
  return out.join(' ');
}

function tokenSuccess(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
  opts: {
    tenant: IdentityTenant;
    clientId: string;
    scopes: string[];
    nonce?: string;
    refreshExpiresAt: number;
    sessionId?: string;
  },
): WorldResponse {
  const correlationId = correlationOf(req);
  const traceId = randomUUID();
  const accessToken = issueAccessToken(
    identity,
    core,
    opts.tenant.id,
    opts.scopes,
    identity.accessTokenLifetimeSeconds,
    opts.clientId,
  );
  const nowS = Math.floor(core.now() / 1000);
  const t = identity.technician;
  const idClaims: Record<string, unknown> = {
    aud: opts.clientId,
    iss: `https://login.microsoftonline.com/${opts.tenant.id}/v2.0`,
    iat: nowS,
    nbf: nowS,
    exp: nowS + 3600,
    name: t.name,
    oid: t.oid,
    preferred_username: t.username,
    sub: createHash('sha256').update(`${t.oid}:${opts.clientId}`).digest('base64url').slice(0, 43),
    tid: opts.tenant.id,
    uti: opaque(16),
    ver: '2.0',
  };
  if (opts.nonce !== undefined) idClaims.nonce = opts.nonce;
  if (opts.sessionId) idClaims.sid = opts.sessionId.slice(0, 36);
  const refresh = `1.${opaque(64)}`;
  identity.refreshTokens.set(refresh, {
    token: refresh,
    clientId: opts.clientId,
    oid: t.oid,
    sessionId: opts.sessionId,
    issuedAt: core.now(),
    expiresAt: opts.refreshExpiresAt,
    revoked: false,
  });
  const body = {
    token_type: 'Bearer',
    scope: responseScope(opts.scopes),
    expires_in: identity.accessTokenLifetimeSeconds,
    ext_expires_in: identity.accessTokenLifetimeSeconds,
    access_token: accessToken,
    refresh_token: refresh,
    refresh_token_expires_in: Math.max(0, Math.floor((opts.refreshExpiresAt - core.now()) / 1000)),
    id_token: unsignedIdToken(idClaims),
    client_info: clientInfo(identity),
  };
  return json(200, body, tokenHeaders(req, correlationId, traceId));
}

function token(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
  segment: string,
): WorldResponse {
  if (req.method !== 'POST')
    return tokenError(req, core, {
      error: 'invalid_request',
      code: 900561,
      message: 'The endpoint only accepts POST requests. Received a GET request.',
      status: 405,
    });
  const form = new URLSearchParams(req.body);
  const auth = resolveAuthority(identity, segment);
  if (auth.kind === 'unknown') return tokenError(req, core, unknownTenant(segment));
  const missing = (name: string): AadError => ({
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  });
  const clientId = form.get('client_id') ?? '';
  if (!clientId) return tokenError(req, core, missing('client_id'));
  if (!GUID.test(clientId))
    return tokenError(req, core, {
      error: 'unauthorized_client',
      code: 700016,
      message: `Application with identifier '${clientId}' was not found in the directory.`,
    });
  const grantType = form.get('grant_type') ?? '';
  if (!grantType) return tokenError(req, core, missing('grant_type'));
  const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const target = auth.kind === 'tenant' ? auth.tenant : homeTenant(identity);

  if (grantType === 'authorization_code') {
    const codeValue = form.get('code') ?? '';
    if (!codeValue) return tokenError(req, core, missing('code'));
    const code = identity.codes.get(codeValue);
    if (!code)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 70000,
        message: 'Provided grant is invalid or malformed.',
      });
    if (code.used)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 54005,
        message:
          'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      });
    if (code.expiresAt <= core.now())
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 70008,
        message:
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      });
    if (code.clientId !== clientId)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 70000,
        message:
          'Provided grant is invalid or malformed. The code was issued to another application.',
      });
    if ((form.get('redirect_uri') ?? '') !== code.redirectUri)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 50148,
        message: `The redirect_uri '${form.get('redirect_uri') ?? ''}' does not match the redirect URI used to request the authorization code.`,
      });
    if (auth.kind === 'tenant' && auth.tenant.id !== code.tenantId)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 50146,
        message: 'Provided authorization code is intended for use against another tenant.',
      });
    if (identity.requireOriginForSpa && !req.headers.origin)
      return tokenError(req, core, {
        error: 'invalid_request',
        code: 9002327,
        message:
          "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
      });
    const verifier = form.get('code_verifier') ?? '';
    if (!verifier)
      return tokenError(req, core, {
        error: 'invalid_request',
        code: 9002325,
        message:
          'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      });
    // The code is spent by any attempt that reaches PKCE, as Microsoft does.
    code.used = true;
    if (s256(verifier) !== code.codeChallenge)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 501481,
        message:
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      });
    const tenant = identity.tenantById(code.tenantId) as IdentityTenant;
    return tokenSuccess(req, core, identity, {
      tenant,
      clientId,
      scopes: scopes.length ? scopes : code.scopes,
      nonce: code.nonce,
      refreshExpiresAt: core.now() + identity.refreshTokenLifetimeSeconds * 1000,
      sessionId: code.sessionId,
    });
  }

  if (grantType === 'refresh_token') {
    const rtValue = form.get('refresh_token') ?? '';
    if (!rtValue) return tokenError(req, core, missing('refresh_token'));
    const rt = identity.refreshTokens.get(rtValue);
    if (!rt)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 9002313,
        message: 'Invalid request. Request is malformed or invalid.',
      });
    if (rt.clientId !== clientId)
      return tokenError(req, core, {
        error: 'invalid_grant',
        code: 700005,
        message: 'Provided refresh token is intended for another application.',
      });
    if (rt.revoked || rt.expiresAt <= core.now())
      return tokenError(req, core, spaRefreshExpired(rt.issuedAt));
    if (!identity.isConsented(target.id)) return tokenError(req, core, consentRequired(clientId));
    return tokenSuccess(req, core, identity, {
      tenant: target,
      clientId,
      scopes: scopes.length ? scopes : ['openid', 'profile', 'offline_access'],
      refreshExpiresAt: rt.expiresAt,
      sessionId: rt.sessionId,
    });
  }

  return tokenError(req, core, {
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType}'.`,
  });
}

// ---------------------------------------------------------------------------------------
// logout, admin consent

function logout(req: WorldRequest, identity: IdentityState): WorldResponse {
  const p = params(req);
  const id = cookies(req)[SESSION_COOKIE];
  if (id) {
    const s = identity.sessions.get(id);
    if (s) s.alive = false;
  }
  const clear = `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`;
  const post = p.get('post_logout_redirect_uri');
  if (post) {
    const state = p.get('state');
    const u = new URL(post);
    if (state) u.searchParams.set('state', state);
    return {
      status: 302,
      headers: { Location: u.toString(), 'Set-Cookie': clear, 'Cache-Control': 'no-store' },
      body: '',
    };
  }
  return html(
    200,
    '<!doctype html><html><head><title>Sign out</title></head><body><main><h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p></main></body></html>',
    { 'Set-Cookie': clear, 'Cache-Control': 'no-store' },
  );
}

function adminConsent(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
  segment: string,
): WorldResponse {
  const p = params(req);
  const auth = resolveAuthority(identity, segment);
  if (auth.kind === 'unknown') return errorPage(400, 90002, unknownTenant(segment).message);
  const clientId = p.get('client_id') ?? '';
  if (!GUID.test(clientId))
    return errorPage(
      400,
      700016,
      `Application with identifier '${clientId}' was not found in the directory.`,
    );
  const tenant = auth.kind === 'tenant' ? auth.tenant : homeTenant(identity);
  const redirectUri = p.get('redirect_uri');
  const state = p.get('state') ?? undefined;
  if (redirectUri && !redirectUri.startsWith('https://'))
    return errorPage(
      400,
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    );
  if (identity.authorizeOutcome === 'access_denied') {
    if (!redirectUri) return errorPage(403, 65004, OUTCOME_ERRORS.access_denied.message);
    return redirectWith(redirectUri, 'query', {
      error: 'access_denied',
      error_description: `AADSTS65004: ${OUTCOME_ERRORS.access_denied.message} Timestamp: ${aadTimestamp(core.now())}`,
      state,
    });
  }
  identity.consent.set(tenant.id, true);
  if (!redirectUri)
    return html(
      200,
      `<!doctype html><html><head><title>Permissions granted</title></head><body><main><h1>Permissions granted</h1><p>${escapeHtml(APP_NAME)} may now be used in ${escapeHtml(tenant.displayName)}.</p></main></body></html>`,
    );
  return redirectWith(redirectUri, 'query', {
    admin_consent: 'True',
    tenant: tenant.id,
    scope: p.get('scope') ?? undefined,
    state,
  });
}

// ---------------------------------------------------------------------------------------
// routing

/** Answers a request to a login host (the caller routes by Host). */
export function handleIdentity(
  req: WorldRequest,
  core: WorldCore,
  identity: IdentityState,
): WorldResponse {
  const method = req.method.toUpperCase();
  const path = req.url.pathname.replace(/\/+$/, '') || '/';

  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...corsHeaders(req),
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] || CORS_ALLOW_HEADERS,
        'Access-Control-Max-Age': '86400',
      },
      body: '',
    };
  }

  if (path === '/common/discovery/instance') return instanceDiscovery(req);

  const segs = path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const [tenantSeg, ...rest] = segs;
  if (!tenantSeg)
    return html(
      200,
      '<!doctype html><html><body><h1>Microsoft identity platform (emulated)</h1></body></html>',
    );
  const tail = rest.join('/').toLowerCase();

  switch (tail) {
    case 'v2.0/.well-known/openid-configuration':
      return openidConfiguration(req, core, identity, tenantSeg, true);
    case '.well-known/openid-configuration':
      return openidConfiguration(req, core, identity, tenantSeg, false);
    case 'discovery/v2.0/keys':
    case 'discovery/keys':
      return json(200, { keys: [] }, { 'Access-Control-Allow-Origin': '*' });
    case 'oauth2/v2.0/authorize':
      if (method !== 'GET' && method !== 'POST') break;
      return authorize(req, core, identity, tenantSeg);
    case 'oauth2/v2.0/token':
      return token(req, core, identity, tenantSeg);
    case 'oauth2/v2.0/logout':
    case 'oauth2/logout':
      return logout(req, identity);
    case 'v2.0/adminconsent':
    case 'adminconsent':
      return adminConsent(req, core, identity, tenantSeg);
  }
  return json(
    404,
    {
      error: 'not_found',
      error_description: `The emulated identity platform has no ${method} ${path}.`,
    },
    corsHeaders(req),
  );
}
