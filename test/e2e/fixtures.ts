/**
 * The real-browser harness: Debian's Chromium with the built extension (.output/chrome-mv3),
 * pointed at the emulated world through --host-resolver-rules. Test-scoped contexts (an
 * extension context cannot be shared safely between tests); one world per test.
 */

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  type Page,
  type Worker,
} from '@playwright/test';
import { DEMO_CLIENT_ID } from '../world/catalogue';
import { type RunningWorld, startWorld } from '../world/server';

export const EXTENSION_DIR = path.resolve(process.cwd(), '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The extension id pinned by the manifest `key` (wxt.config.ts). */
export const EXTENSION_ID = 'khofjcmcocmbmgidkhlhfjidckhjdbhg';

/** Chromium flags for an extension context against a world. */
export function chromiumArgs(
  world: Pick<RunningWorld, 'chromiumFlags'>,
  extensionDir = EXTENSION_DIR,
): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    ...world.chromiumFlags,
  ];
}

/**
 * Launches Chromium with the extension; returns the context and its service worker.
 * `handleSignals: false` leaves Ctrl-C to the caller (Playwright's own SIGINT handler kills
 * the browser and exits 130; the demo closes everything itself and exits 0).
 */
export async function launchExtension(
  world: Pick<RunningWorld, 'chromiumFlags'>,
  opts: {
    userDataDir: string;
    headless?: boolean;
    extensionDir?: string;
    handleSignals?: boolean;
    /** More Chromium flags, e.g. `--lang=de` for another UI language. */
    extraArgs?: string[];
    /** Playwright's locale (navigator.language, Accept-Language, Intl of pages). */
    locale?: string;
  },
): Promise<{ context: BrowserContext; serviceWorker: Worker; extensionId: string }> {
  if (!existsSync(path.join(opts.extensionDir ?? EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${opts.extensionDir ?? EXTENSION_DIR}: run \`npm run build\` first.`,
    );
  }
  const context = await chromium.launchPersistentContext(opts.userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...chromiumArgs(world, opts.extensionDir), ...(opts.extraArgs ?? [])],
    ...(opts.locale ? { locale: opts.locale } : {}),
    viewport: { width: 1280, height: 900 },
    ...(opts.handleSignals === false
      ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }
      : {}),
  });
  let [serviceWorker] = context.serviceWorkers();
  if (!serviceWorker) serviceWorker = await context.waitForEvent('serviceworker');
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, serviceWorker, extensionId };
}

/** The current service worker (it may have been restarted since launch). */
export async function currentServiceWorker(context: BrowserContext): Promise<Worker> {
  const sw = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID));
  return sw ?? context.waitForEvent('serviceworker');
}

/** Stops the extension's service worker through CDP (as Chrome does after 30 s idle). */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

interface Fixtures {
  world: RunningWorld;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Saves the demo client id in settings (as the options page would). */
  configure: () => Promise<void>;
  /** Opens the popup as a page. */
  openPopup: () => Promise<Page>;
  /** Opens the options page. */
  openOptions: () => Promise<Page>;
  /** Opens a portal page, e.g. openPortal('/tenants/fabrikam?variant=react'). */
  openPortal: (pathAndQuery: string, host?: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixture signature
  world: async ({}, use) => {
    const world = await startWorld({ port: 0 });
    await use(world);
    await world.close();
  },
  context: async ({ world }, use) => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'tenant-lens-'));
    const launched = await launchExtension(world, { userDataDir });
    await use(launched.context);
    await launched.context.close();
    await rm(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    await use(await currentServiceWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  configure: async ({ serviceWorker }, use) => {
    await use(async () => {
      await serviceWorker.evaluate(
        (id) => chrome.storage.local.set({ clientId: id }),
        DEMO_CLIENT_ID,
      );
    });
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },
  openPortal: async ({ context }, use) => {
    await use(async (pathAndQuery: string, host = 'acme.syncromsp.com') => {
      const page = await context.newPage();
      await page.goto(`https://${host}${pathAndQuery}`);
      return page;
    });
  },
});

export { expect } from '@playwright/test';
