import { expect, EXTENSION_ID, test } from './fixtures';

test('the service worker starts with the pinned extension id', async ({ serviceWorker, extensionId }) => {
  expect(extensionId).toBe(EXTENSION_ID);
  expect(serviceWorker.url()).toBe(`chrome-extension://${EXTENSION_ID}/background.js`);
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
});

test('Chromium reaches the world: replica root and a tenant page', async ({ openPortal }) => {
  const root = await openPortal('/');
  await expect(root.locator('a[href="/tenants/fabrikam"]').first()).toBeVisible();
  const page = await openPortal('/tenants/fabrikam', 'acme.shield.syncromsp.com');
  await expect(page.getByText('Microsoft Details', { exact: false }).first()).toBeVisible();
});

test('the content script recognises a Tenant Details page and leaves other pages alone', async ({ openPortal }) => {
  const page = await openPortal('/tenants/northwind');
  await expect(page.locator('[data-tenant-lens]').first()).toBeAttached();
  const other = await openPortal('/tickets/1001');
  await other.waitForLoadState('load');
  await other.waitForTimeout(500);
  await expect(other.locator('[data-tenant-lens]')).toHaveCount(0);
});

test('the popup opens', async ({ openPopup }) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'Tenant Lens' })).toBeVisible();
});
