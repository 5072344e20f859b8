/**
 * `npm run demo`: the whole product on the emulated world, no account needed.
 *
 * Builds the extension (into demo-output/.build, private to the demo), starts the world in
 * this process, launches Chromium with the extension, sets it up as a user would (options:
 * client id, Save, Sign in to Microsoft; the world consents automatically), opens several
 * replica tenant pages so they are observed and polled, waits for the polls, and brings the
 * Fabrikam page to the front with its panels lit.
 *
 * With a display (DISPLAY or WAYLAND_DISPLAY) it keeps the window open until Ctrl-C (or the
 * browser is closed), then stops everything it started. Without one, or with `--headless`,
 * it saves screenshots to demo-output/, prints a summary and exits 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { CHROMIUM, launchExtension } from '../e2e/fixtures';
import { readStore } from '../e2e/support';
import { DEMO_CLIENT_ID, PORTAL_TENANTS, TECHNICIAN } from '../world/catalogue';
import { type RunningWorld, startWorld } from '../world/server';

const OUT = path.resolve('demo-output');
const BUILD_DIR = path.join(OUT, '.build');
const EXTENSION_DIR = path.join(BUILD_DIR, 'chrome-mv3');
const PORTAL = 'https://acme.syncromsp.com';
/** Tenant pages the technician "visits": a healthy one, a backup issue, consent failed + Business Basic, not consented, role-gated, stale. */
const VISITS = ['fabrikam', 'northwind', 'tailspin', 'woodgrove', 'litware', 'adatum'];
const FRONT = 'fabrikam';
const POLL_TIMEOUT_MS = 120_000;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'usage: npm run demo [-- --headless]\n' +
      '  With a display (DISPLAY or WAYLAND_DISPLAY) a Chromium window stays open until Ctrl-C.\n' +
      '  Without one, or with --headless: screenshots to demo-output/, a summary, exit 0.\n' +
      "  CHROMIUM_PATH: the Chromium binary (default /usr/bin/chromium); WORLD_PORT: the world's port (default: any free one).\n",
  );
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--headless');
if (unknown.length)
  process.stderr.write(`Ignoring unknown arguments: ${unknown.join(' ')} (try --help)\n`);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const started = Date.now();

const say = (line: string) => process.stdout.write(`${line}\n`);
const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

class DemoError extends Error {}

/** Makes sure Chromium is there: installs Debian's package as root, else names the command. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const command = 'apt-get update && apt-get install -y chromium';
  if (process.env.CHROMIUM_PATH) {
    throw new DemoError(`CHROMIUM_PATH is set to ${CHROMIUM}, but there is no file there.`);
  }
  if (process.getuid?.() !== 0) {
    throw new DemoError(
      `Chromium is missing (${CHROMIUM}). Install it with:\n  sudo sh -c '${command}'\n` +
        'or point CHROMIUM_PATH at a Chromium binary, then run `npm run demo` again.',
    );
  }
  say(`Chromium is missing (${CHROMIUM}); installing Debian's package: ${command}`);
  for (const argv of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', argv, { stdio: 'inherit' });
    if (r.status !== 0)
      throw new DemoError(`\`apt-get ${argv.join(' ')}\` failed (exit ${r.status}).`);
  }
  if (!existsSync(CHROMIUM))
    throw new DemoError(`Installed chromium, but ${CHROMIUM} is still missing.`);
}

/** Builds the extension in a child process; prints one line, or the build's output on failure. */
async function buildExtension(): Promise<void> {
  const t0 = Date.now();
  process.stdout.write('Building the extension (wxt build) ... ');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/demo/build.ts', BUILD_DIR], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || !existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    say('failed');
    process.stderr.write(output);
    throw new DemoError(`The build failed (exit ${code}); its output is above.`);
  }
  say(`done in ${secs(t0)} (${path.relative(process.cwd(), EXTENSION_DIR)})`);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeout: number,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new DemoError(`Timed out after ${timeout / 1000} s waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Options page: client id, Save, Sign in to Microsoft (the world signs Taylor Tech in). */
async function setUp(context: BrowserContext, extensionId: string): Promise<Page> {
  const blank = context.pages().filter((p) => p.url() === 'about:blank');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  for (const p of blank) await p.close();
  await options.getByLabel('Application (client) ID').fill(DEMO_CLIENT_ID);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Settings saved.').waitFor();
  await options.getByRole('button', { name: 'Sign in to Microsoft' }).click();
  await options.getByText(TECHNICIAN.username).waitFor({ timeout: 30_000 });
  say(`Signed in as ${TECHNICIAN.name} <${TECHNICIAN.username}>`);
  return options;
}

interface TenantRow {
  tenantId: string;
  displayName: string;
  lastPollAt: string | null;
  signInNeeded: boolean;
  sourceStatus: Record<string, { state: string }>;
}
interface AlertRow {
  type: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
}

async function visitTenants(context: BrowserContext, data: Page): Promise<Map<string, Page>> {
  const pages = new Map<string, Page>();
  for (const slug of VISITS) {
    const page = await context.newPage();
    await page.goto(`${PORTAL}/tenants/${slug}`);
    pages.set(slug, page);
  }
  const ids = new Set(
    VISITS.map((s) => PORTAL_TENANTS.find((t) => t.slug === s)?.microsoftTenantId).filter(Boolean),
  );
  const t0 = Date.now();
  process.stdout.write(`Opened ${VISITS.length} tenant pages; waiting for their polls ... `);
  await waitFor(
    'the tenants to be polled',
    async () => {
      const rows = await readStore<TenantRow>(data, 'tenants');
      return [...ids].every((id) => rows.find((r) => r.tenantId === id)?.lastPollAt)
        ? true
        : undefined;
    },
    POLL_TIMEOUT_MS,
  );
  say(`done in ${secs(t0)}`);
  return pages;
}

/** Waits until a tenant page's panels show Graph data. */
async function panelsLit(page: Page, timeout: number): Promise<void> {
  await page
    .locator('[data-tenant-lens="secure-score"][data-source="graph"]')
    .waitFor({ state: 'attached', timeout });
  await page
    .locator('[data-tenant-lens="users"][data-source="graph"]')
    .waitFor({ state: 'attached', timeout });
}

async function screenshots(
  context: BrowserContext,
  extensionId: string,
  pages: Map<string, Page>,
): Promise<string[]> {
  const shots: string[] = [];
  const file = (name: string) => {
    const p = path.join(OUT, name);
    shots.push(p);
    return p;
  };
  const front = pages.get(FRONT) as Page;
  await front.bringToFront();
  await front.setViewportSize({ width: 1280, height: 900 });
  await front.screenshot({ path: file('tenant-page.png'), fullPage: true });
  await front.emulateMedia({ colorScheme: 'dark' });
  await front.screenshot({ path: file('tenant-page-dark.png'), fullPage: true });
  await front.emulateMedia({ colorScheme: null });

  const northwind = pages.get('northwind');
  if (northwind) {
    const backup = northwind.locator('[data-tenant-lens="backup-fixes"]');
    await backup.waitFor({ state: 'attached', timeout: 30_000 });
    await backup.scrollIntoViewIfNeeded();
    await backup.screenshot({ path: file('backup-fixes.png') });
  }

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 460, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.locator('li[data-alert-type]').first().waitFor({ timeout: 30_000 });
  await popup.screenshot({ path: file('popup.png') });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByText(TECHNICIAN.username).waitFor({ timeout: 30_000 });
  // The viewport, not the full page: the sticky Save bar would land mid-page in a full-page shot.
  await options.screenshot({ path: file('options.png') });
  await popup.close();
  await options.close();
  shots.push(await overview(context));
  return shots;
}

/** One picture of the three (the README's docs/screenshot.png is a copy of it). */
async function overview(context: BrowserContext): Promise<string> {
  const dataUrl = async (name: string) =>
    `data:image/png;base64,${(await readFile(path.join(OUT, name))).toString('base64')}`;
  const [tenant, popup, options] = await Promise.all(
    ['tenant-page.png', 'popup.png', 'options.png'].map(dataUrl),
  );
  const page = await context.newPage();
  await page.setViewportSize({ width: 1420, height: 1100 });
  // The options page is a centred column about 760 px wide: show that column, scaled to 460 px.
  await page.setContent(`<!doctype html><style>
    body { margin: 0; background: #d9dee5; font: 14px system-ui, sans-serif; color: #223; }
    .grid { display: flex; gap: 24px; align-items: flex-start; padding: 20px; width: max-content; background: #d9dee5; }
    figure { margin: 0; }
    figcaption { margin: 0 0 8px; font-weight: 600; }
    .shot { overflow: hidden; border: 1px solid #aab; box-shadow: 0 4px 14px rgb(0 0 0 / 0.18); background: #fff; }
    .shot img { display: block; }
    .side { display: flex; flex-direction: column; gap: 20px; width: 460px; }
    .options { width: 460px; height: 330px; }
    .options img { width: 736px; margin-left: -138px; }
  </style><div class="grid">
    <figure><figcaption>A Syncro Tenant Details page, enriched (replica portal, emulated Microsoft 365)</figcaption>
      <div class="shot"><img src="${tenant}" width="860"></div></figure>
    <div class="side">
      <figure><figcaption>The popup: alerts to triage</figcaption><div class="shot"><img src="${popup}" width="460"></div></figure>
      <figure><figcaption>Options</figcaption><div class="shot options"><img src="${options}"></div></figure>
    </div></div>`);
  const target = path.join(OUT, 'overview.png');
  await page.locator('.grid').screenshot({ path: target });
  await page.close();
  return target;
}

async function summary(data: Page, shots: string[]): Promise<void> {
  const tenants = (await readStore<TenantRow>(data, 'tenants')).filter((t) => t.lastPollAt);
  const alerts = (await readStore<AlertRow>(data, 'alerts')).filter((a) => a.resolvedAt == null);
  const byType = new Map<string, number>();
  for (const a of alerts) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
  say('');
  say(`Tenants polled (${tenants.length}):`);
  for (const t of tenants.sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    const states = Object.values(t.sourceStatus ?? {}).map((s) => s.state);
    const ok = states.filter((s) => s === 'ok').length;
    const other = [...new Set(states.filter((s) => s !== 'ok'))];
    say(
      `  ${t.displayName.padEnd(22)} ${ok}/${states.length} sources ok${other.length ? ` (others: ${other.join(', ')})` : ''}`,
    );
  }
  say(`Open alerts (${alerts.length}):`);
  for (const [type, n] of [...byType].sort()) say(`  ${type.padEnd(20)} ${n}`);
  if (shots.length) {
    say('Screenshots:');
    for (const s of shots) say(`  ${path.relative(process.cwd(), s)}`);
  }
}

async function main(): Promise<void> {
  say(
    `Tenant Lens demo (${headless ? 'headless: screenshots to demo-output/' : 'with a window; Ctrl-C to stop'})`,
  );
  ensureChromium();
  await mkdir(OUT, { recursive: true });
  await buildExtension();

  let world: RunningWorld | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await context?.close().catch(() => {});
      await world?.close().catch(() => {});
      if (userDataDir) await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    })();
    return stopping;
  };
  const onSignal = () => {
    if (stopping) return;
    say('\nStopping: closing the browser and the world ...');
    void stop().then(() => {
      say('Stopped.');
      process.exit(0);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  try {
    world = await startWorld({ port: Number(process.env.WORLD_PORT ?? 0) });
    say(
      `World ready: ${world.url} (answers as the Syncro portal, login.microsoftonline.com and Microsoft Graph)`,
    );
    userDataDir = await mkdtemp(path.join(tmpdir(), 'tenant-lens-demo-'));
    const launched = await launchExtension(world, {
      userDataDir,
      headless,
      extensionDir: EXTENSION_DIR,
      handleSignals: false,
    });
    context = launched.context;
    const { extensionId } = launched;
    say(
      `Chromium ${context.browser()?.version() ?? ''} started with the extension (${extensionId})`.replace(
        '  ',
        ' ',
      ),
    );

    const options = await setUp(context, extensionId);
    const pages = await visitTenants(context, options);
    const front = pages.get(FRONT) as Page;
    await front.bringToFront();
    // The background pushes fresh insights to open tenant tabs; reload once if it has not yet.
    await panelsLit(front, 15_000).catch(async () => {
      await front.reload();
      await panelsLit(front, 30_000);
    });
    say(`Panels lit on ${PORTAL}/tenants/${FRONT}`);

    if (headless) {
      const shots = await screenshots(context, extensionId, pages);
      await summary(options, shots);
      await stop();
      say(`\nDone in ${secs(started)}.`);
      return;
    }
    await summary(options, []);
    say(
      '\nThe window stays open: look around (other tenants are in the other tabs). Ctrl-C to stop.',
    );
    context.on('close', () => {
      if (stopping) return;
      say('The browser was closed; stopping the world.');
      void stop().then(() => {
        say('Stopped.');
        process.exit(0);
      });
    });
    await new Promise<never>(() => {});
  } catch (err) {
    await stop();
    throw err;
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `\nThe demo failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    if (!(err instanceof DemoError) && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
