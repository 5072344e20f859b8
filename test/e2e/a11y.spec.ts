/**
 * Accessibility: axe-core over the popup (signed out, and with alerts after a sign-in and a
 * poll), the options page, and each portal panel (inside its open shadow root), in light and
 * dark. No violation of impact "serious" or "critical" may remain; failures list each rule,
 * its help text and the offending nodes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { MICROSOFT_TENANTS } from '../world/catalogue';
import { expect, test } from './fixtures';
import { dataPage, signInFromPopup, waitForPolled } from './support';

const SCHEMES = ['light', 'dark'] as const;
const PANEL_IDS = ['freshness', 'secure-score', 'users', 'backup-fixes'] as const;
const tenantId = (name: string) =>
  MICROSOFT_TENANTS.find((t) => t.displayName.startsWith(name))?.id ?? name;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** Serious and critical violations, one readable paragraph each (empty when there are none). */
function serious(results: AxeResults): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map(
            (n) =>
              `  - ${n.target.join(' >>> ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ')}`,
          )
          .join('\n'),
    );
}

/** axe over `page`, or only under `include` (axe follows open shadow roots). */
async function analyze(page: Page, include?: string): Promise<AxeResults> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  return builder.analyze();
}

/**
 * Runs axe on `page` (optionally only under `include`) in both colour schemes; attaches the
 * full results (minor and moderate findings, checks axe could not decide) to the test report.
 */
async function expectNoSeriousViolations(page: Page, what: string, include?: string) {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    // Everything in view at once: sticky bars then overlap nothing, and axe can decide the
    // contrast of every text (it leaves partly covered text "incomplete", unchecked).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 16_000) });
    const results = await analyze(page, include);
    await test.info().attach(`axe ${what} (${scheme})`, {
      body: JSON.stringify(
        {
          violations: results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.length,
          })),
          incomplete: results.incomplete.map((v) => ({
            id: v.id,
            nodes: v.nodes.length,
            why: [...new Set(v.nodes.map((n) => n.any[0]?.message ?? n.failureSummary))].slice(
              0,
              3,
            ),
            where: v.nodes.slice(0, 3).map((n) => n.target.join(' >>> ')),
          })),
          passes: results.passes.map((v) => `${v.id}:${v.nodes.length}`),
        },
        null,
        2,
      ),
      contentType: 'application/json',
    });
    const found = serious(results);
    expect(found, `${what} (${scheme}):\n${found.join('\n')}`).toEqual([]);
    expect(results.passes.length, `${what}: axe checked something`).toBeGreaterThan(0);
  }
}

test('the popup and the options page, signed out', async ({
  configure,
  openPopup,
  openOptions,
}) => {
  await configure();
  const popup = await openPopup();
  await expect(popup.getByRole('button', { name: 'Sign in to Microsoft' })).toBeVisible();
  await expectNoSeriousViolations(popup, 'popup, signed out');

  const options = await openOptions();
  await expect(options.getByRole('button', { name: 'Save' }).first()).toBeVisible();
  await expectNoSeriousViolations(options, 'options');
});

test('signed in: the popup with alerts (an alert opened, its snooze menu), every panel with Graph data', async ({
  context,
  extensionId,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(300_000);
  await configure();
  await signInFromPopup(openPopup);
  const northwind = await openPortal('/tenants/northwind');
  await openPortal('/tenants/fabrikam');
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, [tenantId('Northwind'), tenantId('Fabrikam')]);
  await expectNoSeriousViolations(data, 'options, signed in');

  const popup = await openPopup();
  const first = popup.locator('li[data-alert-type]').first();
  await expect(first).toBeVisible();
  // The list scrolls inside 330 px; axe cannot decide the contrast of rows scrolled out of
  // it, so let the list grow for the check (layout only: colours are untouched).
  await popup.addStyleTag({ content: '.popup .alerts { max-height: none !important; }' });
  await expectNoSeriousViolations(popup, 'popup with alerts');
  await first.locator('button.title').click();
  await first.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(first.getByRole('textbox', { name: 'Snooze reason' })).toBeVisible();
  await expectNoSeriousViolations(popup, 'popup, alert opened, snooze menu');

  await northwind.reload();
  for (const id of PANEL_IDS) {
    const host = northwind.locator(`[data-tenant-lens="${id}"]`);
    await expect(host).toHaveCount(1);
    if (id === 'secure-score' || id === 'users')
      await expect(host).toHaveAttribute('data-source', 'graph', { timeout: 45_000 });
    await expectNoSeriousViolations(
      northwind,
      `panel ${id}, signed in`,
      `[data-tenant-lens="${id}"]`,
    );
  }
});

test('signed in: panels stating a forbidden source and a missing consent', async ({
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(300_000);
  await configure();
  await signInFromPopup(openPopup);

  // Litware: the technician holds only Directory Readers there (warning notices).
  const litware = await openPortal('/tenants/litware?variant=classic');
  const litwareScore = litware.locator('[data-tenant-lens="secure-score"]');
  await expect(litwareScore).toContainText('Microsoft refused', { timeout: 45_000 });
  await expectNoSeriousViolations(
    litware,
    'secure-score, forbidden',
    '[data-tenant-lens="secure-score"]',
  );

  // Woodgrove: the app is not consented there (notices with a consent link).
  const woodgrove = await openPortal('/tenants/woodgrove?variant=classic');
  await expect(
    woodgrove
      .locator('[data-tenant-lens="secure-score"]')
      .getByRole('link', { name: 'Grant admin consent' }),
  ).toBeVisible({ timeout: 45_000 });
  for (const id of ['secure-score', 'users'])
    await expectNoSeriousViolations(
      woodgrove,
      `${id}, consent missing`,
      `[data-tenant-lens="${id}"]`,
    );
});

test('every panel signed out', async ({ configure, openPortal }) => {
  test.setTimeout(180_000);
  await configure();
  const page = await openPortal('/tenants/northwind');
  for (const id of PANEL_IDS) {
    await expect(page.locator(`[data-tenant-lens="${id}"]`)).toHaveCount(1);
    await expectNoSeriousViolations(page, `panel ${id}, signed out`, `[data-tenant-lens="${id}"]`);
  }

  // The check can fail: it sees inside the panel's shadow root, and only there.
  await page.evaluate(() => {
    const root = document.querySelector('[data-tenant-lens="users"]')?.shadowRoot;
    root?.append(Object.assign(document.createElement('button'), { id: 'nameless' }));
    document.body.append(Object.assign(document.createElement('button'), { id: 'page-nameless' }));
  });
  const inPanel = serious(await analyze(page, '[data-tenant-lens="users"]')).join('\n');
  expect(inPanel).toContain('button-name');
  expect(inPanel).toContain('#nameless');
  expect(inPanel).not.toContain('#page-nameless');
});
