/**
 * One definition per Graph source: the request(s) it makes, what it needs (delegated
 * permission, GDAP role, licence) and how its answer becomes the shape in ./types.
 * Paths, permissions and licences come from reference/microsoft.md.
 */

import type { CsvColumn } from './report-csv';
import type {
  BitLockerKey,
  ControlProfile,
  MailboxUsage,
  ManagedDevice,
  MfaRegistration,
  OneDriveUsage,
  Organization,
  RiskyUser,
  SecureScore,
  SecurityAlert,
  SourceData,
  SourceId,
  SubscribedSku,
} from './types';

/** Graph API version a request targets. A `$batch` envelope carries one version only. */
export type ApiVersion = 'v1.0' | 'beta';

/** One request of a source. */
export interface SourceRequest {
  /** Name of this request within its source (e.g. "guests"); keys of `parse`'s input. */
  key: string;
  version: ApiVersion;
  method: 'GET';
  /** Path and query relative to the version root, with a leading slash. */
  url: string;
  /** Per-request headers (e.g. ConsistencyLevel for $count). */
  headers?: Record<string, string>;
  /**
   * What the answer is: `collection` ({value: [...]}, paged by @odata.nextLink unless
   * `singlePage`), `count` (a plain integer) or `report` (a collection in JSON, or a 302 to CSV
   * read with `csvColumns`).
   */
  kind: 'collection' | 'count' | 'report';
  /** Read only the first page (e.g. the last 90 secure scores). */
  singlePage?: boolean;
  /** For reports answered as CSV: the columns to read. */
  csvColumns?: readonly CsvColumn[];
}

/** Per request key: all items of a collection/report (every page), or the number of a count. */
export type SourceResults = Record<string, unknown[] | number>;

/** Everything the Graph module knows about one source. */
export interface SourceDefinition<K extends SourceId = SourceId> {
  id: K;
  requests: readonly SourceRequest[];
  /** The delegated Graph permission it needs. */
  permission: string;
  /** Directory (GDAP) roles that grant it, least privileged first. */
  roles: readonly string[];
  /** The licence the tenant needs, if any. */
  licence?: string;
  /** From the collected answers to the data shape; throws MalformedBodyError on a wrong shape. */
  parse(results: SourceResults): SourceData[K];
}

/** A response body that is not the shape the source expects. */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
}

// ---- small readers: lenient on optional fields, strict on the shape ----

type Obj = Record<string, unknown>;

function items(results: SourceResults, key: string): Obj[] {
  const v = results[key];
  if (!Array.isArray(v)) throw new MalformedBodyError(`expected a collection for ${key}`);
  return v.map((x) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x))
      throw new MalformedBodyError(`expected objects in ${key}`);
    return x as Obj;
  });
}

function count(results: SourceResults, key: string): number {
  const v = results[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new MalformedBodyError(`expected a count for ${key}`);
  return v;
}

const str = (o: Obj, k: string, fallback = ''): string =>
  typeof o[k] === 'string' ? (o[k] as string) : fallback;
const optStr = (o: Obj, k: string): string | undefined =>
  typeof o[k] === 'string' ? (o[k] as string) : undefined;
const num = (o: Obj, k: string, fallback = 0): number => {
  const v = o[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
};
const bool = (o: Obj, k: string): boolean => o[k] === true || o[k] === 'true' || o[k] === 'True';
const strArray = (o: Obj, k: string): string[] | undefined =>
  Array.isArray(o[k])
    ? (o[k] as unknown[]).filter((x): x is string => typeof x === 'string')
    : undefined;
const objArray = (o: Obj, k: string): Obj[] =>
  Array.isArray(o[k])
    ? (o[k] as unknown[]).filter((x): x is Obj => typeof x === 'object' && x !== null)
    : [];
function id(o: Obj, k = 'id'): string {
  const v = o[k];
  if (typeof v !== 'string' || v === '') throw new MalformedBodyError(`missing ${k}`);
  return v;
}

/** Builds `path?k=v&…` with spaces escaped (Graph also accepts them raw in $batch). */
function path(p: string, query: Record<string, string> = {}): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${k}=${v.replace(/ /g, '%20')}`)
    .join('&');
  return q ? `${p}?${q}` : p;
}

const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;

const MAILBOX_CSV: readonly CsvColumn[] = [
  { header: 'User Principal Name', property: 'userPrincipalName', type: 'string' },
  { header: 'Display Name', property: 'displayName', type: 'string' },
  { header: 'Storage Used (Byte)', property: 'storageUsedInBytes', type: 'number' },
  { header: 'Issue Warning Quota (Byte)', property: 'issueWarningQuotaInBytes', type: 'number' },
  { header: 'Prohibit Send Quota (Byte)', property: 'prohibitSendQuotaInBytes', type: 'number' },
  {
    header: 'Prohibit Send/Receive Quota (Byte)',
    property: 'prohibitSendReceiveQuotaInBytes',
    type: 'number',
  },
];

const ONEDRIVE_CSV: readonly CsvColumn[] = [
  { header: 'Owner Principal Name', property: 'ownerPrincipalName', type: 'string' },
  { header: 'Owner Display Name', property: 'ownerDisplayName', type: 'string' },
  { header: 'Storage Used (Byte)', property: 'storageUsedInBytes', type: 'number' },
  { header: 'Storage Allocated (Byte)', property: 'storageAllocatedInBytes', type: 'number' },
];

const SEVERITIES = ['informational', 'low', 'medium', 'high'] as const;
const ALERT_STATUSES = ['new', 'inProgress', 'resolved'] as const;
const RISK_LEVELS = ['low', 'medium', 'high', 'hidden', 'none'] as const;
function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** Every source, keyed by id. */
export const SOURCES: { readonly [K in SourceId]: SourceDefinition<K> } = {
  organization: {
    id: 'organization',
    requests: [
      {
        key: 'org',
        version: 'v1.0',
        method: 'GET',
        url: path('/organization', { $select: 'id,displayName,verifiedDomains' }),
        kind: 'collection',
        singlePage: true,
      },
    ],
    permission: 'User.Read',
    roles: ['Directory Readers', 'Global Reader'],
    parse(r): Organization {
      const org = items(r, 'org')[0];
      if (!org) throw new MalformedBodyError('no organization in the answer');
      return {
        id: id(org),
        displayName: str(org, 'displayName'),
        verifiedDomains: objArray(org, 'verifiedDomains').map((d) => ({
          name: str(d, 'name'),
          isDefault: bool(d, 'isDefault'),
          ...(typeof d.isInitial === 'boolean' ? { isInitial: d.isInitial } : {}),
        })),
      };
    },
  },

  secureScores: {
    id: 'secureScores',
    requests: [
      {
        key: 'scores',
        version: 'v1.0',
        method: 'GET',
        url: path('/security/secureScores', { $top: '90' }),
        kind: 'collection',
        singlePage: true,
      },
    ],
    permission: 'SecurityEvents.Read.All',
    roles: ['Security Reader', 'Global Reader', 'Security Administrator'],
    parse(r): SecureScore[] {
      // Newest first. Only the newest score keeps its per-control scores (what the improvement
      // actions are computed from); older days keep the score itself, for the trend. A day's
      // controls are most of its size (90 days × every control), so the stored snapshot and
      // each commit stay small.
      return items(r, 'scores')
        .map((s) => ({ s, at: str(s, 'createdDateTime') }))
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
        .map(({ s, at }, i) => ({
          ...(optStr(s, 'id') ? { id: optStr(s, 'id') } : {}),
          createdDateTime: at,
          currentScore: num(s, 'currentScore'),
          maxScore: num(s, 'maxScore'),
          ...(typeof s.licensedUserCount === 'number'
            ? { licensedUserCount: s.licensedUserCount }
            : {}),
          ...(typeof s.activeUserCount === 'number' ? { activeUserCount: s.activeUserCount } : {}),
          ...(strArray(s, 'enabledServices')
            ? { enabledServices: strArray(s, 'enabledServices') }
            : {}),
          averageComparativeScores: objArray(s, 'averageComparativeScores').map((a) => ({
            basis: str(a, 'basis'),
            averageScore: num(a, 'averageScore'),
            ...(optStr(a, 'seatSizeRangeLowerValue')
              ? { seatSizeRangeLowerValue: optStr(a, 'seatSizeRangeLowerValue') }
              : {}),
            ...(optStr(a, 'seatSizeRangeUpperValue')
              ? { seatSizeRangeUpperValue: optStr(a, 'seatSizeRangeUpperValue') }
              : {}),
          })),
          controlScores:
            i > 0
              ? []
              : objArray(s, 'controlScores').map((c) => ({
                  controlName: str(c, 'controlName'),
                  controlCategory: str(c, 'controlCategory'),
                  score: num(c, 'score'),
                  ...(optStr(c, 'description') ? { description: optStr(c, 'description') } : {}),
                  ...(typeof c.scoreInPercentage === 'number'
                    ? { scoreInPercentage: c.scoreInPercentage }
                    : {}),
                })),
        }));
    },
  },

  controlProfiles: {
    id: 'controlProfiles',
    requests: [
      {
        key: 'profiles',
        version: 'v1.0',
        method: 'GET',
        url: '/security/secureScoreControlProfiles',
        kind: 'collection',
      },
    ],
    permission: 'SecurityEvents.Read.All',
    roles: ['Security Reader', 'Global Reader', 'Security Administrator'],
    parse(r): ControlProfile[] {
      return items(r, 'profiles').map((p) => ({
        id: id(p),
        title: str(p, 'title'),
        maxScore: num(p, 'maxScore'),
        rank: num(p, 'rank'),
        actionUrl: str(p, 'actionUrl'),
        ...(optStr(p, 'remediation') ? { remediation: optStr(p, 'remediation') } : {}),
        implementationCost: str(p, 'implementationCost'),
        userImpact: str(p, 'userImpact'),
        tier: str(p, 'tier'),
        controlCategory: str(p, 'controlCategory'),
        service: str(p, 'service'),
        ...(strArray(p, 'threats') ? { threats: strArray(p, 'threats') } : {}),
        deprecated: bool(p, 'deprecated'),
      }));
    },
  },

  userCounts: {
    id: 'userCounts',
    requests: [
      {
        key: 'total',
        version: 'v1.0',
        method: 'GET',
        url: '/users/$count',
        headers: EVENTUAL,
        kind: 'count',
      },
      {
        key: 'guests',
        version: 'v1.0',
        method: 'GET',
        url: path('/users/$count', { $filter: "userType eq 'Guest'" }),
        headers: EVENTUAL,
        kind: 'count',
      },
      {
        key: 'disabled',
        version: 'v1.0',
        method: 'GET',
        url: path('/users/$count', { $filter: 'accountEnabled eq false' }),
        headers: EVENTUAL,
        kind: 'count',
      },
      {
        key: 'licensed',
        version: 'v1.0',
        method: 'GET',
        url: path('/users/$count', { $filter: 'assignedLicenses/$count ne 0' }),
        headers: EVENTUAL,
        kind: 'count',
      },
    ],
    permission: 'User.Read.All',
    roles: ['Directory Readers', 'Global Reader', 'User Administrator'],
    parse(r) {
      return {
        total: count(r, 'total'),
        guests: count(r, 'guests'),
        disabled: count(r, 'disabled'),
        licensed: count(r, 'licensed'),
      };
    },
  },

  subscribedSkus: {
    id: 'subscribedSkus',
    requests: [
      { key: 'skus', version: 'v1.0', method: 'GET', url: '/subscribedSkus', kind: 'collection' },
    ],
    permission: 'Organization.Read.All',
    roles: ['Directory Readers', 'Global Reader'],
    parse(r): SubscribedSku[] {
      return items(r, 'skus').map((s) => {
        const p = (
          typeof s.prepaidUnits === 'object' && s.prepaidUnits !== null ? s.prepaidUnits : {}
        ) as Obj;
        return {
          skuId: str(s, 'skuId'),
          skuPartNumber: str(s, 'skuPartNumber'),
          capabilityStatus: str(s, 'capabilityStatus'),
          consumedUnits: num(s, 'consumedUnits'),
          prepaidUnits: {
            enabled: num(p, 'enabled'),
            suspended: num(p, 'suspended'),
            warning: num(p, 'warning'),
            lockedOut: num(p, 'lockedOut'),
          },
        };
      });
    },
  },

  securityAlerts: {
    id: 'securityAlerts',
    requests: [
      {
        key: 'alerts',
        version: 'v1.0',
        method: 'GET',
        // $top up to 1000 (the security API's limit): one page for almost every tenant.
        url: path('/security/alerts_v2', { $filter: "status ne 'resolved'", $top: '1000' }),
        kind: 'collection',
      },
    ],
    permission: 'SecurityAlert.Read.All',
    roles: ['Security Reader', 'Global Reader', 'Security Operator', 'Security Administrator'],
    parse(r): SecurityAlert[] {
      return (
        items(r, 'alerts')
          .map((a) => ({
            id: id(a),
            title: str(a, 'title'),
            severity: oneOf(a.severity, SEVERITIES, 'unknownFutureValue'),
            status: oneOf(a.status, ALERT_STATUSES, 'unknownFutureValue'),
            ...(optStr(a, 'category') ? { category: optStr(a, 'category') } : {}),
            ...(optStr(a, 'serviceSource') ? { serviceSource: optStr(a, 'serviceSource') } : {}),
            createdDateTime: str(a, 'createdDateTime'),
            ...(optStr(a, 'lastUpdateDateTime')
              ? { lastUpdateDateTime: optStr(a, 'lastUpdateDateTime') }
              : {}),
            ...(optStr(a, 'alertWebUrl') ? { alertWebUrl: optStr(a, 'alertWebUrl') } : {}),
            ...(optStr(a, 'recommendedActions')
              ? { recommendedActions: optStr(a, 'recommendedActions') }
              : {}),
          }))
          // The filter is applied again here: a resolved alert must never raise one of ours.
          .filter((a) => a.status !== 'resolved')
      );
    },
  },

  bitlockerKeys: {
    id: 'bitlockerKeys',
    requests: [
      {
        key: 'keys',
        version: 'v1.0',
        method: 'GET',
        url: '/informationProtection/bitlocker/recoveryKeys',
        kind: 'collection',
      },
    ],
    permission: 'BitLockerKey.ReadBasic.All',
    roles: [
      'Cloud Device Administrator',
      'Helpdesk Administrator',
      'Intune Administrator',
      'Security Reader',
      'Global Reader',
    ],
    parse(r): BitLockerKey[] {
      return items(r, 'keys').map((k) => ({
        id: id(k),
        createdDateTime: str(k, 'createdDateTime'),
        volumeType: str(k, 'volumeType'),
        deviceId: str(k, 'deviceId'),
      }));
    },
  },

  managedDevices: {
    id: 'managedDevices',
    requests: [
      {
        key: 'devices',
        version: 'v1.0',
        method: 'GET',
        url: path('/deviceManagement/managedDevices', {
          $filter: "operatingSystem eq 'Windows'",
          $select:
            'id,deviceName,operatingSystem,isEncrypted,azureADDeviceId,userPrincipalName,lastSyncDateTime',
        }),
        kind: 'collection',
      },
    ],
    permission: 'DeviceManagementManagedDevices.Read.All',
    roles: ['Intune Administrator', 'Global Reader'],
    licence: 'Microsoft Intune',
    parse(r): ManagedDevice[] {
      return (
        items(r, 'devices')
          // Intune silently ignores filters it does not support: filter again on our side.
          .filter(
            (d) => typeof d.operatingSystem !== 'string' || /^windows/i.test(d.operatingSystem),
          )
          .map((d) => ({
            id: id(d),
            deviceName: str(d, 'deviceName'),
            isEncrypted: bool(d, 'isEncrypted'),
            azureADDeviceId: str(d, 'azureADDeviceId'),
            userPrincipalName: str(d, 'userPrincipalName'),
            lastSyncDateTime: str(d, 'lastSyncDateTime'),
          }))
      );
    },
  },

  mailboxUsage: {
    id: 'mailboxUsage',
    requests: [
      {
        key: 'rows',
        version: 'beta',
        method: 'GET',
        url: path("/reports/getMailboxUsageDetail(period='D7')", { $format: 'application/json' }),
        kind: 'report',
        csvColumns: MAILBOX_CSV,
      },
    ],
    permission: 'Reports.Read.All',
    roles: ['Reports Reader', 'Global Reader'],
    parse(r): MailboxUsage[] {
      return items(r, 'rows').map((m) => ({
        userPrincipalName: str(m, 'userPrincipalName'),
        displayName: str(m, 'displayName'),
        storageUsedInBytes: num(m, 'storageUsedInBytes'),
        issueWarningQuotaInBytes: num(m, 'issueWarningQuotaInBytes'),
        prohibitSendQuotaInBytes: num(m, 'prohibitSendQuotaInBytes'),
        prohibitSendReceiveQuotaInBytes: num(m, 'prohibitSendReceiveQuotaInBytes'),
      }));
    },
  },

  oneDriveUsage: {
    id: 'oneDriveUsage',
    requests: [
      {
        key: 'rows',
        version: 'beta',
        method: 'GET',
        url: path("/reports/getOneDriveUsageAccountDetail(period='D7')", {
          $format: 'application/json',
        }),
        kind: 'report',
        csvColumns: ONEDRIVE_CSV,
      },
    ],
    permission: 'Reports.Read.All',
    roles: ['Reports Reader', 'Global Reader'],
    parse(r): OneDriveUsage[] {
      return items(r, 'rows').map((o) => ({
        ownerPrincipalName: str(o, 'ownerPrincipalName'),
        ...(optStr(o, 'ownerDisplayName')
          ? { ownerDisplayName: optStr(o, 'ownerDisplayName') }
          : {}),
        storageUsedInBytes: num(o, 'storageUsedInBytes'),
        storageAllocatedInBytes: num(o, 'storageAllocatedInBytes'),
      }));
    },
  },

  mfaRegistration: {
    id: 'mfaRegistration',
    requests: [
      {
        key: 'details',
        version: 'v1.0',
        method: 'GET',
        // The largest page the report gives (its default is smaller).
        url: path('/reports/authenticationMethods/userRegistrationDetails', { $top: '999' }),
        kind: 'collection',
      },
    ],
    permission: 'AuditLog.Read.All',
    roles: ['Reports Reader', 'Security Reader', 'Global Reader'],
    licence: 'Entra ID P1 or P2',
    parse(r): MfaRegistration[] {
      return items(r, 'details').map((u) => ({
        id: id(u),
        userPrincipalName: str(u, 'userPrincipalName'),
        isMfaRegistered: bool(u, 'isMfaRegistered'),
        isAdmin: bool(u, 'isAdmin'),
        userType: str(u, 'userType'),
      }));
    },
  },

  riskyUsers: {
    id: 'riskyUsers',
    requests: [
      {
        key: 'users',
        version: 'v1.0',
        method: 'GET',
        url: '/identityProtection/riskyUsers',
        kind: 'collection',
      },
    ],
    permission: 'IdentityRiskyUser.Read.All',
    roles: ['Security Reader', 'Security Operator', 'Global Reader'],
    licence: 'Entra ID P2',
    parse(r): RiskyUser[] {
      return items(r, 'users').map((u) => ({
        id: id(u),
        userPrincipalName: str(u, 'userPrincipalName'),
        ...(optStr(u, 'userDisplayName') ? { userDisplayName: optStr(u, 'userDisplayName') } : {}),
        riskLevel: oneOf(u.riskLevel, RISK_LEVELS, 'unknownFutureValue'),
        riskState: str(u, 'riskState'),
        riskLastUpdatedDateTime: str(u, 'riskLastUpdatedDateTime'),
      }));
    },
  },
};

/** The definition of a source. */
export function sourceDefinition<K extends SourceId>(id: K): SourceDefinition<K> {
  return SOURCES[id] as SourceDefinition<K>;
}
