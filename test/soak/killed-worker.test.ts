/**
 * Soak (npm run soak only): the killed worker of test/unit/hardening-killed-worker.test.ts with
 * 100 kills per seed, also while 20 % of Graph requests fail.
 */
import { describe, expect, it } from 'vitest';
import { runKilledWorker } from '../unit/hardening-killed-worker-run';

describe.runIf(process.env.SOAK)('killed worker (soak)', () => {
  for (const [seed, faultRate] of [
    [11, 0],
    [12, 0.2],
  ] as const) {
    it(`seed ${seed}: 100 kills${faultRate ? ` with ${faultRate * 100} % faults` : ''}`, async () => {
      const r = await runKilledWorker({ kills: 100, seed, faultRate });
      expect(r.killedMidRun).toBe(100);
    }, 1_800_000);
  }
});
