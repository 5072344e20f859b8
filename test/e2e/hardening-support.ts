/** Helpers shared by the hardening specs (hostile pages), here and in soak/. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The literal that must appear as text in a panel (part of HOSTILE_MARKUP). */
export const IMG_LITERAL = '<img src=x onerror=alert(1)>';

/** What the panels' shadow roots hold: text, element counts, links. */
export async function panelInventory(page: Page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('[data-tenant-lens]')];
    const roots = hosts.map((h) => h.shadowRoot).filter((r): r is ShadowRoot => r !== null);
    return {
      hosts: hosts.map((h) => h.getAttribute('data-tenant-lens')),
      openRoots: roots.length,
      text: roots.map((r) => r.textContent ?? '').join('\n'),
      injected: roots.reduce(
        (n, r) =>
          n +
          r.querySelectorAll(
            'img, script, iframe, frame, object, embed, svg, math, form, base, meta',
          ).length,
        0,
      ),
      handlers: roots.reduce(
        (n, r) =>
          n +
          [...r.querySelectorAll('*')].filter((e) =>
            [...e.attributes].some((a) => /^on/i.test(a.name)),
          ).length,
        0,
      ),
      links: roots
        .flatMap((r) => [
          ...r.querySelectorAll('a[href], area[href], [formaction], [xlink\\:href]'),
        ])
        .map((a) => ({
          href: a.getAttribute('href') ?? a.getAttribute('formaction') ?? '',
          text: a.textContent ?? '',
        })),
    };
  });
}

/** Checks the invariants on a loaded hostile page; `dialogs` collects page dialogs. */
export async function expectHostileHandled(
  page: Page,
  dialogs: string[],
  label: string,
): Promise<void> {
  await expect(page.locator('[data-tenant-lens]').first()).toBeAttached({ timeout: 60_000 });
  // The backup panel quotes the banners (it is the one that shows page text).
  await expect(page.locator('[data-tenant-lens="backup-fixes"]'), label).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect
    .poll(async () => (await panelInventory(page)).text, {
      message: `${label}: hostile text shown as text`,
    })
    .toContain(IMG_LITERAL);
  const inv = await panelInventory(page);
  expect(inv.openRoots, label).toBe(inv.hosts.length);
  expect(inv.injected, `${label}: elements from page text`).toBe(0);
  expect(inv.handlers, `${label}: inline handlers`).toBe(0);
  expect(inv.text, label).toContain('Heads up');
  for (const l of inv.links) {
    expect(l.href, `${label}: panel link "${l.text}"`).toMatch(
      /^(https?:\/\/|chrome-extension:\/\/)/,
    );
  }
  // The banner's javascript: "Learn More" is not a link in the panels.
  expect(
    inv.links
      .filter((l) => l.text.includes('Learn More'))
      .map((l) => l.href)
      .filter((h) => !/^https?:/.test(h)),
  ).toEqual([]);

  // Responsive: the main thread answers, and a page button's own listener gets a click.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await page.evaluate(() => {
    const w = window as unknown as { __clicks: number };
    w.__clicks = 0;
    for (const b of document.querySelectorAll('button'))
      if (/Sync Now/.test(b.textContent ?? '')) b.addEventListener('click', () => w.__clicks++);
  });
  await page.getByRole('button', { name: 'Sync Now' }).first().click();
  expect(
    await page.evaluate(() => (window as unknown as { __clicks: number }).__clicks),
    label,
  ).toBe(1);
  expect(dialogs, `${label}: dialogs`).toEqual([]);
}
