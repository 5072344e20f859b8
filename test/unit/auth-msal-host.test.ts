/**
 * MsalHost's own logic with a scripted stand-in for MSAL's PublicClientApplication: silent
 * re-authentication (single-flight, cool-down, account check), tenant profiles, abandoned flows,
 * and which errors trigger a prompt=none round trip. Real MSAL is exercised in test/e2e/auth.spec.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Account = {
  idToken?: string;
  idTokenClaims?: Record<string, unknown>;
  homeAccountId: string;
  tenantId: string;
  username: string;
  name?: string;
  localAccountId: string;
  environment: string;
};

const HOME: Account = {
  homeAccountId: 'oid.partner',
  tenantId: 'partner',
  username: 'taylor@contosomsp.onmicrosoft.com',
  name: 'Taylor Tech',
  localAccountId: 'oid',
  environment: 'login.microsoftonline.com',
  idToken: 'header.claims.',
  idTokenClaims: { tid: 'partner' },
};

/** What the scripted PCA does; tests change it. */
const script = {
  /** Result of the authorize round trip, by prompt. */
  authorize: (_prompt: string | undefined): 'code' | 'login_required' | 'other_user' => 'code',
  /** acquireTokenSilent behaviour. */
  silent: async (req: {
    account: Account;
    authority: string;
    cacheLookupPolicy: number;
  }): Promise<unknown> => ({
    accessToken: `at-for-${req.account.tenantId}`,
    expiresOn: new Date(Date.now() + 3600_000),
  }),
};
const calls = {
  redirects: [] as { prompt?: string; loginHint?: string; authority?: string }[],
  abandoned: 0,
  silent: [] as { account: Account; authority: string; cacheLookupPolicy: number }[],
  clearCache: 0,
};
let accounts: Account[] = [];

vi.mock('@azure/msal-browser', async (importActual) => {
  const actual = await importActual<typeof import('@azure/msal-browser')>();
  class FakePca {
    constructor(
      readonly config: { auth: { onRedirectNavigate: (url: string) => boolean | undefined } },
    ) {}
    async initialize() {}
    async acquireTokenRedirect(req: { prompt?: string; loginHint?: string; authority?: string }) {
      calls.redirects.push({
        prompt: req.prompt,
        loginHint: req.loginHint,
        authority: req.authority,
      });
      const navigate = this.config.auth.onRedirectNavigate(
        `https://login.microsoftonline.com/x/oauth2/v2.0/authorize?prompt=${req.prompt ?? ''}`,
      );
      expect(navigate).toBe(false);
    }
    async handleRedirectPromise(opts: { hash: string }) {
      if (opts.hash.startsWith('#tenant_lens_abandoned=')) {
        calls.abandoned++;
        return null;
      }
      if (opts.hash.includes('error=login_required')) {
        throw Object.assign(new Error('x'), {
          name: 'InteractionRequiredAuthError',
          errorCode: 'login_required',
        });
      }
      const account = opts.hash.includes('other')
        ? { ...HOME, homeAccountId: 'someone.else', username: 'x@y' }
        : HOME;
      if (!accounts.some((a) => a.homeAccountId === account.homeAccountId)) accounts.push(account);
      return { account, accessToken: 'home-at' };
    }
    getAccount(filter: { homeAccountId: string; tenantId?: string }) {
      return (
        accounts.find(
          (a) =>
            a.homeAccountId === filter.homeAccountId &&
            (!filter.tenantId || a.tenantId === filter.tenantId),
        ) ?? null
      );
    }
    async acquireTokenSilent(req: {
      account: Account;
      authority: string;
      cacheLookupPolicy: number;
    }) {
      calls.silent.push(req);
      return script.silent(req);
    }
    async clearCache() {
      calls.clearCache++;
      accounts = [];
    }
  }
  return { ...actual, PublicClientApplication: FakePca };
});

const { MsalHost } = await import('../../lib/auth/msal-host');

const HINT = {
  username: HOME.username,
  name: 'Taylor Tech',
  homeAccountId: HOME.homeAccountId,
  tenantId: HOME.tenantId,
};
const REDIRECT = 'https://khofjcmcocmbmgidkhlhfjidckhjdbhg.chromiumapp.org/';
const tokenReq = (tenantId: string, extra: object = {}) => ({
  clientId: 'client',
  loginHost: 'https://login.microsoftonline.com',
  tenantId,
  scopes: ['https://graph.microsoft.com/.default'],
  account: HINT,
  redirectUri: REDIRECT,
  ...extra,
});

function makeHost() {
  const launch = vi.fn(async (url: string, _interactive: boolean) => {
    const prompt = new URL(url).searchParams.get('prompt') || undefined;
    const outcome = script.authorize(prompt);
    if (outcome === 'login_required') return `${REDIRECT}#error=login_required&state=s`;
    return `${REDIRECT}#code=abc${outcome === 'other_user' ? '-other' : ''}&state=s`;
  });
  return { host: new MsalHost({ launchWebAuthFlow: launch }), launch };
}

const interactionError = (errorNo: string) =>
  Object.assign(new Error('x'), { name: 'ServerError', errorCode: 'invalid_grant', errorNo });

beforeEach(() => {
  accounts = [];
  calls.redirects = [];
  calls.abandoned = 0;
  calls.silent = [];
  calls.clearCache = 0;
  script.authorize = () => 'code';
  script.silent = async (req) => ({
    accessToken: `at-for-${req.account.tenantId}`,
    expiresOn: new Date(Date.now() + 3600_000),
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('MsalHost', () => {
  it('a new host re-establishes the session once (prompt=none + login_hint), then asks with the tenant re-targeted account', async () => {
    const { host, launch } = makeHost();
    const results = await Promise.all(
      ['t1', 't2', 't3', 't4', 't5'].map((t) => host.getToken(tokenReq(t))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
    expect(launch.mock.calls[0]?.[1]).toBe(false); // not interactive
    expect(calls.redirects).toEqual([
      {
        prompt: 'none',
        loginHint: HOME.username,
        authority: 'https://login.microsoftonline.com/partner',
      },
    ]);
    expect(calls.silent.map((s) => [s.account.tenantId, s.authority])).toContainEqual([
      't3',
      'https://login.microsoftonline.com/t3',
    ]);
    // The account MSAL gets has no home id_token claims (they would pin the cache lookup to the home tenant).
    expect(calls.silent.every((s) => !('idTokenClaims' in s.account))).toBe(true);
    // Cached access token first; the refresh token otherwise; never the iframe (policy 2).
    expect(calls.silent.every((s) => s.cacheLookupPolicy === 2)).toBe(true);
  });

  it('forceRefresh uses the refresh-token policy (3)', async () => {
    const { host } = makeHost();
    await host.getToken(tokenReq('t1', { forceRefresh: true }));
    expect(calls.silent.at(-1)?.cacheLookupPolicy).toBe(3);
  });

  it('an expired SPA refresh token (AADSTS700084) is renewed by one prompt=none for all concurrent callers', async () => {
    const { host, launch } = makeHost();
    await host.signIn({
      clientId: 'client',
      authority: 'https://login.microsoftonline.com/organizations',
      interactive: true,
      redirectUri: REDIRECT,
    });
    expect(launch).toHaveBeenCalledTimes(1);
    let expired = true;
    script.silent = async (req) => {
      if (expired) throw interactionError('700084');
      return { accessToken: `at-${req.account.tenantId}`, expiresOn: new Date() };
    };
    const renew = vi.fn(() => {
      expired = false;
      return 'code' as const;
    });
    script.authorize = renew;
    const results = await Promise.all(['a', 'b', 'c'].map((t) => host.getToken(tokenReq(t))));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(launch).toHaveBeenCalledTimes(2);
    expect(calls.redirects.at(-1)?.prompt).toBe('none');
  });

  it('consent_required does not start a round trip', async () => {
    const { host, launch } = makeHost();
    await host.signIn({
      clientId: 'client',
      authority: 'https://login.microsoftonline.com/organizations',
      interactive: true,
      redirectUri: REDIRECT,
    });
    script.silent = async () => {
      throw Object.assign(new Error('x'), {
        name: 'InteractionRequiredAuthError',
        errorCode: 'invalid_grant',
        subError: 'consent_required',
        errorNo: '65001',
      });
    };
    const r = await host.getToken(tokenReq('woodgrove'));
    expect(r).toMatchObject({ ok: false, failure: { code: 'consent_required' } });
    expect(launch).toHaveBeenCalledTimes(1); // the sign-in only
  });

  it('when prompt=none fails: interaction_required, then a cool-down without round trips; a sign-in ends it', async () => {
    const { host, launch } = makeHost();
    script.authorize = () => 'login_required';
    expect(await host.getToken(tokenReq('t1'))).toMatchObject({
      ok: false,
      failure: { code: 'interaction_required' },
    });
    expect(await host.getToken(tokenReq('t2'))).toMatchObject({
      ok: false,
      failure: { code: 'interaction_required' },
    });
    expect(launch).toHaveBeenCalledTimes(1);

    script.authorize = () => 'code';
    const signIn = await host.signIn({
      clientId: 'client',
      authority: 'https://login.microsoftonline.com/organizations',
      interactive: true,
      redirectUri: REDIRECT,
    });
    expect(signIn).toMatchObject({ ok: true, account: { username: HOME.username } });
    expect(calls.redirects.at(-1)?.prompt).toBe('select_account');
    expect((await host.getToken(tokenReq('t1'))).ok).toBe(true);
  });

  it('a flow that ends without an answer resets MSAL (abandoned) and reports it', async () => {
    const { host, launch } = makeHost();
    launch.mockRejectedValueOnce(new Error('The user did not approve access.'));
    const interactive = await host.signIn({
      clientId: 'client',
      authority: 'https://login.microsoftonline.com/organizations',
      interactive: true,
      redirectUri: REDIRECT,
    });
    expect(interactive).toMatchObject({ ok: false, code: 'user_cancelled' });
    expect(calls.abandoned).toBe(1);
    launch.mockRejectedValueOnce(new Error('User interaction required.'));
    const silent = await host.restore({
      clientId: 'client',
      authority: 'https://login.microsoftonline.com/partner',
      account: HINT,
      redirectUri: REDIRECT,
    });
    expect(silent).toMatchObject({ ok: false, code: 'interaction_required' });
    expect(calls.abandoned).toBe(2);
  });

  it('refuses to switch identities silently when the Microsoft session is another user', async () => {
    const { host } = makeHost();
    script.authorize = () => 'other_user';
    const r = await host.getToken(tokenReq('t1'));
    expect(r).toMatchObject({ ok: false, failure: { code: 'interaction_required' } });
    expect(calls.clearCache).toBe(1);
  });

  it('answers not_configured / not_signed_in / invalid_tenant without touching MSAL', async () => {
    const { host, launch } = makeHost();
    expect(await host.getToken(tokenReq('t', { clientId: '' }))).toMatchObject({
      ok: false,
      failure: { code: 'not_configured' },
    });
    expect(
      await host.signIn({
        clientId: '',
        authority: 'https://login.microsoftonline.com/organizations',
        interactive: true,
      }),
    ).toMatchObject({
      ok: false,
      code: 'not_configured',
      error: 'Add your Application (client) ID in Tenant Lens options first.',
    });
    expect(await host.getToken(tokenReq('a/b?c'))).toMatchObject({
      ok: false,
      failure: { code: 'invalid_tenant' },
    });
    expect(
      await host.restore({
        clientId: 'client',
        authority: 'https://login.microsoftonline.com/organizations',
        account: null,
      }),
    ).toBeNull();
    expect(launch).not.toHaveBeenCalled();
  });
});
