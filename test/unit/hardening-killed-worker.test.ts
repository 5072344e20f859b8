/**
 * Hardening, killed worker (in-process): 24 workers killed at random moments of a poll — by
 * their AbortSignal, by a network that stops answering while the database connection closes,
 * and by the database connection closing between two IndexedDB steps — each followed by a new
 * worker (fresh store instance on the same database) that finds every tenant's record and
 * snapshot from one commit and the run's progress in agreement with the data, then resumes.
 * The last worker completes the run and a new one. Real lib/graph, lib/poll, lib/store.
 * The browser variant is test/e2e/hardening-killed-worker.spec.ts; longer runs in test/soak/.
 */
import { describe, expect, it } from 'vitest';
import { runKilledWorker } from './hardening-killed-worker-run';

describe('killed worker', () => {
  it('24 kills at random moments: consistent after each, and the next worker completes the poll', async () => {
    const r = await runKilledWorker({ kills: 24, seed: 424242 });
    expect(r.killedMidRun).toBe(24);
    for (const n of Object.values(r.modes)) expect(n).toBeGreaterThanOrEqual(6);
  }, 600_000);
});
