/**
 * Sign-in and Graph polling end to end (issue: sign-in across customer tenants, polling into
 * IndexedDB): panels lit with the fixtures' numbers, per-source outcomes stored, licence and
 * role gating, consent, a killed worker, and a 429 storm.
 */
import { setFaults } from '../world/state';
import { MICROSOFT_TENANTS } from '../world/catalogue';
import { getTenantFixture } from '../world/graph';
import { expect, stopServiceWorker, test } from './fixtures';
import { dataPage, readStore, signInFromPopup, waitForPolled } from './support';

const tenantId = (name: string) => {
  const t = MICROSOFT_TENANTS.find((m) => m.displayName.startsWith(name));
  if (!t) throw new Error(name);
  return t.id;
};

interface TenantRow {
  tenantId: string;
  lastPollAt: string | null;
  sourceStatus: Record<string, { state: string; licence?: string; role?: string; consentUrl?: string }>;
}

test('after sign-in a tenant page lights up with the fixture numbers and every source outcome is stored', async ({
  context,
  extensionId,
  configure,
  openPopup,
  openPortal,
}) => {
  await configure();
  await signInFromPopup(openPopup);
  const page = await openPortal('/tenants/fabrikam?variant=react');
  const fixture = getTenantFixture(tenantId('Fabrikam'));
  if (!fixture) throw new Error('fixture');
  const newest = fixture.secureScores[0];
  if (!newest) throw new Error('scores');

  const score = page.locator('[data-tenant-lens="secure-score"][data-source="graph"]');
  await expect(score).toBeAttached({ timeout: 30_000 });
  expect(Number(await score.getAttribute('data-current-score'))).toBeCloseTo(newest.currentScore, 1);
  expect(Number(await score.getAttribute('data-max-score'))).toBeCloseTo(newest.maxScore, 1);
  await expect(score.getByText('Top improvement actions')).toBeVisible();

  const users = page.locator('[data-tenant-lens="users"][data-source="graph"]');
  await expect(users).toBeAttached();
  await expect(users).toHaveAttribute('data-guests', String(fixture.counts.guests));
  await expect(users).toHaveAttribute('data-disabled', String(fixture.counts.disabled));
  await expect(users).toHaveAttribute('data-licensed', String(fixture.counts.licensed));
  await expect(users.getByText('Microsoft 365 E5')).toBeVisible();

  const data = await dataPage(context, extensionId);
  const [tenant] = (await readStore<TenantRow>(data, 'tenants')).filter((t) => t.tenantId === tenantId('Fabrikam'));
  expect(tenant?.lastPollAt).toBeTruthy();
  expect(Object.keys(tenant?.sourceStatus ?? {}).sort()).toEqual(
    [
      'bitlockerKeys',
      'controlProfiles',
      'managedDevices',
      'mailboxUsage',
      'mfaRegistration',
      'oneDriveUsage',
      'organization',
      'riskyUsers',
      'secureScores',
      'securityAlerts',
      'subscribedSkus',
      'userCounts',
    ].sort(),
  );
  expect(Object.values(tenant?.sourceStatus ?? {}).every((s) => s.state === 'ok')).toBe(true);
});

test('licence and role gating, and a missing consent, are stated per tenant', async ({
  context,
  extensionId,
  configure,
  openPopup,
  openPortal,
}) => {
  await configure();
  await signInFromPopup(openPopup);
  await openPortal('/tenants/tailspin');
  await openPortal('/tenants/litware?variant=compact');
  const woodgrove = await openPortal('/tenants/woodgrove');
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, [tenantId('Tailspin'), tenantId('Litware'), tenantId('Woodgrove')]);
  const rows = await readStore<TenantRow>(data, 'tenants');
  const by = (name: string) => rows.find((r) => r.tenantId === tenantId(name))?.sourceStatus ?? {};

  // Business Basic: no Entra ID P2, no Intune; everything else normal.
  expect(by('Tailspin').riskyUsers).toMatchObject({ state: 'unlicensed' });
  expect(by('Tailspin').riskyUsers?.licence).toMatch(/P2/);
  expect(by('Tailspin').managedDevices).toMatchObject({ state: 'unlicensed' });
  expect(by('Tailspin').secureScores?.state).toBe('ok');
  expect(by('Tailspin').userCounts?.state).toBe('ok');

  // Litware: the technician holds only Directory Readers there.
  expect(by('Litware').secureScores).toMatchObject({ state: 'forbidden' });
  expect(by('Litware').secureScores?.role).toMatch(/Security Reader/);
  expect(by('Litware').userCounts?.state).toBe('ok');

  // Woodgrove: the app is not consented; the panel gives the admin-consent link.
  expect(by('Woodgrove').secureScores).toMatchObject({ state: 'consent-required' });
  const consentLink = woodgrove.locator('[data-tenant-lens] a[href*="adminconsent"]').first();
  await expect(consentLink).toBeAttached({ timeout: 20_000 });
  expect(await consentLink.getAttribute('href')).toContain(tenantId('Woodgrove'));
});

test('a worker stopped in the middle of a poll leaves consistent data and the next start completes it', async ({
  context,
  extensionId,
  world,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(150_000);
  await configure();
  const popup = await signInFromPopup(openPopup);
  const ids = [tenantId('Fabrikam'), tenantId('Northwind'), tenantId('Tailspin')];
  for (const slug of ['fabrikam', 'northwind', 'tailspin']) await openPortal(`/tenants/${slug}`);
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, ids);
  const before = new Map((await readStore<TenantRow>(data, 'tenants')).map((t) => [t.tenantId, t.lastPollAt]));

  // Slow Graph down so the run is surely in flight, start "refresh all", then kill the worker.
  setFaults(world.core, { latencyMs: 1500 });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect
    .poll(async () => (await readStore<{ key: string; value: { finishedAt: string | null; tenantIds: string[] } }>(data, 'meta')).find((m) => m.key === 'poll')?.value.finishedAt, { timeout: 10_000 })
    .toBeNull();
  await stopServiceWorker(context);

  // Consistent: every tenant is either as before or fully polled; every snapshot is whole.
  const mid = await readStore<TenantRow>(data, 'tenants');
  for (const t of mid) expect(t.lastPollAt === before.get(t.tenantId) || (t.lastPollAt ?? '') > (before.get(t.tenantId) ?? '')).toBe(true);
  const snapshots = await readStore<{ tenantId: string; sources: Record<string, unknown> }>(data, 'snapshots');
  for (const s of snapshots) expect(Object.keys(s.sources).length).toBe(12);

  // The next start (any event wakes the worker) resumes and completes the run.
  setFaults(world.core, {});
  await (await openPopup()).getByRole('button', { name: 'Refresh' }).waitFor();
  await expect
    .poll(
      async () => {
        const rows = await readStore<TenantRow>(data, 'tenants');
        return ids.every((id) => (rows.find((r) => r.tenantId === id)?.lastPollAt ?? '') > (before.get(id) ?? ''));
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toBe(true);
  // The run is marked finished right after its last tenant's commit.
  await expect
    .poll(async () => (await readStore<{ key: string; value: { finishedAt: string | null } }>(data, 'meta')).find((m) => m.key === 'poll')?.value.finishedAt, {
      timeout: 10_000,
    })
    .toBeTruthy();
});

test('a 429 storm slows the poll as Retry-After says, and it converges when the storm stops', async ({
  context,
  extensionId,
  world,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(150_000);
  await configure();
  const popup = await signInFromPopup(openPopup);
  const id = tenantId('Northwind');
  setFaults(world.core, { throttledTenants: [id], retryAfterSeconds: 2 });
  const page = await openPortal('/tenants/northwind');
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, [id], 90_000);
  const throttled = world.core.log.filter((e) => e.host === 'graph.microsoft.com' && e.tenantId === id && e.status === 429 && !e.inBatch);
  const answered = world.core.log.filter((e) => e.host === 'graph.microsoft.com' && e.tenantId === id && !e.inBatch);
  // Each envelope (one per API version) was retried, each retry at least Retry-After after the
  // last answer (throttled: every sub-request in the 200 envelope is 429 with Retry-After: 2).
  const paths = new Set(answered.map((e) => e.path));
  for (const path of paths) {
    const times = answered.filter((e) => e.path === path).map((e) => e.at).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(1);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1900);
  }
  expect(throttled.length + answered.length).toBeGreaterThan(1);
  let rows = await readStore<TenantRow>(data, 'tenants');
  expect(Object.values(rows.find((r) => r.tenantId === id)?.sourceStatus ?? {}).some((s) => s.state === 'throttled')).toBe(true);

  // Storm over: a refresh converges.
  setFaults(world.core, {});
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect
    .poll(
      async () => {
        rows = await readStore<TenantRow>(data, 'tenants');
        return Object.values(rows.find((r) => r.tenantId === id)?.sourceStatus ?? {}).every((s) => s.state === 'ok' || s.state === 'unlicensed');
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toBe(true);
  await expect(page.locator('[data-tenant-lens="users"][data-source="graph"]')).toBeAttached({ timeout: 20_000 });
});

test('a tenant matched by its display name lights up after signing in from its own panel', async ({ configure, openPortal }) => {
  await configure();
  // Northwind's page shows a display name, which can be matched only once signed in.
  const page = await openPortal('/tenants/northwind');
  const users = page.locator('[data-tenant-lens="users"]');
  await expect(users).toBeAttached();
  await users.getByRole('button', { name: 'Sign in to Microsoft' }).click();
  await expect(page.locator('[data-tenant-lens="users"][data-source="graph"]')).toBeAttached({ timeout: 45_000 });
  await expect(page.locator('[data-tenant-lens="secure-score"][data-source="graph"]')).toBeAttached();
});
