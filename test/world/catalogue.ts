/**
 * The emulated world's cast: the partner (MSP) tenant and its technician, the customer
 * Microsoft tenants behind Graph, and the Syncro portal's tenant pages. The portal replica,
 * the identity platform and the Graph emulator all read this one list, so they agree.
 * Test code only: nothing under lib/ or entrypoints/ refers to it.
 */

/** Licence plan of a customer tenant; drives Graph's licence gating. */
export type LicencePlan = 'e5' | 'business-premium' | 'business-basic';

export interface MicrosoftTenantFixture {
  /** Tenant id (GUID). */
  id: string;
  displayName: string;
  /** Verified domains; the first is the default. Includes the .onmicrosoft.com one. */
  domains: string[];
  plan: LicencePlan;
  /** Has the app been (admin-)consented in this tenant? */
  consented: boolean;
  /**
   * GDAP roles the technician holds in this tenant (Microsoft role names). Graph answers 403
   * where a role an endpoint needs is missing.
   */
  gdapRoles: string[];
  /** Number of users to generate (members + guests). */
  userCount: number;
}

/** The partner tenant the technician belongs to. */
export const PARTNER_TENANT = {
  id: '9b4a1c3e-0d5f-4f7a-9a64-2c1b7e6d8f01',
  displayName: 'Contoso MSP',
  domains: ['contosomsp.onmicrosoft.com'],
};

/** The technician the identity platform signs in (auto-approved). */
export const TECHNICIAN = {
  oid: '4f1e2d3c-5b6a-4978-8877-665544332211',
  name: 'Taylor Tech',
  username: 'taylor@contosomsp.onmicrosoft.com',
};

/** Application (client) id the demo and tests configure; the world accepts any GUID. */
export const DEMO_CLIENT_ID = '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60';

/** All GDAP roles a fully-privileged technician holds. */
export const FULL_ROLES = [
  'Global Reader',
  'Security Reader',
  'Reports Reader',
  'Intune Administrator',
  'Cloud Device Administrator',
  'User Administrator',
];

export const MICROSOFT_TENANTS: MicrosoftTenantFixture[] = [
  {
    id: '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e',
    displayName: 'Fabrikam, Inc.',
    domains: ['fabrikam.com', 'fabrikam.onmicrosoft.com'],
    plan: 'e5',
    consented: true,
    gdapRoles: FULL_ROLES,
    userCount: 248,
  },
  {
    id: '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b',
    displayName: 'Northwind Traders',
    domains: ['northwindtraders.com', 'northwindtraders.onmicrosoft.com'],
    plan: 'business-premium',
    consented: true,
    gdapRoles: FULL_ROLES,
    userCount: 57,
  },
  {
    id: '3b5d7f9a-2c4e-4b6d-8a0c-3e5a7c9e1f2a',
    displayName: 'Tailspin Toys',
    domains: ['tailspintoys.com', 'tailspintoys.onmicrosoft.com'],
    plan: 'business-basic',
    consented: true,
    gdapRoles: FULL_ROLES,
    userCount: 18,
  },
  {
    // Not consented: token requests for this tenant answer consent_required (AADSTS65001).
    id: '4c6e8a0b-3d5f-4c7e-9b1d-4f6b8d0a2c3e',
    displayName: 'Woodgrove Bank',
    domains: ['woodgrovebank.com', 'woodgrovebank.onmicrosoft.com'],
    plan: 'e5',
    consented: false,
    gdapRoles: FULL_ROLES,
    userCount: 120,
  },
  {
    // Consented, but the technician holds only Global Reader: security, reports and
    // BitLocker endpoints answer 403.
    id: '5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f',
    displayName: 'Litware',
    domains: ['litware.onmicrosoft.com'],
    plan: 'business-premium',
    consented: true,
    gdapRoles: ['Directory Readers'],
    userCount: 9,
  },
  {
    id: '6e8a0c2d-5f7b-4e9a-9d3f-6b8d0f2c4e5a',
    displayName: 'Adatum Corporation',
    domains: ['adatum.com', 'adatum.onmicrosoft.com'],
    plan: 'business-premium',
    consented: true,
    gdapRoles: FULL_ROLES,
    userCount: 33,
  },
];

/** Documented backup banner states (reference/syncro-portal.md). */
export type PortalBackupState =
  | 'recent-backup-issue'
  | 'consent-failed'
  | 'sync-error'
  | 'no-data'
  | 'cannot-enable';

export interface PortalServiceFixture {
  name: 'Exchange' | 'OneDrive' | 'SharePoint' | 'Teams' | 'Entra ID';
  enabled: boolean;
  /** Hours before "now" of the last backup; null = never. */
  lastBackupHoursAgo: number | null;
  /** Error icon next to its Last Backup, with this tooltip. */
  errorIcon?: string;
}

export interface PortalTenantFixture {
  /** Path id: the page lives at /tenants/<slug>. */
  slug: string;
  /** Syncro tenant's name (header). */
  name: string;
  /** What the "Microsoft Tenant" field shows: a domain or a display name. */
  microsoftTenantText: string;
  /** Id of the Microsoft tenant it maps to (for tests' expectations). */
  microsoftTenantId: string;
  /** "Last Tenant Sync" text, e.g. "34m ago". */
  lastTenantSync: string;
  /** Secure score percentage as shown. */
  secureScorePercent: number;
  /** Microsoft Users as shown (Syncro's count; may differ from Graph's members). */
  microsoftUsers: number;
  /** Child organizations; empty means "none" (one row with the tenant's own name). */
  organizations: { name: string; email: string | null; phone: string | null; entraSync: 'Enabled' | 'Set up' | 'Syncing' }[];
  /** null: no Cloud Backup subscription (section absent). */
  backup: null | {
    banners: PortalBackupState[];
    services: PortalServiceFixture[];
    /** "Last Updated" hours ago. */
    lastUpdatedHoursAgo: number;
  };
}

const allServices = (hours: number): PortalServiceFixture[] => [
  { name: 'Exchange', enabled: true, lastBackupHoursAgo: hours },
  { name: 'OneDrive', enabled: true, lastBackupHoursAgo: hours + 1 },
  { name: 'SharePoint', enabled: true, lastBackupHoursAgo: hours + 2 },
  { name: 'Teams', enabled: true, lastBackupHoursAgo: hours + 2 },
];

export const PORTAL_TENANTS: PortalTenantFixture[] = [
  {
    slug: 'fabrikam',
    name: 'Fabrikam',
    microsoftTenantText: 'fabrikam.com',
    microsoftTenantId: '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e',
    lastTenantSync: '34m ago',
    secureScorePercent: 61,
    microsoftUsers: 236,
    organizations: [
      { name: 'Fabrikam Retail', email: 'it@fabrikam.com', phone: '(555) 010-2000', entraSync: 'Enabled' },
      { name: 'Fabrikam Labs', email: 'labs@fabrikam.com', phone: '(555) 010-2001', entraSync: 'Set up' },
    ],
    backup: { banners: [], services: allServices(2), lastUpdatedHoursAgo: 1 },
  },
  {
    slug: 'northwind',
    name: 'Northwind Traders',
    microsoftTenantText: 'Northwind Traders',
    microsoftTenantId: '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b',
    lastTenantSync: '2 hours ago',
    secureScorePercent: 48,
    microsoftUsers: 57,
    organizations: [
      { name: 'Northwind Traders', email: 'office@northwindtraders.com', phone: '(555) 020-3000', entraSync: 'Syncing' },
    ],
    backup: {
      banners: ['recent-backup-issue'],
      services: [
        { name: 'Exchange', enabled: true, lastBackupHoursAgo: 3, errorIcon: 'Backup failed: mailbox quota exceeded' },
        { name: 'OneDrive', enabled: true, lastBackupHoursAgo: 30 },
        { name: 'SharePoint', enabled: true, lastBackupHoursAgo: 5 },
        { name: 'Teams', enabled: true, lastBackupHoursAgo: 5 },
      ],
      lastUpdatedHoursAgo: 2,
    },
  },
  {
    slug: 'tailspin',
    name: 'Tailspin Toys',
    microsoftTenantText: 'tailspintoys.onmicrosoft.com',
    microsoftTenantId: '3b5d7f9a-2c4e-4b6d-8a0c-3e5a7c9e1f2a',
    lastTenantSync: 'just now',
    secureScorePercent: 37,
    microsoftUsers: 18,
    organizations: [{ name: 'Tailspin Toys', email: 'hello@tailspintoys.com', phone: null, entraSync: 'Set up' }],
    backup: {
      banners: ['consent-failed'],
      services: [
        { name: 'Exchange', enabled: true, lastBackupHoursAgo: 50, errorIcon: 'Consent failed' },
        { name: 'OneDrive', enabled: false, lastBackupHoursAgo: null },
        { name: 'SharePoint', enabled: false, lastBackupHoursAgo: null },
        { name: 'Teams', enabled: true, lastBackupHoursAgo: 50, errorIcon: 'Consent failed' },
      ],
      lastUpdatedHoursAgo: 50,
    },
  },
  {
    slug: 'woodgrove',
    name: 'Woodgrove Bank',
    microsoftTenantText: 'woodgrovebank.com',
    microsoftTenantId: '4c6e8a0b-3d5f-4c7e-9b1d-4f6b8d0a2c3e',
    lastTenantSync: '15m ago',
    secureScorePercent: 72,
    microsoftUsers: 1204,
    organizations: [
      { name: 'Woodgrove Bank', email: 'it@woodgrovebank.com', phone: '(555) 030-4000', entraSync: 'Enabled' },
      { name: 'Woodgrove Insurance', email: 'it@woodgroveins.com', phone: '(555) 030-4001', entraSync: 'Enabled' },
    ],
    backup: { banners: ['sync-error'], services: allServices(4), lastUpdatedHoursAgo: 4 },
  },
  {
    slug: 'litware',
    name: 'Litware',
    microsoftTenantText: 'litware.onmicrosoft.com',
    microsoftTenantId: '5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f',
    lastTenantSync: '3d ago',
    secureScorePercent: 22,
    microsoftUsers: 9,
    organizations: [],
    backup: {
      banners: ['no-data'],
      services: [
        { name: 'Exchange', enabled: false, lastBackupHoursAgo: null },
        { name: 'OneDrive', enabled: false, lastBackupHoursAgo: null },
        { name: 'SharePoint', enabled: false, lastBackupHoursAgo: null },
        { name: 'Teams', enabled: false, lastBackupHoursAgo: null },
      ],
      lastUpdatedHoursAgo: 72,
    },
  },
  {
    slug: 'adatum',
    name: 'Adatum',
    microsoftTenantText: 'Adatum Corporation',
    microsoftTenantId: '6e8a0c2d-5f7b-4e9a-9d3f-6b8d0f2c4e5a',
    // Stale: absolute date well in the past.
    lastTenantSync: 'Oct 2, 2026 9:14 AM',
    secureScorePercent: 55,
    microsoftUsers: 31,
    organizations: [{ name: 'Adatum Consulting', email: 'ops@adatum.com', phone: '(555) 040-5000', entraSync: 'Enabled' }],
    backup: { banners: ['cannot-enable'], services: [], lastUpdatedHoursAgo: 200 },
  },
  {
    slug: 'contoso-pharma',
    name: 'Contoso Pharmaceuticals',
    microsoftTenantText: 'fabrikam.onmicrosoft.com',
    microsoftTenantId: '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e',
    lastTenantSync: '5 minutes ago',
    secureScorePercent: 61,
    microsoftUsers: 236,
    organizations: [{ name: 'Contoso Pharmaceuticals', email: null, phone: null, entraSync: 'Set up' }],
    // No Cloud Backup subscription: the section is absent.
    backup: null,
  },
];

/** Markup variants of the replica (the real portal's markup is unknown). */
export const PORTAL_VARIANTS = ['classic', 'react', 'compact'] as const;
export type PortalVariant = (typeof PORTAL_VARIANTS)[number];
