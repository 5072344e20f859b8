/**
 * The world's control API, answered on 127.0.0.1 / localhost (never on an emulated host):
 * the request log, fault injection, and the identity platform's knobs. Every route has an
 * in-process twin exported here for tests that hold the world object.
 *
 *   GET    /                                        index page (links to the portal)
 *   GET    /__world/log[?since=<epoch ms>]          request log (JSON array)
 *   DELETE /__world/log                             clears the log
 *   GET    /__world/faults                          current FaultConfig
 *   PUT    /__world/faults                          partial FaultConfig (replaces, see setFaults)
 *   GET    /__world/identity                        identity summary
 *   PUT    /__world/identity                        IdentityPatch
 *   POST   /__world/identity/expire-refresh-tokens  every refresh token now expired (SPA 24 h)
 *   POST   /__world/identity/end-session            every browser session ended (prompt=none fails)
 *   POST   /__world/identity/reset                  outcome, consent and roles back to the catalogue
 *   GET    /__world/clock                           { now, offsetMs }
 *   PUT    /__world/clock                           { offsetMs }: the world's clock runs that far ahead
 */
import { PARTNER_TENANT, PORTAL_TENANTS, TECHNICIAN } from './catalogue';
import { html, json, type WorldRequest, type WorldResponse } from './http';
import {
  AUTHORIZE_OUTCOMES,
  type AuthorizeOutcome,
  createIdentityState,
  type IdentityState,
} from './identity/index';
import { type FaultConfig, type LoggedRequest, setFaults, type WorldCore } from './state';

/** Subdomain of the portal replica's account. */
export const PORTAL_ORIGIN = 'https://acme.syncromsp.com';

export interface ControlWorld {
  core: WorldCore;
  identity: IdentityState;
}

// ---------------------------------------------------------------------------------------
// in-process equivalents

export function getLog(core: WorldCore, since?: number): LoggedRequest[] {
  return since === undefined ? [...core.log] : core.log.filter((e) => e.at >= since);
}

export function clearLog(core: WorldCore): void {
  core.log.length = 0;
}

export { setFaults };

export function getFaults(core: WorldCore): FaultConfig {
  return { ...core.faults };
}

export interface IdentityPatch {
  authorizeOutcome?: AuthorizeOutcome;
  /** Tenant id or domain -> consented. */
  consent?: Record<string, boolean>;
  /** Tenant id or domain -> GDAP roles (replaces). */
  roles?: Record<string, string[]>;
  refreshTokenLifetimeSeconds?: number;
  accessTokenLifetimeSeconds?: number;
  requireOriginForSpa?: boolean;
}

/** Applies a patch; throws on unknown tenants or outcomes (the HTTP route answers 400). */
export function setIdentity(identity: IdentityState, patch: IdentityPatch): void {
  if (patch.authorizeOutcome !== undefined) {
    if (!AUTHORIZE_OUTCOMES.includes(patch.authorizeOutcome))
      throw new Error(`unknown authorize outcome '${patch.authorizeOutcome}'`);
  }
  const resolve = (key: string) => {
    const t = identity.tenantById(key);
    if (!t) throw new Error(`unknown tenant '${key}'`);
    return t.id;
  };
  const consent = Object.entries(patch.consent ?? {}).map(
    ([k, v]) => [resolve(k), Boolean(v)] as const,
  );
  const roles = Object.entries(patch.roles ?? {}).map(([k, v]) => {
    if (!Array.isArray(v) || v.some((r) => typeof r !== 'string'))
      throw new Error(`roles for '${k}' must be an array of strings`);
    return [resolve(k), [...v] as string[]] as [string, string[]];
  });
  if (patch.authorizeOutcome !== undefined) identity.authorizeOutcome = patch.authorizeOutcome;
  for (const [id, v] of consent) identity.consent.set(id, v);
  for (const [id, v] of roles) identity.roles.set(id, v);
  if (typeof patch.refreshTokenLifetimeSeconds === 'number')
    identity.refreshTokenLifetimeSeconds = patch.refreshTokenLifetimeSeconds;
  if (typeof patch.accessTokenLifetimeSeconds === 'number')
    identity.accessTokenLifetimeSeconds = patch.accessTokenLifetimeSeconds;
  if (typeof patch.requireOriginForSpa === 'boolean')
    identity.requireOriginForSpa = patch.requireOriginForSpa;
}

/** Simulates the SPA refresh-token expiry: every refresh token issued so far is expired. */
export function expireRefreshTokens(identity: IdentityState, core: WorldCore): number {
  let n = 0;
  for (const rt of identity.refreshTokens.values()) {
    if (rt.expiresAt > core.now()) n++;
    rt.expiresAt = Math.min(rt.expiresAt, core.now());
  }
  return n;
}

/** Ends every browser session (the ESTSAUTH cookie no longer signs anyone in). */
export function endSessions(identity: IdentityState): number {
  let n = 0;
  for (const s of identity.sessions.values()) {
    if (s.alive) n++;
    s.alive = false;
  }
  return n;
}

/** Puts the authorize outcome, consent and roles back to the catalogue's (tokens and sessions stay). */
export function resetIdentity(identity: IdentityState, core: WorldCore): void {
  const fresh = createIdentityState(core);
  identity.authorizeOutcome = fresh.authorizeOutcome;
  identity.consent.clear();
  for (const [k, v] of fresh.consent) identity.consent.set(k, v);
  identity.roles.clear();
  for (const [k, v] of fresh.roles) identity.roles.set(k, v);
  identity.refreshTokenLifetimeSeconds = fresh.refreshTokenLifetimeSeconds;
  identity.accessTokenLifetimeSeconds = fresh.accessTokenLifetimeSeconds;
  identity.requireOriginForSpa = fresh.requireOriginForSpa;
}

const clockOffsets = new WeakMap<WorldCore, number>();

/** Runs the world's clock `offsetMs` ahead of real time (token lifetimes, code expiry, Graph's exp checks). */
export function setClockOffset(core: WorldCore, offsetMs: number): void {
  clockOffsets.set(core, offsetMs);
  core.now = () => Date.now() + offsetMs;
}

export function getClock(core: WorldCore): { now: number; offsetMs: number } {
  return { now: core.now(), offsetMs: clockOffsets.get(core) ?? 0 };
}

export function identitySummary(identity: IdentityState, core: WorldCore) {
  return {
    technician: identity.technician,
    authorizeOutcome: identity.authorizeOutcome,
    consent: Object.fromEntries(identity.consent),
    roles: Object.fromEntries(identity.roles),
    refreshTokenLifetimeSeconds: identity.refreshTokenLifetimeSeconds,
    accessTokenLifetimeSeconds: identity.accessTokenLifetimeSeconds,
    requireOriginForSpa: identity.requireOriginForSpa,
    liveSessions: [...identity.sessions.values()].filter((s) => s.alive).length,
    liveRefreshTokens: [...identity.refreshTokens.values()].filter(
      (r) => !r.revoked && r.expiresAt > core.now(),
    ).length,
    issuedAccessTokens: identity.issuedAccessTokens.length,
  };
}

// ---------------------------------------------------------------------------------------
// HTTP

function parseJson(body: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!body.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function indexPage(port: number): WorldResponse {
  const tenants = PORTAL_TENANTS.map(
    (t) =>
      `<li><a href="${PORTAL_ORIGIN}/tenants/${t.slug}">${t.name}</a> <small>(${t.microsoftTenantText})</small></li>`,
  ).join('');
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenant Lens emulated world</title></head><body>
<h1>Tenant Lens emulated world</h1>
<p>Portal: <a href="${PORTAL_ORIGIN}/">${PORTAL_ORIGIN}/</a> (reachable from a Chromium started with the world's --host-resolver-rules, port ${port}).</p>
<h2>Tenant Details pages</h2><ul>${tenants}</ul>
<p>Technician: ${TECHNICIAN.username} (partner tenant ${PARTNER_TENANT.displayName}, ${PARTNER_TENANT.id}).</p>
<h2>Control API</h2><ul>
<li><a href="/__world/log">GET /__world/log</a> (?since=epoch ms), DELETE /__world/log</li>
<li><a href="/__world/faults">GET /__world/faults</a>, PUT /__world/faults</li>
<li><a href="/__world/identity">GET /__world/identity</a>, PUT /__world/identity</li>
<li>POST /__world/identity/expire-refresh-tokens, POST /__world/identity/end-session, POST /__world/identity/reset</li>
<li><a href="/__world/clock">GET /__world/clock</a>, PUT /__world/clock</li>
</ul></body></html>`,
  );
}

export function handleControl(
  req: WorldRequest,
  world: ControlWorld,
  info: { port: number },
): WorldResponse {
  const { core, identity } = world;
  const method = req.method.toUpperCase();
  const path = req.url.pathname.replace(/\/+$/, '') || '/';
  const bad = (message: string) => json(400, { error: message });
  const notAllowed = () => json(405, { error: `${method} not allowed on ${path}` });

  if (path === '/' || path === '/index.html')
    return method === 'GET' ? indexPage(info.port) : notAllowed();

  if (path === '/__world/log') {
    if (method === 'GET') {
      const sinceRaw = req.url.searchParams.get('since');
      const since = sinceRaw === null ? undefined : Number(sinceRaw);
      if (since !== undefined && !Number.isFinite(since))
        return bad('since must be epoch milliseconds');
      return json(200, getLog(core, since));
    }
    if (method === 'DELETE') {
      clearLog(core);
      return { status: 204, headers: {}, body: '' };
    }
    return notAllowed();
  }

  if (path === '/__world/faults') {
    if (method === 'GET') return json(200, getFaults(core));
    if (method === 'PUT' || method === 'POST') {
      const parsed = parseJson(req.body);
      if (!parsed.ok) return bad(`invalid JSON: ${parsed.error}`);
      if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
        return bad('expected an object');
      setFaults(core, parsed.value as Partial<FaultConfig>);
      return json(200, getFaults(core));
    }
    return notAllowed();
  }

  if (path === '/__world/identity') {
    if (method === 'GET') return json(200, identitySummary(identity, core));
    if (method === 'PUT' || method === 'POST') {
      const parsed = parseJson(req.body);
      if (!parsed.ok) return bad(`invalid JSON: ${parsed.error}`);
      try {
        setIdentity(identity, parsed.value as IdentityPatch);
      } catch (e) {
        return bad((e as Error).message);
      }
      return json(200, identitySummary(identity, core));
    }
    return notAllowed();
  }

  if (path === '/__world/identity/expire-refresh-tokens') {
    if (method !== 'POST') return notAllowed();
    return json(200, { expired: expireRefreshTokens(identity, core) });
  }

  if (path === '/__world/identity/end-session') {
    if (method !== 'POST') return notAllowed();
    return json(200, { ended: endSessions(identity) });
  }

  if (path === '/__world/identity/reset') {
    if (method !== 'POST') return notAllowed();
    resetIdentity(identity, core);
    return json(200, identitySummary(identity, core));
  }

  if (path === '/__world/clock') {
    if (method === 'GET') return json(200, getClock(core));
    if (method === 'PUT' || method === 'POST') {
      const parsed = parseJson(req.body);
      if (!parsed.ok) return bad(`invalid JSON: ${parsed.error}`);
      const offset = (parsed.value as { offsetMs?: unknown }).offsetMs;
      if (typeof offset !== 'number' || !Number.isFinite(offset))
        return bad('offsetMs must be a number');
      setClockOffset(core, offset);
      return json(200, getClock(core));
    }
    return notAllowed();
  }

  return json(404, { error: `no control route ${method} ${path}` });
}
