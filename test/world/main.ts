/**
 * `npm run world`: starts the emulated world on WORLD_PORT (default 8443) and keeps it
 * running until SIGINT/SIGTERM. First line: `world ready: https://127.0.0.1:<port>`; second
 * line: the Chromium flags that reach it.
 */
import { startWorld } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.WORLD_PORT ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WORLD_PORT must be a port number, got '${process.env.WORLD_PORT}'`);
  const world = await startWorld({ port, host: process.env.WORLD_HOST ?? '127.0.0.1' });
  process.stdout.write(`world ready: ${world.url}\n`);
  process.stdout.write(
    `${world.chromiumFlags.map((f) => (/\s/.test(f) ? `'${f}'` : f)).join(' ')}\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    world.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`world close failed after ${signal}: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(
    `world failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
