/**
 * Soak (`npm run soak`): the hostile page over and over: every variant, loaded directly and
 * through the app shell's in-page navigation back and forth, with the same invariants each
 * time as test/e2e/hardening-hostile.spec.ts (no dialog, text stays text, no javascript:
 * link, the page answers). SOAK_ROUNDS sets the rounds per variant (default 5).
 */
import { PORTAL_VARIANTS } from '../../world/catalogue';
import { expect, test } from '../fixtures';
import { expectHostileHandled } from '../hardening-support';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 5);

for (const variant of PORTAL_VARIANTS) {
  test(`soak: hostile page (${variant}), ${ROUNDS} rounds of loads and in-page navigation`, async ({
    context,
  }) => {
    test.setTimeout(ROUNDS * 600_000);
    const dialogs: string[] = [];
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (let round = 0; round < ROUNDS; round++) {
      await page.goto(`https://acme.syncromsp.com/tenants/hostile?variant=${variant}`, {
        timeout: 300_000,
      });
      await expectHostileHandled(page, dialogs, `${variant} load ${round}`);
      await page.goto(`https://acme.syncromsp.com/spa/tenants/hostile?variant=${variant}`, {
        timeout: 300_000,
      });
      await expectHostileHandled(page, dialogs, `${variant} app shell ${round}`);
      // Away and back inside the app shell: panels unmount and remount on the re-render.
      await page.goto(`https://acme.syncromsp.com/spa/tickets/1?variant=${variant}`, {
        timeout: 300_000,
      });
      await expect(page.locator('[data-tenant-lens]')).toHaveCount(0, { timeout: 60_000 });
    }
    expect(dialogs).toEqual([]);
  });
}
