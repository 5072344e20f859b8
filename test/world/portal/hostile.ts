/**
 * The hostile Tenant Details page (`/tenants/hostile`, not in the catalogue): markup-looking
 * texts that must stay text, a 10,000-row organizations table, the Microsoft Details section
 * 200 wrappers deep, labels repeated, and values in the wrong format. A reader must neither
 * execute nor choke on it, and must answer `null` rather than guess.
 */
import type { PortalVariant } from '../catalogue';
import { formatPortalTimestamp, hoursBefore } from './format';
import { VARIANT_RENDERERS } from './variants/index';
import type { OrganizationView, TenantView } from './view';
import { BANNER_TEXTS } from './view';

/** Slug of the hostile page. */
export const HOSTILE_SLUG = 'hostile';
/** Markup injected as text into names and banners. */
export const HOSTILE_MARKUP = '<img src=x onerror=alert(1)><script>alert("tenant-lens")</script>';
/** The hostile tenant's name (contains {@link HOSTILE_MARKUP} as text). */
export const HOSTILE_TENANT_NAME = `Evil ${HOSTILE_MARKUP} Corp`;
/** Rows of its organizations table. */
export const HOSTILE_ORGANIZATION_COUNT = 10_000;
/** Wrapper depth around its Microsoft Details section. */
export const HOSTILE_NESTING_DEPTH = 200;

/** Options of the hostile renderers. */
export interface HostileOptions {
  /** Markup variant (default classic). */
  variant?: PortalVariant;
  /** Portal account subdomain shown in the chrome (default "acme"). */
  subdomain?: string;
  /** Rows of the organizations table (default {@link HOSTILE_ORGANIZATION_COUNT}); smaller for fast unit tests. */
  organizationCount?: number;
}

/** The hostile view at `now`. */
export function hostileView(now: Date, organizationCount = HOSTILE_ORGANIZATION_COUNT): TenantView {
  const organizations: OrganizationView[] = [];
  for (let i = 0; i < organizationCount; i++) {
    organizations.push({
      name: i === 0 ? `Org ${HOSTILE_MARKUP}` : `Organization ${i + 1}`,
      href: `/customers/${90000 + i}`,
      email: i % 3 === 0 ? null : `user${i}@example.com"><b>x</b>`,
      phone:
        i % 7 === 0
          ? 'call me maybe'
          : `(555) 9${String(i).padStart(2, '0').slice(-2)}-${String(i).padStart(4, '0')}`,
      entraSync:
        i % 2 === 0
          ? { status: 'Enabled' }
          : { setUp: { label: 'Set up', href: `/customers/${90000 + i}/entra_user_sync/new` } },
    });
  }
  const at = hoursBefore(now, 5);
  return {
    slug: HOSTILE_SLUG,
    name: HOSTILE_TENANT_NAME,
    lastTenantSync: `yesterday-ish ${HOSTILE_MARKUP}`,
    microsoftTenant: `</dd></dl><h2>Cloud Backup</h2>${HOSTILE_MARKUP}`,
    secureScore: 'N/A',
    microsoftUsers: 'lots',
    extraDetails: [
      // Repeated labels with conflicting values.
      { label: 'Microsoft Users', value: '12' },
      { label: 'Microsoft Secure Score', value: '150%' },
      { label: 'Last Tenant Sync', value: '-5m ago' },
    ],
    organizations,
    backup: {
      banners: [
        {
          state: null,
          message: `Heads up ${HOSTILE_MARKUP}`,
          action: { label: `Learn More ${HOSTILE_MARKUP}`, href: 'javascript:alert(1)' },
          tone: 'warning',
        },
        {
          state: 'recent-backup-issue',
          message: `${BANNER_TEXTS['recent-backup-issue']} ${HOSTILE_MARKUP}`,
          action: null,
          tone: 'warning',
        },
      ],
      services: [
        {
          name: `Exchange ${HOSTILE_MARKUP}`,
          enabled: true,
          lastBackup: 'the day before tomorrow',
          lastBackupIso: null,
          errorIcon: `Fail ${HOSTILE_MARKUP}`,
          restoreDisabled: false,
        },
        {
          name: 'OneDrive',
          enabled: true,
          lastBackup: formatPortalTimestamp(at),
          lastBackupIso: at.toISOString(),
          errorIcon: null,
          restoreDisabled: false,
        },
        {
          name: 'OneDrive',
          enabled: false,
          lastBackup: 'Feb 30, 2026 25:61 PM',
          lastBackupIso: null,
          errorIcon: null,
          restoreDisabled: true,
        },
      ],
      lastUpdated: 'N/A',
      lastUpdatedIso: null,
      unavailable: false,
      enable: null,
    },
  };
}

/** The hostile page's main content (classic variant by default). */
export function renderHostileContent(now: Date, options: HostileOptions = {}): string {
  const r = VARIANT_RENDERERS[options.variant ?? 'classic'];
  const view = hostileView(now, options.organizationCount);
  let details = r.section(view, 'microsoft-details');
  for (let i = 0; i < HOSTILE_NESTING_DEPTH; i++)
    details = `<div class="w${i % 10}">${details}</div>`;
  // Labels repeated outside their section, in prose.
  const prose =
    '<p>Microsoft Users: see Microsoft Details. Last Tenant Sync: unknown. Cloud Backup: ask your admin.</p>';
  return r.layout(
    r.header(view),
    details + prose,
    [r.section(view, 'customer-organizations'), r.section(view, 'cloud-backup')].join('\n'),
  );
}

/** The full hostile document. */
export function renderHostilePage(now: Date, options: HostileOptions = {}): string {
  return VARIANT_RENDERERS[options.variant ?? 'classic'].document({
    title: `${HOSTILE_TENANT_NAME} | Syncro`,
    subdomain: options.subdomain ?? 'acme',
    main: renderHostileContent(now, options),
    active: 'customers',
  });
}
