import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PORTAL_TENANTS,
  PORTAL_VARIANTS,
  type PortalTenantFixture,
  type PortalVariant,
} from '../catalogue';
import type { WorldRequest, WorldResponse } from '../http';
import { createCore } from '../state';
import {
  BANNER_TEXTS,
  formatCount,
  formatPortalTimestamp,
  HOSTILE_MARKUP,
  HOSTILE_NESTING_DEPTH,
  HOSTILE_ORGANIZATION_COUNT,
  HOSTILE_TENANT_NAME,
  handlePortal,
  isPortalHost,
  type NonTenantKind,
  portalSubdomain,
  renderHostilePage,
  renderNonTenantPage,
  renderTenantContent,
  renderTenantPage,
  renderTenantSection,
} from './index';
import { sectionDomId } from './variants/types';

const NOW = new Date('2026-12-03T15:14:00Z');
const core = createCore();
core.now = () => NOW.getTime();

function get(path: string, host = 'acme.syncromsp.com', method = 'GET'): WorldResponse {
  const req: WorldRequest = {
    method,
    url: new URL(`https://${host}${path}`),
    headers: {},
    body: '',
  };
  return handlePortal(req, core);
}

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** Parses HTML without running its scripts. */
function parse(html: string, url = 'https://acme.syncromsp.com/'): Document {
  const w = new Window({ url });
  windows.push(w);
  w.document.write(html);
  return w.document as unknown as Document;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const text = (el: Element | Document) => squash(el.textContent);

/** Elements whose own (short) text is exactly `label`, case-insensitively, trailing colon allowed. */
function byLabel(root: Element | Document, label: string): Element[] {
  const want = label.toLowerCase();
  return [...root.querySelectorAll('*')].filter((e) => {
    if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE') return false;
    const own = squash(
      [...e.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent)
        .join(' '),
    )
      .toLowerCase()
      .replace(/:$/, '');
    return own === want;
  });
}

function section(
  doc: Document,
  variant: PortalVariant,
  s: 'microsoft-details' | 'customer-organizations' | 'cloud-backup',
) {
  return doc.getElementById(sectionDomId(variant, s));
}

function rowsOf(el: Element): Element[] {
  return [...el.querySelectorAll('tbody tr, [role="rowgroup"]:last-child > [role="row"]')];
}

function restoreOf(row: Element): Element | undefined {
  return [...row.querySelectorAll('button')].find((b) => squash(b.textContent) === 'Restore');
}

function isDisabledControl(el: Element | undefined): boolean {
  return !el || el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';
}

/** What a reader can see or be told about a grayed-out (not enabled) row. */
function looksGrayed(row: Element): boolean {
  return (
    /\b(not enabled|disabled)\b/i.test(text(row)) ||
    row.closest('[aria-disabled="true"]') !== null ||
    isDisabledControl(restoreOf(row))
  );
}

function attrs(el: Element): string {
  return el
    .getAttributeNames()
    .map((n) => `${n}=${el.getAttribute(n)}`)
    .join(' ');
}

const cases = PORTAL_TENANTS.flatMap((t) =>
  PORTAL_VARIANTS.map((v) => [t.slug, v, t] as [string, PortalVariant, PortalTenantFixture]),
);

describe('Tenant Details pages', () => {
  it.each(cases)('%s (%s) renders what the help article describes', (slug, variant, t) => {
    const res = get(`/tenants/${slug}?variant=${variant}`);
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toMatch(/^text\/html/);
    const doc = parse(res.body);
    const all = text(doc.body);

    // Header and document title carry the Syncro tenant's name.
    expect(doc.title).toContain(t.name);
    const header = doc.querySelector('h1, [role="heading"][aria-level="1"]');
    expect(squash(header?.textContent)).toContain(t.name);

    // Microsoft Details.
    const details = section(doc, variant, 'microsoft-details');
    expect(details).not.toBeNull();
    expect(text(details!).toLowerCase()).toContain('microsoft details');
    const manage = [...details!.querySelectorAll('a')].find(
      (a) => squash(a.textContent) === 'Manage',
    );
    expect(manage?.getAttribute('href')).toBe('/microsoft_tenants');
    for (const label of [
      'Last Tenant Sync',
      'Microsoft Tenant',
      'Microsoft Secure Score',
      'Microsoft Users',
    ]) {
      expect(byLabel(details!, label)).toHaveLength(1);
    }
    const detailsText = text(details!);
    expect(detailsText).toContain(t.lastTenantSync);
    expect(detailsText).toContain(t.microsoftTenantText);
    expect(detailsText).toContain(`${t.secureScorePercent}%`);
    expect(detailsText).toContain(formatCount(t.microsoftUsers));
    expect([...details!.querySelectorAll('button')].map((b) => squash(b.textContent))).toContain(
      'Sync Now',
    );

    // Customer Organizations.
    const orgs = section(doc, variant, 'customer-organizations')!;
    expect(text(orgs)).toMatch(
      variant === 'compact' ? /^Organizations/ : /^Customer Organizations/,
    );
    for (const col of ['Email', 'Phone', 'MS Entra ID User Sync'])
      expect(byLabel(orgs, col)).toHaveLength(1);
    const orgRows = rowsOf(orgs);
    const expected = t.organizations.length
      ? t.organizations
      : [{ name: t.name, email: null, phone: null, entraSync: 'Set up' as const }];
    expect(orgRows).toHaveLength(expected.length);
    expected.forEach((o, i) => {
      const row = orgRows[i]!;
      const link = row.querySelector('a');
      expect(squash(link?.textContent)).toBe(o.name);
      expect(link?.getAttribute('href')).toMatch(/^\/customers\/\d+$/);
      if (o.email) expect(text(row)).toContain(o.email);
      if (o.phone) expect(text(row)).toContain(o.phone);
      expect(text(row)).toContain(o.entraSync);
      if (o.entraSync === 'Set up')
        expect(
          [...row.querySelectorAll('a, button')].some((x) => squash(x.textContent) === 'Set up'),
        ).toBe(true);
    });

    // Cloud Backup, only with a subscription.
    const backup = section(doc, variant, 'cloud-backup');
    if (!t.backup) {
      expect(backup).toBeNull();
      expect(all.toLowerCase()).not.toContain('cloud backup');
      return;
    }
    expect(backup).not.toBeNull();
    const b = backup!;
    expect(text(b).toLowerCase()).toMatch(/^cloud backup/);
    for (const state of t.backup.banners) expect(text(b)).toContain(BANNER_TEXTS[state]);
    const controls = [...b.querySelectorAll('a, button, summary')].map((x) =>
      squash(x.textContent),
    );
    if (t.backup.banners.includes('recent-backup-issue')) expect(controls).toContain('Learn More');
    if (t.backup.banners.includes('consent-failed')) expect(controls).toContain('Reconfigure');
    if (t.backup.banners.includes('no-data')) expect(controls).toContain('Enable');
    for (const item of [
      'Backup Settings',
      'User List',
      'Audit Log',
      'Task Manager',
      'Disable Cloud Backup',
    ])
      expect(controls).toContain(item);
    expect(controls.some((c) => c.startsWith('Manage'))).toBe(true);
    expect(text(b)).toMatch(/Last Updated:? /);
    expect(text(b)).toContain(
      formatPortalTimestamp(new Date(NOW.getTime() - t.backup.lastUpdatedHoursAgo * 3_600_000)),
    );

    const rows = rowsOf(b);
    expect(rows).toHaveLength(t.backup.services.length);
    const unavailable = t.backup.banners.includes('sync-error');
    t.backup.services.forEach((s, i) => {
      const row = rows[i]!;
      expect(text(row)).toContain(s.name);
      const when =
        s.lastBackupHoursAgo === null
          ? 'Never'
          : formatPortalTimestamp(new Date(NOW.getTime() - s.lastBackupHoursAgo * 3_600_000));
      expect(text(row)).toContain(when);
      expect(restoreOf(row)).toBeDefined();
      if (!s.enabled) expect(looksGrayed(row)).toBe(true);
      if (s.enabled && !unavailable) expect(looksGrayed(row)).toBe(false);
      if (unavailable) expect(isDisabledControl(restoreOf(row))).toBe(true);
      const icon = row.querySelector('[title], [aria-label]');
      if (s.errorIcon) {
        expect(icon?.getAttribute('title') ?? icon?.getAttribute('aria-label')).toBe(s.errorIcon);
        // Exposed to assistive technology too (aria-label, or visually hidden text).
        expect(
          row.querySelector(`[aria-label="${s.errorIcon}"]`) !== null ||
            text(row).includes(s.errorIcon),
        ).toBe(true);
      } else {
        expect(icon).toBeNull();
      }
    });
    // Grayed rows differ from enabled rows in markup, not only by a disabled button.
    const on = t.backup.services.findIndex((s) => s.enabled);
    const off = t.backup.services.findIndex((s) => !s.enabled);
    if (on >= 0 && off >= 0) expect(attrs(rows[off]!)).not.toBe(attrs(rows[on]!));
  });

  it('the three variants differ in markup', () => {
    const [classic, react, compact] = PORTAL_VARIANTS.map((v) =>
      parse(get(`/tenants/northwind?variant=${v}`).body),
    );
    expect(classic!.querySelectorAll('div.panel .panel-heading h3')).toHaveLength(3);
    expect(classic!.querySelector('dl dt')?.textContent).toBe('Last Tenant Sync');
    expect(classic!.querySelectorAll('.alert.alert-warning')).toHaveLength(1);
    expect(react!.querySelectorAll('section[aria-labelledby] h2')).toHaveLength(3);
    expect(react!.querySelectorAll('[role="alert"]')).toHaveLength(1);
    expect(react!.querySelector('[class^="css-"]')).not.toBeNull();
    expect(compact!.querySelectorAll('table, h1, h2, h3, section')).toHaveLength(0);
    expect(compact!.querySelectorAll('[role="table"]')).toHaveLength(2);
    expect(compact!.querySelector('li > strong')?.textContent).toBe('Last Tenant Sync:');
    expect(text(compact!.body)).toContain('MICROSOFT DETAILS');
    // Syncro's rename: "Customers" (classic) vs "Organizations" in the nav.
    const navText = (d: Document) => text(d.querySelector('nav, .top')!);
    expect(navText(classic!)).toContain('Customers');
    expect(navText(react!)).toContain('Organizations');
    expect(navText(compact!)).toContain('Organizations');
  });

  it('default variant is classic; an unknown variant falls back to classic', () => {
    expect(get('/tenants/fabrikam').body).toBe(renderTenantPage('fabrikam', 'classic', NOW));
    expect(get('/tenants/fabrikam?variant=nope').body).toBe(
      renderTenantPage('fabrikam', 'classic', NOW),
    );
  });

  it('renderers are deterministic for a given now', () => {
    for (const v of PORTAL_VARIANTS) {
      expect(renderTenantPage('tailspin', v, NOW)).toBe(
        renderTenantPage('tailspin', v, new Date(NOW)),
      );
      expect(renderTenantContent('tailspin', v, NOW)).not.toBe(
        renderTenantContent('tailspin', v, new Date(NOW.getTime() + 3_600_000)),
      );
    }
  });

  it('content and sections are parts of the full page', () => {
    for (const v of PORTAL_VARIANTS) {
      const page = renderTenantPage('northwind', v, NOW);
      const content = renderTenantContent('northwind', v, NOW);
      expect(page).toContain(content);
      for (const s of ['microsoft-details', 'customer-organizations', 'cloud-backup'] as const) {
        expect(content).toContain(renderTenantSection('northwind', v, s, NOW));
      }
      expect(renderTenantSection('contoso-pharma', v, 'cloud-backup', NOW)).toBe('');
    }
  });

  it('formats timestamps and counts like the portal', () => {
    expect(formatPortalTimestamp(new Date('2026-12-03T13:14:00Z'))).toBe('Dec 3, 2026 1:14 PM');
    expect(formatPortalTimestamp(new Date('2026-01-09T00:05:00Z'))).toBe('Jan 9, 2026 12:05 AM');
    expect(formatPortalTimestamp(new Date('2026-07-19T12:00:00Z'))).toBe('Jul 19, 2026 12:00 PM');
    expect(formatCount(1204)).toBe('1,204');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(57)).toBe('57');
  });

  it('unknown slugs answer a 404 page; renderers throw', () => {
    const res = get('/tenants/nobody');
    expect(res.status).toBe(404);
    expect(text(parse(res.body).body)).toContain('Page not found');
    expect(get('/nowhere').status).toBe(404);
    expect(get('/spa/tenants/nobody').status).toBe(404);
    expect(get('/fragment/tenants/nobody').status).toBe(404);
    expect(() => renderTenantPage('nobody', 'classic', NOW)).toThrow(/unknown tenant/);
  });

  it('answers non-GET methods with 405 and HEAD without a body', () => {
    expect(get('/tenants/fabrikam', 'acme.syncromsp.com', 'POST').status).toBe(405);
    const head = get('/tenants/fabrikam', 'acme.syncromsp.com', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('hosts', () => {
  it.each(['acme.syncromsp.com', 'acme.shield.syncromsp.com', 'ACME.Shield.SyncroMSP.com'])(
    'serves %s with its subdomain in the chrome',
    (host) => {
      const res = get('/tenants/fabrikam', host);
      expect(res.status).toBe(200);
      expect(text(parse(res.body).body)).toContain('acme');
      expect(get('/', host).status).toBe(200);
    },
  );

  it('knows the subdomain of a host', () => {
    expect(portalSubdomain('acme.syncromsp.com')).toBe('acme');
    expect(portalSubdomain('acme.shield.syncromsp.com')).toBe('acme');
    expect(portalSubdomain('globex.syncromsp.com')).toBe('globex');
    expect(isPortalHost('acme.shield.syncromsp.com')).toBe(true);
    expect(isPortalHost('syncromsp.com.evil.example')).toBe(false);
  });
});

describe('root page', () => {
  it('links every tenant page in every variant, in both page styles', () => {
    const doc = parse(get('/').body);
    const hrefs = new Set([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    for (const t of PORTAL_TENANTS) {
      expect(hrefs).toContain(`/tenants/${t.slug}`);
      for (const v of PORTAL_VARIANTS)
        expect(hrefs).toContain(`/spa/tenants/${t.slug}?variant=${v}`);
      expect(hrefs).toContain(`/tenants/${t.slug}?variant=react`);
      expect(hrefs).toContain(`/tenants/${t.slug}?variant=compact`);
    }
    expect(hrefs).toContain('/tenants/hostile');
    expect(hrefs).toContain('/tickets/1001');
    expect(text(doc.body)).toMatch(/Customers/);
    expect(text(doc.body)).toMatch(/Tickets/);
  });
});

describe('non-tenant pages', () => {
  const kinds: NonTenantKind[] = [
    'ticket',
    'tickets',
    'customer',
    'customers',
    'microsoft-tenants',
    'backup-portal',
  ];
  const paths = [
    '/tickets/1001',
    '/tickets',
    '/customers/42',
    '/customers',
    `/customers/1001`,
    '/microsoft_tenants',
    '/cloud_backup/alerts?tenant=northwind',
  ];

  function assertNotTenantPage(doc: Document) {
    for (const heading of ['Microsoft Details', 'Cloud Backup', 'Customer Organizations'])
      expect(byLabel(doc, heading)).toHaveLength(0);
    expect(
      [...doc.querySelectorAll('button')].filter((b) =>
        /Restore|Sync Now/.test(b.textContent ?? ''),
      ),
    ).toHaveLength(0);
  }

  it.each(paths.flatMap((p) => PORTAL_VARIANTS.map((v) => [p, v] as const)))(
    '%s (%s) has no Tenant Details sections',
    (path, v) => {
      const res = get(`${path}${path.includes('?') ? '&' : '?'}variant=${v}`);
      expect(res.status).toBe(200);
      assertNotTenantPage(parse(res.body));
    },
  );

  it.each(kinds)('renderNonTenantPage(%s) has no Tenant Details sections', (kind) => {
    for (const variant of PORTAL_VARIANTS)
      assertNotTenantPage(parse(renderNonTenantPage(kind, NOW, { variant })));
  });

  it('a customer page links back to its Syncro tenant', () => {
    const doc = parse(get('/customers/1001').body);
    const link = [...doc.querySelectorAll('a')].find((a) => squash(a.textContent) === 'Fabrikam');
    expect(link?.getAttribute('href')).toBe('/tenants/fabrikam');
  });

  it('a ticket mentions the section names in prose only', () => {
    const doc = parse(get('/tickets/1001').body);
    expect(text(doc.body)).toContain('Cloud Backup');
    assertNotTenantPage(doc);
  });
});

describe('hostile page', () => {
  function assertHostile(doc: Document, variant: PortalVariant, organizations: number) {
    // The only script is the page's own menu toggle; no <img> at all.
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.textContent).not.toContain('tenant-lens');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    const header = doc.querySelector('h1, [role="heading"][aria-level="1"]');
    expect(header?.textContent?.trim()).toBe(HOSTILE_TENANT_NAME);
    expect(doc.title).toContain(HOSTILE_MARKUP);
    const backup = section(doc, variant, 'cloud-backup')!;
    expect(text(backup)).toContain(`There was an issue with a recent backup. ${HOSTILE_MARKUP}`);
    // A fake "Cloud Backup" heading inside a value stays text.
    expect(doc.querySelectorAll('h2')).toHaveLength(variant === 'react' ? 3 : 0);
    const orgs = section(doc, variant, 'customer-organizations')!;
    expect(rowsOf(orgs)).toHaveLength(organizations);
    const details = section(doc, variant, 'microsoft-details')!;
    let depth = 0;
    for (let e: Element | null = details; e && e !== doc.body; e = e.parentElement) depth++;
    expect(depth).toBeGreaterThan(HOSTILE_NESTING_DEPTH);
    expect(text(details)).toContain('N/A');
    expect(text(details)).toContain('lots');
    expect(byLabel(details, 'Microsoft Users').length).toBeGreaterThan(1);
  }

  it.each(PORTAL_VARIANTS)(
    'shows injected markup as text, never as elements (%s, 60 rows)',
    (variant) => {
      assertHostile(parse(renderHostilePage(NOW, { variant, organizationCount: 60 })), variant, 60);
    },
  );

  it('serves the full page with 10,000 organization rows', () => {
    const res = get('/tenants/hostile?variant=react');
    expect(res.status).toBe(200);
    expect(res.body).toBe(renderTenantPage('hostile', 'react', NOW));
    // String-level checks: parsing 10,000 rows in happy-dom takes a minute on a busy machine.
    expect(res.body.match(/<script/g)).toHaveLength(1);
    expect(res.body).not.toMatch(/<img|onerror=alert\(1\)>/);
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
    expect(res.body.match(/<tr>/g)?.length).toBeGreaterThanOrEqual(HOSTILE_ORGANIZATION_COUNT);
  });

  // Full DOM parse of the 10,000-row page: slow under happy-dom, so only in soak runs.
  it.runIf(process.env.SOAK)(
    'parses the full page as a browser would (SOAK)',
    { timeout: 300_000 },
    () => {
      assertHostile(parse(renderHostilePage(NOW)), 'classic', HOSTILE_ORGANIZATION_COUNT);
    },
  );
});

describe('app shell', () => {
  /** Loads an app-shell page with its scripts running; fetches go to handlePortal. */
  async function openShell(path: string) {
    const fetched: string[] = [];
    const w = new Window({
      url: `https://acme.syncromsp.com${path}`,
      settings: {
        enableJavaScriptEvaluation: true,
        suppressInsecureJavaScriptEnvironmentWarning: true,
        fetch: {
          interceptor: {
            beforeAsyncRequest: async ({ request, window }) => {
              fetched.push(request.url);
              const u = new URL(request.url);
              const res = get(u.pathname + u.search, u.host);
              return new window.Response(res.body, { status: res.status, headers: res.headers });
            },
          },
        },
      },
    });
    windows.push(w);
    w.document.write(get(path).body);
    await w.happyDOM.waitUntilComplete();
    const portal = (w as unknown as { __portal: PortalApi }).__portal;
    return { w, doc: w.document as unknown as Document, portal, fetched };
  }
  interface PortalApi {
    navigate(target: string): Promise<boolean>;
    rerender(section: string): Promise<boolean>;
    idle(): Promise<boolean>;
    navigations: number;
    rerenders: number;
  }

  it('serves the shell and fragments', () => {
    const shell = parse(get('/spa/tenants/fabrikam?variant=react').body);
    expect([...shell.querySelectorAll('button')].map((b) => squash(b.textContent))).toContain(
      'Reload backup section',
    );
    expect(text(shell.body)).toContain('Microsoft Details');
    const frag = get('/fragment/tenants/northwind?variant=compact');
    expect(frag.status).toBe(200);
    expect(decodeURIComponent(frag.headers['X-Page-Title']!)).toContain('Northwind Traders');
    expect(frag.body).toBe(renderTenantContent('northwind', 'compact', NOW));
    expect(get('/fragment/tenants/northwind?variant=compact&section=cloud-backup').body).toBe(
      renderTenantSection('northwind', 'compact', 'cloud-backup', NOW),
    );
    expect(get('/fragment/tenants/contoso-pharma?section=cloud-backup').status).toBe(404);
    expect(get('/fragment/tickets/1001').status).toBe(200);
    expect(get('/spa/tickets/1001').status).toBe(200);
  });

  it.each(PORTAL_VARIANTS)(
    'navigates between tenants without a reload, and back (%s)',
    async (variant) => {
      const { w, doc, portal } = await openShell(`/spa/tenants/fabrikam?variant=${variant}`);
      const main = doc.getElementById('app-main')!;
      expect(text(main)).toContain('fabrikam.com');
      const marker = w as unknown as { __marker?: number };
      marker.__marker = 1; // survives only if the page is not reloaded

      // Click a tenant link in the page: intercepted, pushState, content swapped.
      const link = [...doc.querySelectorAll('a')].find(
        (a) => a.getAttribute('href') === `/spa/tenants/northwind?variant=${variant}`,
      )!;
      (link as HTMLElement).click();
      expect(w.location.pathname).toBe('/spa/tenants/northwind');
      await portal.idle();
      expect(text(main)).toContain(BANNER_TEXTS['recent-backup-issue']);
      expect(doc.title).toContain('Northwind Traders');
      expect(portal.navigations).toBe(1);

      await portal.navigate('contoso-pharma');
      expect(w.location.pathname).toBe('/spa/tenants/contoso-pharma');
      expect(text(main)).toContain('Contoso Pharmaceuticals');
      expect(section(doc, variant, 'cloud-backup')).toBeNull();

      await portal.navigate('tickets');
      expect(w.location.pathname).toBe('/spa/tickets/1001');
      expect(byLabel(doc, 'Microsoft Details')).toHaveLength(0);

      w.history.back();
      await new Promise((r) => setTimeout(r, 20));
      await portal.idle();
      expect(w.location.pathname).toBe('/spa/tenants/contoso-pharma');
      expect(text(main)).toContain('Contoso Pharmaceuticals');
      expect(marker.__marker).toBe(1);
    },
  );

  it.each(PORTAL_VARIANTS)(
    're-renders one section as a fresh, equal node (%s)',
    async (variant) => {
      const { doc, portal } = await openShell(`/spa/tenants/tailspin?variant=${variant}`);
      const before = section(doc, variant, 'cloud-backup')!;
      const beforeHtml = before.outerHTML;
      const reload = [...doc.querySelectorAll('button')].find(
        (b) => squash(b.textContent) === 'Reload backup section',
      )!;
      (reload as HTMLElement).click();
      await portal.idle();
      const after = section(doc, variant, 'cloud-backup')!;
      expect(after).not.toBe(before);
      expect(before.isConnected).toBe(false);
      expect(after.outerHTML).toBe(beforeHtml);
      expect(portal.rerenders).toBe(1);

      const details = section(doc, variant, 'microsoft-details')!;
      expect(await portal.rerender('microsoft-details')).toBe(true);
      expect(section(doc, variant, 'microsoft-details')).not.toBe(details);
      expect(section(doc, variant, 'microsoft-details')!.outerHTML).toBe(details.outerHTML);
      expect(await portal.rerender('nonsense')).toBe(false);
    },
  );
});
