// @vitest-environment happy-dom
/**
 * Hardening, hostile portal pages: a bounded fuzz run (fixed seed) over the world's replica
 * pages in every markup variant, mutated (test/unit/hardening-fuzz-model.ts). The reader never
 * throws and invents nothing. The long run is test/soak/hardening-fuzz.test.ts (`npm run soak`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReplica, newTally, REPLICA_PAGES, replicaProperty } from './hardening-fuzz-model';

/** Organization rows of the hostile page here (10,000 in the soak run; happy-dom parses slowly). */
const HOSTILE_ROWS = 40;

describe('hardening: the portal reader on mutated replica pages', () => {
  it('every replica page, unmutated, satisfies the property (and reads values)', () => {
    const tally = newTally();
    for (const p of REPLICA_PAGES) checkReplica(p, [], HOSTILE_ROWS, tally);
    expect(tally.runs).toBe(REPLICA_PAGES.length);
    // Not vacuous: the unmutated pages do carry values the checks apply to.
    expect(tally.users).toBeGreaterThan(REPLICA_PAGES.length / 2);
    expect(tally.banners).toBeGreaterThan(0);
    expect(tally.services).toBeGreaterThan(0);
  }, 120_000);

  it('mutated pages: never throws, never invents (fixed seed, bounded)', () => {
    const tally = newTally();
    fc.assert(replicaProperty(6, HOSTILE_ROWS, tally), { seed: 20261203, numRuns: 60 });
    expect(tally.runs).toBe(60);
    // Values still get read through the mutations (the checks above had something to check).
    expect(tally.users).toBeGreaterThan(10);
  }, 120_000);
});
