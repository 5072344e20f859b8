/**
 * The app-shell pages (`/spa/...`): the portal as a single-page app. Links to other tenants
 * are intercepted by an inline script that calls `history.pushState` and swaps the main
 * content fetched from `/fragment/...` (popstate supported), and sections can be re-rendered
 * alone (the node is replaced by a freshly rendered equal node, as React does).
 *
 * In the page, `window.__portal` offers:
 * - `navigate(target)`: a tenant slug, or 'tickets' / 'customers' for a non-tenant page;
 * - `rerender(section)`: 'microsoft-details' | 'customer-organizations' | 'cloud-backup';
 * - `idle()`: resolves when the last navigation/re-render has been applied;
 * - `navigations`, `rerenders`: counters of applied swaps.
 * Each returns a Promise<boolean> (false when superseded or nothing to replace).
 */
import { PORTAL_TENANTS, PORTAL_VARIANTS, type PortalVariant } from '../catalogue';
import { esc } from './format';
import { HOSTILE_SLUG } from './hostile';
import {
  type NonTenantKind,
  nonTenantTitle,
  renderNonTenantContent,
  renderTenantContent,
  tenantPageTitle,
} from './pages';
import { VARIANT_RENDERERS } from './variants/index';
import { sectionDomId } from './variants/types';
import { type PageOptions, PORTAL_SECTIONS, type PortalSection } from './view';

/** What the app shell shows. */
export type AppRoute =
  | { kind: 'tenants'; slug: string }
  | { kind: 'tickets' | 'customers'; id: number };

/** Header carrying the page title of a fragment (URI-encoded). */
export const FRAGMENT_TITLE_HEADER = 'X-Page-Title';

function nonTenantKind(kind: 'tickets' | 'customers'): NonTenantKind {
  return kind === 'tickets' ? 'ticket' : 'customer';
}

/** Main content and title of a route (throws on an unknown tenant slug). */
export function renderRouteContent(
  route: AppRoute,
  variant: PortalVariant,
  now: Date,
): { title: string; html: string } {
  if (route.kind === 'tenants') {
    return {
      title: tenantPageTitle(route.slug, variant),
      html: renderTenantContent(route.slug, variant, now),
    };
  }
  const opts = { variant, id: route.id, tenantBase: '/spa/tenants' as const };
  return {
    title: nonTenantTitle(nonTenantKind(route.kind), now, opts),
    html: renderNonTenantContent(nonTenantKind(route.kind), now, opts),
  };
}

function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function shellScript(variant: PortalVariant): string {
  const sectionIds = Object.fromEntries(PORTAL_SECTIONS.map((s) => [s, sectionDomId(variant, s)]));
  return `<script>
(function () {
  var VARIANT = ${inlineJson(variant)};
  var SECTION_IDS = ${inlineJson(sectionIds)};
  var main = document.getElementById('app-main');
  var seq = 0;
  var last = Promise.resolve(true);
  var api = { variant: VARIANT, navigations: 0, rerenders: 0 };
  function route(pathname) {
    var m = /^\\/spa\\/(tenants|tickets|customers)\\/([^/?#]+)/.exec(pathname);
    return m ? { kind: m[1], id: decodeURIComponent(m[2]) } : null;
  }
  function spaPath(r) { return '/spa/' + r.kind + '/' + encodeURIComponent(r.id) + '?variant=' + VARIANT; }
  function fetchFragment(r, section) {
    return fetch('/fragment/' + r.kind + '/' + encodeURIComponent(r.id) + '?variant=' + VARIANT + (section ? '&section=' + section : ''))
      .then(function (res) {
        var title = res.headers.get(${inlineJson(FRAGMENT_TITLE_HEADER)});
        return res.text().then(function (html) { return { ok: res.ok, html: html, title: title ? decodeURIComponent(title) : null }; });
      });
  }
  function load(r) {
    var my = ++seq;
    last = fetchFragment(r).then(function (f) {
      if (my !== seq) return false;
      main.innerHTML = f.html;
      if (f.title) document.title = f.title;
      api.navigations++;
      window.scrollTo(0, 0);
      return true;
    });
    return last;
  }
  function go(r) {
    history.pushState({ kind: r.kind, id: r.id }, '', spaPath(r));
    return load(r);
  }
  api.navigate = function (target) {
    if (target === 'tickets') return go({ kind: 'tickets', id: '1001' });
    if (target === 'customers') return go({ kind: 'customers', id: '42' });
    return go({ kind: 'tenants', id: String(target) });
  };
  api.rerender = function (section) {
    var r = route(location.pathname);
    var id = SECTION_IDS[section];
    if (!r || r.kind !== 'tenants' || !id || !document.getElementById(id)) return Promise.resolve(false);
    var my = seq;
    last = fetchFragment(r, section).then(function (f) {
      var old = document.getElementById(id);
      if (my !== seq || !old || !f.ok) return false;
      var t = document.createElement('template');
      t.innerHTML = f.html;
      var fresh = t.content.firstElementChild;
      if (!fresh) return false;
      old.replaceWith(fresh);
      api.rerenders++;
      return true;
    });
    return last;
  };
  api.idle = function () { return last; };
  window.__portal = api;
  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a) return;
    var url = new URL(a.getAttribute('href'), location.href);
    var r = url.origin === location.origin ? route(url.pathname) : null;
    if (!r) return;
    e.preventDefault();
    go(r);
  });
  window.addEventListener('popstate', function () {
    var r = route(location.pathname);
    if (r) load(r);
  });
  var rb = document.getElementById('reload-backup');
  if (rb) rb.addEventListener('click', function () { api.rerender('cloud-backup'); });
  var rd = document.getElementById('reload-details');
  if (rd) rd.addEventListener('click', function () { api.rerender('microsoft-details'); });
})();
</script>`;
}

function toolbar(variant: PortalVariant): string {
  const links = [
    ...PORTAL_TENANTS.map((t) => [t.slug, t.name] as const),
    [HOSTILE_SLUG, 'Hostile'] as const,
  ]
    .map(([slug, name]) => `<a href="/spa/tenants/${slug}?variant=${variant}">${esc(name)}</a>`)
    .join(' · ');
  const style =
    'padding:6px 12px;border-bottom:1px solid rgba(128,128,128,.35);font-size:12px;display:flex;gap:12px;flex-wrap:wrap;align-items:center';
  return `<div style="${style}"><nav aria-label="Recent tenants">Recent: ${links} · <a href="/spa/tickets/1001?variant=${variant}">Ticket #1001</a></nav>
<span style="margin-left:auto"><button type="button" id="reload-details">Reload Microsoft details</button> <button type="button" id="reload-backup">Reload backup section</button></span></div>`;
}

/** The full app-shell document showing `route`. Throws on an unknown tenant slug. */
export function renderAppShell(
  route: AppRoute,
  variant: PortalVariant,
  now: Date,
  options: PageOptions = {},
): string {
  const { title, html } = renderRouteContent(route, variant, now);
  return VARIANT_RENDERERS[variant].document({
    title,
    subdomain: options.subdomain ?? 'acme',
    main: html,
    active: route.kind === 'tickets' ? 'tickets' : 'customers',
    toolbar: toolbar(variant),
    tail: shellScript(variant),
  });
}

/** True when `v` is a variant name. */
export function isPortalVariant(v: string | null): v is PortalVariant {
  return v !== null && (PORTAL_VARIANTS as readonly string[]).includes(v);
}

/** True when `s` is a section name. */
export function isPortalSection(s: string | null): s is PortalSection {
  return s !== null && (PORTAL_SECTIONS as readonly string[]).includes(s);
}
