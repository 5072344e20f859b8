/**
 * Soak (npm run soak only): the fault storm of test/unit/hardening-fault-storm.test.ts, longer
 * (30 polls) and at a higher fault rate, over several seeds.
 */
import { describe, expect, it, vi } from 'vitest';
import { runFaultStorm } from '../unit/hardening-fault-storm-run';

describe.runIf(process.env.SOAK)('fault storm (soak)', () => {
  for (const [seed, rate] of [
    [1, 0.3],
    [2, 0.45],
    [3, 0.3],
  ] as const) {
    it(`seed ${seed}: 20 tenants, 30 polls at ${rate * 100} % faults, then a clean poll`, async () => {
      const error = vi.spyOn(console, 'error');
      const warn = vi.spyOn(console, 'warn');
      const r = await runFaultStorm({ polls: 30, rate, seed });
      expect(r.faultsInjected.size).toBe(6);
      expect(error.mock.calls).toEqual([]);
      expect(warn.mock.calls).toEqual([]);
    }, 1_800_000);
  }
});
