/** Helpers for end-to-end tests: sign-in through the UI, reading the extension's data. */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect } from '@playwright/test';
import { TECHNICIAN } from '../world/catalogue';

/** Signs in by clicking "Sign in to Microsoft" in the popup, as a technician would. */
export async function signInFromPopup(openPopup: () => Promise<Page>): Promise<Page> {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Sign in to Microsoft' }).click();
  await expect(popup.getByText(TECHNICIAN.username)).toBeVisible({ timeout: 30_000 });
  return popup;
}

/** Every record of one IndexedDB store, read from an extension page. */
export async function readStore<T = Record<string, unknown>>(extensionPage: Page, store: string): Promise<T[]> {
  return extensionPage.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('tenant-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            resolve(req.result as T[]);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** The toolbar badge text. */
export async function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** An extension page to read data from (the options page: no side effects). */
export async function dataPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** Waits until every listed tenant has a finished poll in IndexedDB. */
export async function waitForPolled(page: Page, tenantIds: string[], timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const tenants = await readStore<{ tenantId: string; lastPollAt: string | null }>(page, 'tenants');
        return tenantIds.every((id) => tenants.find((t) => t.tenantId === id)?.lastPollAt);
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(true);
}

/** Sends a protocol message from an extension page, in @webext-core/messaging 2.3's wire format. */
export async function sendFromPage<T>(page: Page, type: string, data?: unknown): Promise<T> {
  const reply = await page.evaluate(
    ([t, d]) =>
      chrome.runtime.sendMessage({
        id: Math.floor(Math.random() * 1e9),
        type: t,
        data: d,
        timestamp: Date.now(),
      }),
    [type, data] as const,
  );
  const { res, err } = (reply ?? {}) as { res?: T; err?: { message?: string } };
  if (err) throw new Error(`${type} failed: ${err.message}`);
  return res as T;
}
