/** The contract every markup variant of the portal replica implements. */
import type { PortalVariant } from '../../catalogue';
import { hashedClass } from '../format';
import type { PortalSection, TenantView } from '../view';

/** Top-level navigation items of the portal chrome. */
export type NavItem = 'dashboard' | 'customers' | 'tickets' | 'assets' | 'alerts' | 'admin';

/** The parts of a full portal document. */
export interface DocumentParts {
  /** `<title>` text. */
  title: string;
  /** Portal account subdomain shown in the chrome. */
  subdomain: string;
  /** Main content HTML (already escaped). */
  main: string;
  /** Highlighted nav item. */
  active: NavItem | null;
  /** HTML between the nav bar and the main content (the app shell's toolbar). */
  toolbar?: string;
  /** HTML at the end of `<body>` (scripts). */
  tail?: string;
}

export interface VariantRenderer {
  variant: PortalVariant;
  /** The Syncro Tenant's name header (top left, editable-looking). */
  header(view: TenantView): string;
  /** One section's root element; '' for Cloud Backup when the tenant has none. */
  section(view: TenantView, section: PortalSection): string;
  /** Lays out the header, the left panel and the main area into the page content. */
  layout(header: string, left: string, main: string): string;
  /** A simple non-tenant content block: a heading and label/value rows plus free HTML. */
  plainContent(title: string, rows: [string, string][], bodyHtml: string): string;
  /** The whole document around `parts.main`. */
  document(parts: DocumentParts): string;
}

/**
 * DOM id of a section's root element in a variant: a meaningless hash, used only by the app
 * shell's re-render script (readers must find sections by their visible headings).
 */
export function sectionDomId(variant: PortalVariant, section: PortalSection): string {
  return `x${hashedClass(`${variant}/${section}`).slice(4)}`;
}

/** DOM id of the element whose content the app shell swaps on in-page navigation. */
export const APP_MAIN_ID = 'app-main';

/** Nav items and their paths. `customers` label depends on the variant (Syncro's rename). */
export const NAV_PATHS: Record<NavItem, string> = {
  dashboard: '/',
  customers: '/customers',
  tickets: '/tickets',
  assets: '/customer_assets',
  alerts: '/rmm_alerts',
  admin: '/microsoft_tenants',
};

/** Shared dropdown/menu toggle script (delegated; works for content swapped in later). */
export const MENU_SCRIPT = `<script>
document.addEventListener('click', function (e) {
  var t = e.target instanceof Element ? e.target.closest('[aria-haspopup]') : null;
  document.querySelectorAll('[aria-haspopup][aria-expanded="true"]').forEach(function (b) {
    if (b !== t) { b.setAttribute('aria-expanded', 'false'); var m = document.getElementById(b.getAttribute('aria-controls')); if (m) m.hidden = true; }
  });
  if (!t) return;
  var menu = document.getElementById(t.getAttribute('aria-controls'));
  if (!menu) return;
  var open = t.getAttribute('aria-expanded') !== 'true';
  t.setAttribute('aria-expanded', String(open));
  menu.hidden = !open;
});
</script>`;
