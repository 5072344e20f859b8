/**
 * Microsoft Graph fixtures of every customer tenant in the catalogue, generated
 * deterministically: the same tenant id gives the same users, devices, alerts and scores
 * (seeded PRNG per tenant). Only dates depend on the anchor (the UTC day of the world's
 * clock), so counts, ids and scores are stable whatever the day.
 *
 * Field names follow Microsoft Graph (lib/graph/types.ts uses the same ones). Tests import
 * `getTenantFixture` to compute their expectations instead of hard-coding numbers.
 */
import { createHash } from 'node:crypto';
import {
  type LicencePlan,
  MICROSOFT_TENANTS,
  type MicrosoftTenantFixture,
  PORTAL_TENANTS,
} from '../catalogue';
import { prng } from '../state';

// ---------------------------------------------------------------------------------------
// Shapes (a superset of lib/graph/types.ts; extra fields are ones real Graph sends)

export interface FixtureUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  jobTitle: string | null;
  createdDateTime: string;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  /** Not a Graph field: why this user exists (admin, staff, service account, shared mailbox, leaver, guest). */
  kind: 'admin' | 'staff' | 'service' | 'shared' | 'leaver' | 'guest';
}

export interface FixtureSku {
  accountId: string;
  accountName: string;
  appliesTo: 'User';
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended';
  consumedUnits: number;
  id: string;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: {
    servicePlanId: string;
    servicePlanName: string;
    provisioningStatus: string;
    appliesTo: string;
  }[];
  skuId: string;
  skuPartNumber: string;
  subscriptionIds: string[];
}

export interface FixtureControlProfile {
  id: string;
  azureTenantId: string;
  title: string;
  maxScore: number;
  rank: number;
  actionType: string;
  actionUrl: string;
  remediation: string;
  remediationImpact: string;
  implementationCost: 'Low' | 'Moderate' | 'High';
  userImpact: 'Low' | 'Moderate' | 'High';
  tier: 'Core' | 'Defense in Depth' | 'Advanced';
  controlCategory: 'Identity' | 'Data' | 'Device' | 'Apps' | 'Infrastructure';
  service: string;
  threats: string[];
  deprecated: boolean;
  complianceInformation: unknown[];
  controlStateUpdates: unknown[];
  lastModifiedDateTime: string;
  vendorInformation: {
    provider: string;
    providerVersion: string | null;
    subProvider: string | null;
    vendor: string;
  };
}

export interface FixtureSecureScore {
  id: string;
  azureTenantId: string;
  createdDateTime: string;
  currentScore: number;
  maxScore: number;
  licensedUserCount: number;
  activeUserCount: number;
  enabledServices: string[];
  averageComparativeScores: {
    basis: string;
    averageScore: number;
    seatSizeRangeLowerValue?: string;
    seatSizeRangeUpperValue?: string;
  }[];
  controlScores: {
    controlCategory: string;
    controlName: string;
    description: string;
    score: number;
    scoreInPercentage: number;
    implementationStatus: string;
    lastSynced: string;
  }[];
  vendorInformation: {
    provider: string;
    providerVersion: string | null;
    subProvider: string | null;
    vendor: string;
  };
}

export interface FixtureAlert {
  id: string;
  providerAlertId: string;
  incidentId: string;
  status: 'new' | 'inProgress' | 'resolved';
  severity: 'informational' | 'low' | 'medium' | 'high';
  classification: string | null;
  determination: string | null;
  serviceSource: string;
  detectionSource: string;
  detectorId: string;
  tenantId: string;
  title: string;
  description: string;
  recommendedActions: string;
  category: string;
  assignedTo: string | null;
  alertWebUrl: string;
  incidentWebUrl: string;
  actorDisplayName: string | null;
  threatDisplayName: string | null;
  threatFamilyName: string | null;
  mitreTechniques: string[];
  createdDateTime: string;
  lastUpdateDateTime: string;
  resolvedDateTime: string | null;
  firstActivityDateTime: string;
  lastActivityDateTime: string;
  comments: unknown[];
  evidence: unknown[];
  systemTags: string[];
}

export interface FixtureDevice {
  id: string;
  userId: string;
  deviceName: string;
  managedDeviceOwnerType: 'company' | 'personal';
  enrolledDateTime: string;
  lastSyncDateTime: string;
  operatingSystem: 'Windows' | 'iOS' | 'Android' | 'macOS';
  osVersion: string;
  complianceState: 'compliant' | 'noncompliant' | 'inGracePeriod';
  jailBroken: string;
  managementAgent: string;
  azureADRegistered: boolean;
  deviceEnrollmentType: string;
  emailAddress: string;
  azureADDeviceId: string;
  deviceRegistrationState: string;
  isEncrypted: boolean;
  userPrincipalName: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
  userDisplayName: string;
}

export interface FixtureRecoveryKey {
  id: string;
  createdDateTime: string;
  volumeType: 'operatingSystemVolume' | 'fixedDataVolume' | 'removableDataVolume';
  deviceId: string;
}

export interface FixtureMailbox {
  reportRefreshDate: string;
  userPrincipalName: string;
  displayName: string;
  isDeleted: boolean;
  deletedDate: string | null;
  createdDate: string;
  lastActivityDate: string;
  itemCount: number;
  storageUsedInBytes: number;
  issueWarningQuotaInBytes: number;
  prohibitSendQuotaInBytes: number;
  prohibitSendReceiveQuotaInBytes: number;
  deletedItemCount: number;
  deletedItemSizeInBytes: number;
  deletedItemQuotaInBytes: number;
  hasArchive: boolean;
  recipientType: 'User' | 'Shared';
  reportPeriod: string;
}

export interface FixtureOneDrive {
  reportRefreshDate: string;
  siteUrl: string;
  ownerDisplayName: string;
  isDeleted: boolean;
  lastActivityDate: string;
  fileCount: number;
  activeFileCount: number;
  storageUsedInBytes: number;
  storageAllocatedInBytes: number;
  ownerPrincipalName: string;
  reportPeriod: string;
}

export interface FixtureMfaRegistration {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaCapable: boolean;
  isMfaRegistered: boolean;
  isPasswordlessCapable: boolean;
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  methodsRegistered: string[];
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: string;
  lastUpdatedDateTime: string;
}

export interface FixtureRiskyUser {
  id: string;
  isDeleted: boolean;
  isProcessing: boolean;
  riskLastUpdatedDateTime: string;
  riskLevel: 'low' | 'medium' | 'high' | 'none';
  riskState: 'atRisk' | 'confirmedCompromised' | 'remediated' | 'dismissed';
  riskDetail: string;
  userDisplayName: string;
  userPrincipalName: string;
}

export interface FixtureOrganization {
  id: string;
  displayName: string;
  tenantType: string;
  countryLetterCode: string;
  city: string;
  createdDateTime: string;
  preferredLanguage: string;
  technicalNotificationMails: string[];
  verifiedDomains: {
    capabilities: string;
    isDefault: boolean;
    isInitial: boolean;
    name: string;
    type: string;
  }[];
}

export interface TenantFeatures {
  /** Intune (deviceManagement) is licensed: e5, business-premium. */
  intune: boolean;
  /** Entra ID P1 (or P2): e5, business-premium. */
  entraP1: boolean;
  /** Entra ID P2: e5 only. */
  entraP2: boolean;
  /** Defender for Office 365 P1+ (Safe Links, Safe Attachments). */
  defenderForOffice: boolean;
  /** Defender for Endpoint / Business (device alerts). */
  defenderForEndpoint: boolean;
  /** Defender for Cloud Apps. */
  defenderForCloudApps: boolean;
}

export interface TenantFixture {
  tenant: MicrosoftTenantFixture;
  features: TenantFeatures;
  /** Mailbox and OneDrive report names are concealed (hashed), as the admin-centre privacy setting does. */
  concealedReportNames: boolean;
  organization: FixtureOrganization;
  users: FixtureUser[];
  counts: { total: number; guests: number; disabled: number; licensed: number; members: number };
  subscribedSkus: FixtureSku[];
  controlProfiles: FixtureControlProfile[];
  /** 90 entries, newest first, one a day. */
  secureScores: FixtureSecureScore[];
  alerts: FixtureAlert[];
  /** All managed devices (Windows and others); Intune tenants only, else empty. */
  managedDevices: FixtureDevice[];
  recoveryKeys: FixtureRecoveryKey[];
  mailboxes: FixtureMailbox[];
  oneDrives: FixtureOneDrive[];
  mfaRegistrations: FixtureMfaRegistration[];
  /** P2 tenants only, else empty. */
  riskyUsers: FixtureRiskyUser[];
}

// ---------------------------------------------------------------------------------------
// Helpers

const DAY = 86_400_000;
const GB = 1024 ** 3;
const TB = 1024 ** 4;

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  guid: () => string;
  hex: (n: number) => string;
  digits: (n: number) => string;
}

function rngFor(seed: string): Rng {
  const next = prng(seedOf(seed));
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
    return s;
  };
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    guid: () => {
      const h = hex(32).split('');
      h[12] = '4';
      h[16] = '89ab'[Math.floor(next() * 4)] as string;
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    hex,
    digits: (n: number) => {
      let s = String(int(1, 9));
      while (s.length < n) s += String(int(0, 9));
      return s;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Start of the UTC day of `ms`. */
export const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

const FIRST = [
  'Adele',
  'Alex',
  'Allan',
  'Amara',
  'Ben',
  'Bianca',
  'Carlos',
  'Chen',
  'Dana',
  'Diego',
  'Elena',
  'Emeka',
  'Farah',
  'Grady',
  'Hana',
  'Henrietta',
  'Isaiah',
  'Ivy',
  'Johanna',
  'Joni',
  'Kenji',
  'Lee',
  'Lidia',
  'Lynne',
  'Megan',
  'Miriam',
  'Nestor',
  'Nadia',
  'Omar',
  'Patti',
  'Pradeep',
  'Priya',
  'Raul',
  'Rosa',
  'Sakura',
  'Sam',
  'Tomas',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Adams',
  'Bowen',
  'Castillo',
  'Diaz',
  'Eriksen',
  'Fischer',
  'Gupta',
  'Hansen',
  'Ito',
  'Johnson',
  'Kowalski',
  'Larsen',
  'Mendes',
  'Nguyen',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Sanders',
  'Tanaka',
  'Ueda',
  'Vance',
  'Wilber',
  'Xu',
  'Young',
  'Zhang',
];
const JOBS = [
  'Accountant',
  'Sales Manager',
  'Engineer',
  'Designer',
  'Office Manager',
  'Analyst',
  'Buyer',
  'Consultant',
  'Marketing Lead',
  'Support Specialist',
];
const GUEST_DOMAINS = [
  'outlook.com',
  'gmail.com',
  'partnerco.com',
  'relecloud.com',
  'proseware.com',
];

// ---------------------------------------------------------------------------------------
// Plans, SKUs, features

export const SKU_IDS = {
  SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  AAD_PREMIUM_P2: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
  EMS: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e',
  SPB: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  O365_BUSINESS_ESSENTIALS: '3b555118-da6a-4418-894f-7df1e2096870',
} as const;

const SERVICE_PLANS: Record<string, [string, string][]> = {
  SPE_E5: [
    ['efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE'],
    ['5dbe027f-2339-4123-9542-606e4d348a72', 'SHAREPOINTENTERPRISE'],
    ['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM'],
    ['eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2'],
    ['c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A'],
    ['8e0c0a52-6a6c-4d40-8370-dd62790dcd70', 'THREAT_INTELLIGENCE'],
    ['871d91ec-ec1a-452b-a83f-bd76c7d770ef', 'WINDEFATP'],
    ['2e2ddb96-6af9-4b1d-a3f0-d6ecfd22edb2', 'ADALLOM_S_STANDALONE'],
  ],
  AAD_PREMIUM_P2: [
    ['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM'],
    ['eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2'],
  ],
  EMS: [
    ['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM'],
    ['c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A'],
    ['8a256a2b-b617-496d-b51b-e76466e88db0', 'MFA_PREMIUM'],
  ],
  SPB: [
    ['9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD'],
    ['c7699d2e-19aa-44de-8edf-1736da088ca1', 'SHAREPOINTSTANDARD'],
    ['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM'],
    ['c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A'],
    ['f20fedf3-f3c3-43c3-8267-2bfdd51c0939', 'ATP_ENTERPRISE'],
    ['bfc1bbd9-981b-4f71-9b82-17c35fd0e2a4', 'MDE_SMB'],
  ],
  O365_BUSINESS_ESSENTIALS: [
    ['9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD'],
    ['c7699d2e-19aa-44de-8edf-1736da088ca1', 'SHAREPOINTSTANDARD'],
    ['57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1'],
  ],
};

export function featuresOf(plan: LicencePlan): TenantFeatures {
  return {
    intune: plan !== 'business-basic',
    entraP1: plan !== 'business-basic',
    entraP2: plan === 'e5',
    defenderForOffice: plan !== 'business-basic',
    defenderForEndpoint: plan !== 'business-basic',
    defenderForCloudApps: plan === 'e5',
  };
}

/** Mailbox quotas: [issueWarning, prohibitSend, prohibitSendReceive] in bytes. */
function mailboxQuotas(plan: LicencePlan, shared: boolean): [number, number, number] {
  if (plan === 'business-basic' || shared) return [52_613_349_376, 53_150_220_288, 53_687_091_200];
  return [105_226_698_752, 106_300_440_576, 107_374_182_400];
}

// ---------------------------------------------------------------------------------------
// Control profiles (improvement actions)

interface ProfileSpec {
  id: string;
  title: string;
  maxScore: number;
  cost: 'Low' | 'Moderate' | 'High';
  impact: 'Low' | 'Moderate' | 'High';
  tier: FixtureControlProfile['tier'];
  category: FixtureControlProfile['controlCategory'];
  service: string;
  url: string;
  threats: string[];
  needs?: keyof TenantFeatures;
  deprecated?: boolean;
  remediation: string;
}

const SS = 'https://security.microsoft.com';
const PROFILE_SPECS: ProfileSpec[] = [
  {
    id: 'AdminMFAV2',
    title: 'Ensure multifactor authentication is enabled for all users in administrative roles',
    maxScore: 10,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=AdminMFAV2`,
    threats: ['Account breach', 'Elevation of privilege'],
    remediation:
      'Create a Conditional Access policy that requires multifactor authentication for directory roles.',
  },
  {
    id: 'MFARegistrationV2',
    title: 'Ensure multifactor authentication is enabled for all users',
    maxScore: 9,
    cost: 'Moderate',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=MFARegistrationV2`,
    threats: ['Account breach', 'Password cracking'],
    remediation: 'Require all users to register for and use multifactor authentication.',
  },
  {
    id: 'BlockLegacyAuthentication',
    title: 'Enable Conditional Access policies to block legacy authentication',
    maxScore: 8,
    cost: 'Moderate',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=BlockLegacyAuthentication`,
    threats: ['Password spray', 'Account breach'],
    remediation: 'Create a Conditional Access policy that blocks legacy authentication clients.',
    needs: 'entraP1',
  },
  {
    id: 'SigninRiskPolicy',
    title: 'Ensure that sign-in risk policy is enabled',
    maxScore: 7,
    cost: 'Moderate',
    impact: 'Moderate',
    tier: 'Defense in Depth',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=SigninRiskPolicy`,
    threats: ['Account breach'],
    remediation: 'Require multifactor authentication for medium and high sign-in risk.',
    needs: 'entraP2',
  },
  {
    id: 'UserRiskPolicy',
    title: 'Ensure user risk policy is enabled',
    maxScore: 7,
    cost: 'Moderate',
    impact: 'Moderate',
    tier: 'Defense in Depth',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=UserRiskPolicy`,
    threats: ['Account breach'],
    remediation: 'Require a secure password change for high user risk.',
    needs: 'entraP2',
  },
  {
    id: 'SelfServicePasswordReset',
    title: 'Enable self-service password reset',
    maxScore: 1,
    cost: 'Low',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=SelfServicePasswordReset`,
    threats: ['Account breach'],
    remediation: 'Turn on self-service password reset for all users.',
  },
  {
    id: 'PWAgePolicyNew',
    title:
      "Ensure the 'Password expiration policy' is set to 'Set passwords to never expire (recommended)'",
    maxScore: 8,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=PWAgePolicyNew`,
    threats: ['Password cracking'],
    remediation: 'Set passwords to never expire in the Microsoft 365 admin center.',
  },
  {
    id: 'OneAdmin',
    title: 'Designate more than one global admin',
    maxScore: 1,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=OneAdmin`,
    threats: ['Account breach'],
    remediation: 'Assign a second, break-glass Global Administrator.',
  },
  {
    id: 'RoleOverlap',
    title: 'Use least privileged administrative roles',
    maxScore: 1,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Identity',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=RoleOverlap`,
    threats: ['Elevation of privilege'],
    remediation: 'Replace Global Administrator assignments with narrower roles.',
  },
  {
    id: 'IntegratedApps',
    title: 'Do not allow users to grant consent to unreliable applications',
    maxScore: 4,
    cost: 'Moderate',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Apps',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=IntegratedApps`,
    threats: ['Consent phishing'],
    remediation: 'Allow user consent only for verified publishers and low-impact permissions.',
  },
  {
    id: 'aad_admin_consent_workflow',
    title: 'Ensure the admin consent workflow is enabled',
    maxScore: 1,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'AzureAD',
    url: `${SS}/securescore?viewid=actions&actionId=aad_admin_consent_workflow`,
    threats: ['Consent phishing'],
    remediation: 'Turn on the admin consent request workflow.',
  },
  {
    id: 'mdo_safeattachments',
    title: 'Ensure Safe Attachments policies are enabled',
    maxScore: 8,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/safeattachmentv2`,
    threats: ['Malware', 'Phishing'],
    remediation: 'Apply the Standard or Strict preset security policy to all recipients.',
    needs: 'defenderForOffice',
  },
  {
    id: 'mdo_safelinksforemail',
    title: 'Ensure Safe Links for email is enabled',
    maxScore: 9,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/safelinksv2`,
    threats: ['Phishing'],
    remediation: 'Create a Safe Links policy covering all recipients.',
    needs: 'defenderForOffice',
  },
  {
    id: 'mdo_phishthresholdlevel',
    title: 'Set the phishing email level threshold at 2 or higher',
    maxScore: 3,
    cost: 'Low',
    impact: 'Low',
    tier: 'Defense in Depth',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/antiphishing`,
    threats: ['Phishing', 'Spoofing'],
    remediation: 'Raise the anti-phishing threshold in the default policy.',
    needs: 'defenderForOffice',
  },
  {
    id: 'mdo_zapspam',
    title: 'Ensure that zero-hour auto purge for spam is enabled',
    maxScore: 3,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/antispam`,
    threats: ['Spam'],
    remediation: 'Turn on ZAP for spam in the anti-spam inbound policy.',
  },
  {
    id: 'mdo_autoforwardingmode',
    title: 'Ensure all forms of mail forwarding are blocked and/or disabled',
    maxScore: 8,
    cost: 'Low',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Data',
    service: 'MDO',
    url: `${SS}/antispam`,
    threats: ['Data exfiltration'],
    remediation: 'Set automatic forwarding to Off in the outbound spam policy.',
  },
  {
    id: 'mdo_commonattachmentsfilter',
    title: 'Ensure the common attachment types filter is enabled',
    maxScore: 5,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/antimalwarev2`,
    threats: ['Malware'],
    remediation: 'Turn on the common attachments filter in the anti-malware policy.',
  },
  {
    id: 'exo_mailboxaudit',
    title: 'Ensure mailbox auditing for all users is enabled',
    maxScore: 5,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Data',
    service: 'EXO',
    url: `${SS}/securescore?viewid=actions&actionId=exo_mailboxaudit`,
    threats: ['Data exfiltration'],
    remediation: 'Enable mailbox auditing by default for the organization.',
  },
  {
    id: 'CustomerLockBoxEnabled',
    title: 'Turn on customer lockbox feature',
    maxScore: 1,
    cost: 'Low',
    impact: 'Low',
    tier: 'Defense in Depth',
    category: 'Data',
    service: 'EXO',
    url: `${SS}/securescore?viewid=actions&actionId=CustomerLockBoxEnabled`,
    threats: ['Data exfiltration'],
    remediation: 'Turn on Customer Lockbox in the admin center.',
    needs: 'entraP2',
  },
  {
    id: 'spo_idle_session_timeout',
    title: 'Ensure idle session timeout is set for SharePoint and OneDrive',
    maxScore: 2,
    cost: 'Low',
    impact: 'Moderate',
    tier: 'Defense in Depth',
    category: 'Data',
    service: 'SPO',
    url: `${SS}/securescore?viewid=actions&actionId=spo_idle_session_timeout`,
    threats: ['Account breach'],
    remediation: 'Sign out inactive users after an idle period.',
  },
  {
    id: 'meeting_restrictanonymousjoin_v1',
    title: "Ensure anonymous users can't join a meeting",
    maxScore: 1,
    cost: 'Low',
    impact: 'Moderate',
    tier: 'Core',
    category: 'Apps',
    service: 'MS Teams',
    url: `${SS}/securescore?viewid=actions&actionId=meeting_restrictanonymousjoin_v1`,
    threats: ['Data exfiltration'],
    remediation: 'Turn off anonymous join in the Teams meeting policy.',
  },
  {
    id: 'scid_2090',
    title: 'Encrypt all BitLocker-supported drives',
    maxScore: 9,
    cost: 'Moderate',
    impact: 'Low',
    tier: 'Core',
    category: 'Device',
    service: 'MDATP',
    url: `${SS}/securescore?viewid=actions&actionId=scid_2090`,
    threats: ['Data exfiltration'],
    remediation:
      'Deploy an Intune disk-encryption policy that enables BitLocker and escrows keys to Entra ID.',
    needs: 'intune',
  },
  {
    id: 'scid_2050',
    title: 'Turn on Microsoft Defender Antivirus PUA protection in block mode',
    maxScore: 5,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Device',
    service: 'MDATP',
    url: `${SS}/securescore?viewid=actions&actionId=scid_2050`,
    threats: ['Malware'],
    remediation: 'Set PUA protection to Block in the antivirus policy.',
    needs: 'defenderForEndpoint',
  },
  {
    id: 'mdo_highconfidencespamaction',
    title: 'Ensure high confidence spam action is set to Quarantine message',
    maxScore: 2,
    cost: 'Low',
    impact: 'Low',
    tier: 'Core',
    category: 'Apps',
    service: 'MDO',
    url: `${SS}/antispam`,
    threats: ['Spam'],
    remediation: 'Quarantine high confidence spam.',
    deprecated: true,
  },
];

// ---------------------------------------------------------------------------------------
// Alert templates

interface AlertTemplate {
  title: string;
  severity: FixtureAlert['severity'];
  serviceSource: string;
  detectionSource: string;
  category: string;
  mitre: string[];
  needs?: keyof TenantFeatures;
  actions: string;
  prefix: string;
}

const ALERT_TEMPLATES: AlertTemplate[] = [
  {
    title: 'Suspicious email forwarding activity',
    severity: 'high',
    serviceSource: 'microsoftDefenderForOffice365',
    detectionSource: 'microsoftDefenderForOffice365',
    category: 'Exfiltration',
    mitre: ['T1114.003'],
    actions:
      "Review and remove the forwarding rule; reset the user's password and revoke sessions.",
    prefix: 'fa',
  },
  {
    title: 'Email messages containing malicious URL removed after delivery',
    severity: 'high',
    serviceSource: 'microsoftDefenderForOffice365',
    detectionSource: 'microsoftDefenderForOffice365',
    category: 'InitialAccess',
    mitre: ['T1566.002'],
    actions: 'Check whether recipients clicked the URL; block the sender.',
    prefix: 'fa',
  },
  {
    title: 'A potentially malicious URL click was detected',
    severity: 'medium',
    serviceSource: 'microsoftDefenderForOffice365',
    detectionSource: 'microsoftDefenderForOffice365',
    category: 'InitialAccess',
    mitre: ['T1566.002'],
    actions: "Investigate the user's sign-ins after the click.",
    prefix: 'fa',
  },
  {
    title: 'Email reported by user as malware or phish',
    severity: 'low',
    serviceSource: 'microsoftDefenderForOffice365',
    detectionSource: 'microsoftDefenderForOffice365',
    category: 'InitialAccess',
    mitre: ['T1566'],
    actions: 'Review the reported message in Submissions.',
    prefix: 'fa',
  },
  {
    title: 'Creation of forwarding/redirect rule',
    severity: 'informational',
    serviceSource: 'microsoftDefenderForOffice365',
    detectionSource: 'microsoftDefenderForOffice365',
    category: 'Collection',
    mitre: ['T1114'],
    actions: 'Confirm the rule is expected.',
    prefix: 'fa',
  },
  {
    title: 'Atypical travel',
    severity: 'high',
    serviceSource: 'azureAdIdentityProtection',
    detectionSource: 'azureAdIdentityProtection',
    category: 'InitialAccess',
    mitre: ['T1078'],
    needs: 'entraP2',
    actions: 'Confirm with the user; if not them, confirm compromise and reset the password.',
    prefix: 'ad',
  },
  {
    title: 'Unfamiliar sign-in properties',
    severity: 'medium',
    serviceSource: 'azureAdIdentityProtection',
    detectionSource: 'azureAdIdentityProtection',
    category: 'InitialAccess',
    mitre: ['T1078'],
    needs: 'entraP2',
    actions: 'Review the sign-in and require MFA for risky sign-ins.',
    prefix: 'ad',
  },
  {
    title: 'Ransomware behavior detected in the file system',
    severity: 'high',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    category: 'Ransomware',
    mitre: ['T1486'],
    needs: 'defenderForEndpoint',
    actions: 'Isolate the device and run a full scan.',
    prefix: 'da',
  },
  {
    title: 'Suspicious PowerShell command line',
    severity: 'medium',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'microsoftDefenderForEndpoint',
    category: 'Execution',
    mitre: ['T1059.001'],
    needs: 'defenderForEndpoint',
    actions: 'Review the process tree on the device timeline.',
    prefix: 'da',
  },
  {
    title: "'Wacatac' malware was prevented",
    severity: 'low',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    category: 'Malware',
    mitre: [],
    needs: 'defenderForEndpoint',
    actions: 'No action needed; the threat was blocked.',
    prefix: 'da',
  },
  {
    title: 'Impossible travel activity',
    severity: 'high',
    serviceSource: 'microsoftDefenderForCloudApps',
    detectionSource: 'microsoftDefenderForCloudApps',
    category: 'InitialAccess',
    mitre: ['T1078'],
    needs: 'defenderForCloudApps',
    actions: 'Check both sign-in locations with the user.',
    prefix: 'ca',
  },
  {
    title: 'Activity from infrequent country',
    severity: 'medium',
    serviceSource: 'microsoftDefenderForCloudApps',
    detectionSource: 'microsoftDefenderForCloudApps',
    category: 'InitialAccess',
    mitre: ['T1078'],
    needs: 'defenderForCloudApps',
    actions: 'Confirm the travel with the user.',
    prefix: 'ca',
  },
];

// ---------------------------------------------------------------------------------------
// Generation

function hashName(text: string): string {
  return createHash('md5').update(text).digest('hex').toUpperCase();
}

function build(tenant: MicrosoftTenantFixture, anchorMs: number): TenantFixture {
  const r = rngFor(`tenant-lens/${tenant.id}`);
  const today = dayStart(anchorMs);
  const features = featuresOf(tenant.plan);
  const domain = tenant.domains[0] as string;
  const initial = tenant.domains.find((d) => d.endsWith('.onmicrosoft.com')) ?? domain;
  const short = initial.replace('.onmicrosoft.com', '');

  // ---- organization
  const organization: FixtureOrganization = {
    id: tenant.id,
    displayName: tenant.displayName,
    tenantType: 'AAD',
    countryLetterCode: 'US',
    city: r.pick(['Seattle', 'Redmond', 'Austin', 'Denver', 'Boston']),
    createdDateTime: iso(today - r.int(900, 3000) * DAY + r.int(0, 86_000) * 1000),
    preferredLanguage: 'en',
    technicalNotificationMails: [`it@${domain}`],
    verifiedDomains: tenant.domains.map((name, i) => ({
      capabilities: name.endsWith('.onmicrosoft.com')
        ? 'Email, OfficeCommunicationsOnline'
        : 'Email, OfficeCommunicationsOnline, Intune',
      isDefault: i === 0,
      isInitial: name === initial,
      name,
      type: 'Managed',
    })),
  };

  // ---- users
  const n = tenant.userCount;
  const guests = Math.max(1, Math.round(n * 0.12));
  const members = n - guests;
  const shared = members >= 30 ? 3 : 1;
  const service = 1;
  const leavers = Math.max(1, Math.round(members * 0.05));
  const admins = members >= 20 ? 2 : 1;
  const staff = members - shared - service - leavers - admins;
  if (staff < 2) throw new Error(`tenant ${tenant.id}: too few users to generate`);
  const used = new Set<string>();
  const person = () => {
    for (;;) {
      const first = r.pick(FIRST);
      const last = r.pick(LAST);
      let alias = `${first}.${last}`.toLowerCase();
      let k = 2;
      while (used.has(alias)) alias = `${first}.${last}${k++}`.toLowerCase();
      used.add(alias);
      return { first, last, alias };
    }
  };
  const users: FixtureUser[] = [];
  const created = () => iso(today - r.int(30, 1500) * DAY + r.int(0, 86_000) * 1000);
  const mkMember = (
    kind: FixtureUser['kind'],
    first: string | null,
    last: string | null,
    alias: string,
    display: string,
    enabled: boolean,
    job: string | null,
  ): FixtureUser => ({
    id: r.guid(),
    displayName: display,
    givenName: first,
    surname: last,
    userPrincipalName: `${alias}@${domain}`,
    mail: `${alias}@${domain}`,
    userType: 'Member',
    accountEnabled: enabled,
    jobTitle: job,
    createdDateTime: created(),
    assignedLicenses: [],
    kind,
  });
  users.push(
    mkMember('admin', null, null, 'admin', `${tenant.displayName} Admin`, true, 'IT Administrator'),
  );
  if (admins > 1) {
    const p = person();
    users.push(
      mkMember('admin', p.first, p.last, p.alias, `${p.first} ${p.last}`, true, 'IT Manager'),
    );
  }
  for (let i = 0; i < staff; i++) {
    const p = person();
    users.push(
      mkMember('staff', p.first, p.last, p.alias, `${p.first} ${p.last}`, true, r.pick(JOBS)),
    );
  }
  users.push(mkMember('service', null, null, 'svc-scanner', 'Scan to Email', true, null));
  const sharedNames = [
    ['info', 'Info'],
    ['accounts', 'Accounts Payable'],
    ['reception', 'Reception'],
  ] as const;
  for (let i = 0; i < shared; i++) {
    const [alias, display] = sharedNames[i] as readonly [string, string];
    users.push(mkMember('shared', null, null, alias, display, false, null));
  }
  for (let i = 0; i < leavers; i++) {
    const p = person();
    users.push(
      mkMember('leaver', p.first, p.last, p.alias, `${p.first} ${p.last}`, false, r.pick(JOBS)),
    );
  }
  for (let i = 0; i < guests; i++) {
    const p = person();
    const gd = r.pick(GUEST_DOMAINS);
    const ext = `${p.alias}_${gd}`;
    users.push({
      id: r.guid(),
      displayName: `${p.first} ${p.last} (${gd.split('.')[0]})`,
      givenName: p.first,
      surname: p.last,
      userPrincipalName: `${ext}#EXT#@${initial}`,
      mail: `${p.alias}@${gd}`,
      userType: 'Guest',
      // One disabled guest in tenants with 30+ users.
      accountEnabled: !(n >= 30 && i === guests - 1),
      jobTitle: null,
      createdDateTime: created(),
      assignedLicenses: [],
      kind: 'guest',
    });
  }

  // ---- licences
  const lic = (skuId: string) => ({ skuId, disabledPlans: [] as string[] });
  const licensable = users.filter((u) => u.kind === 'admin' || u.kind === 'staff');
  const leaverUsers = users.filter((u) => u.kind === 'leaver');
  // Half the leavers (at least one when there are two or more) still hold a licence: waste.
  const licensedLeavers = leaverUsers.slice(
    0,
    Math.floor(leaverUsers.length / 2) || (leaverUsers.length > 0 ? 1 : 0),
  );
  const skuPlan: {
    part: keyof typeof SKU_IDS;
    holders: FixtureUser[];
    spare: number;
    status?: FixtureSku['capabilityStatus'];
  }[] = [];
  if (tenant.plan === 'e5') {
    const ems = licensable.filter((_, i) => i > 0 && i % 12 === 0);
    const e5 = [...licensable.filter((u) => !ems.includes(u)), ...licensedLeavers];
    const p2 = ems.slice(0, 3);
    for (const u of e5) u.assignedLicenses.push(lic(SKU_IDS.SPE_E5));
    for (const u of ems) u.assignedLicenses.push(lic(SKU_IDS.EMS));
    for (const u of p2) u.assignedLicenses.push(lic(SKU_IDS.AAD_PREMIUM_P2));
    skuPlan.push(
      { part: 'SPE_E5', holders: e5, spare: 12 },
      { part: 'EMS', holders: ems, spare: 5 },
      { part: 'AAD_PREMIUM_P2', holders: p2, spare: 2 },
    );
  } else {
    const part = tenant.plan === 'business-premium' ? 'SPB' : 'O365_BUSINESS_ESSENTIALS';
    const holders = [...licensable, ...licensedLeavers];
    for (const u of holders) u.assignedLicenses.push(lic(SKU_IDS[part]));
    skuPlan.push({ part, holders, spare: n < 15 ? 1 : r.int(2, 6) });
  }
  const subscribedSkus: FixtureSku[] = skuPlan.map(({ part, holders, spare }) => ({
    accountId: tenant.id,
    accountName: short,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: holders.length,
    id: `${tenant.id}_${SKU_IDS[part]}`,
    prepaidUnits: { enabled: holders.length + spare, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: (SERVICE_PLANS[part] ?? []).map(([servicePlanId, servicePlanName]) => ({
      servicePlanId,
      servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
    skuId: SKU_IDS[part],
    skuPartNumber: part,
    subscriptionIds: [r.guid()],
  }));

  const counts = {
    total: users.length,
    guests: users.filter((u) => u.userType === 'Guest').length,
    disabled: users.filter((u) => !u.accountEnabled).length,
    licensed: users.filter((u) => u.assignedLicenses.length > 0).length,
    members: users.filter((u) => u.userType === 'Member').length,
  };

  // ---- control profiles and secure scores
  const profileSpecs = PROFILE_SPECS.filter((p) => !p.needs || features[p.needs]);
  const lastModified = iso(today - 20 * DAY);
  const controlProfiles: FixtureControlProfile[] = profileSpecs.map((p, i) => ({
    id: p.id,
    azureTenantId: tenant.id,
    title: p.title,
    maxScore: p.maxScore,
    rank: i + 1,
    actionType: p.category === 'Device' ? 'Config' : 'Config',
    actionUrl: p.url,
    remediation: p.remediation,
    remediationImpact: `${p.impact} impact on users.`,
    implementationCost: p.cost,
    userImpact: p.impact,
    tier: p.tier,
    controlCategory: p.category,
    service: p.service,
    threats: p.threats,
    deprecated: p.deprecated === true,
    complianceInformation: [],
    controlStateUpdates: [],
    lastModifiedDateTime: lastModified,
    vendorInformation: {
      provider: 'SecureScore',
      providerVersion: null,
      subProvider: null,
      vendor: 'Microsoft',
    },
  }));
  const live = controlProfiles.filter((p) => !p.deprecated);
  const maxScore = live.reduce((s, p) => s + p.maxScore, 0);
  const portal = PORTAL_TENANTS.find((p) => p.microsoftTenantId === tenant.id);
  const target = Math.round(((portal?.secureScorePercent ?? 50) / 100) * maxScore);
  // Score per day, index 0 = today; walking back in time the score tends to be lower.
  const score: number[] = [target];
  const dropAt: Record<string, [number, number]> = {
    // Fabrikam lost 9 points overnight (legacy auth was re-allowed): the "score drop" case.
    '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e': [1, 9],
    // Northwind lost 6 points three days ago.
    '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b': [3, 6],
  };
  const drop = dropAt[tenant.id];
  for (let i = 1; i < 90; i++) {
    const prev = score[i - 1] as number;
    let v = prev;
    if (drop && drop[0] === i) v = prev + drop[1];
    else if (r.chance(0.07)) v = prev - r.int(1, 2);
    else if (r.chance(0.03)) v = prev + 1;
    score.push(Math.max(0, Math.min(maxScore, v)));
  }
  // Controls fill in a fixed (seeded) order: a day's score is met by full controls then a partial one.
  const order = [...live].sort(
    (a, b) => seedOf(`${tenant.id}/${a.id}`) - seedOf(`${tenant.id}/${b.id}`),
  );
  // Fabrikam's drop is a legacy-auth regression: make that control the last to fill.
  if (drop) {
    const k = order.findIndex((p) => p.id === 'BlockLegacyAuthentication');
    if (k >= 0) order.push(...order.splice(k, 1));
  }
  const activeUsers = users.filter((u) => u.accountEnabled && u.userType === 'Member').length;
  const enabledServices = [
    'HasExchange',
    'HasSharePoint',
    'HasOD4B',
    ...(features.defenderForEndpoint ? ['HasMDEP'] : []),
    ...(features.intune ? ['HasIntune'] : []),
  ];
  const seatRange: [string, string] =
    n < 25 ? ['1', '25'] : n < 100 ? ['26', '100'] : ['101', '500'];
  const secureScores: FixtureSecureScore[] = score.map((s, i) => {
    let left = s;
    const created = today - i * DAY;
    const controlScores = order.map((p) => {
      const got = Math.min(p.maxScore, left);
      left -= got;
      return {
        controlCategory: p.controlCategory,
        controlName: p.id,
        description: p.title,
        score: got,
        scoreInPercentage: Math.round((got / p.maxScore) * 10000) / 100,
        implementationStatus:
          got >= p.maxScore ? 'Completed' : got > 0 ? 'Partially completed' : 'Not started',
        lastSynced: iso(created),
      };
    });
    const wiggle = (base: number) =>
      Math.round((base + Math.sin((i + (seedOf(tenant.id) % 7)) / 9) * 0.8) * 100) / 100;
    return {
      id: `${tenant.id}_${isoDate(created)}`,
      azureTenantId: tenant.id,
      createdDateTime: iso(created),
      currentScore: s,
      maxScore,
      licensedUserCount: counts.licensed,
      activeUserCount: activeUsers,
      enabledServices,
      averageComparativeScores: [
        { basis: 'AllTenants', averageScore: wiggle(maxScore * 0.41) },
        {
          basis: 'TotalSeats',
          averageScore: wiggle(maxScore * 0.44),
          seatSizeRangeLowerValue: seatRange[0],
          seatSizeRangeUpperValue: seatRange[1],
        },
        { basis: 'IndustryTypes', averageScore: wiggle(maxScore * 0.47) },
      ],
      controlScores,
      vendorInformation: {
        provider: 'SecureScore',
        providerVersion: null,
        subProvider: null,
        vendor: 'Microsoft',
      },
    };
  });

  // ---- security alerts
  const templates = ALERT_TEMPLATES.filter((t) => !t.needs || features[t.needs]);
  const alertCount =
    tenant.plan === 'e5' ? 14 : tenant.plan === 'business-premium' ? (n < 15 ? 4 : 9) : 5;
  const people = users.filter((u) => u.kind === 'staff' || u.kind === 'admin');
  const alerts: FixtureAlert[] = [];
  for (let i = 0; i < alertCount; i++) {
    // The first alert is always a high-severity new one; then statuses vary.
    const t =
      i === 0 ? (templates.find((x) => x.severity === 'high') as AlertTemplate) : r.pick(templates);
    const status: FixtureAlert['status'] =
      i < 2 ? 'new' : r.pick(['new', 'new', 'inProgress', 'resolved', 'resolved'] as const);
    // Always in the past, whatever the hour of the world's clock (the newest is under a day old).
    const createdMs = today - (i * 2 + r.int(0, 1)) * DAY - r.int(60, 40_000) * 1000;
    const updatedMs = Math.max(
      createdMs,
      Math.min(createdMs + r.int(60, 3 * 86_400) * 1000, today - 30_000),
    );
    const who = r.pick(people);
    const idNum = `${r.digits(18)}_${r.digits(9)}`;
    const id = `${t.prefix}${idNum}`;
    const incident = String(r.int(1000, 9999));
    alerts.push({
      id,
      providerAlertId: idNum,
      incidentId: incident,
      status,
      severity: t.severity,
      classification:
        status === 'resolved'
          ? r.pick(['truePositive', 'falsePositive', 'informationalExpectedActivity'])
          : null,
      determination: status === 'resolved' ? 'other' : null,
      serviceSource: t.serviceSource,
      detectionSource: t.detectionSource,
      detectorId: r.guid(),
      tenantId: tenant.id,
      title: t.title,
      description: `${t.title} involving ${who.userPrincipalName}.`,
      recommendedActions: t.actions,
      category: t.category,
      assignedTo: status === 'inProgress' ? `it@${domain}` : null,
      alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenant.id}`,
      incidentWebUrl: `https://security.microsoft.com/incidents/${incident}?tid=${tenant.id}`,
      actorDisplayName: null,
      threatDisplayName: t.prefix === 'da' ? 'Wacatac' : null,
      threatFamilyName: null,
      mitreTechniques: t.mitre,
      createdDateTime: iso(createdMs),
      lastUpdateDateTime: iso(updatedMs),
      resolvedDateTime: status === 'resolved' ? iso(updatedMs) : null,
      firstActivityDateTime: iso(createdMs - 600_000),
      lastActivityDateTime: iso(createdMs - 60_000),
      comments: [],
      evidence: [],
      systemTags: [],
    });
  }

  // ---- devices and BitLocker keys (Intune tenants)
  const managedDevices: FixtureDevice[] = [];
  const recoveryKeys: FixtureRecoveryKey[] = [];
  if (features.intune) {
    const prefix = short.slice(0, 3).toUpperCase();
    const owners = users.filter((u) => u.kind === 'admin' || u.kind === 'staff');
    let serial = 0;
    for (const [i, u] of owners.entries()) {
      // Most people have a Windows laptop; some a phone; a few a Mac.
      const kinds: FixtureDevice['operatingSystem'][] = [];
      if (i < 2 || r.chance(0.6)) kinds.push('Windows');
      if (r.chance(0.35)) kinds.push(r.pick(['iOS', 'Android'] as const));
      if (r.chance(0.05)) kinds.push('macOS');
      for (const os of kinds) {
        serial++;
        const enrolled = today - r.int(20, 700) * DAY;
        const win = os === 'Windows';
        managedDevices.push({
          id: r.guid(),
          userId: u.id,
          deviceName: win
            ? `${prefix}-LT-${String(serial).padStart(4, '0')}`
            : os === 'macOS'
              ? `${u.givenName ?? 'User'}'s MacBook Pro`
              : `${u.givenName ?? 'User'}'s ${os === 'iOS' ? 'iPhone' : 'Android'}`,
          managedDeviceOwnerType: win ? 'company' : r.pick(['company', 'personal'] as const),
          enrolledDateTime: iso(enrolled),
          lastSyncDateTime: iso(today - r.int(60, 5 * 86_400) * 1000),
          operatingSystem: os,
          osVersion: win
            ? r.pick(['10.0.22631.4460', '10.0.26100.2314', '10.0.19045.5131'])
            : os === 'iOS'
              ? '18.1.1'
              : os === 'Android'
                ? '15'
                : '15.1.1',
          complianceState: r.chance(0.9) ? 'compliant' : 'noncompliant',
          jailBroken: win ? 'Unknown' : 'False',
          managementAgent: win ? 'mdm' : os === 'macOS' ? 'mdm' : 'mdm',
          azureADRegistered: true,
          deviceEnrollmentType: win ? 'windowsAzureADJoin' : 'userEnrollment',
          emailAddress: u.mail ?? u.userPrincipalName,
          azureADDeviceId: r.guid(),
          deviceRegistrationState: 'registered',
          isEncrypted: true,
          userPrincipalName: u.userPrincipalName,
          model: win
            ? r.pick([
                'Surface Laptop 6',
                'Latitude 7450',
                'ThinkPad T14 Gen 5',
                'EliteBook 840 G11',
              ])
            : os === 'iOS'
              ? 'iPhone 15'
              : os === 'Android'
                ? 'Pixel 8'
                : 'MacBook Pro',
          manufacturer: win
            ? 'Microsoft Corporation'
            : os === 'iOS' || os === 'macOS'
              ? 'Apple'
              : 'Google',
          serialNumber: r.hex(12).toUpperCase(),
          userDisplayName: u.displayName,
        });
      }
    }
    const windows = managedDevices.filter((d) => d.operatingSystem === 'Windows');
    // Not encrypted: about 5%, at least one.
    const unencrypted = Math.max(1, Math.round(windows.length * 0.05));
    // Encrypted but no escrowed key: about 4%, at least one.
    const noKey = Math.max(1, Math.round(windows.length * 0.04));
    windows.forEach((d, i) => {
      // Pick from the end so the first (admin) devices are healthy.
      const fromEnd = windows.length - 1 - i;
      if (fromEnd < unencrypted) {
        d.isEncrypted = false;
        d.complianceState = 'noncompliant';
        return;
      }
      if (fromEnd < unencrypted + noKey) return;
      const created = Date.parse(d.enrolledDateTime) + r.int(1, 3) * 3_600_000;
      recoveryKeys.push({
        id: r.guid(),
        createdDateTime: iso(created),
        volumeType: 'operatingSystemVolume',
        deviceId: d.azureADDeviceId,
      });
      if (r.chance(0.15))
        recoveryKeys.push({
          id: r.guid(),
          createdDateTime: iso(created + 600_000),
          volumeType: 'fixedDataVolume',
          deviceId: d.azureADDeviceId,
        });
    });
    // A key left behind by a device that was since retired from Intune.
    recoveryKeys.push({
      id: r.guid(),
      createdDateTime: iso(today - 400 * DAY),
      volumeType: 'operatingSystemVolume',
      deviceId: r.guid(),
    });
    recoveryKeys.sort((a, b) => a.id.localeCompare(b.id));
  }

  // ---- mailbox and OneDrive usage reports
  const concealedReportNames = tenant.id === '6e8a0c2d-5f7b-4e9a-9d3f-6b8d0f2c4e5a'; // Adatum
  const conceal = (s: string) => (concealedReportNames ? hashName(s) : s);
  const refresh = isoDate(today - DAY);
  const mailboxOwners = users.filter(
    (u) =>
      (u.kind === 'admin' ||
        u.kind === 'staff' ||
        u.kind === 'shared' ||
        (u.kind === 'leaver' && u.assignedLicenses.length > 0)) &&
      !(
        tenant.plan === 'e5' &&
        u.assignedLicenses.every((l) => l.skuId !== SKU_IDS.SPE_E5) &&
        u.kind !== 'shared'
      ),
  );
  const staffIdx = mailboxOwners.map((u, i) => (u.kind === 'staff' ? i : -1)).filter((i) => i >= 0);
  const overWarning = new Set([staffIdx[0]]);
  const near = new Set([staffIdx[1]]);
  if (n >= 100) overWarning.add(staffIdx[7]);
  const mailboxes: FixtureMailbox[] = mailboxOwners.map((u, i) => {
    const isShared = u.kind === 'shared';
    const [warn, send, sendReceive] = mailboxQuotas(tenant.plan, isShared);
    let used = Math.round(
      Math.exp(Math.log(0.3 * GB) + r.next() * (Math.log(25 * GB) - Math.log(0.3 * GB))),
    );
    if (overWarning.has(i))
      used = warn + r.int(1, 600) * 1024 * 1024; // over the warning quota
    else if (near.has(i)) used = Math.round(send * (0.91 + r.next() * 0.04)); // 91-95% of prohibit-send, under warning
    return {
      reportRefreshDate: refresh,
      userPrincipalName: conceal(u.userPrincipalName),
      displayName: conceal(u.displayName),
      isDeleted: false,
      deletedDate: null,
      createdDate: u.createdDateTime.slice(0, 10),
      lastActivityDate: isoDate(today - r.int(1, u.kind === 'leaver' ? 60 : 4) * DAY),
      itemCount: Math.round(used / r.int(60_000, 140_000)),
      storageUsedInBytes: used,
      issueWarningQuotaInBytes: warn,
      prohibitSendQuotaInBytes: send,
      prohibitSendReceiveQuotaInBytes: sendReceive,
      deletedItemCount: r.int(0, 4000),
      deletedItemSizeInBytes: r.int(0, 900) * 1024 * 1024,
      deletedItemQuotaInBytes: 32_212_254_720,
      hasArchive: !isShared && tenant.plan === 'e5' && r.chance(0.2),
      recipientType: isShared ? 'Shared' : 'User',
      reportPeriod: '7',
    };
  });
  const driveOwners = users.filter((u) =>
    u.assignedLicenses.some(
      (l) =>
        l.skuId === SKU_IDS.SPE_E5 ||
        l.skuId === SKU_IDS.SPB ||
        l.skuId === SKU_IDS.O365_BUSINESS_ESSENTIALS,
    ),
  );
  const driveStaff = driveOwners.map((u, i) => (u.kind === 'staff' ? i : -1)).filter((i) => i >= 0);
  const fullDrive = new Set([driveStaff[2] ?? driveStaff[0]]);
  const smallQuota = n >= 30 ? driveStaff[4] : undefined;
  const oneDrives: FixtureOneDrive[] = driveOwners.map((u, i) => {
    const alloc = i === smallQuota ? 100 * GB : TB;
    let used = Math.round(
      Math.exp(Math.log(0.05 * GB) + r.next() * (Math.log(120 * GB) - Math.log(0.05 * GB))),
    );
    if (fullDrive.has(i)) used = Math.round(alloc * (0.93 + r.next() * 0.05));
    else if (i === smallQuota) used = Math.round(alloc * 0.92);
    const files = Math.max(1, Math.round(used / r.int(800_000, 3_000_000)));
    return {
      reportRefreshDate: refresh,
      siteUrl: concealedReportNames
        ? ''
        : `https://${short}-my.sharepoint.com/personal/${u.userPrincipalName.replace(/[@.]/g, '_')}`,
      ownerDisplayName: conceal(u.displayName),
      isDeleted: false,
      lastActivityDate: isoDate(today - r.int(1, 6) * DAY),
      fileCount: files,
      activeFileCount: Math.round(files * r.next() * 0.1),
      storageUsedInBytes: used,
      storageAllocatedInBytes: alloc,
      ownerPrincipalName: conceal(u.userPrincipalName),
      reportPeriod: '7',
    };
  });

  // ---- MFA registration details (P1/P2 only, but generated for every tenant)
  const mfaRegistrations: FixtureMfaRegistration[] = users.map((u, i) => {
    const admin = u.kind === 'admin';
    // The second admin of the larger tenants never registered MFA: a finding.
    const registered = admin
      ? !(i === 1 && n >= 50)
      : u.kind === 'shared' || u.kind === 'service'
        ? false
        : r.chance(0.78);
    const methods = registered
      ? r.pick([
          ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'],
          ['microsoftAuthenticatorPush'],
          ['mobilePhone'],
          ['fido2', 'microsoftAuthenticatorPush'],
        ])
      : [];
    return {
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      userDisplayName: u.displayName,
      userType: u.userType === 'Guest' ? 'guest' : 'member',
      isAdmin: admin,
      isSsprRegistered: registered,
      isSsprEnabled: true,
      isSsprCapable: registered,
      isMfaCapable: registered,
      isMfaRegistered: registered,
      isPasswordlessCapable: methods.includes('fido2'),
      isSystemPreferredAuthenticationMethodEnabled: true,
      methodsRegistered: methods,
      systemPreferredAuthenticationMethods: registered ? ['push'] : [],
      userPreferredMethodForSecondaryAuthentication: registered ? 'push' : 'none',
      lastUpdatedDateTime: iso(today - r.int(1, 200) * DAY),
    };
  });

  // ---- risky users (P2 only)
  const riskyUsers: FixtureRiskyUser[] = [];
  if (features.entraP2) {
    const pool = users.filter((u) => u.kind === 'staff');
    const states: [FixtureRiskyUser['riskLevel'], FixtureRiskyUser['riskState'], string][] = [
      ['high', 'atRisk', 'none'],
      ['medium', 'atRisk', 'none'],
      ['none', 'remediated', 'userPerformedSecuredPasswordChange'],
    ];
    states.forEach(([riskLevel, riskState, riskDetail], i) => {
      const u = pool[3 + i * 5] ?? (pool[i] as FixtureUser);
      riskyUsers.push({
        id: u.id,
        isDeleted: false,
        isProcessing: false,
        riskLastUpdatedDateTime: iso(today - (i + 1) * DAY + 3_600_000 * (i + 2)),
        riskLevel,
        riskState,
        riskDetail,
        userDisplayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
      });
    });
  }

  return {
    tenant,
    features,
    concealedReportNames,
    organization,
    users,
    counts,
    subscribedSkus,
    controlProfiles,
    secureScores,
    alerts,
    managedDevices,
    recoveryKeys,
    mailboxes,
    oneDrives,
    mfaRegistrations,
    riskyUsers,
  };
}

const cache = new Map<string, TenantFixture>();

/** Builds a fixture afresh (no cache): for determinism checks. */
export function buildTenantFixture(tenantId: string, nowMs: number): TenantFixture | undefined {
  const tenant = MICROSOFT_TENANTS.find((t) => t.id === tenantId);
  return tenant ? build(tenant, nowMs) : undefined;
}

/**
 * The fixture of one customer tenant (by id or verified domain), dated relative to the UTC
 * day of `nowMs` (default: the real clock). Undefined for unknown tenants and for the
 * partner tenant (which has no customer data).
 */
export function getTenantFixture(
  tenantIdOrDomain: string,
  nowMs: number = Date.now(),
): TenantFixture | undefined {
  const key = tenantIdOrDomain.toLowerCase();
  const tenant = MICROSOFT_TENANTS.find(
    (t) => t.id === key || t.domains.some((d) => d.toLowerCase() === key),
  );
  if (!tenant) return undefined;
  const ck = `${tenant.id}@${dayStart(nowMs)}`;
  let f = cache.get(ck);
  if (!f) {
    f = build(tenant, nowMs);
    cache.set(ck, f);
  }
  return f;
}

/** Storage-space conditions a rule with these thresholds should find (for tests' expectations). */
export function storageConditions(
  f: TenantFixture,
  percent = 90,
): { mailboxes: FixtureMailbox[]; oneDrives: FixtureOneDrive[] } {
  return {
    mailboxes: f.mailboxes.filter(
      (m) =>
        m.storageUsedInBytes >= m.issueWarningQuotaInBytes ||
        m.storageUsedInBytes >= (m.prohibitSendQuotaInBytes * percent) / 100,
    ),
    oneDrives: f.oneDrives.filter(
      (d) => d.storageUsedInBytes >= (d.storageAllocatedInBytes * percent) / 100,
    ),
  };
}

/** BitLocker conditions: Windows devices not encrypted, or encrypted without an escrowed key. */
export function bitlockerConditions(f: TenantFixture): {
  unencrypted: FixtureDevice[];
  withoutKey: FixtureDevice[];
} {
  const windows = f.managedDevices.filter((d) => d.operatingSystem === 'Windows');
  const keyed = new Set(f.recoveryKeys.map((k) => k.deviceId));
  return {
    unencrypted: windows.filter((d) => !d.isEncrypted),
    withoutKey: windows.filter((d) => d.isEncrypted && !keyed.has(d.azureADDeviceId)),
  };
}
