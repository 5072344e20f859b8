/**
 * Hardening, who may ask, in the real browser: a portal page's own scripts (the main world)
 * cannot make the extension act.
 * - `window.postMessage` of every protocol message (in @webext-core's shape and bare) changes
 *   nothing: alerts stay unacknowledged, the badge stays, the account stays signed in;
 * - `chrome.runtime.sendMessage` is not available to the page (no externally_connectable),
 *   and where a `chrome.runtime` exists, messaging our id fails;
 * - a forged WXT "newer content script started" event from the page (document CustomEvent)
 *   is looked at too (see the last test).
 * The manifest side (content scripts only on the portal, no externally_connectable) is in
 * hardening-manifest.spec.ts; the handlers' sender checks are unit-tested in
 * test/unit/hardening-sender.test.ts.
 */
import { MICROSOFT_TENANTS } from '../world/catalogue';
import { EXTENSION_ID, expect, test } from './fixtures';
import { badgeText, dataPage, readStore, signInFromPopup, waitForPolled } from './support';

const FABRIKAM = MICROSOFT_TENANTS.find((m) => m.displayName.startsWith('Fabrikam'))?.id as string;

interface AlertRow {
  id: string;
  acknowledgedAt: string | null;
  snoozedUntil?: string | null;
  resolvedAt: string | null;
}

test('a portal page cannot acknowledge, snooze, sign out, forget or refresh through messages', async ({
  context,
  serviceWorker,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(150_000);
  await configure();
  const popup = await signInFromPopup(openPopup);
  const page = await openPortal('/tenants/fabrikam?variant=classic');
  const data = await dataPage(context, EXTENSION_ID);
  await waitForPolled(data, [FABRIKAM]);
  await expect
    .poll(async () => (await readStore<AlertRow>(data, 'alerts')).length, { timeout: 30_000 })
    .toBeGreaterThan(1);
  const before = await readStore<AlertRow>(data, 'alerts');
  const open = before.filter((a) => a.acknowledgedAt === null && !a.resolvedAt);
  expect(open.length).toBeGreaterThan(1);
  await expect.poll(() => badgeText(serviceWorker)).not.toBe('');
  const badgeBefore = await badgeText(serviceWorker);
  const ids = before.map((a) => a.id);

  // The page's main world: no extension messaging at all.
  const runtime = await page.evaluate(async (id) => {
    const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
    const send = c?.runtime?.sendMessage as
      | ((id: string, m: unknown) => Promise<unknown>)
      | undefined;
    if (typeof send !== 'function') return 'no sendMessage';
    try {
      await send(id, {
        id: 1,
        type: 'acknowledgeAlerts',
        data: { ids: [] },
        timestamp: Date.now(),
      });
      return 'sent';
    } catch (e) {
      return `failed: ${String(e)}`;
    }
  }, EXTENSION_ID);
  expect(runtime === 'no sendMessage' || runtime.startsWith('failed')).toBe(true);

  // Every protocol message the page could imitate, posted to the window (where the content
  // script's world sees it) in the messaging library's shape, bare, and wrapped.
  const messages: [string, unknown][] = [
    ['acknowledgeAlerts', { ids }],
    ['snoozeAlerts', { ids, days: 30, reason: 'page' }],
    ['signOut', undefined],
    ['forgetAllData', { settings: true }],
    ['refreshAll', undefined],
    ['refreshTenant', { syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam' }],
    ['signIn', undefined],
    ['requestSignIn', undefined],
    ['importData', { json: '{}' }],
    ['insightsChanged', { syncroKey: null }],
    ['authGetToken', { tenantId: FABRIKAM, scopes: ['https://graph.microsoft.com/.default'] }],
  ];
  await page.evaluate((msgs) => {
    for (const [type, data] of msgs) {
      const m = { id: 1, type, data, timestamp: Date.now() };
      window.postMessage(m, '*');
      window.postMessage({ type, data }, '*');
      window.postMessage(JSON.stringify(m), '*');
      window.postMessage({ message: m, sender: { id: 'khofjcmcocmbmgidkhlhfjidckhjdbhg' } }, '*');
      document.dispatchEvent(new CustomEvent(type, { detail: data }));
      window.dispatchEvent(new CustomEvent(type, { detail: data }));
    }
  }, messages);

  // Then a real acknowledgement of one alert from the popup, through the same background (so
  // the posted messages had their chance first): exactly that one changes, the badge drops by one.
  const target = open[0] as AlertRow;
  const answer = await popup.evaluate(
    (id) =>
      chrome.runtime.sendMessage({
        id: 1,
        type: 'acknowledgeAlerts',
        data: { ids: [id] },
        timestamp: Date.now(),
      }),
    target.id,
  );
  expect(answer).toEqual({ res: { changed: 1 } });
  const acked = (rows: AlertRow[]) =>
    rows
      .filter((a) => a.acknowledgedAt !== null)
      .map((a) => a.id)
      .sort();
  expect(acked(await readStore<AlertRow>(data, 'alerts')), 'acknowledged alerts').toEqual(
    [...acked(before), target.id].sort(),
  );
  const after = await readStore<AlertRow>(data, 'alerts');
  expect(after.length).toBe(before.length); // nothing forgotten
  expect(after.filter((a) => a.snoozedUntil).length).toBe(
    before.filter((a) => a.snoozedUntil).length,
  );
  await expect.poll(() => badgeText(serviceWorker)).toBe(String(Number(badgeBefore) - 1));
  // Still signed in, settings kept.
  const stored = await serviceWorker.evaluate(() =>
    chrome.storage.local.get(['clientId', 'account']),
  );
  expect(stored.clientId).toBeTruthy();
  await expect(popup.getByRole('button', { name: 'Sign in to Microsoft' })).toHaveCount(0);
  // The panels still run.
  await expect(page.locator('[data-tenant-lens="secure-score"]')).toHaveCount(1);
});

test('a forged "newer content script started" event from the page', async ({ openPortal }) => {
  // WXT's ContentScriptContext stops an older copy of a content script when a document event
  // 'wxt:content-script-started' names it: a page can dispatch that event too. Whether our
  // overlay survives it (CONTROL=1 runs the same steps without the forged event).
  const page = await openPortal('/spa/tenants/tailspin?variant=classic');
  const backup = page.locator('[data-tenant-lens="backup-fixes"]');
  await expect(backup).toHaveAttribute('data-states', 'consent-failed', { timeout: 30_000 });
  if (!process.env.CONTROL)
    await page.evaluate(() => {
      const detail = { contentScriptName: 'portal', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent('wxt:content-script-started', { detail }));
      window.postMessage({ type: 'wxt:content-script-started', ...detail }, '*');
    });
  // In-page navigation afterwards: a live overlay swaps its panels for the new tenant.
  await page.evaluate(() =>
    (
      window as unknown as { __portal: { navigate(s: string): Promise<boolean> } }
    ).__portal.navigate('fabrikam'),
  );
  await expect(backup).not.toHaveAttribute('data-states', 'consent-failed', { timeout: 30_000 });
  await expect(page.locator('[data-tenant-lens="secure-score"]')).toHaveCount(1);
});
