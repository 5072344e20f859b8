/**
 * The identity platform's state: who signs in, what /authorize answers, per-tenant consent
 * and GDAP roles, browser sessions, authorization codes, refresh tokens and every access
 * token issued. The Graph emulator reads `rolesFor` and `tenantById`; tests read
 * `issuedAccessTokens` to prove no token leaks.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { MICROSOFT_TENANTS, PARTNER_TENANT, TECHNICIAN } from '../catalogue';
import type { WorldCore } from '../state';

/** What an interactive /authorize answers (prompt=none also needs a live session). */
export type AuthorizeOutcome =
  | 'approve'
  | 'consent_required'
  | 'interaction_required'
  | 'access_denied'
  | 'login_required';
export const AUTHORIZE_OUTCOMES: AuthorizeOutcome[] = [
  'approve',
  'consent_required',
  'interaction_required',
  'access_denied',
  'login_required',
];

/** Where a tenant lives, as its openid-configuration says (whatever login host is asked). */
export interface TenantCloud {
  /** cloud_instance_name: microsoftonline.com, microsoftonline.us, partner.microsoftonline.cn. */
  instance: string;
  /** msgraph_host. */
  graphHost: string;
  /** tenant_region_scope: NA, EU, AS, USGov, ... */
  regionScope: string;
  /** tenant_region_sub_scope: GCC, DODCON (GCC High), DOD; absent for commercial tenants. */
  regionSubScope?: string;
}

export const GLOBAL_CLOUD: TenantCloud = {
  instance: 'microsoftonline.com',
  graphHost: 'graph.microsoft.com',
  regionScope: 'NA',
};

export interface IdentityTenant {
  id: string;
  displayName: string;
  domains: string[];
  /** The technician's home (partner) tenant. */
  isPartner: boolean;
  /** Every catalogue tenant is a commercial (global) tenant; tests may change it in-process. */
  cloud: TenantCloud;
}

export interface Technician {
  oid: string;
  name: string;
  username: string;
  homeTenantId: string;
}

export interface BrowserSession {
  id: string;
  oid: string;
  createdAt: number;
  /** False once signed out (logout, end-session control). */
  alive: boolean;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  /** Scopes as requested (space-split). */
  scopes: string[];
  tenantId: string;
  sessionId: string;
  issuedAt: number;
  expiresAt: number;
  used: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  oid: string;
  sessionId: string | undefined;
  issuedAt: number;
  /** Fixed at sign-in (SPA rule): redeeming gives a new token with the same end. */
  expiresAt: number;
  revoked: boolean;
}

export interface IssuedAccessToken {
  token: string;
  tenantId: string;
  /** scp claim, space separated. */
  scp: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}

export interface IdentityState {
  technician: Technician;
  /** What an interactive /authorize (and a silent one with a live session) answers. */
  authorizeOutcome: AuthorizeOutcome;
  /** Per-tenant consent (tenant id -> consented). The partner tenant is always consented. */
  consent: Map<string, boolean>;
  /** Per-tenant GDAP roles of the technician (tenant id -> role names). */
  roles: Map<string, string[]>;
  sessions: Map<string, BrowserSession>;
  codes: Map<string, AuthCode>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  issuedAccessTokens: IssuedAccessToken[];
  /** SPA refresh-token lifetime (s); 24 h like Microsoft. */
  refreshTokenLifetimeSeconds: number;
  /** Access-token lifetime (s) of tokens issued by /token. */
  accessTokenLifetimeSeconds: number;
  /** Authorization-code lifetime (s). */
  codeLifetimeSeconds: number;
  /**
   * When true, /token refuses code redemption without an Origin header (Microsoft's
   * AADSTS9002327 for SPA redirect URIs). Off by default: in-process tests send none.
   */
  requireOriginForSpa: boolean;
  /** Tenants the technician can reach: the partner tenant then the customers. */
  tenants: IdentityTenant[];
  /** Tenant by id or any verified domain (case-insensitive); undefined when unknown. */
  tenantById(idOrDomain: string): IdentityTenant | undefined;
  /** GDAP roles the technician holds in a tenant (partner tenant: PARTNER_ROLES); [] when unknown. */
  rolesFor(tenantId: string): string[];
  isConsented(tenantId: string): boolean;
}

/** Delegated Graph permissions the app registration asks for (what `.default` expands to). */
export const APP_GRAPH_SCOPES = [
  'User.Read',
  'User.Read.All',
  'Organization.Read.All',
  'SecurityEvents.Read.All',
  'SecurityAlert.Read.All',
  'BitLockerKey.ReadBasic.All',
  'DeviceManagementManagedDevices.Read.All',
  'Reports.Read.All',
  'AuditLog.Read.All',
  'IdentityRiskyUser.Read.All',
  // Read in the partner tenant to match a portal "Microsoft Tenant" display name (README).
  'DelegatedAdminRelationship.Read.All',
];

/** Roles the technician holds in the partner tenant itself. */
export const PARTNER_ROLES = ['Global Administrator'];

export function createIdentityState(_core: WorldCore): IdentityState {
  const tenants: IdentityTenant[] = [
    {
      id: PARTNER_TENANT.id,
      displayName: PARTNER_TENANT.displayName,
      domains: [...PARTNER_TENANT.domains],
      isPartner: true,
      cloud: { ...GLOBAL_CLOUD },
    },
    ...MICROSOFT_TENANTS.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domains: [...t.domains],
      isPartner: false,
      cloud: { ...GLOBAL_CLOUD },
    })),
  ];
  const consent = new Map<string, boolean>([[PARTNER_TENANT.id, true]]);
  const roles = new Map<string, string[]>([[PARTNER_TENANT.id, [...PARTNER_ROLES]]]);
  for (const t of MICROSOFT_TENANTS) {
    consent.set(t.id, t.consented);
    roles.set(t.id, [...t.gdapRoles]);
  }
  const state: IdentityState = {
    technician: { ...TECHNICIAN, homeTenantId: PARTNER_TENANT.id },
    authorizeOutcome: 'approve',
    consent,
    roles,
    sessions: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    issuedAccessTokens: [],
    refreshTokenLifetimeSeconds: 24 * 3600,
    accessTokenLifetimeSeconds: 3599,
    codeLifetimeSeconds: 600,
    requireOriginForSpa: false,
    tenants,
    tenantById(idOrDomain: string) {
      const key = idOrDomain.trim().toLowerCase();
      return tenants.find((t) => t.id === key || t.domains.some((d) => d.toLowerCase() === key));
    },
    rolesFor(tenantId: string) {
      const t = state.tenantById(tenantId);
      return t ? [...(state.roles.get(t.id) ?? [])] : [];
    },
    isConsented(tenantId: string) {
      const t = state.tenantById(tenantId);
      return t ? t.isPartner || state.consent.get(t.id) === true : false;
    },
  };
  return state;
}

/** Opaque random string (base64url), for codes, refresh tokens and session ids. */
export function opaque(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Splits scopes into the resource (an origin) and bare permission names; OIDC scopes dropped. */
export function graphScopes(scopes: string[]): { resource: string; names: string[] } {
  let resource = 'https://graph.microsoft.com';
  const names: string[] = [];
  for (const raw of scopes) {
    const s = raw.trim();
    if (!s || OIDC_SCOPES.has(s.toLowerCase())) continue;
    const m = /^(https:\/\/[^/]+)\/(.+)$/.exec(s);
    if (m) {
      resource = m[1] as string;
      names.push(m[2] as string);
    } else if (s.toLowerCase().startsWith('00000003-0000-0000-c000-000000000000/')) {
      names.push(s.slice(s.indexOf('/') + 1));
    } else {
      names.push(s);
    }
  }
  // `.default` means: every permission the app was consented.
  const expanded = names.some((n) => n === '.default') ? [...APP_GRAPH_SCOPES] : names;
  return { resource, names: [...new Set(expanded)] };
}

/**
 * Issues (and records) an access token for the technician in a tenant: what /token does,
 * without a browser. Scopes may be prefixed (`https://graph.microsoft.com/User.Read`), bare,
 * or `.default`.
 */
export function issueAccessToken(
  identity: IdentityState,
  core: WorldCore,
  tenantId: string,
  scopes: string[] = ['https://graph.microsoft.com/.default'],
  lifetimeSeconds?: number,
  clientId = '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
): string {
  const tenant = identity.tenantById(tenantId);
  const tid = tenant?.id ?? tenantId;
  const { resource, names } = graphScopes(scopes);
  const iat = Math.floor(core.now() / 1000);
  const exp = iat + (lifetimeSeconds ?? identity.accessTokenLifetimeSeconds);
  const scp = names.join(' ');
  const token = core.signer.sign({
    aud: resource,
    iss: `https://sts.windows.net/${tid}/`,
    tid,
    oid: identity.technician.oid,
    upn: identity.technician.username,
    scp,
    appid: clientId,
    iat,
    nbf: iat,
    exp,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
  });
  identity.issuedAccessTokens.push({
    token,
    tenantId: tid,
    scp,
    clientId,
    issuedAt: iat * 1000,
    expiresAt: exp * 1000,
  });
  return token;
}
