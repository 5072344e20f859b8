// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TenantInsights } from '../../lib/insights/types';
import { MICROSOFT_DETAILS, findSection } from './anchors';
import { createOverlay, type OverlayEnv, type OverlayUiOptions } from './overlay';
import type { Panel } from './panel';
import { PANELS } from './registry';
import { makeInsights, makePage } from './testing';

const TENANT_HTML = (name: string) => `
  <header><h1>${name}</h1></header>
  <div id="cols">
    <aside id="left"><section id="ms"><h2>Microsoft Details <a href="/microsoft_tenants">Manage</a></h2>
      <dl><dt>Last Tenant Sync</dt><dd>34m ago</dd><dt>Microsoft Secure Score</dt><dd>61%</dd></dl></section></aside>
    <main id="main">
      <section id="orgs"><h2>Customer Organizations</h2><table><tr><td>${name} Retail</td></tr></table></section>
      <section id="backup"><h2>Cloud Backup</h2><table><tr><td>Exchange</td></tr></table></section>
    </main>
  </div>`;

let url = 'https://acme.syncromsp.com/tenants/fabrikam';
let locationCb: () => void = () => {};
let insightsCb: (key: string | null) => void = () => {};
let overlay: ReturnType<typeof createOverlay> | null = null;

function env(overrides: Partial<OverlayEnv> = {}) {
  const e = {
    doc: document,
    url: () => url,
    panels: PANELS,
    isTenantDetailsPage: (doc: Document) => !!doc.body.textContent?.includes('Microsoft Details'),
    readTenantPage: vi.fn((doc: Document, u: string) =>
      makePage({
        url: u,
        syncroKey: u,
        syncroTenantName: { value: doc.querySelector('h1')?.textContent ?? null, raw: null },
        cloudBackup: doc.querySelector('#backup') ? makePage().cloudBackup : null,
      }),
    ),
    reportTenantPage: vi.fn(async (page) => makeInsights({ syncroKey: page.syncroKey })),
    getInsights: vi.fn(
      async (req: { syncroKey: string }): Promise<TenantInsights> =>
        makeInsights({ syncroKey: req.syncroKey }),
    ),
    refreshTenant: vi.fn(async () => ({ started: true })),
    requestSignIn: vi.fn(async () => ({ ok: false as const, error: 'x', code: 'x' })),
    onInsightsChanged: (cb: (key: string | null) => void) => {
      insightsCb = cb;
      return () => {};
    },
    onLocationChange: (cb: () => void) => {
      locationCb = cb;
    },
    onInvalidated: () => {},
    createUi: vi.fn(async (o: OverlayUiOptions) => {
      const host = document.createElement(o.name);
      const shadow = host.attachShadow({ mode: 'open' });
      const container = document.createElement('div');
      shadow.append(container);
      return {
        shadowHost: host,
        mount() {
          o.append(o.anchor, host);
          o.onMount(container, shadow, host);
        },
        remove() {
          o.onRemove();
          host.remove();
        },
      };
    }),
    optionsUrl: 'chrome-extension://test/options.html',
    debounceMs: 5,
    ...overrides,
  } satisfies OverlayEnv;
  overlay = createOverlay(e);
  return e;
}

const hosts = (id?: string) => [
  ...document.querySelectorAll(id ? `[data-tenant-lens="${id}"]` : '[data-tenant-lens]'),
];
const settle = () => new Promise((r) => setTimeout(r, 30));

beforeEach(() => {
  url = 'https://acme.syncromsp.com/tenants/fabrikam';
  document.body.innerHTML = TENANT_HTML('Fabrikam');
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  overlay?.stop();
  overlay = null;
  document.body.innerHTML = '';
});

describe('portal overlay', () => {
  it('mounts every panel once, right after its section, in registry order', async () => {
    const e = env();
    await settle();
    expect(hosts().map((h) => h.getAttribute('data-tenant-lens'))).toEqual([
      'freshness',
      'secure-score',
      'users',
      'backup-fixes',
    ]);
    expect(
      document.querySelector('#ms')?.nextElementSibling?.getAttribute('data-tenant-lens'),
    ).toBe('freshness');
    expect(
      document.querySelector('#backup')?.nextElementSibling?.getAttribute('data-tenant-lens'),
    ).toBe('backup-fixes');
    expect(hosts()[0]?.tagName.toLowerCase()).toBe('tenant-lens-freshness');
    expect(hosts('backup-fixes')[0]?.getAttribute('data-states')).toBe('');
    expect(e.reportTenantPage).toHaveBeenCalledOnce();
    expect(hosts('secure-score')[0]?.getAttribute('data-source')).toBe('graph');
    expect(hosts('secure-score')[0]?.shadowRoot?.textContent).toContain('412.5 / 682 points');
  });

  it('never mounts twice: repeated runs and unrelated mutations keep one host per panel', async () => {
    const e = env();
    await settle();
    overlay!.sync();
    overlay!.sync();
    document.querySelector('#orgs table')?.append(document.createElement('tr'));
    await settle();
    expect(hosts()).toHaveLength(4);
    expect(e.createUi).toHaveBeenCalledTimes(4);
    // Same page content: reported once only.
    expect(e.reportTenantPage).toHaveBeenCalledOnce();
  });

  it('gives a re-rendered section its panel back exactly once', async () => {
    env();
    await settle();
    const old = document.querySelector('#backup')!;
    const fresh = old.cloneNode(true) as Element;
    old.replaceWith(fresh);
    await settle();
    expect(hosts('backup-fixes')).toHaveLength(1);
    expect(fresh.nextElementSibling?.getAttribute('data-tenant-lens')).toBe('backup-fixes');
    // The whole main column re-rendered (our host went with it).
    document.querySelector('#main')!.innerHTML = document
      .querySelector('#main')!
      .innerHTML.replace(/<tenant-lens[\s\S]*?<\/tenant-lens-backup-fixes>/, '');
    await settle();
    expect(hosts('backup-fixes')).toHaveLength(1);
    expect(hosts()).toHaveLength(4);
  });

  it('unmounts everything when the page stops being a Tenant Details page', async () => {
    env();
    await settle();
    url = 'https://acme.syncromsp.com/tickets/1001';
    document.body.innerHTML = '<h1>Ticket #1001</h1><p>Printer on fire</p>';
    locationCb();
    await settle();
    expect(hosts()).toHaveLength(0);
  });

  it('swaps panels on in-page navigation and aborts the old ones', async () => {
    const e = env();
    await settle();
    const signals: AbortSignal[] = [];
    const spy: Panel = {
      id: 'users',
      anchor: (doc) => findSection(doc, MICROSOFT_DETAILS),
      render: (p) => {
        signals.push(p.signal);
        return <p>{p.page.syncroTenantName.value}</p>;
      },
    };
    overlay!.stop();
    env({ panels: [spy], readTenantPage: e.readTenantPage });
    await settle();
    expect(hosts('users')[0]?.shadowRoot?.textContent).toBe('Fabrikam');
    url = 'https://acme.syncromsp.com/spa/tenants/northwind';
    document.body.innerHTML = TENANT_HTML('Northwind Traders');
    locationCb();
    expect(signals[0]?.aborted).toBe(true);
    await settle();
    expect(hosts('users')).toHaveLength(1);
    expect(hosts('users')[0]?.shadowRoot?.textContent).toBe('Northwind Traders');
  });

  it('shows times against a clock no earlier than the page read', async () => {
    const e = env();
    await settle();
    const read = vi.mocked(e.readTenantPage).mock.calls[0]?.[2] as Date;
    expect(overlay?.state.now.value).toBeGreaterThanOrEqual(read.getTime());
  });

  it('still re-runs on a page that never stops mutating', async () => {
    env({ debounceMs: 40, maxWaitMs: 100 });
    await settle();
    const ticker = document.createElement('span');
    document.querySelector('#orgs')?.append(ticker);
    const busy = setInterval(() => ticker.replaceChildren(String(Date.now())), 10);
    document.querySelector('#backup')?.remove();
    await new Promise((r) => setTimeout(r, 250));
    expect(hosts('backup-fixes')).toHaveLength(0);
    clearInterval(busy);
  });

  it('re-fetches insights when the background says they changed', async () => {
    const e = env();
    await settle();
    vi.mocked(e.getInsights).mockClear(); // the first sight's read of the stored insights
    insightsCb('https://acme.syncromsp.com/tenants/other');
    expect(e.getInsights).not.toHaveBeenCalled();
    insightsCb('https://acme.syncromsp.com/tenants/fabrikam');
    insightsCb(null);
    expect(e.getInsights).toHaveBeenCalledTimes(2);
    expect(e.getInsights).toHaveBeenCalledWith({
      syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam',
    });
  });

  it("asks for the page's last-known insights on first sight, fresh ones when told of a change", async () => {
    const e = env();
    await settle();
    expect(e.getInsights).toHaveBeenCalledOnce();
    expect(e.getInsights).toHaveBeenCalledWith({ syncroKey: url, lastKnown: true });
    insightsCb(url);
    expect(e.getInsights).toHaveBeenLastCalledWith({ syncroKey: url });
  });

  it("shows the stored insights until the report's answer replaces them", async () => {
    let answerReport: (v: TenantInsights) => void = () => {};
    const e = env({
      reportTenantPage: vi.fn(() => new Promise<TenantInsights>((r) => (answerReport = r))),
      getInsights: vi.fn(async (req: { syncroKey: string }) =>
        makeInsights({ syncroKey: req.syncroKey, configured: false }),
      ),
    });
    await settle();
    expect(e.getInsights).toHaveBeenCalledTimes(1);
    expect(overlay?.state.insights.value?.configured).toBe(false);
    answerReport(makeInsights({ syncroKey: url }));
    await settle();
    expect(overlay?.state.insights.value?.configured).toBe(true);
  });

  it("drops the stored insights when the report's answer came first", async () => {
    let answerStored: (v: TenantInsights) => void = () => {};
    const e = env({
      getInsights: vi.fn(() => new Promise<TenantInsights>((r) => (answerStored = r))),
    });
    await settle();
    expect(e.getInsights).toHaveBeenCalledTimes(1);
    expect(overlay?.state.insights.value?.configured).toBe(true);
    answerStored(makeInsights({ syncroKey: url, configured: false }));
    await settle();
    expect(overlay?.state.insights.value?.configured).toBe(true);
  });

  it('removes the backup panel when the Cloud Backup section goes away', async () => {
    env();
    await settle();
    document.querySelector('#backup')!.remove();
    await settle();
    expect(hosts('backup-fixes')).toHaveLength(0);
    expect(hosts()).toHaveLength(3);
  });
});

describe('panel registry isolation', () => {
  it('one throwing panel does not stop the others', async () => {
    const errors = vi.mocked(console.error);
    const throwsInRender: Panel = {
      id: 'secure-score',
      anchor: (doc) => findSection(doc, MICROSOFT_DETAILS),
      render: () => {
        throw new Error('boom');
      },
    };
    const throwsInAnchor: Panel = {
      id: 'freshness',
      anchor: () => {
        throw new Error('no anchor for you');
      },
      render: () => null,
    };
    const throwsInAttributes: Panel = {
      id: 'users',
      anchor: (doc) => findSection(doc, MICROSOFT_DETAILS),
      render: () => <p>users ok</p>,
      hostAttributes: () => {
        throw new Error('attrs');
      },
    };
    const backup = PANELS.find((p) => p.id === 'backup-fixes')!;
    env({ panels: [throwsInAnchor, throwsInRender, throwsInAttributes, backup] });
    await settle();
    expect(hosts('freshness')).toHaveLength(0);
    expect(hosts('secure-score')[0]?.shadowRoot?.textContent).toBe(
      'This panel could not be shown: boom',
    );
    expect(hosts('users')[0]?.shadowRoot?.textContent).toContain(
      'This panel could not be shown: attrs',
    );
    expect(hosts('backup-fixes')[0]?.shadowRoot?.textContent).toContain('Backups healthy');
    const logged = errors.mock.calls.map((c) => String(c[0]));
    expect(logged).toContain(
      '[Tenant Lens] panel "secure-score" failed on https://acme.syncromsp.com/tenants/fabrikam',
    );
    expect(logged).toContain(
      '[Tenant Lens] panel "freshness" failed on https://acme.syncromsp.com/tenants/fabrikam',
    );
  });

  it('a panel whose UI cannot be created leaves the others mounted', async () => {
    const base = env();
    overlay!.stop();
    document.body.innerHTML = TENANT_HTML('Fabrikam');
    env({
      createUi: (o) =>
        o.name === 'tenant-lens-users' ? Promise.reject(new Error('no css')) : base.createUi(o),
    });
    await settle();
    expect(hosts().map((h) => h.getAttribute('data-tenant-lens'))).toEqual([
      'freshness',
      'secure-score',
      'backup-fixes',
    ]);
  });
});
