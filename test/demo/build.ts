/**
 * Builds the Chrome extension into a private output directory (argv[2]), so the demo never
 * loads a half-written `.output/` from a concurrent `wxt build` in the same tree. Run as a
 * child process by test/demo/main.ts (WXT's logger and Vite stay out of the demo's process).
 */
import path from 'node:path';
import { build } from 'wxt';

const outDir = process.argv[2];
if (!outDir) {
  process.stderr.write('usage: tsx test/demo/build.ts <outDir>\n');
  process.exit(2);
}
await build({ outDir: path.resolve(outDir) });
