/**
 * Hardening: least privilege of the BUILT extension (.output/chrome-mv3).
 *
 * A Playwright spec rather than a vitest one because `npm test` runs the unit tests before
 * `wxt build` and the end-to-end tests after it: here the files checked are the ones the
 * browser loads in the other specs. No browser is launched.
 *
 * - the manifest's permissions are exactly the ones README.md documents ("Extension
 *   permissions, and why each is there"), and that list is pinned here too, so a new
 *   permission needs both a README line and a test change;
 * - no host permissions, no externally_connectable, content scripts only on the portal,
 *   no web-accessible resources (the panels' stylesheet is inlined into the content script),
 *   the default extension-page CSP (no unsafe-eval, no remote script sources);
 * - no eval / new Function / string timers, no remote code, no inline scripts in the build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, expect, test } from './fixtures';

/** The permissions README.md documents, as pinned by this test. */
const PINNED_PERMISSIONS = ['storage', 'alarms', 'identity', 'notifications', 'offscreen'];
const PORTAL_MATCHES = ['https://*.syncromsp.com/*'];
/** The build checked; HARDENING_EXTENSION_DIR points it at a doctored copy to see the test fail. */
const DIR = process.env.HARDENING_EXTENSION_DIR ?? EXTENSION_DIR;

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: {
    matches: string[];
    js?: string[];
    css?: string[];
    all_frames?: boolean;
    world?: string;
  }[];
  externally_connectable?: unknown;
  web_accessible_resources?: {
    resources: string[];
    matches?: string[];
    extension_ids?: string[];
    use_dynamic_url?: boolean;
  }[];
  content_security_policy?: unknown;
  sandbox?: unknown;
  background?: { service_worker?: string; scripts?: string[] };
  update_url?: string;
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Manifest;
}

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Permission names from README.md's "Extension permissions" table (rows whose first cell is `name`). */
function documentedPermissions(): string[] {
  const readme = readFileSync(path.resolve(process.cwd(), 'README.md'), 'utf8');
  const start = readme.indexOf('## Extension permissions');
  expect(start, 'README.md has an "Extension permissions" section').toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
  return [...section.matchAll(/^\| `([a-z]+)`/gm)].map((m) => m[1] as string);
}

test('manifest permissions are exactly the documented list; no host permissions', () => {
  const m = manifest();
  expect([...(m.permissions ?? [])].sort()).toEqual([...PINNED_PERMISSIONS].sort());
  expect([...documentedPermissions()].sort()).toEqual([...PINNED_PERMISSIONS].sort());
  expect(m.optional_permissions ?? []).toEqual([]);
  expect(m.host_permissions ?? []).toEqual([]);
  expect(m.optional_host_permissions ?? []).toEqual([]);
});

test('content scripts run only on the portal; nothing is externally connectable', () => {
  const m = manifest();
  expect(m.content_scripts?.length ?? 0).toBeGreaterThan(0);
  for (const cs of m.content_scripts ?? []) {
    expect(cs.matches).toEqual(PORTAL_MATCHES);
    // The isolated world (a MAIN-world script would share the page's globals).
    expect(cs.world ?? 'ISOLATED').toBe('ISOLATED');
  }
  expect(m.externally_connectable).toBeUndefined();
  // None: a page cannot fetch or fingerprint any file of the extension (the panels'
  // stylesheet is inlined into the content script, components/panels/shadow-host.ts).
  expect(m.web_accessible_resources ?? []).toEqual([]);
  expect(m.sandbox).toBeUndefined();
  expect(m.update_url).toBeUndefined();
});

test('extension pages keep the default CSP (no unsafe-eval, no remote script sources)', () => {
  const csp = manifest().content_security_policy;
  if (csp === undefined) return; // MV3 default: script-src 'self'; object-src 'self'
  const text = JSON.stringify(csp);
  expect(text).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
});

/** Code that turns a string into code, or loads code from elsewhere. */
const FORBIDDEN_JS: [string, RegExp][] = [
  ['eval(', /(^|[^\w$.])eval\s*\(/],
  ['new Function(', /new\s+Function\s*\(/],
  ['Function("...") constructor call', /(^|[^\w$.])Function\s*\(\s*["'`]/],
  ['setTimeout/setInterval with a string', /set(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['importScripts(http…)', /importScripts\s*\(\s*["'`]https?:/],
  ['import(http…)', /import\s*\(\s*["'`]https?:/],
  ['<script src="http…">', /<script[^>]+src\s*=\s*\\?["']?https?:/i],
  ['script element created with a remote src', /\.src\s*=\s*["'`]https?:\/\/[^"'`]*\.js/],
];

test('the built JavaScript has no eval, no Function constructor and no remote code', () => {
  const js = files(DIR, '.js');
  expect(js.length).toBeGreaterThan(3);
  const hits: string[] = [];
  for (const file of js) {
    const src = readFileSync(file, 'utf8');
    for (const [what, re] of FORBIDDEN_JS) {
      const m = re.exec(src);
      if (m) {
        const at = m.index;
        hits.push(
          `${path.relative(DIR, file)}: ${what} … ${src.slice(Math.max(0, at - 60), at + 60)}`,
        );
      }
    }
  }
  expect(hits).toEqual([]);
});

test('every HTML page loads only its own scripts: no inline script, no remote src, no inline handlers', () => {
  const html = files(DIR, '.html');
  expect(html.map((f) => path.basename(f)).sort()).toEqual([
    'offscreen.html',
    'options.html',
    'popup.html',
  ]);
  for (const file of html) {
    const src = readFileSync(file, 'utf8');
    const name = path.relative(DIR, file);
    for (const tag of src.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
      const open = tag.slice(0, tag.indexOf('>') + 1);
      const body = tag.slice(open.length, -'</script>'.length);
      expect(open, `${name}: every script has a src`).toMatch(/\ssrc=/i);
      expect(body.trim(), `${name}: no inline script body`).toBe('');
      expect(open, `${name}: script src is in the package`).toMatch(/\ssrc="\/[^/]/i);
    }
    expect(src, `${name}: no inline event handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(src, `${name}: no javascript: URL`).not.toMatch(/javascript:/i);
    expect(src, `${name}: no remote stylesheet or preload`).not.toMatch(/<link[^>]+href="https?:/i);
  }
});
