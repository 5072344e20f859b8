/**
 * Alerts end to end: rules over the world's fixtures give all four types; the popup's filters,
 * acknowledge (badge at once; kept across reopen, poll and worker restart), snooze, CSV export,
 * notifications; screenshots of the popup in its states, light and dark.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { MICROSOFT_TENANTS } from '../world/catalogue';
import { expect, stopServiceWorker, test } from './fixtures';
import { badgeText, dataPage, signInFromPopup, waitForPolled } from './support';

const id = (name: string) => MICROSOFT_TENANTS.find((t) => t.displayName.startsWith(name))?.id ?? name;
const rows = (popup: Page) => popup.locator('li[data-alert-type]');
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/popup-${name}.png`, fullPage: true });

async function typesShown(popup: Page): Promise<string[]> {
  return [...new Set(await rows(popup).evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-type') ?? '')))].sort();
}

/** Shows every alert (pages through "Show more"). */
async function showAll(popup: Page) {
  for (;;) {
    const more = popup.getByRole('button', { name: /^Show \d+ more/ });
    if (!(await more.isVisible())) return;
    await more.click();
  }
}

test('the fixtures raise all four alert types, and the popup triages them', async ({
  context,
  extensionId,
  serviceWorker,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(150_000);
  await configure();
  await signInFromPopup(openPopup);
  await openPortal('/tenants/northwind');
  await openPortal('/tenants/fabrikam');
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, [id('Northwind'), id('Fabrikam')]);

  let popup = await openPopup();
  await expect(rows(popup).first()).toBeVisible();
  await showAll(popup);
  expect(await typesShown(popup)).toEqual(['backup-failure', 'bitlocker-reminder', 'security-alert', 'storage-space']);
  await shot(popup, 'full-light');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shot(popup, 'full-dark');
  await popup.emulateMedia({ colorScheme: 'light' });

  // Type narrows; Created "Last Week" keeps today's; a custom range in the past empties the list.
  await popup.getByLabel('Type').selectOption({ label: 'Backup Failure' });
  await expect(rows(popup).first()).toBeVisible();
  expect(await typesShown(popup)).toEqual(['backup-failure']);
  await shot(popup, 'filtered-light');
  await popup.getByLabel('Created').selectOption({ label: 'Last Week' });
  expect(await rows(popup).count()).toBeGreaterThan(0);
  await popup.getByLabel('Created').selectOption({ label: 'Custom range' });
  await popup.getByLabel('From').fill('2020-01-01');
  await popup.getByLabel('To').fill('2020-01-31');
  await expect(rows(popup)).toHaveCount(0);
  await expect(popup.getByText('No alerts match these filters.')).toBeVisible();
  await shot(popup, 'empty-light');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shot(popup, 'empty-dark');
  await popup.emulateMedia({ colorScheme: 'light' });
  // Filters persist between openings.
  popup = await openPopup();
  await expect(popup.getByLabel('Type')).toHaveValue('backup-failure');
  await popup.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(rows(popup).first()).toBeVisible();

  // Acknowledge one: the badge drops at once.
  const before = Number(await badgeText(serviceWorker));
  expect(before).toBeGreaterThan(0);
  const first = rows(popup).first();
  const ackedId = await first.getAttribute('data-alert-id');
  await first.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect.poll(() => badgeText(serviceWorker)).toBe(String(before - 1));
  await expect(popup.locator(`li[data-alert-id="${ackedId}"]`)).toHaveCount(0);

  // Kept across a popup reopen, a new poll and a worker restart.
  const isAcked = async () => {
    const p = await openPopup();
    await p.getByRole('checkbox', { name: 'Acknowledged' }).check();
    await showAll(p);
    const row = p.locator(`li[data-alert-id="${ackedId}"]`);
    await expect(row).toHaveAttribute('data-acknowledged', 'true');
    await p.close();
  };
  await isAcked();
  const polledBefore = Date.now();
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect
    .poll(async () => {
      const t = await data.evaluate(() => new Promise<string>((resolve) => {
        const open = indexedDB.open('tenant-lens');
        open.onsuccess = () => {
          const req = open.result.transaction('tenants').objectStore('tenants').getAll();
          req.onsuccess = () => resolve(JSON.stringify(req.result.map((r: { lastPollAt: string }) => r.lastPollAt)));
        };
      }));
      return (JSON.parse(t) as string[]).every((at) => Date.parse(at) >= polledBefore);
    }, { timeout: 60_000 })
    .toBe(true);
  await isAcked();
  await stopServiceWorker(context);
  await isAcked();

  // Snooze hides an alert until its snooze ends.
  popup = await openPopup();
  await expect(rows(popup).first()).toBeVisible();
  const target = rows(popup).first();
  const snoozedId = await target.getAttribute('data-alert-id');
  await target.getByRole('button', { name: 'Snooze' }).click();
  await popup.getByLabel('Snooze reason').fill('customer on holiday');
  await popup.getByRole('button', { name: '7 days' }).click();
  await expect(popup.locator(`li[data-alert-id="${snoozedId}"]`)).toHaveCount(0);
  // Seven days pass (the snooze end is moved into the past): the alert is back.
  await data.evaluate((alertId) => new Promise<void>((resolve) => {
    const open = indexedDB.open('tenant-lens');
    open.onsuccess = () => {
      const store = open.result.transaction('alerts', 'readwrite').objectStore('alerts');
      const get = store.get(alertId as string);
      get.onsuccess = () => {
        store.put({ ...get.result, snoozedUntil: new Date(Date.now() - 1000).toISOString() }).onsuccess = () => resolve();
      };
    };
  }), snoozedId);
  popup = await openPopup();
  await showAll(popup);
  await expect(popup.locator(`li[data-alert-id="${snoozedId}"]`)).toHaveCount(1);

  // Export CSV holds exactly the shown rows.
  await popup.getByLabel('Type').selectOption({ label: 'Storage Space' });
  await showAll(popup);
  const shown = await rows(popup).count();
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await readFile((await download.path()) as string, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((l) => l.startsWith('Storage Space,'))).toBe(true);
});

test('a burst of new high-severity alerts raises one notification', async ({ serviceWorker, context, extensionId, configure, openPopup, openPortal }) => {
  await configure();
  await signInFromPopup(openPopup);
  await openPortal('/tenants/fabrikam');
  await waitForPolled(await dataPage(context, extensionId), [id('Fabrikam')]);
  await expect
    .poll(() => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length), { timeout: 15_000 })
    .toBe(1);
});

test('signed out, the popup says what to do', async ({ configure, openPopup }) => {
  await configure();
  const popup = await openPopup();
  await expect(popup.getByRole('button', { name: 'Sign in to Microsoft' })).toBeVisible();
  await expect(popup.getByText('Sign in to Microsoft to watch the tenants you open in Syncro.')).toBeVisible();
  await shot(popup, 'signed-out-light');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shot(popup, 'signed-out-dark');
});
