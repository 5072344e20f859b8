/**
 * Hardening, killed worker in the real browser (short): the service worker is stopped through
 * CDP at 3 random moments of a slowed poll; after each stop IndexedDB holds no half-written
 * tenant and the run's progress agrees with the data; a new worker resumes, and the run
 * completes. The 20-stop variant is soak/killed-worker.spec.ts; the in-process 24-kill test is
 * test/unit/hardening-killed-worker.test.ts.
 */
import { test } from './fixtures';
import { killedWorkerScenario } from './killed-worker-support';

test('worker stopped at 3 random moments of a poll: consistent after each stop, the run completes', async ({
  context,
  extensionId,
  world,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(240_000);
  await killedWorkerScenario({ context, extensionId, world, configure, openPopup, openPortal }, 3);
});
