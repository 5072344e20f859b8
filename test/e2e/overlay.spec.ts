/**
 * The portal overlay in a real Chromium against the world's portal replica: every tenant page
 * in every markup variant gets the right panels with the right `data-states` and the page's own
 * values; in-page navigation swaps them; a re-rendered section gets its panel back exactly
 * once; other pages get none. Screenshots of each panel, light and dark, go to
 * test-results/screenshots/ (Playwright empties test-results/ at the start of every run).
 * Most tests run signed out; the last signs in from a panel and checks the Graph-lit state.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { bannerStateOf } from '../../lib/portal/labels';
import {
  PORTAL_TENANTS,
  PORTAL_VARIANTS,
  type PortalTenantFixture,
  type PortalVariant,
} from '../world/catalogue';
import { formatCount } from '../world/portal/format';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
const PANEL_IDS = ['freshness', 'secure-score', 'users', 'backup-fixes'] as const;

/** The backup states the panel must list: the banners, then states only an error icon shows. */
function expectedStates(t: PortalTenantFixture): string | null {
  if (!t.backup) return null;
  const ids: string[] = [...t.backup.banners];
  for (const s of t.backup.services) {
    const id = s.errorIcon ? bannerStateOf(s.errorIcon, true) : null;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.join(',');
}

const host = (page: Page, id: string) => page.locator(`[data-tenant-lens="${id}"]`);

/** Waits for the panels of a tenant page and checks them against its fixture. */
async function expectPanelsFor(page: Page, t: PortalTenantFixture, where: string) {
  for (const id of ['freshness', 'secure-score', 'users'])
    await expect(host(page, id), `${where}: ${id}`).toHaveCount(1);
  const states = expectedStates(t);
  if (states === null) {
    // Give the backup panel a chance to (wrongly) appear before asserting it does not.
    await page.waitForTimeout(300);
    await expect(host(page, 'backup-fixes'), `${where}: no Cloud Backup, no panel`).toHaveCount(0);
  } else {
    await expect(host(page, 'backup-fixes'), where).toHaveCount(1);
    await expect(host(page, 'backup-fixes'), where).toHaveAttribute('data-states', states);
    for (const id of states.split(',').filter(Boolean))
      await expect(host(page, 'backup-fixes').locator(`[data-state="${id}"]`), where).toHaveCount(
        1,
      );
  }
  await expect(host(page, 'secure-score'), where).toContainText(
    `Portal shows ${t.secureScorePercent}%`,
  );
  await expect(host(page, 'users'), where).toContainText(
    `Syncro shows ${formatCount(t.microsoftUsers)} Microsoft users`,
  );
  // Every host is ours alone: exactly one of each id on the page.
  expect(await page.locator('[data-tenant-lens]').count(), where).toBe(states === null ? 3 : 4);
}

for (const variant of PORTAL_VARIANTS) {
  test(`every tenant page (${variant}) gets the right panels`, async ({ context, configure }) => {
    await configure();
    const page = await context.newPage();
    for (const t of PORTAL_TENANTS) {
      await page.goto(`https://acme.syncromsp.com/tenants/${t.slug}?variant=${variant}`);
      await expectPanelsFor(page, t, `${t.slug}/${variant}`);
    }
  });
}

test('shows the sign-in call to action when signed out, and the fixes with the page’s links', async ({
  openPortal,
  configure,
}) => {
  await configure();
  const page = await openPortal('/tenants/northwind?variant=classic');
  const signIn = host(page, 'secure-score').getByRole('button', { name: 'Sign in to Microsoft' });
  await expect(signIn).toBeVisible();
  await expect(
    host(page, 'users').getByRole('button', { name: 'Sign in to Microsoft' }),
  ).toBeVisible();
  const learnMore = host(page, 'backup-fixes').getByRole('link', { name: 'Learn More' });
  await expect(learnMore).toHaveAttribute(
    'href',
    'https://acme.syncromsp.com/cloud_backup/alerts?tenant=northwind',
  );
  await expect(learnMore).toHaveAttribute('target', '_blank');
  await expect(learnMore).toHaveAttribute('rel', /noopener/);
  await expect(host(page, 'backup-fixes')).toContainText('OneDrive');
  await expect(host(page, 'backup-fixes')).toContainText('Last backup older than 24 h');
  // Keyboard reachable: the sign-in button takes focus from the keyboard.
  await signIn.focus();
  await expect(signIn).toBeFocused();
});

test('in-page navigation swaps the panels; a re-rendered section gets its panel back once', async ({
  openPortal,
}) => {
  const page = await openPortal('/spa/tenants/fabrikam?variant=react');
  const fabrikam = PORTAL_TENANTS.find((t) => t.slug === 'fabrikam');
  const tailspin = PORTAL_TENANTS.find((t) => t.slug === 'tailspin');
  const pharma = PORTAL_TENANTS.find((t) => t.slug === 'contoso-pharma');
  if (!fabrikam || !tailspin || !pharma) throw new Error('catalogue changed');
  await expectPanelsFor(page, fabrikam, 'spa fabrikam');

  await page.evaluate(() =>
    (
      window as unknown as { __portal: { navigate(s: string): Promise<boolean> } }
    ).__portal.navigate('tailspin'),
  );
  await expect(host(page, 'backup-fixes')).toHaveAttribute('data-states', 'consent-failed');
  await expectPanelsFor(page, tailspin, 'spa tailspin');

  const before = await host(page, 'backup-fixes').elementHandle();
  await page.evaluate(() =>
    (
      window as unknown as { __portal: { rerender(s: string): Promise<boolean> } }
    ).__portal.rerender('cloud-backup'),
  );
  await expect
    .poll(async () =>
      (await host(page, 'backup-fixes').elementHandle())?.evaluate((el, old) => el !== old, before),
    )
    .toBe(true);
  await page.waitForTimeout(400);
  await expect(host(page, 'backup-fixes')).toHaveCount(1);
  await expect(host(page, 'backup-fixes')).toHaveAttribute('data-states', 'consent-failed');

  await page.evaluate(() =>
    (
      window as unknown as { __portal: { rerender(s: string): Promise<boolean> } }
    ).__portal.rerender('microsoft-details'),
  );
  await page.waitForTimeout(400);
  for (const id of ['freshness', 'secure-score', 'users'])
    await expect(host(page, id)).toHaveCount(1);

  await page.evaluate(() =>
    (
      window as unknown as { __portal: { navigate(s: string): Promise<boolean> } }
    ).__portal.navigate('contoso-pharma'),
  );
  await expectPanelsFor(page, pharma, 'spa contoso-pharma');

  await page.evaluate(() =>
    (
      window as unknown as { __portal: { navigate(s: string): Promise<boolean> } }
    ).__portal.navigate('tickets'),
  );
  await expect(page.locator('[data-tenant-lens]')).toHaveCount(0);
});

test('a non-tenant page gets no panel', async ({ openPortal }) => {
  const page = await openPortal('/tickets/1001');
  await page.waitForLoadState('load');
  await page.waitForTimeout(800);
  await expect(page.locator('[data-tenant-lens]')).toHaveCount(0);
});

test('hostile page text stays text inside the panels', async ({ context }) => {
  // The hostile page is 2.5 MB (10,000 organization rows): loading it alone takes a while.
  test.setTimeout(180_000);
  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/tenants/hostile', { timeout: 150_000 });
  await expect(host(page, 'users')).toHaveCount(1, { timeout: 20_000 });
  const injected = await page.evaluate(() =>
    [...document.querySelectorAll('[data-tenant-lens]')].reduce(
      (n, h) =>
        n +
        (h.shadowRoot?.querySelectorAll('img, script, iframe, a[href^="javascript"]').length ?? 0),
      0,
    ),
  );
  expect(injected).toBe(0);
});

test('screenshots of each panel state, light and dark', async ({ context, configure }) => {
  test.setTimeout(120_000);
  await mkdir(SHOTS, { recursive: true });
  await configure();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1400 });
  const variant: PortalVariant = 'classic';
  for (const t of PORTAL_TENANTS) {
    await page.goto(`https://acme.syncromsp.com/tenants/${t.slug}?variant=${variant}`);
    await expectPanelsFor(page, t, `shots ${t.slug}`);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const id of PANEL_IDS) {
        const h = host(page, id);
        if ((await h.count()) === 0) continue;
        // Only one backup picture per state; the Microsoft panels read alike on every tenant.
        if (id !== 'backup-fixes' && t.slug !== 'fabrikam' && t.slug !== 'adatum') continue;
        await h.screenshot({ path: `${SHOTS}/${id}-${t.slug}-${scheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.goto('https://acme.syncromsp.com/tenants/northwind?variant=react');
  await expectPanelsFor(page, PORTAL_TENANTS[1] as PortalTenantFixture, 'shots page');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/page-northwind-react-${scheme}.png`, fullPage: true });
  }
});

test('after sign-in from a panel: Graph data, a forbidden source, a missing consent', async ({
  context,
  configure,
}) => {
  test.setTimeout(150_000);
  await mkdir(SHOTS, { recursive: true });
  await configure();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.goto('https://acme.syncromsp.com/tenants/fabrikam?variant=classic');
  await host(page, 'secure-score').getByRole('button', { name: 'Sign in to Microsoft' }).click();

  const score = host(page, 'secure-score');
  await expect(score).toHaveAttribute('data-source', 'graph', { timeout: 45_000 });
  const current = (await score.getAttribute('data-current-score')) ?? '';
  const max = (await score.getAttribute('data-max-score')) ?? '';
  expect(Number(current)).toBeGreaterThan(0);
  expect(Number(max)).toBeGreaterThanOrEqual(Number(current));
  await expect(score).toContainText(`${current} / ${max} points`);
  await expect(score.getByRole('img', { name: /Secure score over the last/ })).toBeVisible();
  const users = host(page, 'users');
  await expect(users).toHaveAttribute('data-source', 'graph');
  for (const attr of ['data-guests', 'data-disabled', 'data-licensed'])
    await expect(users).toHaveAttribute(attr, /^\d+$/);
  await expect(users).toContainText('Syncro shows 236, Microsoft reports');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await score.screenshot({ path: `${SHOTS}/secure-score-graph-${scheme}.png` });
    await users.screenshot({ path: `${SHOTS}/users-graph-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Litware: the technician holds only Directory Readers there.
  await page.goto('https://acme.syncromsp.com/tenants/litware?variant=classic');
  await expect(host(page, 'secure-score')).toContainText('Microsoft refused', { timeout: 45_000 });
  await expect(host(page, 'secure-score')).not.toHaveAttribute('data-source', 'graph');
  await host(page, 'secure-score').screenshot({
    path: `${SHOTS}/secure-score-forbidden-light.png`,
  });

  // Woodgrove: the app is not consented in that tenant.
  await page.goto('https://acme.syncromsp.com/tenants/woodgrove?variant=classic');
  await expect(
    host(page, 'secure-score').getByRole('link', { name: 'Grant admin consent' }),
  ).toBeVisible({
    timeout: 45_000,
  });
  await expect(host(page, 'users').getByRole('link', { name: 'Grant admin consent' })).toHaveCount(
    1,
  );
  await host(page, 'users').screenshot({ path: `${SHOTS}/users-consent-light.png` });
});
