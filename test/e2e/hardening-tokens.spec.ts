/**
 * Hardening, token containment: after sign-in and a poll, no access or refresh token the
 * world issued (nor a distinctive 40-character piece of one) is visible to a page or a
 * content script, or in any context's console.
 *
 * Where we look, and how:
 * - the portal page's DOM: documentElement.outerHTML plus every open shadow root (the panels);
 * - the portal page's `window`: every own property that JSON can serialise;
 * - the portal origin's localStorage, sessionStorage and every IndexedDB database;
 * - what a content script receives: we evaluate IN the content script's isolated world (CDP
 *   Runtime.evaluate with the isolated world's context id), install a runtime.onMessage
 *   listener there (it sees every message the background pushes to the tab: insightsChanged),
 *   and call the protocol the content script calls (getInsights, refreshTenant) from that
 *   world, recording the answers (reportTenantPage answers with the same insightsFor()
 *   result as getInsights);
 * - console output: every page of the context (portal, popup, options: context.on('console')),
 *   the service worker (worker.on('console')), and every context including the offscreen
 *   auth host through Chromium's own log (--enable-logging --log-file: Chromium writes every
 *   console call of every renderer and worker as a CONSOLE line); a canary logged from the
 *   page proves that log is being written;
 * - extension storage (chrome.storage.local): README says it holds no tokens;
 * - screenshots: there is no OCR here. The screenshots of the portal page and the popup are
 *   pictures of DOMs checked above (the portal page's and the popup's outerHTML), which is
 *   the honest extent of that check.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { MICROSOFT_TENANTS } from '../world/catalogue';
import { CHROMIUM, chromiumArgs, EXTENSION_ID, expect, test } from './fixtures';
import { dataPage, signInFromPopup, waitForPolled } from './support';
import { DEMO_CLIENT_ID } from '../world/catalogue';

const FABRIKAM = MICROSOFT_TENANTS.find((m) => m.displayName.startsWith('Fabrikam'))?.id as string;

/** The full token and a distinctive piece of it (40 characters of a JWT's signature, or of an opaque token). */
function needles(token: string): string[] {
  const parts = token.split('.');
  const out = [token];
  if (parts.length === 3 && (parts[2] ?? '').length >= 40)
    out.push((parts[2] as string).slice(0, 40));
  // Opaque refresh tokens ("1.<random>"): 40 characters of the random part. (Not for JWTs:
  // their first characters are a header every JWT shares.)
  if (parts.length !== 3) {
    const opaque = parts.length === 2 ? (parts[1] as string) : token;
    if (opaque.length >= 40) out.push(opaque.slice(0, 40));
  }
  return out;
}

function leaks(haystack: string, tokens: string[]): string[] {
  const found: string[] = [];
  for (const t of tokens)
    for (const n of needles(t))
      if (haystack.includes(n)) found.push(`${n.slice(0, 12)}… (of ${t.slice(0, 12)}…)`);
  return found;
}

/** Everything the page's main world can see. */
async function pageVisible(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    for (const k of Object.getOwnPropertyNames(window)) {
      try {
        const s = JSON.stringify((window as unknown as Record<string, unknown>)[k]);
        if (s) parts.push(`${k}=${s}`);
      } catch {
        // not serialisable (cyclic, host objects)
      }
    }
    for (const store of [localStorage, sessionStorage])
      for (let i = 0; i < store.length; i++) {
        const k = store.key(i) as string;
        parts.push(`${k}=${store.getItem(k)}`);
      }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name as string);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const name of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((res) => {
          const q = db.transaction(name).objectStore(name).getAll();
          q.onsuccess = () => res(q.result);
          q.onerror = () => res([]);
        });
        parts.push(JSON.stringify(rows));
      }
      db.close();
    }
    return parts.join('\n');
  });
}

/** The execution context id of our content script's isolated world in `page`. */
async function contentScriptWorld(cdp: CDPSession): Promise<number> {
  const contexts: { id: number; name: string; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  // Ours, not Playwright's own utility world (also "isolated").
  const ours = () =>
    contexts.find(
      (c) =>
        c.auxData?.type === 'isolated' &&
        (c.origin.includes(EXTENSION_ID) || c.name === 'Tenant Lens'),
    );
  await expect.poll(() => ours()?.id ?? null, { timeout: 30_000 }).not.toBeNull();
  return ours()?.id as number;
}

async function inWorld<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const r = await cdp.send('Runtime.evaluate', {
    expression,
    contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails)
    throw new Error(`in content-script world: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value as T;
}

test('after sign-in and a poll no token is visible to the page, a content script, or any console', async ({
  world,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'tenant-lens-tokens-'));
  const logFile = path.join(dir, 'chrome.log');
  const context: BrowserContext = await chromium.launchPersistentContext(
    path.join(dir, 'profile'),
    {
      executablePath: CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...chromiumArgs(world), '--enable-logging', `--log-file=${logFile}`, '--v=0'],
      viewport: { width: 1280, height: 900 },
    },
  );
  try {
    const consoleText: string[] = [];
    context.on('console', (m) => consoleText.push(`[page ${m.page()?.url()}] ${m.text()}`));
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    sw.on('console', (m) => consoleText.push(`[worker] ${m.text()}`));
    context.on('serviceworker', (w) =>
      w.on('console', (m) => consoleText.push(`[worker] ${m.text()}`)),
    );

    await sw.evaluate((id) => chrome.storage.local.set({ clientId: id }), DEMO_CLIENT_ID);
    const openPopup = async () => {
      const p = await context.newPage();
      await p.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      return p;
    };
    const popup = await signInFromPopup(openPopup);

    const portal = await context.newPage();
    await portal.goto('https://acme.syncromsp.com/tenants/fabrikam?variant=react');
    const cdp = await context.newCDPSession(portal);
    const world0 = await contentScriptWorld(cdp);
    // Listen in the content script's world to every message the background sends the tab.
    await inWorld(
      cdp,
      world0,
      `globalThis.__tlSeen = []; chrome.runtime.onMessage.addListener((m) => { globalThis.__tlSeen.push(JSON.stringify(m)); }); true`,
    );

    const data = await dataPage(context, EXTENSION_ID);
    await waitForPolled(data, [FABRIKAM]);
    // Ask what a content script asks, from the content script's world, and poll once more
    // so that a push (insightsChanged) arrives while we listen.
    const syncroKey = 'https://acme.syncromsp.com/tenants/fabrikam';
    const send = (type: string, payload: unknown) =>
      inWorld<string>(
        cdp,
        world0,
        `chrome.runtime.sendMessage(${JSON.stringify({ id: 1, type, data: payload, timestamp: Date.now() })}).then((r) => JSON.stringify(r))`,
      );
    const answers: string[] = [];
    answers.push(await send('getInsights', { syncroKey }));
    answers.push(await send('refreshTenant', { syncroKey }));
    await expect
      .poll(() => inWorld<number>(cdp, world0, 'globalThis.__tlSeen.length'), { timeout: 60_000 })
      .toBeGreaterThan(0);
    answers.push(await send('getInsights', { syncroKey }));
    const seen = await inWorld<string[]>(cdp, world0, 'globalThis.__tlSeen');
    await expect(
      portal.locator('[data-tenant-lens="secure-score"][data-source="graph"]'),
    ).toBeAttached({ timeout: 30_000 });
    // The answers are the real thing (not errors): the content script's view of this tenant.
    expect(answers[0]).toContain('"res"');
    expect(answers[0]).toContain(FABRIKAM);

    // Tokens the world issued: access tokens and refresh tokens.
    const tokens = [
      ...world.identity.issuedAccessTokens.map((t) => t.token),
      ...world.identity.refreshTokens.keys(),
    ];
    expect(world.identity.issuedAccessTokens.length).toBeGreaterThan(0);
    expect(world.identity.refreshTokens.size).toBeGreaterThan(0);

    // The page (DOM, shadow roots, window, its origin's storage).
    const visible = await pageVisible(portal);
    expect(visible).toContain('data-tenant-lens');
    expect(leaks(visible, tokens), 'portal page').toEqual([]);
    // Messages to and answers for the content script.
    expect(leaks([...seen, ...answers].join('\n'), tokens), 'content script messages').toEqual([]);
    // Extension storage.
    const storage = await sw.evaluate(() =>
      chrome.storage.local.get(null).then((v) => JSON.stringify(v)),
    );
    expect(leaks(storage, tokens), 'chrome.storage.local').toEqual([]);
    // Screenshots: pictures of the portal page's and the popup's DOM.
    await portal.screenshot({ path: path.join(dir, 'portal.png') });
    await popup.screenshot({ path: path.join(dir, 'popup.png') });
    expect(
      leaks(await popup.evaluate(() => document.documentElement.outerHTML), tokens),
      'popup DOM',
    ).toEqual([]);

    // Consoles: Playwright's view, then Chromium's log of every context.
    await portal.evaluate(() => console.log('tenant-lens-console-canary'));
    await expect
      .poll(
        async () =>
          (await readFile(logFile, 'utf8').catch(() => '')).includes('tenant-lens-console-canary'),
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(leaks(consoleText.join('\n'), tokens), 'console (pages, worker)').toEqual([]);
    const chromeLog = await readFile(logFile, 'utf8');
    expect(leaks(chromeLog, tokens), 'Chromium log (every context)').toEqual([]);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
