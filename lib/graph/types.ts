/**
 * What the Graph module returns per source, and the shapes of the data it keeps.
 * Field names follow Microsoft Graph's so a reader can check them against the docs.
 */

/** The Graph sources the poller knows, one per endpoint of reference/microsoft.md. */
export type SourceId =
  | 'organization'
  | 'secureScores'
  | 'controlProfiles'
  | 'userCounts'
  | 'subscribedSkus'
  | 'securityAlerts'
  | 'bitlockerKeys'
  | 'managedDevices'
  | 'mailboxUsage'
  | 'oneDriveUsage'
  | 'mfaRegistration'
  | 'riskyUsers';

/** How one source fared in one poll. */
export type SourceStatus =
  | { state: 'ok' }
  /** 403: the signed-in technician lacks a permission or (GDAP) directory role. */
  | { state: 'forbidden'; message: string; permission?: string; role?: string }
  /** The tenant lacks the licence the endpoint needs (e.g. "Entra ID P2", "Intune"). */
  | { state: 'unlicensed'; licence: string; message: string }
  /** 429/503 that did not clear within the poll; retry after this many seconds. */
  | { state: 'throttled'; retryAfterSeconds: number | null; message: string }
  /** The app is not consented in this tenant. `consentUrl` is the admin-consent link. */
  | { state: 'consent-required'; consentUrl: string; message: string }
  /** No token could be had silently: the technician must sign in again. */
  | { state: 'sign-in-needed'; message: string }
  /** The source is switched off in settings. */
  | { state: 'disabled' }
  /** Anything else (5xx, malformed body, network). */
  | { state: 'error'; message: string; code?: string };

/** `/organization` */
export interface Organization {
  id: string;
  displayName: string;
  verifiedDomains: { name: string; isDefault: boolean; isInitial?: boolean }[];
}

/** One `/security/secureScores` entry (one a day, newest first). */
export interface SecureScore {
  id?: string;
  createdDateTime: string;
  currentScore: number;
  maxScore: number;
  licensedUserCount?: number;
  activeUserCount?: number;
  enabledServices?: string[];
  averageComparativeScores: {
    basis: string;
    averageScore: number;
    seatSizeRangeLowerValue?: string;
    seatSizeRangeUpperValue?: string;
  }[];
  /** Per-control scores: the newest score's only (older days carry an empty list). */
  controlScores: {
    controlName: string;
    controlCategory: string;
    score: number;
    description?: string;
    scoreInPercentage?: number;
  }[];
}

/** One `/security/secureScoreControlProfiles` entry (improvement action). */
export interface ControlProfile {
  id: string;
  title: string;
  maxScore: number;
  rank: number;
  actionUrl: string;
  remediation?: string;
  implementationCost: string;
  userImpact: string;
  tier: string;
  controlCategory: string;
  service: string;
  threats?: string[];
  deprecated: boolean;
}

/** Counts from `/users/$count` with the filters of reference/microsoft.md. */
export interface UserCounts {
  /** All users. */
  total: number;
  /** userType eq 'Guest'. */
  guests: number;
  /** accountEnabled eq false. */
  disabled: number;
  /** assignedLicenses/$count ne 0. */
  licensed: number;
}

/** One `/subscribedSkus` entry. */
export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
}

/** One `/security/alerts_v2` entry. */
export interface SecurityAlert {
  id: string;
  title: string;
  severity: 'informational' | 'low' | 'medium' | 'high' | 'unknownFutureValue';
  status: 'new' | 'inProgress' | 'resolved' | 'unknownFutureValue';
  category?: string;
  serviceSource?: string;
  createdDateTime: string;
  lastUpdateDateTime?: string;
  alertWebUrl?: string;
  recommendedActions?: string;
}

/** One `/informationProtection/bitlocker/recoveryKeys` entry. */
export interface BitLockerKey {
  id: string;
  createdDateTime: string;
  volumeType: string;
  deviceId: string;
}

/** One Windows `/deviceManagement/managedDevices` entry. */
export interface ManagedDevice {
  id: string;
  deviceName: string;
  isEncrypted: boolean;
  azureADDeviceId: string;
  userPrincipalName: string;
  lastSyncDateTime: string;
}

/** One row of the mailbox usage report. */
export interface MailboxUsage {
  userPrincipalName: string;
  displayName: string;
  storageUsedInBytes: number;
  issueWarningQuotaInBytes: number;
  prohibitSendQuotaInBytes: number;
  prohibitSendReceiveQuotaInBytes: number;
}

/** One row of the OneDrive usage report. */
export interface OneDriveUsage {
  ownerPrincipalName: string;
  ownerDisplayName?: string;
  storageUsedInBytes: number;
  storageAllocatedInBytes: number;
}

/** One `/reports/authenticationMethods/userRegistrationDetails` entry. */
export interface MfaRegistration {
  id: string;
  userPrincipalName: string;
  isMfaRegistered: boolean;
  isAdmin: boolean;
  userType: string;
}

/** One `/identityProtection/riskyUsers` entry. */
export interface RiskyUser {
  id: string;
  userPrincipalName: string;
  userDisplayName?: string;
  riskLevel: 'low' | 'medium' | 'high' | 'hidden' | 'none' | 'unknownFutureValue';
  riskState: string;
  riskLastUpdatedDateTime: string;
}

/** The data type each source yields. */
export interface SourceData {
  organization: Organization;
  secureScores: SecureScore[];
  controlProfiles: ControlProfile[];
  userCounts: UserCounts;
  subscribedSkus: SubscribedSku[];
  securityAlerts: SecurityAlert[];
  bitlockerKeys: BitLockerKey[];
  managedDevices: ManagedDevice[];
  mailboxUsage: MailboxUsage[];
  oneDriveUsage: OneDriveUsage[];
  mfaRegistration: MfaRegistration[];
  riskyUsers: RiskyUser[];
}

/** One source's result from one poll. */
export type SourceOutcome<K extends SourceId = SourceId> =
  | { source: K; status: { state: 'ok' }; data: SourceData[K] }
  | { source: K; status: Exclude<SourceStatus, { state: 'ok' }>; data?: undefined };

/** All sources' results for one tenant from one poll, plus what it cost. */
export interface TenantPollResult {
  tenantId: string;
  outcomes: { [K in SourceId]?: SourceOutcome<K> };
  /** HTTP requests made for this tenant (batch envelopes count once). */
  httpRequests: number;
}
