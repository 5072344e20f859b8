/**
 * Hardening, fault storm: 20 tenants polled 10 times while 30 % of Graph requests fail
 * (429 with and without Retry-After, also inside batches; 503; dropped connections; malformed
 * JSON; 401 for an expired token), with the technician acknowledging and snoozing alerts
 * between polls; then the faults stop and one more poll runs. Afterwards every tenant's
 * snapshot is fresh and equal to what a fault-free poll gives, no condition has two open
 * alerts, no acknowledgement or snooze is lost, and nothing was logged as an error.
 * Real pieces throughout: lib/graph's client over the world's Graph emulator, lib/poll's
 * runPoll with the real alert hook, lib/store on fake-indexeddb. No wall-time waits.
 * The longer variant (more polls, several seeds) is test/soak/fault-storm.soak.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFaultStorm } from './hardening-fault-storm-run';

let unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('fault storm', () => {
  it('20 tenants, 10 polls at 30 % faults of every kind, then a clean poll: fresh, deduplicated, acknowledgements kept, no errors', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const r = await runFaultStorm({ polls: 10, rate: 0.3, seed: 20261203 });
    expect(r.faultsInjected.size).toBe(6);
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(error.mock.calls).toEqual([]);
    expect(warn.mock.calls).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 600_000);
});
