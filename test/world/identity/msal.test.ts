// @vitest-environment happy-dom
/**
 * The identity emulator against the real @azure/msal-browser 5: MSAL's own parsing of the
 * authorize redirect, its nonce/state/client_info checks, its refresh-token redemption for a
 * customer tenant, and its classification of the emulator's errors.
 */
import {
  BrowserCacheLocation,
  CacheLookupPolicy,
  type INetworkModule,
  InteractionRequiredAuthError,
  type NetworkResponse,
  PublicClientApplication,
} from '@azure/msal-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, MICROSOFT_TENANTS, PARTNER_TENANT, TECHNICIAN } from '../catalogue';
import { expireRefreshTokens } from '../control';
import type { WorldRequest } from '../http';
import { createCore, type WorldCore } from '../state';
import { createIdentityState, handleIdentity, type IdentityState } from './index';

const LOGIN = 'https://login.microsoftonline.com';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const fabrikam = MICROSOFT_TENANTS.find((t) => t.domains.includes('fabrikam.com'))!;
const woodgrove = MICROSOFT_TENANTS.find((t) => !t.consented)!;
const GRAPH = ['https://graph.microsoft.com/.default'];

let core: WorldCore;
let identity: IdentityState;
let cookie = '';
const seen: { method: string; url: string }[] = [];

function send(method: string, url: string, headers: Record<string, string> = {}, body = '') {
  const lower: Record<string, string> = { origin: ORIGIN };
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  if (cookie) lower.cookie = cookie;
  const req: WorldRequest = { method, url: new URL(url), headers: lower, body };
  seen.push({ method, url });
  return handleIdentity(req, core, identity);
}

const network: INetworkModule = {
  async sendGetRequestAsync<T>(
    url: string,
    options?: { headers?: Record<string, string> },
  ): Promise<NetworkResponse<T>> {
    const res = send('GET', url, options?.headers);
    return { headers: res.headers, body: JSON.parse(res.body) as T, status: res.status };
  },
  async sendPostRequestAsync<T>(
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<NetworkResponse<T>> {
    const res = send('POST', url, options?.headers, options?.body ?? '');
    return { headers: res.headers, body: JSON.parse(res.body) as T, status: res.status };
  },
};

let captured: string | undefined;
async function makeClient(): Promise<PublicClientApplication> {
  const pca = new PublicClientApplication({
    auth: {
      clientId: DEMO_CLIENT_ID,
      authority: `${LOGIN}/organizations`,
      redirectUri: REDIRECT,
      onRedirectNavigate: (url: string) => {
        captured = url;
        return false;
      },
    },
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
    system: { networkClient: network },
  });
  await pca.initialize();
  return pca;
}

/** What launchWebAuthFlow does: follow the authorize URL to the redirect, keep cookies. */
function webAuthFlow(url: string): string {
  const res = send('GET', url);
  const setCookie = res.headers['Set-Cookie'];
  if (setCookie) cookie = setCookie.split(';')[0]!;
  expect(res.status).toBe(302);
  const location = res.headers.Location!;
  return location.slice(location.indexOf('#'));
}

async function signIn(pca: PublicClientApplication, prompt?: string) {
  captured = undefined;
  await pca.loginRedirect({ scopes: GRAPH, prompt });
  expect(captured).toBeDefined();
  const hash = webAuthFlow(captured!);
  return pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
}

beforeEach(() => {
  core = createCore();
  identity = createIdentityState(core);
  cookie = '';
  seen.length = 0;
  window.sessionStorage.clear();
  window.localStorage.clear();
});

const tidOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).tid as string;

describe('MSAL 5 against the identity emulator', () => {
  it('signs in with auth code + PKCE and gets customer-tenant tokens from the refresh token', async () => {
    const pca = await makeClient();
    const result = await signIn(pca, 'select_account');
    expect(result).not.toBeNull();
    expect(result!.account.homeAccountId).toBe(`${TECHNICIAN.oid}.${PARTNER_TENANT.id}`);
    expect(result!.account.username).toBe(TECHNICIAN.username);
    expect(result!.tenantId).toBe(PARTNER_TENANT.id);
    expect(tidOf(result!.accessToken)).toBe(PARTNER_TENANT.id);
    // MSAL made no discovery call for login.microsoftonline.com.
    expect(
      seen.filter((r) => r.url.includes('openid-configuration') || r.url.includes('discovery')),
    ).toEqual([]);

    // MSAL pitfall, pinned here: with the *home* account, MSAL looks the cache up by
    // account.tenantId, not by the authority, and hands back the partner tenant's token.
    const pitfall = await pca.acquireTokenSilent({
      scopes: GRAPH,
      account: result!.account,
      authority: `${LOGIN}/${fabrikam.id}`,
      cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
    });
    expect(tidOf(pitfall.accessToken)).toBe(PARTNER_TENANT.id);

    // The right way: the account with the customer tenant as its tenantId.
    const customerAccount = { ...result!.account, tenantId: fabrikam.id };
    const customer = await pca.acquireTokenSilent({
      scopes: GRAPH,
      account: customerAccount,
      authority: `${LOGIN}/${fabrikam.id}`,
      cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
    });
    expect(customer.fromCache).toBe(false);
    expect(customer.tenantId).toBe(fabrikam.id);
    expect(tidOf(customer.accessToken)).toBe(fabrikam.id);
    expect(seen.at(-1)?.url).toContain(`/${fabrikam.id}/oauth2/v2.0/token`);

    // The second silent call is served from MSAL's cache: the scope in our answer matches.
    const before = seen.length;
    const cached = await pca.acquireTokenSilent({
      scopes: GRAPH,
      account: customerAccount,
      authority: `${LOGIN}/${fabrikam.id}`,
      cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
    });
    expect(cached.accessToken).toBe(customer.accessToken);
    expect(seen.length).toBe(before);
  });

  it('turns a non-consented tenant into InteractionRequiredAuthError (consent_required)', async () => {
    const pca = await makeClient();
    const result = await signIn(pca);
    const err = await pca
      .acquireTokenSilent({
        scopes: GRAPH,
        account: { ...result!.account, tenantId: woodgrove.id },
        authority: `${LOGIN}/${woodgrove.id}`,
        cacheLookupPolicy: CacheLookupPolicy.RefreshToken,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InteractionRequiredAuthError);
    expect((err as InteractionRequiredAuthError).subError).toBe('consent_required');
    expect((err as InteractionRequiredAuthError).errorMessage).toMatch(/AADSTS65001/);
    expect(String((err as InteractionRequiredAuthError).errorNo)).toBe('65001');
  });

  it('renews silently with prompt=none while the session cookie lives, after the refresh token expired', async () => {
    const pca = await makeClient();
    const first = await signIn(pca);
    expireRefreshTokens(identity, core);
    const err = await pca
      .acquireTokenSilent({
        scopes: GRAPH,
        account: { ...first!.account, tenantId: fabrikam.id },
        authority: `${LOGIN}/${fabrikam.id}`,
        cacheLookupPolicy: CacheLookupPolicy.RefreshToken,
      })
      .catch((e: unknown) => e);
    expect((err as { errorCode?: string }).errorCode).toBe('invalid_grant');
    expect((err as { errorMessage?: string }).errorMessage).toMatch(/AADSTS700084/);
    expect(String((err as { errorNo?: unknown }).errorNo)).toBe('700084');

    const renewed = await signIn(pca, 'none');
    expect(renewed!.account.homeAccountId).toBe(first!.account.homeAccountId);
    const again = await pca.acquireTokenSilent({
      scopes: GRAPH,
      account: { ...renewed!.account, tenantId: fabrikam.id },
      authority: `${LOGIN}/${fabrikam.id}`,
      cacheLookupPolicy: CacheLookupPolicy.RefreshToken,
    });
    expect(again.tenantId).toBe(fabrikam.id);
  });
});
