/**
 * Soak (npm run soak only): the service worker stopped at 20 random moments of slowed polls,
 * IndexedDB checked after each stop, then the run completes. See ../killed-worker-support.ts.
 */
import { test } from '../fixtures';
import { killedWorkerScenario } from '../killed-worker-support';

test('worker stopped at 20 random moments of polls: consistent after each stop, the run completes', async ({
  context,
  extensionId,
  world,
  configure,
  openPopup,
  openPortal,
}) => {
  test.setTimeout(900_000);
  await killedWorkerScenario({ context, extensionId, world, configure, openPopup, openPortal }, 20);
});
