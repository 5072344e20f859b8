/**
 * Hardening, "who may ask": the sender classification (lib/sender.ts), the protocol handlers
 * refusing foreign senders before they touch anything (behaviour: the handlers registered on
 * the fake browser, messages triggered with forged senders), and a structural guard that
 * every `onMessage(` handler in lib/, components/ and entrypoints/ checks its sender first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerAuthHandlers } from '../../lib/auth/background';
import { registerAuthHostHandlers } from '../../lib/auth/host-handlers';
import type { TokenSource } from '../../lib/auth/types';
import type { BackgroundServices } from '../../lib/background/services';
import { registerProtocolHandlers } from '../../lib/background/handlers';
import { type ProtocolMap, removeAllListeners } from '../../lib/messaging';
import { assertSender, isPortalUrl, type SenderLike, senderKind } from '../../lib/sender';

const OWN = 'khofjcmcocmbmgidkhlhfjidckhjdbhg';
const ORIGIN = `chrome-extension://${OWN}/`;
const kind = (s: SenderLike) => senderKind(s, OWN, ORIGIN);

describe('senderKind', () => {
  it('our extension pages and the offscreen auth host', () => {
    expect(kind({ id: OWN, url: `${ORIGIN}popup.html` })).toBe('extension-page');
    expect(
      kind({
        id: OWN,
        url: `${ORIGIN}options.html#x`,
        tab: { id: 3, url: `${ORIGIN}options.html` },
      }),
    ).toBe('extension-page');
    expect(kind({ id: OWN, url: `${ORIGIN}background.js` })).toBe('extension-page');
    expect(kind({ id: OWN, url: `${ORIGIN}offscreen.html` })).toBe('auth-host');
    expect(kind({ id: OWN, url: `${ORIGIN}offscreen.html?x=1` })).toBe('auth-host');
    // Only the exact offscreen path is the auth host.
    expect(kind({ id: OWN, url: `${ORIGIN}offscreen.html.evil` })).toBe('extension-page');
    expect(kind({ id: OWN, url: `${ORIGIN}x/offscreen.html` })).toBe('extension-page');
  });

  it('content scripts count only on https portal origins in a tab', () => {
    const tab = (url: string) => ({ id: 7, url });
    expect(
      kind({
        id: OWN,
        url: 'https://acme.syncromsp.com/tenants/1',
        tab: tab('https://acme.syncromsp.com/tenants/1'),
      }),
    ).toBe('portal-content');
    expect(
      kind({
        id: OWN,
        url: 'https://acme.shield.syncromsp.com/t',
        tab: tab('https://acme.shield.syncromsp.com/t'),
      }),
    ).toBe('portal-content');
    for (const url of [
      'https://evil.example/tenants/1',
      'http://acme.syncromsp.com/tenants/1',
      'https://acme.syncromsp.com.evil.example/',
      'https://evilsyncromsp.com/',
      'https://evil.example/?u=https://acme.syncromsp.com/',
      'https://acme.syncromsp.com@evil.example/',
      'file:///tmp/acme.syncromsp.com.html',
      'data:text/html,acme.syncromsp.com',
      'not a url',
    ])
      expect(kind({ id: OWN, url, tab: tab(url) }), url).toBe('foreign');
    // A frame on another origin inside a portal tab: the frame's URL decides.
    expect(
      kind({
        id: OWN,
        url: 'https://evil.example/frame',
        tab: tab('https://acme.syncromsp.com/tenants/1'),
      }),
    ).toBe('foreign');
    // A portal URL without a tab is not a content script.
    expect(kind({ id: OWN, url: 'https://acme.syncromsp.com/tenants/1' })).toBe('foreign');
  });

  it('other extensions, missing ids and pages pretending to be the extension are foreign', () => {
    expect(kind({ id: 'abcdefghijklmnopabcdefghijklmnop', url: `${ORIGIN}popup.html` })).toBe(
      'foreign',
    );
    expect(
      kind({
        id: 'abcdefghijklmnopabcdefghijklmnop',
        url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/offscreen.html',
      }),
    ).toBe('foreign');
    expect(kind({ url: `${ORIGIN}popup.html` })).toBe('foreign');
    expect(kind({ id: '', url: `${ORIGIN}popup.html` })).toBe('foreign');
    expect(kind(undefined as unknown as SenderLike)).toBe('foreign');
    // Our id (a content script) but a web page URL that looks like ours.
    expect(
      kind({ id: OWN, url: `https://evil.example/${ORIGIN}offscreen.html`, tab: { id: 1 } }),
    ).toBe('foreign');
    expect(kind({ id: OWN, url: `https://evil.example/#${ORIGIN}`, tab: { id: 1 } })).toBe(
      'foreign',
    );
    // Another extension's origin that starts with ours is not ours.
    expect(kind({ id: OWN, url: `chrome-extension://${OWN}x/popup.html` })).toBe('foreign');
  });

  it('isPortalUrl', () => {
    expect(isPortalUrl('https://syncromsp.com/')).toBe(true);
    expect(isPortalUrl('https://a.b.syncromsp.com/x')).toBe(true);
    expect(isPortalUrl('https://syncromsp.com.evil/')).toBe(false);
    expect(isPortalUrl(undefined)).toBe(false);
  });
});

describe('assertSender', () => {
  // The fake browser's runtime id and origin are the defaults here.
  const own = fakeBrowser.runtime.id;
  const page = { id: own, url: fakeBrowser.runtime.getURL('/popup.html') };
  const offscreen = { id: own, url: fakeBrowser.runtime.getURL('/offscreen.html') };
  const portal = {
    id: own,
    url: 'https://acme.syncromsp.com/tenants/1',
    tab: { id: 1, url: 'https://acme.syncromsp.com/tenants/1' },
  };
  const foreign = { id: 'other', url: 'chrome-extension://other/popup.html' };

  it('returns the kind when allowed and throws otherwise', () => {
    expect(assertSender(page, 'extension-page')).toBe('extension-page');
    expect(assertSender(offscreen, 'auth-host')).toBe('auth-host');
    expect(assertSender(portal, 'extension-page', 'portal-content')).toBe('portal-content');
    expect(() => assertSender(offscreen, 'extension-page')).toThrow(/Refused/);
    expect(() => assertSender(page, 'auth-host')).toThrow(/Refused/);
    expect(() => assertSender(portal, 'extension-page')).toThrow(/Refused/);
    expect(() => assertSender(foreign, 'extension-page', 'portal-content', 'auth-host')).toThrow(
      /Refused: message from foreign/,
    );
  });
});

// --- Behaviour: the registered handlers refuse before acting -----------------------------

type MessageType = keyof ProtocolMap;

/** Sample data for every request the background answers. */
const BACKGROUND_REQUESTS: [
  MessageType,
  unknown,
  ('extension-page' | 'portal-content' | 'auth-host')[],
][] = [
  ['reportTenantPage', { syncroKey: 'https://acme.syncromsp.com/tenants/1' }, ['portal-content']],
  [
    'getInsights',
    { syncroKey: 'https://acme.syncromsp.com/tenants/1' },
    ['portal-content', 'extension-page'],
  ],
  [
    'refreshTenant',
    { syncroKey: 'https://acme.syncromsp.com/tenants/1' },
    ['portal-content', 'extension-page'],
  ],
  ['requestSignIn', undefined, ['portal-content', 'extension-page']],
  ['getStatus', undefined, ['extension-page']],
  ['signIn', undefined, ['extension-page']],
  ['signOut', undefined, ['extension-page']],
  ['refreshAll', undefined, ['extension-page']],
  ['acknowledgeAlerts', { ids: ['a'] }, ['extension-page']],
  ['unacknowledgeAlerts', { ids: ['a'] }, ['extension-page']],
  ['snoozeAlerts', { ids: ['a'], days: 7, reason: 'x' }, ['extension-page']],
  ['forgetAllData', { settings: true }, ['extension-page']],
  ['exportData', undefined, ['extension-page']],
  ['importData', { json: '{}' }, ['extension-page']],
  [
    'authLaunchWebAuthFlow',
    { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize', interactive: true },
    ['auth-host'],
  ],
];

const AUTH_HOST_REQUESTS: [MessageType, unknown][] = [
  [
    'authRestore',
    { clientId: 'c', authority: 'https://login.microsoftonline.com/organizations', account: null },
  ],
  [
    'authSignIn',
    {
      clientId: 'c',
      authority: 'https://login.microsoftonline.com/organizations',
      interactive: true,
    },
  ],
  ['authSignOut', { clientId: 'c', authority: 'https://login.microsoftonline.com/organizations' }],
  [
    'authGetToken',
    {
      clientId: 'c',
      loginHost: 'https://login.microsoftonline.com',
      tenantId: 't',
      scopes: ['x'],
      account: { homeAccountId: 'h', username: 'u' },
    },
  ],
];

function senders() {
  const own = fakeBrowser.runtime.id;
  const portalUrl = 'https://acme.syncromsp.com/tenants/1';
  return {
    'extension-page': { id: own, url: fakeBrowser.runtime.getURL('/popup.html') },
    'auth-host': { id: own, url: fakeBrowser.runtime.getURL('/offscreen.html') },
    'portal-content': { id: own, url: portalUrl, tab: { id: 9, url: portalUrl } },
    // Forged or foreign senders, none of which may act.
    'other-extension': {
      id: 'abcdefghijklmnopabcdefghijklmnop',
      url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/bg.js',
    },
    'content-script-elsewhere': {
      id: own,
      url: 'https://evil.example/',
      tab: { id: 10, url: 'https://evil.example/' },
    },
    'http-portal': {
      id: own,
      url: 'http://acme.syncromsp.com/tenants/1',
      tab: { id: 11, url: 'http://acme.syncromsp.com/tenants/1' },
    },
    'no-id': { url: fakeBrowser.runtime.getURL('/popup.html') },
  } as Record<string, SenderLike>;
}

/** Dispatches a protocol message as the browser would, with `sender`; returns the listener answers. */
async function dispatch(
  type: MessageType,
  data: unknown,
  sender: SenderLike,
): Promise<{ res?: unknown; err?: unknown }> {
  let answers: unknown[];
  try {
    answers = (await fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type, data, timestamp: Date.now() },
      sender as never,
    )) as unknown[];
  } catch (err) {
    // A synchronous handler's throw escapes @webext-core's listener; webextension-polyfill
    // turns it into a rejected response for the sender.
    return { err: { message: String((err as Error)?.message ?? err) } };
  }
  const answer = answers.find((a) => a !== undefined) as
    | { res?: unknown; err?: unknown }
    | undefined;
  return answer ?? {};
}

describe('protocol handlers refuse foreign senders before acting', () => {
  let touched: string[];

  beforeEach(() => {
    fakeBrowser.reset();
    removeAllListeners();
    touched = [];
    const touch = (what: string) => () => {
      touched.push(what);
      throw new Error(`touched ${what}`);
    };
    const tokenSource: TokenSource = {
      signIn: vi.fn(touch('tokenSource.signIn')),
      signOut: vi.fn(touch('tokenSource.signOut')),
      account: vi.fn(touch('tokenSource.account')),
      getToken: vi.fn(touch('tokenSource.getToken')),
    };
    const services: BackgroundServices = {
      tokenSource,
      store: vi.fn(touch('store')),
      graph: vi.fn(touch('graph')),
      redirectUri: () => 'https://x.chromiumapp.org/',
    };
    registerAuthHandlers(tokenSource);
    registerProtocolHandlers(services);
  });

  it('every background request from every sender not allowed is refused, with nothing touched', async () => {
    const all = senders();
    let refused = 0;
    for (const [type, data, allowed] of BACKGROUND_REQUESTS) {
      for (const [name, sender] of Object.entries(all)) {
        if ((allowed as string[]).includes(name)) continue;
        touched = [];
        const answer = await dispatch(type, data, sender);
        expect(answer.err, `${type} from ${name}`).toBeDefined();
        expect(JSON.stringify(answer.err), `${type} from ${name}`).toMatch(/Refused: message from/);
        expect(touched, `${type} from ${name}`).toEqual([]);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(60);
  });

  it('the same requests from an allowed sender do reach the services (the refusals are not vacuous)', async () => {
    const all = senders();
    for (const [type, data, allowed] of BACKGROUND_REQUESTS) {
      if (type === 'authLaunchWebAuthFlow') continue; // needs chrome.identity
      touched = [];
      const sender = all[allowed[0] as string] as SenderLike;
      const answer = await dispatch(type, data, sender);
      // Past the sender check: the handler touched a service, answered, or refused the data.
      expect(JSON.stringify(answer.err ?? ''), `${type} from ${allowed[0]}`).not.toMatch(
        /Refused: message from/,
      );
      expect(
        touched.length > 0 || answer.res !== undefined || answer.err !== undefined,
        `${type} ran`,
      ).toBe(true);
    }
  });
});

describe('the auth host answers only our background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    removeAllListeners();
  });

  it('refuses popup, options, content scripts, other extensions', async () => {
    const calls: string[] = [];
    const host = new Proxy({}, { get: (_t, name) => () => calls.push(String(name)) }) as never;
    registerAuthHostHandlers(host);
    const all = senders();
    for (const [type, data] of AUTH_HOST_REQUESTS) {
      for (const [name, sender] of Object.entries(all)) {
        const answer = await dispatch(type, data, sender);
        expect(JSON.stringify(answer.err), `${type} from ${name}`).toMatch(/Refused/);
      }
    }
    expect(calls).toEqual([]);
    // From the background it acts.
    const answer = await dispatch('authSignOut', AUTH_HOST_REQUESTS[2]?.[1], {
      id: fakeBrowser.runtime.id,
      url: fakeBrowser.runtime.getURL('/background.js'),
    });
    expect(answer.err).toBeUndefined();
    expect(calls).toEqual(['signOut']);
  });
});

// --- Structure: every handler checks its sender first ------------------------------------

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Checks that count as "the sender is checked first". */
const SENDER_CHECK =
  /^(assertSender\(sender|assertBackground\(sender|if \(!isOwnBackground\(sender)/;

describe('every onMessage handler checks its sender as its first statement', () => {
  const root = path.resolve(__dirname, '../..');
  const files = ['lib', 'components', 'entrypoints'].flatMap((d) => sources(path.join(root, d)));

  it('finds the handlers (not vacuous)', () => {
    const count = files.reduce(
      (n, f) => n + (readFileSync(f, 'utf8').match(/\bonMessage\(\s*'/g)?.length ?? 0),
      0,
    );
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it('no handler without a sender check first', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(
        /\bonMessage\(\s*'(\w+)',\s*(?:async\s*)?\(\{([^}]*)\}\)\s*=>\s*(\{)?/g,
      )) {
        const rel = `${path.relative(root, file)}: ${m[1]}`;
        if (!/\bsender\b/.test(m[2] ?? '') || !m[3]) {
          offenders.push(`${rel} (does not take the sender or has no body)`);
          continue;
        }
        const body = src.slice((m.index ?? 0) + m[0].length).trimStart();
        if (!SENDER_CHECK.test(body))
          offenders.push(`${rel}: first statement is "${body.split('\n')[0]}"`);
      }
      // Any other way of listening to runtime messages bypasses the protocol's checks. The
      // portal's side of the protocol (lib/messaging-portal.ts) is the one exception: it is the
      // transport under its onMessage, as @webext-core/messaging is elsewhere.
      if (
        path.relative(root, file) !== path.join('lib', 'messaging-portal.ts') &&
        /runtime\.onMessage(External)?\.addListener|runtime\.onConnect(External)?\.addListener/.test(
          src,
        )
      )
        offenders.push(`${path.relative(root, file)}: raw runtime listener`);
    }
    expect(offenders).toEqual([]);
  });
});
