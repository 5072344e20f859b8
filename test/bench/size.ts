/**
 * Size: one production build per bench run into .tmp/bench-build (its own directory, so a
 * `wxt build` by someone else in the same tree cannot swap files under the benchmark), then
 * raw and gzip bytes of what each entry loads: the content script (one file: the panels'
 * stylesheet is inlined into it, so there is no content-script CSS to add), the background worker, the
 * popup page's scripts (its <script>/<link rel=modulepreload> and their static imports) and
 * the offscreen document's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BENCH_BUILD_DIR = path.resolve('.tmp/bench-build/chrome-mv3');

export interface EntrySize {
  raw: number;
  gzip: number;
  files: string[];
}

export function buildExtension(): { ms: number } {
  const t0 = performance.now();
  execFileSync('npx', ['wxt', 'build', '-c', 'test/bench/wxt.bench.config.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(path.join(BENCH_BUILD_DIR, 'manifest.json')))
    throw new Error(`the build wrote no ${BENCH_BUILD_DIR}/manifest.json`);
  return { ms: performance.now() - t0 };
}

/** JS files a module loads statically (`import … from "./x.js"`, `import "./x.js"`), transitively. */
function withStaticImports(dir: string, files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (rel: string) => {
    const norm = path.posix.normalize(rel.replace(/^\//, ''));
    if (seen.has(norm)) return;
    seen.add(norm);
    const text = readFileSync(path.join(dir, norm), 'utf8');
    const re =
      /(?:\bimport\s*(?:[^'"();]*?\bfrom\s*)?|\bexport\s*[^'"();]*?\bfrom\s*)["']([^"']+\.js)["']/g;
    for (const m of text.matchAll(re)) {
      const spec = m[1] as string;
      visit(spec.startsWith('/') ? spec : path.posix.join(path.posix.dirname(norm), spec));
    }
  };
  for (const f of files) visit(f);
  return [...seen];
}

/** Scripts an HTML page loads (module scripts and modulepreloads), with their imports. */
function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(path.join(dir, html), 'utf8');
  const srcs = [
    ...[...text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
      (m) => m[1] as string,
    ),
  ];
  return withStaticImports(dir, srcs);
}

function measure(dir: string, files: string[]): EntrySize {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(path.join(dir, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

export function measureSizes(
  dir = BENCH_BUILD_DIR,
): Record<'contentScript' | 'background' | 'popup' | 'offscreen', EntrySize> {
  return {
    contentScript: measure(dir, ['content-scripts/portal.js']),
    background: measure(dir, withStaticImports(dir, ['background.js'])),
    popup: measure(dir, pageScripts(dir, 'popup.html')),
    offscreen: measure(dir, pageScripts(dir, 'offscreen.html')),
  };
}
