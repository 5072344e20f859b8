/**
 * The emulated Microsoft Graph (graph.microsoft.com): auth on every request, the endpoints of
 * reference/microsoft.md over seeded tenant fixtures, `$batch`, paging, licence and role
 * gating, fault injection and CORS. Test code only.
 *
 * The server calls `handleGraph` for every request whose Host is graph.microsoft.com and logs
 * the outer request itself (the tenant id and the injected fault are in the response headers
 * `x-world-tenant` and `x-world-fault`, or use `graphLogTenant`); this module logs `$batch`
 * sub-requests (`inBatch: true`).
 */
import { PARTNER_TENANT } from '../catalogue';
import type { WorldRequest, WorldResponse } from '../http';
import type { FaultKind, WorldCore } from '../state';
import { prng } from '../state';
import { handleBatch } from './batch';
import type {
  AuthContext,
  GraphCall,
  GraphIdentityView,
  GraphOptions,
  GraphState,
} from './context';
import { routeCall } from './endpoints';
import { getTenantFixture } from './fixtures';
import {
  corsHeaders,
  DIAGNOSTIC,
  type GraphReply,
  graphError,
  JSON_CONTENT_TYPE,
  preflightHeaders,
  type ReplyContext,
  replyContext,
  unauthorized,
} from './reply';

export { MAX_BATCH } from './batch';
export type {
  AuthContext,
  GraphCall,
  GraphIdentityView,
  GraphOptions,
  GraphState,
  ReportLink,
} from './context';
export {
  bitlockerConditions,
  buildTenantFixture,
  dayStart,
  featuresOf,
  getTenantFixture,
  SKU_IDS,
  storageConditions,
  type TenantFixture,
} from './fixtures';
export { GRAPH_HOST, GRAPH_ORIGIN } from './reply';

/** Response headers through which the server learns what to log for an outer request. */
export const TENANT_HEADER = 'x-world-tenant';
export const FAULT_HEADER = 'x-world-fault';

const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
];

export function defaultGraphOptions(): GraphOptions {
  return {
    // Real Graph's default page sizes where they are known (see MAX_TOP in endpoints.ts):
    // users 100, Intune devices 1000, control profiles 250. The others are not documented;
    // they stay small so that paging is exercised (alerts_v2 and the MFA report honour $top,
    // so the client asks for more; recovery keys do not support $top).
    pageSizes: {
      controlProfiles: 250,
      alerts: 5,
      recoveryKeys: 50,
      managedDevices: 1000,
      users: 100,
      userRegistrationDetails: 100,
      riskyUsers: 20,
      reportJson: 200,
    },
    reportLinkLifetimeMs: 5 * 60_000,
    riskyUsersRateLimit: false,
  };
}

export function createGraphState(
  core: WorldCore,
  identity: GraphIdentityView,
  options: Partial<GraphOptions> = {},
): GraphState {
  return {
    identity,
    options: { ...defaultGraphOptions(), ...options },
    fixture: (tenantId: string) => getTenantFixture(tenantId, core.now()),
    reportLinks: new Map(),
    shuffleRandom: prng(0x5eed),
    lastRiskyUsersAt: new Map(),
  };
}

// ---------------------------------------------------------------------------------------

function bearer(headers: Record<string, string>): string {
  const h = (headers.authorization ?? '').trim();
  const m = /^bearer\s*(.*)$/i.exec(h);
  return m ? (m[1] ?? '').trim() : '';
}

/** Tenant id of a Graph request for the request log (token's tid, unverified; or a report link's tenant). */
export function graphLogTenant(req: WorldRequest, graph?: GraphState): string | undefined {
  const m = /^\/__reports\/([^/.]+)\.csv$/.exec(req.url.pathname);
  if (m && graph) return graph.reportLinks.get(m[1] as string)?.tenantId;
  const token = bearer(req.headers);
  const body = token.split('.')[1];
  if (!body) return undefined;
  try {
    const tid = (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { tid?: unknown })
      .tid;
    return typeof tid === 'string' ? tid : undefined;
  } catch {
    return undefined;
  }
}

type AuthResult = { ok: true; auth: AuthContext } | { ok: false; reply: GraphReply };

function authenticate(
  headers: Record<string, string>,
  core: WorldCore,
  graph: GraphState,
  rctx: ReplyContext,
): AuthResult {
  const token = bearer(headers);
  if (!token) return { ok: false, reply: unauthorized(rctx, 'Access token is empty.') };
  const v = core.signer.verify(token, Math.floor(core.now() / 1000));
  if (!v.ok) {
    const message =
      v.reason === 'expired'
        ? 'Lifetime validation failed, the token is expired.'
        : v.reason === 'empty'
          ? 'Access token is empty.'
          : v.reason === 'malformed'
            ? 'IDX14100: JWT is not well formed, there are no dots (.).'
            : 'Access token validation failure. Invalid audience.';
    return { ok: false, reply: unauthorized(rctx, message) };
  }
  const claims = v.claims;
  if (!GRAPH_AUDIENCES.includes(claims.aud)) {
    return {
      ok: false,
      reply: unauthorized(rctx, 'Access token validation failure. Invalid audience.'),
    };
  }
  const isPartner = claims.tid === PARTNER_TENANT.id;
  const fixture = isPartner ? undefined : graph.fixture(claims.tid);
  if (!isPartner && !fixture) {
    return {
      ok: false,
      reply: unauthorized(
        rctx,
        'Access token validation failure. Invalid issuer: the tenant does not exist.',
      ),
    };
  }
  return {
    ok: true,
    auth: {
      claims,
      tenantId: claims.tid,
      scopes: new Set(
        (claims.scp ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((s) => s.toLowerCase()),
      ),
      fixture,
      isPartner,
    },
  };
}

/** Draws a fault for one request (outer or sub-request); throttled tenants always answer 429. */
function drawFault(core: WorldCore, tenantId: string): FaultKind | undefined {
  const f = core.faults;
  if (f.throttledTenants.includes(tenantId)) return '429';
  if (f.rate <= 0 || f.kinds.length === 0) return undefined;
  if (core.random() >= f.rate) return undefined;
  return f.kinds[Math.floor(core.random() * f.kinds.length)];
}

function faultReply(
  kind: FaultKind,
  core: WorldCore,
  rctx: ReplyContext,
  inBatch: boolean,
  truncateOf: () => GraphReply,
): GraphReply {
  const retryAfter = String(core.faults.retryAfterSeconds);
  switch (kind) {
    case '429':
      return graphError(
        rctx,
        429,
        'TooManyRequests',
        'Too many requests. Retry after the time in the Retry-After header.',
        { 'Retry-After': retryAfter },
      );
    case '429-no-retry-after':
      return graphError(rctx, 429, 'TooManyRequests', 'Too many requests.');
    case '503':
      return graphError(
        rctx,
        503,
        'ServiceUnavailable',
        'The service is temporarily unavailable. Retry after the time in the Retry-After header.',
        {
          'Retry-After': retryAfter,
        },
      );
    case 'timeout':
      // Outer requests hang then drop (see handleGraph); inside a batch Graph reports 504.
      return graphError(
        rctx,
        504,
        'GatewayTimeout',
        inBatch ? 'The request timed out.' : 'The request timed out.',
      );
    case 'expired-token':
      return unauthorized(rctx, 'Lifetime validation failed, the token is expired.');
    case 'malformed': {
      const real = truncateOf();
      const full =
        real.json !== undefined
          ? JSON.stringify(real.json)
          : '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"';
      const cut = full.slice(0, Math.max(12, Math.floor(full.length / 2)));
      return { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE }, text: cut };
    }
  }
}

/** Runs one authenticated call: fault draw, then the endpoint (or the batch). */
function runCall(
  call: GraphCall,
  auth: AuthContext,
  core: WorldCore,
  graph: GraphState,
  rctx: ReplyContext,
  inBatch: boolean,
): { reply: GraphReply; fault?: FaultKind } {
  const isBatch = !inBatch && call.path.toLowerCase() === '/$batch';
  // A throttled tenant's batch envelope is accepted; every sub-request inside answers 429.
  const fault =
    isBatch && core.faults.throttledTenants.includes(auth.tenantId)
      ? undefined
      : drawFault(core, auth.tenantId);
  const real = (): GraphReply =>
    isBatch
      ? handleBatch(call, auth, core, graph, rctx, (c, a, r, b) => runCall(c, a, core, graph, r, b))
      : routeCall(call, auth, graph, core, rctx);
  if (fault)
    return {
      reply: faultReply(
        fault,
        core,
        rctx,
        inBatch,
        isBatch ? () => ({ status: 200, headers: {} }) : real,
      ),
      fault,
    };
  if (isBatch && call.method !== 'POST') {
    return {
      reply: graphError(
        rctx,
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      ),
    };
  }
  return { reply: real() };
}

function toWorld(
  reply: GraphReply,
  rctx: ReplyContext,
  req: WorldRequest,
  extra: Record<string, string>,
): WorldResponse {
  const headers: Record<string, string> = {
    ...reply.headers,
    'request-id': rctx.requestId,
    'client-request-id': rctx.clientRequestId,
    'x-ms-ags-diagnostic': DIAGNOSTIC,
    'Strict-Transport-Security': 'max-age=31536000',
    ...corsHeaders(req.headers),
    ...extra,
  };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'cache-control'))
    headers['Cache-Control'] = 'no-cache';
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
  return { status: reply.status, headers, body };
}

function serveReport(
  req: WorldRequest,
  core: WorldCore,
  graph: GraphState,
  token: string,
): WorldResponse {
  const link = graph.reportLinks.get(token);
  const cors = corsHeaders(req.headers);
  if (!link || link.expiresAt <= core.now()) {
    if (link) graph.reportLinks.delete(token);
    return {
      status: 404,
      headers: { 'Content-Type': 'application/xml', ...cors },
      body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified report link has expired or does not exist.</Message></Error>',
    };
  }
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${link.fileName}"`,
      ...cors,
      [TENANT_HEADER]: link.tenantId,
    },
    body: link.csv,
  };
}

/** Answers one HTTP request addressed to graph.microsoft.com. */
export async function handleGraph(
  req: WorldRequest,
  core: WorldCore,
  graph: GraphState,
): Promise<WorldResponse> {
  const method = req.method.toUpperCase();
  if (method === 'OPTIONS') {
    return {
      status: 200,
      headers: { ...preflightHeaders(req.headers), 'Content-Length': '0' },
      body: '',
    };
  }
  const rctx = replyContext(req.headers, core.now());

  const report = /^\/__reports\/([^/.]+)\.csv$/.exec(req.url.pathname);
  if (report) return serveReport(req, core, graph, report[1] as string);

  const vm = /^\/(v1\.0|beta)(\/.*)?$/i.exec(req.url.pathname);
  if (!vm) {
    const seg = req.url.pathname.split('/').filter(Boolean)[0] ?? '';
    return toWorld(
      graphError(rctx, 400, 'BadRequest', `Invalid version: '${seg}'.`),
      rctx,
      req,
      {},
    );
  }
  const version = (vm[1] as string).toLowerCase() === 'beta' ? 'beta' : 'v1.0';
  let path: string;
  try {
    path = decodeURIComponent(vm[2] ?? '/');
  } catch {
    path = vm[2] ?? '/';
  }
  const url = new URL(`https://graph.microsoft.com${req.url.pathname}${req.url.search}`);
  const call: GraphCall = { method, version, path, url, headers: req.headers, body: req.body };

  const authed = authenticate(req.headers, core, graph, rctx);
  if (!authed.ok) return toWorld(authed.reply, rctx, req, {});
  const { auth } = authed;

  const { reply, fault } = runCall(call, auth, core, graph, rctx, false);
  const extra: Record<string, string> = {
    [TENANT_HEADER]: auth.tenantId,
    ...(fault ? { [FAULT_HEADER]: fault } : {}),
  };
  const res = toWorld(reply, rctx, req, extra);
  if (fault === 'timeout') return { ...res, delayMs: core.faults.timeoutMs, drop: true };
  return res;
}
