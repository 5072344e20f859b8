/**
 * TokenSource over any AuthHostApi (the offscreen document on Chrome, an in-page MsalHost on
 * Firefox). Reads the settings (client id, cloud) and the remembered account; keeps
 * `accountItem` in step (an AccountHint, never a token).
 */
import { t } from '../i18n';
import { accountItem, clientIdItem, cloudItem } from '../settings';
import { cloudEndpoints, signInScopes } from './clouds';
import { authMessage, mapMsalError } from './errors';
import type { AuthHostApi } from './msal-host';
import {
  type AccessTokenResult,
  type AccountHint,
  notConfiguredMessage,
  notSignedInMessage,
  type SignInResult,
  TokenError,
  type TokenSource,
} from './types';

export interface HostTokenSourceOptions {
  /** The extension's redirect URI (computed where chrome.identity exists). */
  redirectUri: () => string;
}

export class HostTokenSource implements TokenSource {
  constructor(
    private readonly host: AuthHostApi,
    private readonly options: HostTokenSourceOptions,
  ) {}

  private async config() {
    const clientId = (await clientIdItem.getValue()).trim();
    const cloud = await cloudItem.getValue();
    const { loginHost } = cloudEndpoints(cloud);
    return {
      clientId,
      cloud,
      loginHost,
      scopes: signInScopes(cloud),
      redirectUri: this.options.redirectUri(),
    };
  }

  async signIn(opts: { interactive: boolean }): Promise<SignInResult> {
    const c = await this.config();
    if (!c.clientId) return { ok: false, code: 'not_configured', error: notConfiguredMessage() };
    const remembered = await accountItem.getValue();
    if (!opts.interactive && !remembered)
      return { ok: false, code: 'not_signed_in', error: notSignedInMessage() };
    let result: SignInResult;
    try {
      result = await this.host.signIn({
        clientId: c.clientId,
        authority: `${c.loginHost}/organizations`,
        interactive: opts.interactive,
        ...(remembered ? { loginHint: remembered.username } : {}),
        redirectUri: c.redirectUri,
        scopes: c.scopes,
      });
    } catch (e) {
      const f = mapMsalError(e);
      return {
        ok: false,
        code: f.code === 'unknown_error' ? 'temporarily_unavailable' : f.code,
        error: t('auth_hostSilent'),
      };
    }
    if (result.ok) await accountItem.setValue(result.account);
    return wordedResult(result);
  }

  /**
   * Re-establishes the session in a new host without a click (prompt=none); null when nobody
   * is signed in. Optional: getToken does the same on demand.
   */
  async restore(): Promise<SignInResult | null> {
    const c = await this.config();
    const account = await accountItem.getValue();
    if (!c.clientId || !account) return null;
    return wordedResult(
      await this.host.restore({
        clientId: c.clientId,
        authority: `${c.loginHost}/${account.tenantId}`,
        account,
        redirectUri: c.redirectUri,
        scopes: c.scopes,
      }),
    );
  }

  /** Never throws: the account is forgotten even if the host could not be reached. */
  async signOut(): Promise<void> {
    try {
      const c = await this.config();
      await this.host.signOut({ clientId: c.clientId, authority: `${c.loginHost}/organizations` });
    } catch (e) {
      console.warn(
        '[tenant-lens auth] sign-out: the auth host could not clear its cache:',
        mapMsalError(e).code,
      );
    } finally {
      await accountItem.setValue(null);
    }
  }

  account(): Promise<AccountHint | null> {
    return accountItem.getValue();
  }

  async getToken(
    tenantId: string,
    scopes: string[],
    opts: { forceRefresh?: boolean } = {},
  ): Promise<AccessTokenResult> {
    const c = await this.config();
    if (!c.clientId) throw new TokenError('not_configured', notConfiguredMessage());
    const account = await accountItem.getValue();
    if (!account) throw new TokenError('not_signed_in', notSignedInMessage());
    let res: Awaited<ReturnType<AuthHostApi['getToken']>>;
    try {
      res = await this.host.getToken({
        clientId: c.clientId,
        loginHost: c.loginHost,
        tenantId,
        scopes,
        account,
        redirectUri: c.redirectUri,
        signInScopes: c.scopes,
        ...(opts.forceRefresh ? { forceRefresh: true } : {}),
      });
    } catch (e) {
      throw new TokenError(
        'temporarily_unavailable',
        t('auth_hostSilentCode', mapMsalError(e).code),
      );
    }
    if (!res.ok)
      throw TokenError.from(
        res.failure.message
          ? res.failure
          : { ...res.failure, message: authMessage(res.failure.code) },
      );
    return res.token;
  }
}

/**
 * The host's answer with a message the user can read: Chrome's offscreen host has no
 * chrome.i18n, so its failures arrive with their code only and are worded here.
 */
function wordedResult<R extends SignInResult | null>(result: R): R {
  return !result || result.ok || result.error
    ? result
    : { ...result, error: authMessage(result.code) };
}
