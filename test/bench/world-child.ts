/** The world process of the benchmarks (see world-process.ts). */
import { issueAccessToken } from '../world/identity/index';
import { startWorld } from '../world/server';
import { setFaults } from '../world/state';
import { registerSyntheticTenants } from '../world/synthetic';
import type { WorldOp } from './world-process';

const world = await startWorld({ port: 0 });
const send = (m: unknown) => process.send?.(m);

function handle(msg: WorldOp): unknown {
  switch (msg.op) {
    case 'setFaults':
      setFaults(world.core, msg.faults);
      return null;
    case 'registerSynthetic':
      return registerSyntheticTenants(world, msg.count).map((t) => t.id);
    case 'tokens':
      return msg.tenantIds.map((id) =>
        issueAccessToken(world.identity, world.core, id, undefined, msg.lifetimeSeconds),
      );
    case 'logMark':
      return world.core.log.length;
    case 'cpuMs': {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
    case 'graphRequestsSince':
      return world.core.log
        .slice(msg.mark)
        .filter((e) => !e.inBatch && e.host === 'graph.microsoft.com').length;
  }
}

process.on('message', (m) => {
  const msg = m as (WorldOp & { id: number }) | { id: number; op: 'close' };
  if (msg.op === 'close') {
    void world.close().then(() => process.exit(0));
    return;
  }
  try {
    send({ id: msg.id, ok: true, value: handle(msg) });
  } catch (e) {
    send({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
process.on('disconnect', () => void world.close().then(() => process.exit(0)));
send({ port: world.port });
