/**
 * Pure page renderers of the portal replica: Tenant Details pages (full document, main
 * content, one section), non-tenant portal pages, the root page and the 404 page.
 * Deterministic for a given `now`.
 */
import {
  PORTAL_TENANTS,
  PORTAL_VARIANTS,
  type PortalTenantFixture,
  type PortalVariant,
} from '../catalogue';
import { esc, formatPortalTimestamp, hoursBefore } from './format';
import {
  HOSTILE_SLUG,
  HOSTILE_TENANT_NAME,
  renderHostileContent,
  renderHostilePage,
} from './hostile';
import { VARIANT_RENDERERS } from './variants/index';
import type { NavItem } from './variants/types';
import {
  customerId,
  customerOwner,
  customersWord,
  type PageOptions,
  type PortalSection,
  tenantView,
} from './view';

/** The catalogue tenant with this slug, or undefined. */
export function findPortalTenant(slug: string): PortalTenantFixture | undefined {
  return PORTAL_TENANTS.find((t) => t.slug === slug);
}

/** True when `slug` names a page `/tenants/<slug>` (catalogue tenants and the hostile page). */
export function isTenantSlug(slug: string): boolean {
  return slug === HOSTILE_SLUG || findPortalTenant(slug) !== undefined;
}

function fixtureOrThrow(slug: string): PortalTenantFixture {
  const t = findPortalTenant(slug);
  if (!t) throw new Error(`portal replica: unknown tenant slug "${slug}"`);
  return t;
}

/** Document title of a tenant page per variant. */
function tenantTitle(name: string, variant: PortalVariant): string {
  if (variant === 'react') return `${name} – Tenant Details – Syncro`;
  if (variant === 'compact') return `Syncro - ${name}`;
  return `${name} | Syncro`;
}

/** Title of a tenant page (for the app shell's `document.title`). */
export function tenantPageTitle(slug: string, variant: PortalVariant): string {
  return tenantTitle(
    slug === HOSTILE_SLUG ? HOSTILE_TENANT_NAME : fixtureOrThrow(slug).name,
    variant,
  );
}

/**
 * The main content of a Tenant Details page (header, Microsoft Details, Customer
 * Organizations, Cloud Backup), without the portal chrome. Throws on an unknown slug.
 */
export function renderTenantContent(slug: string, variant: PortalVariant, now: Date): string {
  if (slug === HOSTILE_SLUG) return renderHostileContent(now, { variant });
  const r = VARIANT_RENDERERS[variant];
  const view = tenantView(fixtureOrThrow(slug), now);
  return r.layout(
    r.header(view),
    r.section(view, 'microsoft-details'),
    [r.section(view, 'customer-organizations'), r.section(view, 'cloud-backup')]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * One section's root element, freshly rendered (the app shell's partial re-render). '' when
 * the tenant has no such section (Cloud Backup without a subscription). Throws on an unknown
 * slug.
 */
export function renderTenantSection(
  slug: string,
  variant: PortalVariant,
  section: PortalSection,
  now: Date,
): string {
  return VARIANT_RENDERERS[variant].section(tenantView(fixtureOrThrow(slug), now), section);
}

/** A full Tenant Details document. Throws on an unknown slug. */
export function renderTenantPage(
  slug: string,
  variant: PortalVariant,
  now: Date,
  options: PageOptions = {},
): string {
  const subdomain = options.subdomain ?? 'acme';
  if (slug === HOSTILE_SLUG) return renderHostilePage(now, { variant, subdomain });
  return VARIANT_RENDERERS[variant].document({
    title: tenantPageTitle(slug, variant),
    subdomain,
    main: renderTenantContent(slug, variant, now),
    active: 'customers',
  });
}

/** Portal pages that are not Tenant Details pages. */
export type NonTenantKind =
  | 'ticket'
  | 'tickets'
  | 'customer'
  | 'customers'
  | 'microsoft-tenants'
  | 'backup-portal';

export interface NonTenantOptions extends PageOptions {
  variant?: PortalVariant;
  /** Ticket or customer id (default 1001 / 42). */
  id?: number;
}

interface PlainPage {
  title: string;
  heading: string;
  rows: [string, string][];
  body: string;
  active: NavItem | null;
}

function tenantHref(slug: string, options: NonTenantOptions, variant: PortalVariant): string {
  const base = options.tenantBase ?? '/tenants';
  return `${base}/${slug}${variant === 'classic' ? '' : `?variant=${variant}`}`;
}

function nonTenantPlain(
  kind: NonTenantKind,
  now: Date,
  options: NonTenantOptions,
  variant: PortalVariant,
): PlainPage {
  const word = customersWord(variant);
  switch (kind) {
    case 'ticket': {
      const id = options.id ?? 1001;
      const owner = customerOwner(customerId(0, 0));
      const created = formatPortalTimestamp(hoursBefore(now, 26));
      return {
        title: `Ticket #${id} | Syncro`,
        heading: `Ticket #${id}: Outlook keeps asking for a password`,
        rows: [
          [
            'Customer',
            `<a href="/customers/${customerId(0, 0)}">${esc(owner?.orgName ?? 'Fabrikam Retail')}</a>`,
          ],
          ['Status', 'In Progress'],
          ['Priority', '2 Normal'],
          ['Created', esc(created)],
          ['Assignee', 'Taylor Tech'],
        ],
        // Prose mentions the section names on purpose: a page is not a Tenant Details page
        // because its text says "Cloud Backup" somewhere.
        body: `<h4>Communications</h4>
<p>Customer asked whether Cloud Backup also covers Teams chats, and what the Microsoft Details on their tenant page mean. Microsoft Users count looked low.</p>
<p>Reset the user's MFA registration; waiting on confirmation.</p>`,
        active: 'tickets',
      };
    }
    case 'tickets':
      return {
        title: 'Tickets | Syncro',
        heading: 'Tickets',
        rows: [],
        body: `<ul>${[1001, 1002, 1003].map((n) => `<li><a href="/tickets/${n}">#${n}</a> Ticket ${n}</li>`).join('')}</ul>`,
        active: 'tickets',
      };
    case 'customer': {
      const id = options.id ?? 42;
      const owner = customerOwner(id);
      const name = owner?.orgName ?? `Bluebird Dental ${id}`;
      return {
        title: `${name} | Syncro`,
        heading: name,
        rows: [
          ['Email', owner ? 'office@example.com' : `info${id}@bluebird.example`],
          ['Phone', '(555) 555-0100'],
          [
            'Syncro Tenant',
            owner
              ? `<a href="${esc(tenantHref(owner.tenant.slug, options, variant))}">${esc(owner.tenant.name)}</a>`
              : 'None',
          ],
          ['Assets', '12'],
          [variant === 'classic' ? 'Contacts' : 'End Users', '4'],
        ],
        body: '<p>Recent tickets: <a href="/tickets/1001">#1001</a></p>',
        active: 'customers',
      };
    }
    case 'customers': {
      const items = PORTAL_TENANTS.flatMap((t, i) =>
        (t.organizations.length ? t.organizations.map((o) => o.name) : [t.name]).map(
          (name, j) =>
            `<li><a href="/customers/${customerId(i, t.organizations.length ? j : -1)}">${esc(name)}</a></li>`,
        ),
      );
      return {
        title: `${word} | Syncro`,
        heading: word,
        rows: [],
        body: `<ul>${items.join('')}</ul>`,
        active: 'customers',
      };
    }
    case 'microsoft-tenants': {
      // The Microsoft Tenant Management table: has "Microsoft Tenant" and "Last Tenant Sync"
      // columns, but it is not a Tenant Details page.
      const rows = PORTAL_TENANTS.map(
        (t) =>
          `<tr><td><a href="${esc(tenantHref(t.slug, options, variant))}">${esc(t.name)}</a></td><td>${esc(t.microsoftTenantText)}</td><td>${esc(t.lastTenantSync)}</td></tr>`,
      ).join('');
      return {
        title: 'Microsoft Tenant Integrations | Syncro',
        heading: 'Microsoft Tenant Management',
        rows: [],
        body: `<table><thead><tr><th>Syncro Tenant</th><th>Microsoft Tenant</th><th>Last Tenant Sync</th></tr></thead><tbody>${rows}</tbody></table>`,
        active: 'admin',
      };
    }
    case 'backup-portal':
      return {
        title: 'Backup Portal | Syncro',
        heading: 'Backup Portal: Alerts',
        rows: [],
        body: '<p>Type: All · Created: Last Month · <label><input type="checkbox"> Acknowledged</label></p><p>No active alerts.</p>',
        active: null,
      };
  }
}

/** The main content of a non-tenant page. */
export function renderNonTenantContent(
  kind: NonTenantKind,
  now: Date,
  options: NonTenantOptions = {},
): string {
  const variant = options.variant ?? 'classic';
  const p = nonTenantPlain(kind, now, options, variant);
  return VARIANT_RENDERERS[variant].plainContent(p.heading, p.rows, p.body);
}

/** Title of a non-tenant page (for the app shell). */
export function nonTenantTitle(
  kind: NonTenantKind,
  now: Date,
  options: NonTenantOptions = {},
): string {
  return nonTenantPlain(kind, now, options, options.variant ?? 'classic').title;
}

/** A full non-tenant portal document (no Microsoft Details or Cloud Backup section). */
export function renderNonTenantPage(
  kind: NonTenantKind,
  now: Date,
  options: NonTenantOptions = {},
): string {
  const variant = options.variant ?? 'classic';
  const p = nonTenantPlain(kind, now, options, variant);
  return VARIANT_RENDERERS[variant].document({
    title: p.title,
    subdomain: options.subdomain ?? 'acme',
    main: VARIANT_RENDERERS[variant].plainContent(p.heading, p.rows, p.body),
    active: p.active,
  });
}

/** Link to a tenant page in a variant, full-reload or app-shell. */
export function tenantPath(
  slug: string,
  variant: PortalVariant,
  base: '/tenants' | '/spa/tenants' = '/tenants',
): string {
  return `${base}/${slug}${base === '/tenants' && variant === 'classic' ? '' : `?variant=${variant}`}`;
}

/** The portal's root page: a dashboard linking every tenant page in every variant. */
export function renderRootPage(now: Date, options: PageOptions = {}): string {
  const cell = (slug: string, v: PortalVariant) =>
    `<a href="${esc(tenantPath(slug, v))}">${v}</a> · <a href="${esc(tenantPath(slug, v, '/spa/tenants'))}">${v} (app)</a>`;
  const rows = [
    ...PORTAL_TENANTS.map((t) => [t.slug, t.name] as const),
    [HOSTILE_SLUG, 'Hostile page'] as const,
  ]
    .map(
      ([slug, name]) =>
        `<tr><td>${esc(name)}</td><td>${PORTAL_VARIANTS.map((v) => cell(slug, v)).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const body = `<table class="table"><thead><tr><th>Syncro Tenant</th><th>Pages</th></tr></thead><tbody>
${rows}
</tbody></table>
<p>Other pages: <a href="/tickets/1001">Ticket #1001</a> · <a href="/customers/42">Customer #42</a> · <a href="/microsoft_tenants">Microsoft Tenant Management</a> · <a href="/spa/tickets/1001">Ticket #1001 (app)</a></p>
<p class="small">Rendered ${esc(formatPortalTimestamp(now))}</p>`;
  return VARIANT_RENDERERS.classic.document({
    title: 'Dashboard | Syncro',
    subdomain: options.subdomain ?? 'acme',
    main: VARIANT_RENDERERS.classic.plainContent('Syncro Tenants', [], body),
    active: 'dashboard',
  });
}

/** The portal's 404 page. */
export function renderNotFoundPage(path: string, options: PageOptions = {}): string {
  return VARIANT_RENDERERS.classic.document({
    title: 'Page not found | Syncro',
    subdomain: options.subdomain ?? 'acme',
    main: VARIANT_RENDERERS.classic.plainContent(
      'Page not found',
      [],
      `<p>The page <code>${esc(path)}</code> does not exist or you do not have access to it.</p><p><a href="/">Back to the dashboard</a></p>`,
    ),
    active: null,
  });
}
