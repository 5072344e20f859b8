/**
 * What a Tenant Details page shows, already formatted as the technician sees it. The variants
 * render this view; the catalogue's fixtures become views here, and the hostile page builds
 * its own view with values no fixture would have.
 */
import {
  PORTAL_TENANTS,
  type PortalBackupState,
  type PortalTenantFixture,
  type PortalVariant,
} from '../catalogue';
import { formatCount, formatPortalTimestamp, hoursBefore } from './format';

/** A link or a button. `href` null renders a `<button>`. */
export interface ActionView {
  label: string;
  href: string | null;
}

export interface OrganizationView {
  name: string;
  href: string;
  email: string | null;
  phone: string | null;
  /** A status text ("Enabled", "Syncing") or a "Set up" link. */
  entraSync: { status: string } | { setUp: ActionView };
}

export interface BannerView {
  /** Documented state, or null for a banner text of our own (hostile page). */
  state: PortalBackupState | null;
  message: string;
  action: ActionView | null;
  /** Severity, for colour only. */
  tone: 'warning' | 'danger' | 'info';
}

export interface ServiceView {
  name: string;
  enabled: boolean;
  /** "Dec 3, 2026 1:14 PM" or "Never". */
  lastBackup: string;
  /** ISO instant of the last backup, when there is one. */
  lastBackupIso: string | null;
  /** Error icon's tooltip/label, when the service shows one. */
  errorIcon: string | null;
  /** Restore button disabled (not enabled, or the whole table is unavailable). */
  restoreDisabled: boolean;
}

export interface BackupView {
  banners: BannerView[];
  services: ServiceView[];
  lastUpdated: string;
  lastUpdatedIso: string | null;
  /** Sync error: the table's information is grayed out and Restore buttons disabled. */
  unavailable: boolean;
  /** The "Enable" button of the no-data state. */
  enable: ActionView | null;
}

export interface TenantView {
  slug: string;
  /** Syncro Tenant's name (header). */
  name: string;
  lastTenantSync: string;
  microsoftTenant: string;
  /** As shown, e.g. "61%". */
  secureScore: string;
  /** As shown, e.g. "1,204". */
  microsoftUsers: string;
  /** Extra label/value rows appended to Microsoft Details (hostile page: repeated labels). */
  extraDetails: { label: string; value: string }[];
  /** Title of the organizations section. */
  organizations: OrganizationView[];
  backup: BackupView | null;
}

/** The sections of a Tenant Details page that can be re-rendered alone. */
export type PortalSection = 'microsoft-details' | 'customer-organizations' | 'cloud-backup';
export const PORTAL_SECTIONS: readonly PortalSection[] = [
  'microsoft-details',
  'customer-organizations',
  'cloud-backup',
];

/** Documented banner texts (reference/syncro-portal.md), exact. */
export const BANNER_TEXTS: Record<PortalBackupState, string> = {
  'recent-backup-issue': 'There was an issue with a recent backup.',
  'consent-failed':
    'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
  'sync-error': 'A sync error has occurred. Wait several minutes and refresh the page.',
  'no-data': 'No data backed up for this tenant.',
  'cannot-enable': 'Cloud backup could not be enabled.',
};

/** The Microsoft Tenant Management table (target of the Microsoft Details "Manage" link). */
export const MICROSOFT_TENANTS_PATH = '/microsoft_tenants';

/**
 * Customer (organization) id of a tenant's organization row: deterministic, so tests can
 * follow `/customers/<id>` links back. Index -1 is the tenant's own row (no child orgs).
 */
export function customerId(tenantIndex: number, orgIndex: number): number {
  return 1000 + tenantIndex * 10 + orgIndex + 1;
}

/** The tenant (and its organization's name) a customer id belongs to, if any. */
export function customerOwner(id: number): { tenant: PortalTenantFixture; orgName: string } | null {
  const tenantIndex = Math.floor((id - 1000) / 10);
  const orgIndex = ((id - 1000) % 10) - 1;
  const tenant = PORTAL_TENANTS[tenantIndex];
  if (!tenant || id < 1000) return null;
  if (orgIndex === -1)
    return tenant.organizations.length === 0 ? { tenant, orgName: tenant.name } : null;
  const org = tenant.organizations[orgIndex];
  return org ? { tenant, orgName: org.name } : null;
}

function bannerView(state: PortalBackupState, slug: string): BannerView {
  const message = BANNER_TEXTS[state];
  switch (state) {
    case 'recent-backup-issue':
      return {
        state,
        message,
        action: { label: 'Learn More', href: `/cloud_backup/alerts?tenant=${slug}` },
        tone: 'warning',
      };
    case 'consent-failed':
      return {
        state,
        message,
        action: { label: 'Reconfigure', href: `/cloud_backup/reconfigure?tenant=${slug}` },
        tone: 'danger',
      };
    case 'sync-error':
      return { state, message, action: null, tone: 'warning' };
    case 'no-data':
      return { state, message, action: null, tone: 'info' };
    case 'cannot-enable':
      return { state, message, action: null, tone: 'danger' };
  }
}

/** The view of a catalogue tenant at `now`. */
export function tenantView(fixture: PortalTenantFixture, now: Date): TenantView {
  const index = PORTAL_TENANTS.indexOf(fixture);
  const organizations: OrganizationView[] =
    fixture.organizations.length === 0
      ? [
          {
            name: fixture.name,
            href: `/customers/${customerId(index, -1)}`,
            email: null,
            phone: null,
            entraSync: {
              setUp: {
                label: 'Set up',
                href: `/customers/${customerId(index, -1)}/entra_user_sync/new`,
              },
            },
          },
        ]
      : fixture.organizations.map((o, j) => ({
          name: o.name,
          href: `/customers/${customerId(index, j)}`,
          email: o.email,
          phone: o.phone,
          entraSync:
            o.entraSync === 'Set up'
              ? {
                  setUp: {
                    label: 'Set up',
                    href: `/customers/${customerId(index, j)}/entra_user_sync/new`,
                  },
                }
              : { status: o.entraSync },
        }));
  let backup: BackupView | null = null;
  if (fixture.backup) {
    const unavailable = fixture.backup.banners.includes('sync-error');
    const updated = hoursBefore(now, fixture.backup.lastUpdatedHoursAgo);
    backup = {
      banners: fixture.backup.banners.map((b) => bannerView(b, fixture.slug)),
      services: fixture.backup.services.map((s) => {
        const at = s.lastBackupHoursAgo === null ? null : hoursBefore(now, s.lastBackupHoursAgo);
        return {
          name: s.name,
          enabled: s.enabled,
          lastBackup: at ? formatPortalTimestamp(at) : 'Never',
          lastBackupIso: at ? at.toISOString() : null,
          errorIcon: s.errorIcon ?? null,
          restoreDisabled: !s.enabled || unavailable,
        };
      }),
      lastUpdated: formatPortalTimestamp(updated),
      lastUpdatedIso: updated.toISOString(),
      unavailable,
      enable: fixture.backup.banners.includes('no-data') ? { label: 'Enable', href: null } : null,
    };
  }
  return {
    slug: fixture.slug,
    name: fixture.name,
    lastTenantSync: fixture.lastTenantSync,
    microsoftTenant: fixture.microsoftTenantText,
    secureScore: `${fixture.secureScorePercent}%`,
    microsoftUsers: formatCount(fixture.microsoftUsers),
    extraDetails: [],
    organizations,
    backup,
  };
}

/** Options every page renderer takes. */
export interface PageOptions {
  /** Portal account subdomain shown in the page chrome ("acme"). */
  subdomain?: string;
  /**
   * Where in-portal tenant links point: "/tenants" (full reloads) or "/spa/tenants" (the
   * app shell).
   */
  tenantBase?: '/tenants' | '/spa/tenants';
}

/** The variants' label wording differs: "Customers" vs "Organizations" (Syncro's rename). */
export function customersWord(variant: PortalVariant): 'Customers' | 'Organizations' {
  return variant === 'classic' ? 'Customers' : 'Organizations';
}
