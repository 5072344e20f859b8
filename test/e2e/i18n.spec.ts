/**
 * "A translation is one file": the built extension plus one `_locales/de/messages.json`, with
 * Chromium's UI in German. The German catalogue here is a pseudo-translation (every English
 * message wrapped in «»), so any text the user sees that does not come from the catalogue
 * stands out: after removing the «…» parts, what is left on the popup, the options page and
 * every panel (visible text and accessible names) must be data (Graph answers, the portal
 * page's own text, product, permission and role names), never English UI. Dates, numbers and
 * relative times must follow the UI language (German) through Intl.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { DEMO_CLIENT_ID, MICROSOFT_TENANTS, TECHNICIAN } from '../world/catalogue';
import { type RunningWorld, startWorld } from '../world/server';
import { EXTENSION_DIR, launchExtension } from './fixtures';
import { dataPage, readStore, signInFromPopup, waitForPolled } from './support';

type Catalogue = Record<string, { message: string; placeholders?: unknown }>;

/** The English catalogue with every message wrapped in «», placeholders untouched. */
function pseudoGerman(english: Catalogue): Catalogue {
  return Object.fromEntries(
    Object.entries(english).map(([key, entry]) => [
      key,
      { ...entry, message: `«${entry.message}»` },
    ]),
  );
}

/** Visible text plus accessible names/titles/placeholders under each root (pierces shadow roots given). */
async function uiText(page: Page, rootSelector: string | null): Promise<string> {
  return page.evaluate((selector) => {
    const roots: (Document | ShadowRoot)[] = selector
      ? [...document.querySelectorAll(selector)].flatMap((h) =>
          h.shadowRoot ? [h.shadowRoot] : [],
        )
      : [document];
    const out: string[] = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('style,script,template')) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt'])
          if (el.hasAttribute(attr)) out.push(el.getAttribute(attr) ?? '');
        // Direct text of visible elements only (rendered text, not hidden templates).
        if (el.checkVisibility?.() === false) continue;
        for (const node of el.childNodes)
          if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
        if (el instanceof HTMLInputElement && el.type === 'button') out.push(el.value);
      }
    }
    return out.join('\n');
  }, rootSelector);
}

/** Words of three letters or more; inner apostrophes and hyphens kept ("Tenant's", "e-mail"). */
function words(text: string): string[] {
  return (text.match(/[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?/g) ?? []).filter((w) => w.length >= 3);
}

/** Words of `text` outside «…» (catalogue text), three letters or more. */
function untranslatedWords(text: string): string[] {
  const outside = text.replace(/«[^»]*»/g, ' ');
  return words(outside);
}

/** Words Intl itself writes in German for relative times ("vor 3 Std.", "gestern"). */
function germanIntlWords(): string[] {
  const units: Intl.RelativeTimeFormatUnit[] = [
    'second',
    'minute',
    'hour',
    'day',
    'week',
    'month',
    'year',
  ];
  const words: string[] = [];
  for (const style of ['short', 'long'] as const) {
    const f = new Intl.RelativeTimeFormat('de', { numeric: 'auto', style });
    for (const unit of units)
      for (const n of [-3, -2, -1, 0, 1, 2, 3])
        words.push(...(f.format(n, unit).match(/\p{L}+/gu) ?? []));
  }
  return words;
}

const tenantId = (name: string) =>
  MICROSOFT_TENANTS.find((t) => t.displayName.startsWith(name))?.id ?? name;

let world: RunningWorld;
test.beforeAll(async () => {
  world = await startWorld({ port: 0 });
});
test.afterAll(async () => {
  await world.close();
});

test('with one more catalogue file and a German UI, every UI text is translated and Intl speaks German', async () => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'tenant-lens-de-'));
  const profile = await mkdtemp(path.join(tmpdir(), 'tenant-lens-profile-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const english = JSON.parse(
    await readFile(path.join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'),
  ) as Catalogue;
  await cp(path.join(dir, '_locales/en'), path.join(dir, '_locales/de'), { recursive: true });
  await writeFile(
    path.join(dir, '_locales/de/messages.json'),
    JSON.stringify(pseudoGerman(english)),
  );
  const { context, serviceWorker, extensionId } = await launchExtension(world, {
    userDataDir: profile,
    extensionDir: dir,
    extraArgs: ['--lang=de'],
    locale: 'de-DE',
  });
  try {
    // Playwright applies the locale to the worker once an extension page is up.
    const first = await context.newPage();
    await first.goto(`chrome-extension://${extensionId}/options.html`);
    await expect
      .poll(() => serviceWorker.evaluate(() => chrome.i18n.getUILanguage()))
      .toMatch(/^de/);
    await first.close();
    await serviceWorker.evaluate(
      (id) => chrome.storage.local.set({ clientId: id }),
      DEMO_CLIENT_ID,
    );
    const openPopup = async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    };
    await signInFromPopup(openPopup);
    const openPortal = async (p: string) => {
      const page = await context.newPage();
      await page.goto(`https://acme.syncromsp.com${p}`);
      return page;
    };
    // Northwind: backup banners and Graph data; Fabrikam: alerts of every Graph type.
    const northwind = await openPortal('/tenants/northwind');
    await openPortal('/tenants/fabrikam');
    const data = await dataPage(context, extensionId);
    await waitForPolled(data, [tenantId('Northwind'), tenantId('Fabrikam')]);
    await northwind.reload();
    for (const id of ['secure-score', 'users'])
      await expect(northwind.locator(`[data-tenant-lens="${id}"]`)).toHaveAttribute(
        'data-source',
        'graph',
        { timeout: 45_000 },
      );
    await expect(northwind.locator('[data-tenant-lens="backup-fixes"]')).toHaveCount(1);

    // What counts as data: Graph's answers and the tenants as stored, the portal page's own
    // text, the technician, and the product/permission/role names the extension cites.
    const corpus = [
      JSON.stringify(await readStore(data, 'snapshots')),
      JSON.stringify(await readStore(data, 'tenants')),
      JSON.stringify(await readStore(data, 'observations')),
      await northwind.evaluate(() => document.body.innerText),
      JSON.stringify(TECHNICIAN),
      await readFile('lib/insights/licences.ts', 'utf8'),
      await readFile('lib/graph/sources.ts', 'utf8'),
      await readFile('lib/graph/labels.ts', 'utf8'),
    ].join('\n');
    const known = new Set([...words(corpus), ...germanIntlWords()].map((w) => w.toLowerCase()));
    const english = (text: string) => [
      ...new Set(untranslatedWords(text).filter((w) => !known.has(w.toLowerCase()))),
    ];

    const panels = await uiText(northwind, '[data-tenant-lens]');
    expect(panels).toContain('«');
    expect(english(panels), `panels:\n${panels}`).toEqual([]);

    const popup = await openPopup();
    const row = popup.locator('li[data-alert-type]').first();
    await expect(row).toBeVisible();
    await row.locator('button.title').click();
    const popupText = await uiText(popup, null);
    expect(english(popupText), `popup:\n${popupText}`).toEqual([]);

    const options = await dataPage(context, extensionId);
    await expect(options.locator('main, body').first()).toContainText('«');
    const optionsText = await uiText(options, null);
    expect(english(optionsText), `options:\n${optionsText}`).toEqual([]);

    // Intl follows the UI language: German dates in alert texts ("01.12.2026"), German
    // relative times somewhere in the panels or popup ("vor 5 Min.", "gestern").
    const alerts = await readStore<{ detail: string }>(data, 'alerts');
    expect(alerts.some((a) => /\d{2}\.\d{2}\.\d{4}/.test(a.detail))).toBe(true);
    expect(`${panels}\n${popupText}`).toMatch(/\bvor \d+|gestern|vorgestern|jetzt/);
    expect(await serviceWorker.evaluate(() => chrome.action.getTitle({}))).toContain('«');
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
});
