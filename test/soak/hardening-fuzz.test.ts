// @vitest-environment happy-dom
/**
 * Soak (`npm run soak`, SOAK=1): the long fuzz run of the portal reader over the world's replica
 * pages in every variant, mutated, with the hostile page at its full 10,000 organization rows.
 * Same property as test/unit/hardening-fuzz.test.ts: never throws, invents nothing.
 * SOAK_SEED and SOAK_RUNS override the seed and the number of runs. The mutated runs use a
 * 300-row hostile page: with 2,000-row pages the worker ran out of heap within 300 runs (the
 * full-size page is read once per variant in the first test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE_ORGANIZATION_COUNT } from '../world/portal/index';
import {
  checkReplica,
  newTally,
  REPLICA_PAGES,
  replicaProperty,
} from '../unit/hardening-fuzz-model';

const SEED = Number(process.env.SOAK_SEED ?? 424242);
const RUNS = Number(process.env.SOAK_RUNS ?? 600);

describe.runIf(process.env.SOAK)('soak: the portal reader on mutated replica pages', () => {
  it('the full-size hostile page in every variant', () => {
    const tally = newTally();
    for (const p of REPLICA_PAGES.filter((r) => r.slug === 'hostile'))
      checkReplica(p, [], HOSTILE_ORGANIZATION_COUNT, tally);
    expect(tally.runs).toBe(3);
  }, 1_800_000);

  it(`mutated pages, ${RUNS} runs, seed ${SEED}`, () => {
    const tally = newTally();
    fc.assert(replicaProperty(16, 300, tally), { seed: SEED, numRuns: RUNS });
    expect(tally.runs).toBe(RUNS);
  }, 3_600_000);
});
