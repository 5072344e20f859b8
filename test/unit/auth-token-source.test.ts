import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isOwnBackground } from '../../lib/auth/host-handlers';
import type { AuthHostApi } from '../../lib/auth/msal-host';
import { HostTokenSource } from '../../lib/auth/token-source';
import { TokenError } from '../../lib/auth/types';
import { accountItem, clientIdItem, cloudItem } from '../../lib/settings';

const ACCOUNT = {
  username: 'taylor@contosomsp.onmicrosoft.com',
  name: 'Taylor Tech',
  homeAccountId: 'oid.tid',
  tenantId: 'tid',
};
const REDIRECT = 'https://khofjcmcocmbmgidkhlhfjidckhjdbhg.chromiumapp.org/';

function fakeHost(
  overrides: Partial<AuthHostApi> = {},
): AuthHostApi & { [K in keyof AuthHostApi]: ReturnType<typeof vi.fn> } {
  return {
    restore: vi.fn(async () => ({ ok: true as const, account: ACCOUNT })),
    signIn: vi.fn(async () => ({ ok: true as const, account: ACCOUNT })),
    signOut: vi.fn(async () => undefined),
    getToken: vi.fn(async () => ({
      ok: true as const,
      token: { accessToken: 'a.b.c', expiresOn: 1 },
    })),
    ...overrides,
  } as never;
}

describe('HostTokenSource', () => {
  beforeEach(() => fakeBrowser.reset());

  it("words the host's code-only failures (Chrome's offscreen host has no chrome.i18n)", async () => {
    await clientIdItem.setValue('11111111-2222-3333-4444-555555555555');
    await accountItem.setValue(ACCOUNT);
    const host = fakeHost({
      signIn: vi.fn(async () => ({ ok: false as const, code: 'user_cancelled', error: '' })),
      getToken: vi.fn(async () => ({
        ok: false as const,
        failure: { code: 'consent_required', message: '' },
      })),
    });
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    expect(await ts.signIn({ interactive: true })).toEqual({
      ok: false,
      code: 'user_cancelled',
      error: 'Sign-in was cancelled.',
    });
    await expect(ts.getToken('t', ['s'])).rejects.toMatchObject({
      code: 'consent_required',
      message: expect.stringContaining('has not consented to the Tenant Lens app'),
    });
  });

  it('answers not_configured with the first-run message when there is no client id', async () => {
    const host = fakeHost();
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    expect(await ts.signIn({ interactive: true })).toEqual({
      ok: false,
      code: 'not_configured',
      error: 'Add your Application (client) ID in Tenant Lens options first.',
    });
    await expect(ts.getToken('t', ['s'])).rejects.toMatchObject({
      name: 'TokenError',
      code: 'not_configured',
    });
    expect(host.signIn).not.toHaveBeenCalled();
  });

  it('signs in with the cloud authority, the redirect URI and sign-in scopes, and remembers the account hint', async () => {
    await clientIdItem.setValue(' 7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60 ');
    await cloudItem.setValue('usgov-high');
    const host = fakeHost();
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    const res = await ts.signIn({ interactive: true });
    expect(res).toEqual({ ok: true, account: ACCOUNT });
    expect(host.signIn).toHaveBeenCalledWith({
      clientId: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
      authority: 'https://login.microsoftonline.us/organizations',
      interactive: true,
      redirectUri: REDIRECT,
      scopes: ['openid', 'profile', 'offline_access', 'https://graph.microsoft.us/.default'],
    });
    expect(await accountItem.getValue()).toEqual(ACCOUNT);
    expect(await ts.account()).toEqual(ACCOUNT);
  });

  it('keeps the account untouched when sign-in fails', async () => {
    await clientIdItem.setValue('c');
    await accountItem.setValue(ACCOUNT);
    const host = fakeHost({
      signIn: vi.fn(async () => ({ ok: false as const, code: 'user_cancelled', error: 'x' })),
    });
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    expect((await ts.signIn({ interactive: true })).ok).toBe(false);
    expect(await accountItem.getValue()).toEqual(ACCOUNT);
    expect(host.signIn.mock.calls[0]?.[0]).toMatchObject({ loginHint: ACCOUNT.username });
  });

  it('silent sign-in needs a remembered account', async () => {
    await clientIdItem.setValue('c');
    const ts = new HostTokenSource(fakeHost(), { redirectUri: () => REDIRECT });
    expect(await ts.signIn({ interactive: false })).toMatchObject({
      ok: false,
      code: 'not_signed_in',
    });
  });

  it('getToken: not_signed_in without an account; host failures become TokenErrors; forceRefresh is passed on', async () => {
    await clientIdItem.setValue('c');
    const host = fakeHost();
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    await expect(ts.getToken('t', ['s'])).rejects.toMatchObject({ code: 'not_signed_in' });

    await accountItem.setValue(ACCOUNT);
    expect(await ts.getToken('t', ['s'], { forceRefresh: true })).toEqual({
      accessToken: 'a.b.c',
      expiresOn: 1,
    });
    expect(host.getToken.mock.calls[0]?.[0]).toMatchObject({
      clientId: 'c',
      loginHost: 'https://login.microsoftonline.com',
      tenantId: 't',
      scopes: ['s'],
      account: ACCOUNT,
      redirectUri: REDIRECT,
      forceRefresh: true,
    });

    host.getToken.mockResolvedValueOnce({
      ok: false,
      failure: { code: 'consent_required', message: 'm' },
    });
    const err = await ts.getToken('t', ['s']).catch((e) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(err).toMatchObject({ name: 'TokenError', code: 'consent_required' });

    host.getToken.mockRejectedValueOnce(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    await expect(ts.getToken('t', ['s'])).rejects.toMatchObject({
      code: 'temporarily_unavailable',
    });
  });

  it('signOut clears the remembered account (and does not throw) even when the host fails', async () => {
    await clientIdItem.setValue('c');
    await accountItem.setValue(ACCOUNT);
    const host = fakeHost({ signOut: vi.fn(async () => Promise.reject(new Error('gone'))) });
    const ts = new HostTokenSource(host, { redirectUri: () => REDIRECT });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(ts.signOut()).resolves.toBeUndefined();
    expect(await accountItem.getValue()).toBeNull();
    expect(await clientIdItem.getValue()).toBe('c'); // settings stay
  });
});

describe('isOwnBackground (offscreen host sender check)', () => {
  const id = 'khofjcmcocmbmgidkhlhfjidckhjdbhg';
  const bg = `chrome-extension://${id}/background.js`;
  it('accepts only our background service worker', () => {
    expect(isOwnBackground({ id, url: bg }, id, bg)).toBe(true);
    expect(isOwnBackground({ id, url: `chrome-extension://${id}/popup.html` }, id, bg)).toBe(false);
    expect(isOwnBackground({ id: 'other', url: bg }, id, bg)).toBe(false);
    expect(isOwnBackground({ id, url: bg, tab: { id: 1 } }, id, bg)).toBe(false);
    expect(isOwnBackground({ id }, id, bg)).toBe(false);
    expect(isOwnBackground(undefined, id, bg)).toBe(false);
  });
});
