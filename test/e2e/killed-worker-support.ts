/**
 * The killed-worker scenario in the real browser, shared by hardening-killed-worker.spec.ts
 * (3 kills) and soak/killed-worker.spec.ts (20 kills): three tenants polled, then Graph slowed
 * (world latency) and the service worker stopped through CDP at a random moment of each run;
 * after every stop IndexedDB is read from an extension page and checked; a new page wakes the
 * worker, whose start-up resumes the unfinished run; at the end the run completes.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { MICROSOFT_TENANTS } from '../world/catalogue';
import type { RunningWorld } from '../world/server';
import { setFaults } from '../world/state';
import { expect, stopServiceWorker } from './fixtures';
import { dataPage, readStore, signInFromPopup, waitForPolled } from './support';

interface TenantRow {
  tenantId: string;
  lastPollAt: string | null;
  sourceStatus: Record<string, { state: string; at: string }>;
}
interface SnapshotRow {
  tenantId: string;
  sources: Record<string, { status: { state: string; at: string }; fetchedAt: string | null }>;
}
interface Progress {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  tenantIds: string[];
  done: string[];
  failures: { tenantId: string }[];
}

const SLUGS = ['fabrikam', 'northwind', 'tailspin'] as const;
const idOf = (slug: string) => {
  const t = MICROSOFT_TENANTS.find((m) => m.displayName.toLowerCase().startsWith(slug));
  if (!t) throw new Error(slug);
  return t.id;
};

async function progressOf(page: Page): Promise<Progress | undefined> {
  const meta = await readStore<{ key: string; value: Progress }>(page, 'meta');
  return meta.find((m) => m.key === 'poll')?.value;
}

/**
 * What one commit guarantees, read from IndexedDB: a tenant's record and its snapshot carry
 * the same sources with the same statuses, all stamped with the tenant's `lastPollAt`; and the
 * unfinished run lists as done exactly the tenants committed since it started.
 */
export async function expectConsistent(page: Page): Promise<void> {
  const tenants = await readStore<TenantRow>(page, 'tenants');
  const snapshots = new Map(
    (await readStore<SnapshotRow>(page, 'snapshots')).map((s) => [s.tenantId, s]),
  );
  for (const t of tenants) {
    const s = snapshots.get(t.tenantId);
    if (t.lastPollAt === null) {
      expect(s, `${t.tenantId}: snapshot without a finished poll`).toBeUndefined();
      continue;
    }
    expect(s, `${t.tenantId}: polled but no snapshot`).toBeDefined();
    expect(Object.keys(s?.sources ?? {}).sort()).toEqual(Object.keys(t.sourceStatus).sort());
    for (const [k, st] of Object.entries(t.sourceStatus)) {
      expect(st.at, `${t.tenantId}/${k}`).toBe(t.lastPollAt);
      expect(s?.sources[k]?.status, `${t.tenantId}/${k}`).toEqual(st);
    }
  }
  const p = await progressOf(page);
  if (p && p.finishedAt === null) {
    const failed = new Set(p.failures.map((f) => f.tenantId));
    for (const id of p.tenantIds) {
      if (failed.has(id)) continue;
      const t = tenants.find((x) => x.tenantId === id);
      expect(
        (t?.lastPollAt ?? '') >= p.startedAt,
        `${id} done in the run: lastPollAt ${t?.lastPollAt}, run ${JSON.stringify(p)}`,
      ).toBe(p.done.includes(id));
    }
  }
}

export async function killedWorkerScenario(
  fx: {
    context: BrowserContext;
    extensionId: string;
    world: RunningWorld;
    configure: () => Promise<void>;
    openPopup: () => Promise<Page>;
    openPortal: (path: string) => Promise<Page>;
  },
  kills: number,
): Promise<void> {
  const { context, extensionId, world } = fx;
  await fx.configure();
  const popup = await signInFromPopup(fx.openPopup);
  const ids = SLUGS.map(idOf);
  for (const slug of SLUGS) await fx.openPortal(`/tenants/${slug}`);
  const data = await dataPage(context, extensionId);
  await waitForPolled(data, ids);

  // Slow Graph down so a run takes seconds.
  setFaults(world.core, { latencyMs: 1200 });
  await popup.close();
  let landed = 0;
  for (let k = 0; k < kills; k++) {
    // A run in flight: the one a previous stop left (resumed by the new worker's start-up),
    // else a new "refresh all".
    const cur = await progressOf(data);
    if (!cur || cur.finishedAt !== null) {
      const page = await fx.openPopup();
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.close();
    }
    await expect
      .poll(async () => (await progressOf(data))?.finishedAt, { timeout: 30_000 })
      .toBeNull();
    // A random moment of it.
    await data.waitForTimeout(200 + Math.floor(Math.random() * 2500));
    await stopServiceWorker(context);
    const p = await progressOf(data);
    if (p && p.finishedAt === null) landed++;
    await expectConsistent(data);
    // Any event wakes a new worker; its start-up resumes the unfinished run.
    const wake = await fx.openPopup();
    await wake.getByRole('button', { name: 'Refresh' }).waitFor();
    await wake.close();
  }
  expect(landed, 'stops that landed inside a run').toBeGreaterThanOrEqual(Math.ceil(kills / 2));

  // Graph fast again: the last run completes every tenant.
  setFaults(world.core, {});
  await expect
    .poll(async () => (await progressOf(data))?.finishedAt ?? null, {
      timeout: 90_000,
      intervals: [500, 1000],
    })
    .not.toBeNull();
  const p = await progressOf(data);
  expect([...(p?.done ?? [])].sort()).toEqual([...(p?.tenantIds ?? [])].sort());
  const tenants = await readStore<TenantRow>(data, 'tenants');
  for (const id of p?.tenantIds ?? [])
    expect((tenants.find((t) => t.tenantId === id)?.lastPollAt ?? '') >= (p?.startedAt ?? '')).toBe(
      true,
    );
  await expectConsistent(data);
}
