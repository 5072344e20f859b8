/**
 * The auth host end to end (Chromium + the emulated identity platform): sign-in through the
 * background's `signIn` handler (TokenSource -> offscreen document -> MSAL -> background's
 * launchWebAuthFlow), customer-tenant tokens from the offscreen host, and the session surviving
 * a worker stop, a closed offscreen document and expired refresh tokens (prompt=none), plus
 * consent_required for a tenant that has not consented, and a real poll through the
 * background's own TokenSource after the offscreen document was closed.
 *
 * Most token requests are made from the service worker to the offscreen host with the same
 * `authGetToken` message the background's TokenSource sends (so each step can be asserted on
 * its own); the evaluated code returns only the token's length and `tid` claim, never the token.
 */
import { sendFromPage } from './support';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { DEMO_CLIENT_ID, MICROSOFT_TENANTS, PARTNER_TENANT, TECHNICIAN } from '../world/catalogue';
import { endSessions, expireRefreshTokens } from '../world/control';
import { currentServiceWorker, expect, test } from './fixtures';

const tenant = (name: string) => {
  const t = MICROSOFT_TENANTS.find((x) => x.displayName.startsWith(name));
  if (!t) throw new Error(`no tenant ${name}`);
  return t;
};
const FABRIKAM = tenant('Fabrikam');
const NORTHWIND = tenant('Northwind');
const TAILSPIN = tenant('Tailspin');
const ADATUM = tenant('Adatum');
const WOODGROVE = tenant('Woodgrove');

type SignInAnswer =
  | {
      ok: true;
      account: { username: string; tenantId: string; homeAccountId: string; name: string | null };
    }
  | { ok: false; code: string; error: string };


type TokenInfo =
  | { ok: true; length: number; tid: string; expiresInS: number }
  | { ok: false; code: string; message: string };

/**
 * In the service worker: make sure the offscreen host exists (as lib/auth/offscreen-client.ts
 * does) and ask it for a Graph token for `tenantId` with the remembered account. Returns the
 * token's length and tid claim only.
 */
async function tokenInfo(sw: Worker, tenantId: string): Promise<TokenInfo> {
  return sw.evaluate(async (tid) => {
    const docUrl = chrome.runtime.getURL('offscreen.html');
    const exists = async () =>
      (
        await chrome.runtime.getContexts({
          contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
          documentUrls: [docUrl],
        })
      ).length > 0;
    const { clientId, account } = await chrome.storage.local.get(['clientId', 'account']);
    const data = {
      clientId,
      loginHost: 'https://login.microsoftonline.com',
      tenantId: tid,
      scopes: ['https://graph.microsoft.com/.default'],
      account,
      redirectUri: chrome.identity.getRedirectURL(),
      signInScopes: ['openid', 'profile', 'offline_access', 'https://graph.microsoft.com/.default'],
    };
    type Reply = {
      res?:
        | { ok: true; token: { accessToken: string; expiresOn: number } }
        | { ok: false; failure: { code: string; message: string } };
      err?: { message?: string };
    };
    let reply: Reply | undefined;
    for (let attempt = 0; attempt < 5 && !reply; attempt++) {
      if (!(await exists())) {
        await chrome.offscreen
          .createDocument({
            url: 'offscreen.html',
            reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
            justification: 'e2e test',
          })
          .catch(() => undefined);
      }
      try {
        reply = await chrome.runtime.sendMessage({
          id: Math.floor(Math.random() * 1e9),
          type: 'authGetToken',
          data,
          timestamp: Date.now(),
        });
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (!reply)
      return { ok: false as const, code: 'no_host', message: 'offscreen host did not answer' };
    if (reply.err)
      return { ok: false as const, code: 'host_error', message: String(reply.err.message) };
    const r = reply.res;
    if (!r) return { ok: false as const, code: 'no_answer', message: 'empty answer' };
    if (!r.ok) return { ok: false as const, code: r.failure.code, message: r.failure.message };
    const token: string = r.token.accessToken;
    const payload = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    );
    return {
      ok: true as const,
      length: token.length,
      tid: payload.tid as string,
      expiresInS: Math.round((r.token.expiresOn - Date.now()) / 1000),
    };
  }, tenantId);
}

/**
 * Stops the worker (as Chrome does after 30 s idle) through CDP on an extension page, waits for
 * "stopped", wakes it with a message, and proves it restarted (a global set before is gone).
 * Playwright keeps the same Worker handle across the restart.
 */
async function restartServiceWorker(
  context: BrowserContext,
  sw: Worker,
  page: Page,
): Promise<Worker> {
  await sw.evaluate(() => {
    (globalThis as { __beforeStop?: boolean }).__beforeStop = true;
  });
  const cdp = await context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions)
      if (v.scriptURL.endsWith('/background.js')) statuses.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.includes('stopped'), { timeout: 10_000 }).toBe(true);
  await cdp.detach();
  // Any runtime message wakes the worker; nobody answers 'ping'.
  await page.evaluate(() =>
    chrome.runtime
      .sendMessage({ id: 0, type: 'ping', data: null, timestamp: Date.now() })
      .catch(() => undefined),
  );
  const next = await currentServiceWorker(context);
  expect(
    await next.evaluate(() => (globalThis as { __beforeStop?: boolean }).__beforeStop ?? false),
  ).toBe(false);
  return next;
}

async function offscreenExists(sw: Worker): Promise<boolean> {
  return sw.evaluate(async () => {
    const url = chrome.runtime.getURL('offscreen.html');
    return (
      (
        await chrome.runtime.getContexts({
          contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
          documentUrls: [url],
        })
      ).length > 0
    );
  });
}

/** Identity-platform requests logged by the world since `since` (path only, no secrets). */
function identityRequests(
  world: { core: { log: { at: number; host: string; path: string; status: number }[] } },
  since: number,
) {
  return world.core.log.filter((e) => e.at >= since && e.host.startsWith('login.'));
}
const authorizeCalls = (log: { path: string }[]) =>
  log.filter((e) => e.path.includes('/oauth2/v2.0/authorize'));

test.describe('auth host (offscreen document + MSAL)', () => {
  test('without a client id, sign-in answers not_configured with a first-run message', async ({
    openPopup,
    serviceWorker,
  }) => {
    const popup = await openPopup();
    const answer = await sendFromPage<SignInAnswer>(popup, 'signIn');
    expect(answer).toMatchObject({ ok: false, code: 'not_configured' });
    // A first-run message that says what to do (its wording lives in _locales).
    expect((answer as { error: string }).error).toMatch(/Application \(client\) ID/);
    expect(await serviceWorker.evaluate(() => chrome.storage.local.get('account'))).toEqual({});
  });

  test('signs in, gets customer tenant tokens, and survives worker stop, closed document and expired refresh tokens', async ({
    context,
    world,
    configure,
    openPopup,
  }) => {
    await configure();
    const popup = await openPopup();

    // --- interactive sign-in through the background (TokenSource -> offscreen -> launchWebAuthFlow)
    const answer = await sendFromPage<SignInAnswer>(popup, 'signIn');
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    if (!answer.ok) return;
    expect(answer.account.username).toBe(TECHNICIAN.username);
    expect(answer.account.tenantId).toBe(PARTNER_TENANT.id);
    let sw = await currentServiceWorker(context);
    const stored = (await sw.evaluate(() => chrome.storage.local.get('account'))).account as Record<
      string,
      unknown
    >;
    expect(stored.username).toBe(TECHNICIAN.username);
    // The remembered account is a hint only: no token of any kind in extension storage.
    const everything = JSON.stringify(await sw.evaluate(() => chrome.storage.local.get(null)));
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(everything).not.toMatch(/refresh|access_?token|secret/i);
    expect(await offscreenExists(sw)).toBe(true);

    // --- a customer tenant token (refresh token redeemed for that tenant)
    const fab = await tokenInfo(sw, FABRIKAM.id);
    expect(fab, JSON.stringify(fab)).toMatchObject({ ok: true, tid: FABRIKAM.id });
    if (fab.ok) expect(fab.length).toBeGreaterThan(100);

    // --- a tenant that has not consented: consent_required (and no authorize round trip)
    let since = Date.now();
    const wood = await tokenInfo(sw, WOODGROVE.id);
    expect(wood).toMatchObject({ ok: false, code: 'consent_required' });
    expect(authorizeCalls(identityRequests(world, since))).toHaveLength(0);

    // --- the worker stops (as after 30 s idle): the offscreen document and MSAL's cache live on
    sw = await restartServiceWorker(context, sw, popup);
    since = Date.now();
    const afterStop = await tokenInfo(sw, NORTHWIND.id);
    expect(afterStop, JSON.stringify(afterStop)).toMatchObject({ ok: true, tid: NORTHWIND.id });
    expect(authorizeCalls(identityRequests(world, since))).toHaveLength(0);
    expect(
      (
        (await sw.evaluate(() => chrome.storage.local.get('account'))).account as {
          username: string;
        }
      ).username,
    ).toBe(TECHNICIAN.username);

    // --- the offscreen document is closed (as after a browser restart): re-established silently
    await sw.evaluate(() => chrome.offscreen.closeDocument());
    expect(await offscreenExists(sw)).toBe(false);
    since = Date.now();
    const afterClose = await tokenInfo(sw, FABRIKAM.id);
    expect(afterClose, JSON.stringify(afterClose)).toMatchObject({ ok: true, tid: FABRIKAM.id });
    const silent = authorizeCalls(identityRequests(world, since));
    expect(silent.length).toBeGreaterThanOrEqual(1);
    expect(silent.every((e) => e.path.includes('prompt=none'))).toBe(true);

    // --- every refresh token expires (the SPA 24 h limit): prompt=none renews it
    expect(expireRefreshTokens(world.identity, world.core)).toBeGreaterThan(0);
    since = Date.now();
    const afterExpiry = await tokenInfo(sw, TAILSPIN.id); // not cached yet: needs the refresh token
    expect(afterExpiry, JSON.stringify(afterExpiry)).toMatchObject({ ok: true, tid: TAILSPIN.id });
    const renew = authorizeCalls(identityRequests(world, since));
    expect(renew.length).toBeGreaterThanOrEqual(1);
    expect(renew.every((e) => e.path.includes('prompt=none'))).toBe(true);

    // --- no Microsoft session any more and a new document: only now "sign-in needed"
    endSessions(world.identity);
    await sw.evaluate(() => chrome.offscreen.closeDocument());
    const noSession = await tokenInfo(sw, ADATUM.id);
    expect(noSession).toMatchObject({ ok: false, code: 'interaction_required' });
  });

  test('the background polls through its TokenSource: the offscreen host is recreated and the session re-established silently', async ({
    context,
    world,
    configure,
    openPopup,
    openPortal,
  }) => {
    await configure();
    const popup = await openPopup();
    const answer = await sendFromPage<SignInAnswer>(popup, 'signIn');
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    const sw = await currentServiceWorker(context);
    // As after a browser restart: no offscreen document, MSAL's cache gone, the account hint kept.
    await sw.evaluate(() => chrome.offscreen.closeDocument());
    const since = Date.now();

    // A tenant page seen for the first time is polled at once (background -> TokenSource -> offscreen host).
    await openPortal('/tenants/fabrikam');
    await expect
      .poll(
        () =>
          world.core.log.some(
            (e) =>
              e.at >= since &&
              e.host.startsWith('graph.') &&
              e.tenantId === FABRIKAM.id &&
              e.status === 200,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(await offscreenExists(sw)).toBe(true);
    const silent = authorizeCalls(identityRequests(world, since));
    expect(silent).toHaveLength(1); // one prompt=none round trip, however many token requests
    expect(silent[0]?.path).toContain('prompt=none');
  });

  test('sign-out clears the account and the host cache', async ({
    context,
    configure,
    openPopup,
  }) => {
    await configure();
    const popup = await openPopup();
    const answer = await sendFromPage<SignInAnswer>(popup, 'signIn');
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    const sw = await currentServiceWorker(context);
    expect(await tokenInfo(sw, FABRIKAM.id)).toMatchObject({ ok: true });

    await sendFromPage<void>(popup, 'signOut');
    const left = await sw.evaluate(() => chrome.storage.local.get(['account', 'clientId']));
    expect(left.account ?? null).toBeNull();
    expect(left.clientId).toBe(DEMO_CLIENT_ID); // settings stay
    // The host forgot the account; asked with no account it answers not_signed_in.
    const after = await tokenInfo(sw, FABRIKAM.id);
    expect(after).toMatchObject({ ok: false, code: 'not_signed_in' });
  });
});
