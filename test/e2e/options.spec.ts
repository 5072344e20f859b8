/**
 * The options page as a technician uses it: the client id (checked as a GUID), saving, the
 * redirect URI, settings export and import (round trip; a broken file changes nothing), and
 * "Forget all data" behind a confirmation.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_CLIENT_ID } from '../world/catalogue';
import { EXTENSION_ID, expect, test } from './fixtures';
import { readStore, signInFromPopup, waitForPolled } from './support';

const stored = (sw: import('@playwright/test').Worker, key: string) =>
  sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

test('the client id is checked, saved, and the redirect URI is shown', async ({ openOptions, serviceWorker }) => {
  const options = await openOptions();
  await expect(options.getByLabel('Redirect URI')).toHaveValue(`https://${EXTENSION_ID}.chromiumapp.org/`);
  const field = options.getByLabel('Application (client) ID');
  await field.fill('my-app');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText(/GUID/).first()).toBeVisible();
  expect(await stored(serviceWorker, 'clientId')).toBeUndefined();
  await field.fill(DEMO_CLIENT_ID);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => stored(serviceWorker, 'clientId')).toBe(DEMO_CLIENT_ID);
  await options.reload();
  await expect(options.getByLabel('Application (client) ID')).toHaveValue(DEMO_CLIENT_ID);

  // A manual tenant mapping: added, filled, saved.
  await options.getByRole('button', { name: 'Add mapping' }).click();
  await options.getByLabel('Portal text of mapping 1').fill('Northwind Traders');
  await options.getByLabel('Tenant ID of mapping 1').fill('2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => stored(serviceWorker, 'tenantMappings'))
    .toEqual([{ match: 'Northwind Traders', tenantId: '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b' }]);
});

test('settings and acknowledgements export, import back, and a broken file changes nothing', async ({
  serviceWorker,
  configure,
  openOptions,
  openPopup,
  openPortal,
}, testInfo) => {
  test.setTimeout(120_000);
  await configure();
  await signInFromPopup(openPopup);
  await openPortal('/tenants/fabrikam');
  const options = await openOptions();
  await waitForPolled(options, ['1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e']);
  // Acknowledge one alert and change a setting, then export.
  const popup = await openPopup();
  const row = popup.locator('li[data-alert-type]').first();
  await row.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await options.reload();
  await options.getByLabel('Poll every (minutes)').fill('30');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => stored(serviceWorker, 'pollIntervalMinutes')).toBe(30);
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
  const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
  expect(exported.settings.pollIntervalMinutes).toBe(30);
  expect(exported.settings.clientId).toBe(DEMO_CLIENT_ID);
  expect(exported.acknowledgements.length).toBeGreaterThan(0);
  expect(JSON.stringify(exported)).not.toMatch(/eyJ[\w-]{20,}\./); // no token in the file

  // A broken file: a clear message, nothing changed.
  await mkdir(testInfo.outputDir, { recursive: true });
  const broken = path.join(testInfo.outputDir, 'broken.json');
  await writeFile(broken, JSON.stringify({ ...exported, settings: { ...exported.settings, pollIntervalMinutes: 'soon' } }));
  await options.getByLabel('Import settings file').setInputFiles(broken);
  await expect(options.getByRole('alert').filter({ hasText: 'pollIntervalMinutes' })).toBeVisible();
  expect(await stored(serviceWorker, 'pollIntervalMinutes')).toBe(30);

  // Forget all data (confirmed), then import the good file: settings and the acknowledgement return.
  await options.getByRole('button', { name: /Forget all data/ }).first().click();
  await options.getByRole('dialog').getByRole('checkbox', { name: 'Also reset settings' }).check();
  await options.getByRole('dialog').getByRole('button', { name: 'Forget all data' }).click();
  await expect.poll(() => stored(serviceWorker, 'pollIntervalMinutes')).toBeUndefined();
  expect(await readStore(options, 'alerts')).toHaveLength(0);
  const good = path.join(testInfo.outputDir, 'good.json');
  await writeFile(good, JSON.stringify(exported));
  await options.getByLabel('Import settings file').setInputFiles(good);
  await expect(options.getByRole('status').filter({ hasText: /Imported/ })).toBeVisible();
  expect(await stored(serviceWorker, 'pollIntervalMinutes')).toBe(30);
  expect(await stored(serviceWorker, 'clientId')).toBe(DEMO_CLIENT_ID);
  // The acknowledgement waits for its alert and is applied when the next poll finds it again.
  await signInFromPopup(openPopup);
  await openPortal('/tenants/fabrikam');
  await expect
    .poll(async () => (await readStore<{ id: string; dedupeKey: string; acknowledgedAt: string | null }>(options, 'alerts')).filter((a) => a.acknowledgedAt).length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
});
