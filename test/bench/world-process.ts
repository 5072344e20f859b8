/**
 * The emulated world in its own process for benchmarks, so that the world's own work (building
 * and serialising Graph answers) does not share a CPU with the code being measured, as real
 * Microsoft Graph would not. The parent talks to it over the fork IPC channel:
 * `{ id, op, ... }` -> `{ id, ok, value | error }`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFlagsFor } from '../world/server';
import type { FaultConfig } from '../world/state';

export type WorldOp =
  | { op: 'setFaults'; faults: Partial<FaultConfig> }
  | { op: 'registerSynthetic'; count: number }
  | { op: 'tokens'; tenantIds: string[]; lifetimeSeconds: number }
  | { op: 'logMark' }
  | { op: 'graphRequestsSince'; mark: number }
  /** The world process's CPU time so far (ms, user + system). */
  | { op: 'cpuMs' };

export interface WorldProcess {
  port: number;
  chromiumFlags: string[];
  call<T = unknown>(op: WorldOp): Promise<T>;
  close(): Promise<void>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Forks test/bench/world-child.ts and waits for its port. */
export async function startWorldProcess(): Promise<WorldProcess> {
  const child: ChildProcess = fork(path.join(HERE, 'world-child.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_WORLD_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORLD_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const port = await new Promise<number>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`world process exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve((m as { port: number }).port);
    });
  });
  child.on('message', (m) => {
    const msg = m as { id: number; ok: boolean; value?: unknown; error?: string };
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error('world process exited'));
    pending.clear();
  });
  return {
    port,
    chromiumFlags: chromiumFlagsFor(port),
    call<T>(op: WorldOp): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, ...op });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ id: -1, op: 'close' });
        setTimeout(() => child.kill(), 3000).unref();
      });
    },
  };
}
