/**
 * The Graph endpoints of reference/microsoft.md over the tenant fixtures, with permission
 * (scp), GDAP-role and licence gating. Everything here is synchronous and transport-free:
 * `routeCall` turns one GraphCall into one GraphReply; index.ts adds auth, faults and CORS,
 * batch.ts calls it per sub-request.
 */
import { randomBytes } from 'node:crypto';
import { MICROSOFT_TENANTS, PARTNER_TENANT, TECHNICIAN } from '../catalogue';
import type { WorldCore } from '../state';
import type { AuthContext, GraphCall, GraphState } from './context';
import type { FixtureMailbox, FixtureOneDrive, TenantFixture } from './fixtures';
import {
  evalFilter,
  FilterError,
  type FilterExpr,
  filterPaths,
  nextLink,
  param,
  parseFilter,
  queryKey,
  readSkipToken,
  select,
} from './odata';
import { GRAPH_ORIGIN, type GraphReply, graphError, ok, type ReplyContext, text } from './reply';

// ---------------------------------------------------------------------------------------
// Gating tables

/** Permission families: which error code a 403 carries. */
type Family = 'directory' | 'security' | 'reports' | 'devices' | 'partner';

const ANY_ROLE = '*';
const SECURITY_ROLES = [
  'Security Reader',
  'Security Operator',
  'Security Administrator',
  'Global Reader',
  'Global Administrator',
];
const REPORTS_ROLES = [
  'Reports Reader',
  'Global Reader',
  'Global Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
];
const AUTH_METHODS_ROLES = [
  'Reports Reader',
  'Security Reader',
  'Security Administrator',
  'Global Reader',
  'Global Administrator',
];
const BITLOCKER_ROLES = [
  'Cloud Device Administrator',
  'Intune Administrator',
  'Helpdesk Administrator',
  'Security Reader',
  'Security Administrator',
  'Global Reader',
  'Global Administrator',
];
const INTUNE_ROLES = ['Intune Administrator', 'Global Reader', 'Global Administrator'];

type Licence = { feature: 'intune' | 'entraP1' | 'entraP2'; code: string; message: string };
const LICENCE_P2: Licence = {
  feature: 'entraP2',
  code: 'Forbidden',
  message: 'Your tenant is not licensed for this feature.',
};
const LICENCE_P1: Licence = {
  feature: 'entraP1',
  code: 'Forbidden',
  message: 'Tenant does not have a SKU required for this feature (Microsoft Entra ID P1 or P2).',
};
const LICENCE_INTUNE: Licence = {
  feature: 'intune',
  code: 'Forbidden',
  message: 'Request not applicable to target tenant. The tenant has no Microsoft Intune licence.',
};

interface Endpoint {
  id: string;
  /** Lower-case path pattern after the version; `:period` matches a report function. */
  match: (path: string) => RegExpExecArray | null;
  family: Family;
  /** Any one of these delegated permissions (or a broader one) suffices. */
  scopes: string[];
  roles: string[] | typeof ANY_ROLE;
  licence?: Licence;
  handle: (call: GraphCall, env: Env, m: RegExpExecArray) => GraphReply;
}

interface Env {
  auth: AuthContext;
  graph: GraphState;
  core: WorldCore;
  rctx: ReplyContext;
  /** Present for every endpoint except the partner-tenant ones. */
  fx: TenantFixture;
}

const exact = (p: string) => (path: string) =>
  path === p ? ([path] as unknown as RegExpExecArray) : null;
const REPORT_FN = (name: string) => {
  const re = new RegExp(`^/reports/${name.toLowerCase()}\\(period='?([^')]*)'?\\)$`);
  return (path: string) => re.exec(path);
};

// ---------------------------------------------------------------------------------------
// Helpers

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ctxUrl = (call: GraphCall, what: string) =>
  `${GRAPH_ORIGIN}/${call.version}/$metadata#${what}`;

function eventual(call: GraphCall): boolean {
  return (call.headers.consistencylevel ?? '').trim().toLowerCase() === 'eventual';
}

function topOf(call: GraphCall, max: number): number | undefined {
  const t = param(call.url, '$top');
  if (t === null) return undefined;
  if (!/^\d+$/.test(t) || Number(t) < 1)
    throw new HttpProblem(400, 'BadRequest', `Invalid value '${t}' for $top query option.`);
  return Math.min(Number(t), max);
}

function filterOf(call: GraphCall, allowed: string[] | null, lenient = false): FilterExpr | null {
  const raw = param(call.url, '$filter');
  if (raw === null || raw.trim() === '') return null;
  try {
    const e = parseFilter(raw);
    if (allowed) {
      const bad = filterPaths(e).find((p) => !allowed.includes(p.toLowerCase()));
      if (bad) throw new FilterError(`Unsupported filter property '${bad}'.`);
    }
    return e;
  } catch (err) {
    if (lenient) return null;
    if (err instanceof FilterError)
      throw new HttpProblem(400, 'BadRequest', `Invalid filter clause: ${err.message}`);
    throw err;
  }
}

/**
 * The largest `$top` each paged collection honours; a larger `$top` is clamped to it. `null`:
 * the API does not support `$top` and pages at its own size whatever the client asks.
 * What real Graph does, and how sure we are:
 * - users: default 100, max 999 (Microsoft's user-list docs).
 * - alerts_v2: `$top` supported (List alerts_v2 docs); the security API's documented limit for
 *   `$top` is 1000 alerts ("Microsoft Graph Security API error responses", Constraints).
 *   Default page size: not documented.
 * - managedDevices: Intune answers 1000 a page by default (Microsoft, in the Intune PowerShell
 *   samples' issues); `$top` works below that.
 * - secureScoreControlProfiles: `$top` documented; first pages of 250 reported by users of the
 *   API (tenants have about 290 controls, so two pages there). A larger `$top`: unknown.
 * - userRegistrationDetails: Microsoft's page lists only `$filter`/`$orderby`, but public
 *   clients commonly send `$top=999` and get it; default page size not documented. Check.
 * - recoveryKeys: "This method does not support `$top`" (List recoveryKeys docs); paged by
 *   nextLink at a size that is not documented.
 * - riskyUsers, beta JSON reports: not documented; kept as before.
 */
const MAX_TOP = {
  users: 999,
  controlProfiles: 250,
  alerts: 1000,
  recoveryKeys: null,
  managedDevices: 1000,
  userRegistrationDetails: 999,
  riskyUsers: 999,
  reportJson: 999,
} as const satisfies Record<string, number | null>;

/** One page of a collection, with `@odata.nextLink` when more remain. */
function page(
  call: GraphCall,
  items: object[],
  pageSize: number,
  maxTop: number | null,
  contextWhat: string,
  extra: Record<string, unknown> = {},
): GraphReply {
  const token = param(call.url, '$skiptoken');
  let offset = 0;
  if (token !== null) {
    const o = readSkipToken(token, queryKey(call.url));
    if (o === null) throw new HttpProblem(400, 'BadRequest', 'Invalid $skiptoken value.');
    offset = o;
  }
  const size = (maxTop === null ? undefined : topOf(call, maxTop)) ?? pageSize;
  const slice = items.slice(offset, offset + size);
  const body: Record<string, unknown> = { '@odata.context': ctxUrl(call, contextWhat), ...extra };
  body.value = select(slice, param(call.url, '$select'));
  if (offset + size < items.length) body['@odata.nextLink'] = nextLink(call.url, offset + size);
  return ok(body);
}

/** The items a parsed `$filter` keeps (all of them without one). */
const matching = <T extends object>(items: T[], f: FilterExpr | null): object[] =>
  f ? (items as unknown as Record<string, unknown>[]).filter((x) => evalFilter(f, x)) : items;

// ---------------------------------------------------------------------------------------
// Users

const USER_DEFAULT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
const USER_FILTERABLE = [
  'usertype',
  'accountenabled',
  'assignedlicenses/$count',
  'displayname',
  'userprincipalname',
  'mail',
  'id',
  'jobtitle',
  'createddatetime',
  'givenname',
  'surname',
];

function graphUsers(fx: TenantFixture): Record<string, unknown>[] {
  return fx.users.map(({ kind: _kind, ...u }) => ({
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    ...u,
  }));
}

/**
 * Users matching `$filter`. Advanced queries (`x/$count` in a filter) need
 * `ConsistencyLevel: eventual`, and on the list also `$count=true`, as in Microsoft Entra.
 */
function filteredUsers(
  call: GraphCall,
  fx: TenantFixture,
  list: boolean,
): Record<string, unknown>[] {
  const f = filterOf(call, USER_FILTERABLE);
  const advanced = f !== null && filterPaths(f).some((p) => p.includes('$count'));
  const countParam = (param(call.url, '$count') ?? '').toLowerCase() === 'true';
  if (advanced && (!eventual(call) || (list && !countParam))) {
    throw new HttpProblem(
      400,
      'Request_UnsupportedQuery',
      "Unsupported query: '$count' in $filter is an advanced query; it needs the ConsistencyLevel header set to 'eventual' (and $count=true on a list).",
    );
  }
  const all = graphUsers(fx);
  return f ? all.filter((u) => evalFilter(f, u)) : all;
}

function listUsers(call: GraphCall, env: Env): GraphReply {
  const wantCount = (param(call.url, '$count') ?? '').toLowerCase() === 'true';
  if (wantCount && !eventual(call)) {
    throw new HttpProblem(
      400,
      'Request_UnsupportedQuery',
      "Unsupported query: $count requires the ConsistencyLevel header set to 'eventual'.",
    );
  }
  const users = filteredUsers(call, env.fx, true);
  const sel = param(call.url, '$select');
  const shaped = sel
    ? users
    : users.map((u) => Object.fromEntries(USER_DEFAULT.map((k) => [k, u[k] ?? null])));
  return page(
    call,
    shaped,
    env.graph.options.pageSizes.users,
    MAX_TOP.users,
    'users',
    wantCount ? { '@odata.count': users.length } : {},
  );
}

function countUsers(call: GraphCall, env: Env): GraphReply {
  if (!eventual(call)) {
    throw new HttpProblem(
      400,
      'Request_UnsupportedQuery',
      "Unsupported query: $count requires the ConsistencyLevel header set to 'eventual'.",
    );
  }
  return text(200, String(filteredUsers(call, env.fx, false).length), 'text/plain', {
    'OData-Version': '4.0',
  });
}

// ---------------------------------------------------------------------------------------
// Reports

const MAILBOX_CSV: [string, keyof FixtureMailbox][] = [
  ['Report Refresh Date', 'reportRefreshDate'],
  ['User Principal Name', 'userPrincipalName'],
  ['Display Name', 'displayName'],
  ['Is Deleted', 'isDeleted'],
  ['Deleted Date', 'deletedDate'],
  ['Created Date', 'createdDate'],
  ['Last Activity Date', 'lastActivityDate'],
  ['Item Count', 'itemCount'],
  ['Storage Used (Byte)', 'storageUsedInBytes'],
  ['Issue Warning Quota (Byte)', 'issueWarningQuotaInBytes'],
  ['Prohibit Send Quota (Byte)', 'prohibitSendQuotaInBytes'],
  ['Prohibit Send/Receive Quota (Byte)', 'prohibitSendReceiveQuotaInBytes'],
  ['Deleted Item Count', 'deletedItemCount'],
  ['Deleted Item Size (Byte)', 'deletedItemSizeInBytes'],
  ['Deleted Item Quota (Byte)', 'deletedItemQuotaInBytes'],
  ['Has Archive', 'hasArchive'],
  ['Recipient Type', 'recipientType'],
  ['Report Period', 'reportPeriod'],
];

const ONEDRIVE_CSV: [string, keyof FixtureOneDrive][] = [
  ['Report Refresh Date', 'reportRefreshDate'],
  ['Site URL', 'siteUrl'],
  ['Owner Display Name', 'ownerDisplayName'],
  ['Is Deleted', 'isDeleted'],
  ['Last Activity Date', 'lastActivityDate'],
  ['File Count', 'fileCount'],
  ['Active File Count', 'activeFileCount'],
  ['Storage Used (Byte)', 'storageUsedInBytes'],
  ['Storage Allocated (Byte)', 'storageAllocatedInBytes'],
  ['Owner Principal Name', 'ownerPrincipalName'],
  ['Report Period', 'reportPeriod'],
];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A report as CSV, the way Microsoft serves it: UTF-8 BOM, CRLF line ends. */
export function reportCsv<T extends object>(rows: T[], columns: [string, keyof T][]): string {
  const lines = [columns.map(([h]) => h).join(',')];
  for (const row of rows) lines.push(columns.map(([, k]) => csvCell(row[k])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const PERIODS: Record<string, string> = { d7: '7', d30: '30', d90: '90', d180: '180' };

function report<T extends FixtureMailbox | FixtureOneDrive>(
  call: GraphCall,
  env: Env,
  m: RegExpExecArray,
  rows: T[],
  columns: [string, keyof T][],
  name: string,
): GraphReply {
  const period = PERIODS[(m[1] ?? '').toLowerCase()];
  if (!period)
    throw new HttpProblem(
      400,
      'BadRequest',
      `Invalid value '${m[1] ?? ''}' for period. Supported values: D7, D30, D90, D180.`,
    );
  const withPeriod = rows.map((r) => ({ ...r, reportPeriod: period }));
  const format = (param(call.url, '$format') ?? '').toLowerCase();
  if (call.version === 'beta' && format === 'application/json') {
    return page(
      call,
      withPeriod,
      env.graph.options.pageSizes.reportJson,
      MAX_TOP.reportJson,
      `Collection(microsoft.graph.${name.charAt(0).toLowerCase()}${name.slice(1)})`,
    );
  }
  const token = randomBytes(18).toString('base64url');
  const day = new Date(env.core.now());
  const fileName = `${name}${period}_${day.getUTCMonth() + 1}_${day.getUTCDate()}_${day.getUTCFullYear()} ${day.getUTCHours()}_${String(day.getUTCMinutes()).padStart(2, '0')}_${String(day.getUTCSeconds()).padStart(2, '0')} PM.csv`;
  env.graph.reportLinks.set(token, {
    tenantId: env.auth.tenantId,
    csv: reportCsv(withPeriod as T[], columns),
    fileName,
    expiresAt: env.core.now() + env.graph.options.reportLinkLifetimeMs,
  });
  return {
    status: 302,
    headers: { Location: `${GRAPH_ORIGIN}/__reports/${token}.csv`, 'Cache-Control': 'no-cache' },
  };
}

// ---------------------------------------------------------------------------------------
// The endpoint table

const ENDPOINTS: Endpoint[] = [
  {
    id: 'organization',
    match: exact('/organization'),
    family: 'directory',
    scopes: [
      'User.Read',
      'User.ReadBasic.All',
      'Organization.Read.All',
      'Organization.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    roles: ANY_ROLE,
    handle: (call, env) => {
      const [org] = select([env.fx.organization], param(call.url, '$select'));
      return ok({ '@odata.context': ctxUrl(call, 'organization'), value: [org] });
    },
  },
  {
    id: 'users-count',
    match: exact('/users/$count'),
    family: 'directory',
    scopes: [
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    roles: ANY_ROLE,
    handle: (call, env) => countUsers(call, env),
  },
  {
    id: 'users',
    match: exact('/users'),
    family: 'directory',
    scopes: [
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    roles: ANY_ROLE,
    handle: (call, env) => listUsers(call, env),
  },
  {
    id: 'subscribedSkus',
    match: exact('/subscribedskus'),
    family: 'directory',
    scopes: [
      'Organization.Read.All',
      'Organization.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    roles: ANY_ROLE,
    handle: (call, env) =>
      ok({
        '@odata.context': ctxUrl(call, 'subscribedSkus'),
        value: select(env.fx.subscribedSkus, param(call.url, '$select')),
      }),
  },
  {
    id: 'secureScores',
    match: exact('/security/securescores'),
    family: 'security',
    scopes: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
    roles: SECURITY_ROLES,
    handle: (call, env) => {
      const top = topOf(call, 1000) ?? env.fx.secureScores.length;
      return ok({
        '@odata.context': ctxUrl(call, 'security/secureScores'),
        value: select(env.fx.secureScores.slice(0, top), param(call.url, '$select')),
      });
    },
  },
  {
    id: 'secureScoreControlProfiles',
    match: exact('/security/securescorecontrolprofiles'),
    family: 'security',
    scopes: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
    roles: SECURITY_ROLES,
    handle: (call, env) =>
      page(
        call,
        env.fx.controlProfiles,
        env.graph.options.pageSizes.controlProfiles,
        MAX_TOP.controlProfiles,
        'security/secureScoreControlProfiles',
      ),
  },
  {
    id: 'alerts_v2',
    match: exact('/security/alerts_v2'),
    family: 'security',
    scopes: ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'],
    roles: SECURITY_ROLES,
    handle: (call, env) => {
      const f = filterOf(call, [
        'status',
        'severity',
        'servicesource',
        'detectionsource',
        'category',
        'createddatetime',
        'lastupdatedatetime',
        'incidentid',
        'assignedto',
        'classification',
      ]);
      const items = matching(env.fx.alerts, f);
      return page(
        call,
        items,
        env.graph.options.pageSizes.alerts,
        MAX_TOP.alerts,
        'security/alerts_v2',
      );
    },
  },
  {
    id: 'recoveryKeys',
    match: exact('/informationprotection/bitlocker/recoverykeys'),
    family: 'directory',
    scopes: ['BitLockerKey.ReadBasic.All', 'BitLockerKey.Read.All'],
    roles: BITLOCKER_ROLES,
    handle: (call, env) => {
      const raw = param(call.url, '$filter');
      let items = env.fx.recoveryKeys;
      if (raw !== null && raw.trim() !== '') {
        let f: FilterExpr | null = null;
        try {
          f = parseFilter(raw);
        } catch {
          f = null;
        }
        if (
          !f ||
          f.kind !== 'cmp' ||
          f.path.join('/').toLowerCase() !== 'deviceid' ||
          f.op !== 'eq'
        ) {
          throw new HttpProblem(
            400,
            'BadRequest',
            "Invalid filter clause. Only 'deviceId eq' is supported.",
          );
        }
        items = items.filter((k) => evalFilter(f, k as unknown as Record<string, unknown>));
      }
      return page(
        call,
        items,
        env.graph.options.pageSizes.recoveryKeys,
        MAX_TOP.recoveryKeys,
        'informationProtection/bitlocker/recoveryKeys',
      );
    },
  },
  {
    id: 'managedDevices',
    match: exact('/devicemanagement/manageddevices'),
    family: 'devices',
    scopes: [
      'DeviceManagementManagedDevices.Read.All',
      'DeviceManagementManagedDevices.ReadWrite.All',
    ],
    roles: INTUNE_ROLES,
    licence: LICENCE_INTUNE,
    handle: (call, env) => {
      // Intune silently ignores filters it does not support (e.g. on isEncrypted).
      const f = filterOf(
        call,
        [
          'operatingsystem',
          'compliancestate',
          'devicename',
          'userprincipalname',
          'manageddeviceownertype',
          'id',
          'userid',
          'azureaddeviceid',
        ],
        true,
      );
      const items = matching(env.fx.managedDevices, f);
      return page(
        call,
        items,
        env.graph.options.pageSizes.managedDevices,
        MAX_TOP.managedDevices,
        'deviceManagement/managedDevices',
      );
    },
  },
  {
    id: 'mailboxUsage',
    match: REPORT_FN('getMailboxUsageDetail'),
    family: 'reports',
    scopes: ['Reports.Read.All'],
    roles: REPORTS_ROLES,
    handle: (call, env, m) =>
      report(call, env, m, env.fx.mailboxes, MAILBOX_CSV, 'MailboxUsageDetail'),
  },
  {
    id: 'oneDriveUsage',
    match: REPORT_FN('getOneDriveUsageAccountDetail'),
    family: 'reports',
    scopes: ['Reports.Read.All'],
    roles: REPORTS_ROLES,
    handle: (call, env, m) =>
      report(call, env, m, env.fx.oneDrives, ONEDRIVE_CSV, 'OneDriveUsageAccountDetail'),
  },
  {
    id: 'userRegistrationDetails',
    match: exact('/reports/authenticationmethods/userregistrationdetails'),
    family: 'reports',
    scopes: ['AuditLog.Read.All'],
    roles: AUTH_METHODS_ROLES,
    licence: LICENCE_P1,
    handle: (call, env) => {
      const f = filterOf(call, [
        'ismfaregistered',
        'ismfacapable',
        'isadmin',
        'usertype',
        'isssprregistered',
        'userprincipalname',
        'id',
        'ispasswordlesscapable',
      ]);
      const items = matching(env.fx.mfaRegistrations, f);
      return page(
        call,
        items,
        env.graph.options.pageSizes.userRegistrationDetails,
        MAX_TOP.userRegistrationDetails,
        'reports/authenticationMethods/userRegistrationDetails',
      );
    },
  },
  {
    id: 'riskyUsers',
    match: exact('/identityprotection/riskyusers'),
    family: 'security',
    scopes: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'],
    roles: SECURITY_ROLES,
    licence: LICENCE_P2,
    handle: (call, env) => {
      if (env.graph.options.riskyUsersRateLimit) {
        const last = env.graph.lastRiskyUsersAt.get(env.auth.tenantId);
        const now = env.core.now();
        env.graph.lastRiskyUsersAt.set(env.auth.tenantId, now);
        // Identity Protection answers 429 without Retry-After.
        if (last !== undefined && now - last < 1000)
          throw new HttpProblem(429, 'TooManyRequests', 'Too many requests.');
      }
      const f = filterOf(call, [
        'risklevel',
        'riskstate',
        'riskdetail',
        'userprincipalname',
        'id',
        'isdeleted',
        'risklastupdateddatetime',
      ]);
      const items = matching(env.fx.riskyUsers, f);
      return page(
        call,
        items,
        env.graph.options.pageSizes.riskyUsers,
        MAX_TOP.riskyUsers,
        'identityProtection/riskyUsers',
      );
    },
  },
];

/** Endpoints that answer in the partner tenant too (no fixture needed). */
const PARTNER_SCOPES = [
  'DelegatedAdminRelationship.Read.All',
  'DelegatedAdminRelationship.ReadWrite.All',
];

/** Scopes a granted one implies (ReadWrite implies Read, Directory.* implies user/org reads). */
function hasScope(granted: Set<string>, anyOf: string[]): boolean {
  return anyOf.some((s) => granted.has(s.toLowerCase()));
}

function meReply(call: GraphCall, auth: AuthContext): GraphReply {
  const isTech = auth.claims.oid === TECHNICIAN.oid;
  const upn = auth.claims.upn;
  return ok({
    '@odata.context': ctxUrl(call, 'users/$entity'),
    businessPhones: [],
    displayName: isTech ? TECHNICIAN.name : upn,
    givenName: isTech ? TECHNICIAN.name.split(' ')[0] : null,
    jobTitle: 'Technician',
    mail: upn,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: isTech ? TECHNICIAN.name.split(' ').slice(1).join(' ') : null,
    userPrincipalName: upn,
    id: auth.claims.oid,
  });
}

function forbiddenFor(family: Family, rctx: ReplyContext, detail: string): GraphReply {
  if (family === 'directory')
    return graphError(
      rctx,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  return graphError(rctx, 403, 'Forbidden', detail);
}

/** Routes one authenticated call (outer request or batch sub-request). */
export function routeCall(
  call: GraphCall,
  auth: AuthContext,
  graph: GraphState,
  core: WorldCore,
  rctx: ReplyContext,
): GraphReply {
  try {
    return routeInner(call, auth, graph, core, rctx);
  } catch (err) {
    if (err instanceof HttpProblem) return graphError(rctx, err.status, err.code, err.message);
    throw err;
  }
}

function routeInner(
  call: GraphCall,
  auth: AuthContext,
  graph: GraphState,
  core: WorldCore,
  rctx: ReplyContext,
): GraphReply {
  const path = call.path.toLowerCase().replace(/\/+$/, '') || '/';
  if (call.method !== 'GET') {
    return graphError(
      rctx,
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    );
  }

  if (path === '/me') {
    if (
      !hasScope(auth.scopes, ['User.Read', 'User.ReadWrite', 'User.Read.All', 'Directory.Read.All'])
    ) {
      return forbiddenFor('directory', rctx, '');
    }
    return meReply(call, auth);
  }

  if (path === '/tenantrelationships/delegatedadmincustomers') {
    if (!hasScope(auth.scopes, PARTNER_SCOPES)) {
      return graphError(
        rctx,
        403,
        'Forbidden',
        `Missing scope permissions on the request. API requires one of '${PARTNER_SCOPES.join(', ')}'. Scopes on the request '${auth.claims.scp}'`,
      );
    }
    // Only a partner tenant has delegated-admin customers.
    const value = auth.isPartner
      ? MICROSOFT_TENANTS.map((t) => ({
          '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
          id: t.id,
          tenantId: t.id,
          displayName: t.displayName,
        }))
      : [];
    return ok({
      '@odata.context': ctxUrl(call, 'tenantRelationships/delegatedAdminCustomers'),
      value,
    });
  }

  if (auth.isPartner && path === '/organization') {
    const org = {
      id: PARTNER_TENANT.id,
      displayName: PARTNER_TENANT.displayName,
      verifiedDomains: PARTNER_TENANT.domains.map((name) => ({
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: true,
        name,
        type: 'Managed',
      })),
    };
    return ok({
      '@odata.context': ctxUrl(call, 'organization'),
      value: select([org], param(call.url, '$select')),
    });
  }

  for (const ep of ENDPOINTS) {
    const m = ep.match(path);
    if (!m) continue;
    if (!hasScope(auth.scopes, ep.scopes)) {
      return forbiddenFor(
        ep.family,
        rctx,
        `Missing scope permissions on the request. API requires one of '${ep.scopes.join(', ')}'. Scopes on the request '${auth.claims.scp}'`,
      );
    }
    const fx = auth.fixture;
    if (!fx) {
      // The partner tenant: the technician's own tenant holds no customer data here.
      return graphError(
        rctx,
        403,
        'Forbidden',
        'This resource is not available in the partner tenant of the emulated world.',
      );
    }
    if (ep.licence && !fx.features[ep.licence.feature]) {
      return graphError(rctx, 403, ep.licence.code, ep.licence.message);
    }
    if (ep.roles !== ANY_ROLE) {
      const held = graph.identity.rolesFor(auth.tenantId);
      const roles = ep.roles;
      if (!held.some((r) => roles.includes(r))) {
        return forbiddenFor(
          ep.family,
          rctx,
          `Insufficient privileges to complete the operation. The signed-in user holds none of the roles this API requires (${roles.join(', ')}).`,
        );
      }
    } else if (graph.identity.rolesFor(auth.tenantId).length === 0) {
      return forbiddenFor(ep.family, rctx, 'Insufficient privileges to complete the operation.');
    }
    return ep.handle(call, { auth, graph, core, rctx, fx }, m);
  }

  const seg = call.path.split('/').filter(Boolean)[0] ?? '';
  return graphError(rctx, 400, 'BadRequest', `Resource not found for the segment '${seg}'.`);
}
