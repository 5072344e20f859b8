/**
 * The Syncro portal replica: answers every `*.syncromsp.com` (and `*.shield.syncromsp.com`)
 * request of the emulated world. Test code only.
 *
 * Routes (GET/HEAD; `?variant=classic|react|compact`, default classic):
 * - `/`                                     dashboard linking every tenant page in every variant
 * - `/tenants/<slug>`                       Tenant Details page (catalogue slugs, and `hostile`)
 * - `/spa/tenants/<slug>`                   the same inside the app shell (in-page navigation)
 * - `/spa/tickets/<id>`, `/spa/customers/<id>`  non-tenant pages inside the app shell
 * - `/fragment/tenants/<slug>[&section=…]`  main content (or one section) for the app shell
 * - `/fragment/tickets/<id>`, `/fragment/customers/<id>`
 * - `/tickets`, `/tickets/<id>`, `/customers`, `/customers/<id>`, `/microsoft_tenants`,
 *   `/cloud_backup/...`                     non-tenant portal pages
 * - anything else                           404 page
 */
import { PORTAL_TENANTS } from '../catalogue';
import { html, type WorldRequest, type WorldResponse } from '../http';
import type { WorldCore } from '../state';
import {
  isTenantSlug,
  type NonTenantKind,
  renderNonTenantPage,
  renderNotFoundPage,
  renderRootPage,
  renderTenantPage,
  renderTenantSection,
} from './pages';
import {
  type AppRoute,
  FRAGMENT_TITLE_HEADER,
  isPortalSection,
  isPortalVariant,
  renderAppShell,
  renderRouteContent,
} from './spa';

export { formatCount, formatPortalTimestamp } from './format';
export {
  HOSTILE_MARKUP,
  HOSTILE_NESTING_DEPTH,
  HOSTILE_ORGANIZATION_COUNT,
  HOSTILE_SLUG,
  HOSTILE_TENANT_NAME,
  type HostileOptions,
  renderHostileContent,
  renderHostilePage,
} from './hostile';
export {
  findPortalTenant,
  isTenantSlug,
  type NonTenantKind,
  type NonTenantOptions,
  renderNonTenantContent,
  renderNonTenantPage,
  renderNotFoundPage,
  renderRootPage,
  renderTenantContent,
  renderTenantPage,
  renderTenantSection,
  tenantPath,
} from './pages';
export { type AppRoute, renderAppShell, renderRouteContent } from './spa';
export { BANNER_TEXTS, customerId, PORTAL_SECTIONS, type PortalSection } from './view';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The portal account subdomain of a host: "acme" for acme.syncromsp.com and acme.shield.syncromsp.com. */
export function portalSubdomain(hostname: string): string {
  const label = hostname
    .toLowerCase()
    .replace(/\.?syncromsp\.com\.?$/, '')
    .replace(/\.shield$/, '')
    .split('.')
    .pop();
  return label || 'www';
}

/** True when `hostname` is served by the portal replica. */
export function isPortalHost(hostname: string): boolean {
  return /(^|\.)syncromsp\.com\.?$/i.test(hostname);
}

function page(status: number, body: string, extra: Record<string, string> = {}): WorldResponse {
  return html(status, body, { ...NO_STORE, ...extra });
}

function positiveId(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : null;
}

/** Answers one portal request. Pure apart from reading `core.now()`. HEAD gets GET's headers. */
export function handlePortal(req: WorldRequest, core: WorldCore): WorldResponse {
  const res = route(req, core);
  return req.method === 'HEAD' ? { ...res, body: '' } : res;
}

function route(req: WorldRequest, core: WorldCore): WorldResponse {
  const now = new Date(core.now());
  const url = req.url;
  const subdomain = portalSubdomain(url.hostname);
  const notFound = () => page(404, renderNotFoundPage(url.pathname, { subdomain }));
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return {
      status: 405,
      headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'Method Not Allowed',
    };
  }
  const variantParam = url.searchParams.get('variant');
  const variant = isPortalVariant(variantParam) ? variantParam : 'classic';
  const parts = url.pathname
    .replace(/\/+$/, '')
    .split('/')
    .slice(1)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const [a, b, c] = parts;

  if (parts.length === 0 || (parts.length === 1 && a === ''))
    return page(200, renderRootPage(now, { subdomain }));

  if (a === 'tenants' && b !== undefined && parts.length === 2) {
    if (!isTenantSlug(b)) return notFound();
    return page(200, renderTenantPage(b, variant, now, { subdomain }));
  }

  if (
    (a === 'spa' || a === 'fragment') &&
    b !== undefined &&
    c !== undefined &&
    parts.length === 3
  ) {
    let route: AppRoute | null = null;
    if (b === 'tenants' && isTenantSlug(c)) route = { kind: 'tenants', slug: c };
    const id = positiveId(c);
    if ((b === 'tickets' || b === 'customers') && id !== null) route = { kind: b, id };
    if (!route) return notFound();
    if (a === 'spa') return page(200, renderAppShell(route, variant, now, { subdomain }));
    const section = url.searchParams.get('section');
    if (section !== null) {
      if (
        route.kind !== 'tenants' ||
        !isPortalSection(section) ||
        !PORTAL_TENANTS.some((t) => t.slug === c)
      )
        return notFound();
      const fragment = renderTenantSection(c, variant, section, now);
      return fragment ? page(200, fragment) : notFound();
    }
    const { title, html: body } = renderRouteContent(route, variant, now);
    return page(200, body, { [FRAGMENT_TITLE_HEADER]: encodeURIComponent(title) });
  }

  const nonTenant = (kind: NonTenantKind, id?: number) =>
    page(200, renderNonTenantPage(kind, now, { subdomain, variant, id }));
  if (a === 'tickets' && parts.length === 1) return nonTenant('tickets');
  if (a === 'customers' && parts.length === 1) return nonTenant('customers');
  if (a === 'tickets' && parts.length === 2) {
    const id = positiveId(b);
    return id === null ? notFound() : nonTenant('ticket', id);
  }
  if (a === 'customers' && parts.length >= 2) {
    const id = positiveId(b);
    return id === null ? notFound() : nonTenant('customer', id);
  }
  if (a === 'microsoft_tenants' && parts.length === 1) return nonTenant('microsoft-tenants');
  if (a === 'cloud_backup') return nonTenant('backup-portal');
  return notFound();
}
