/**
 * The MSAL host: the one place that runs @azure/msal-browser. Chrome runs it in the offscreen
 * document (entrypoints/offscreen/main.ts wires it to messages); Firefox runs it in the
 * background page (lib/auth/index.ts). It needs a DOM and Web Storage, never a service worker.
 *
 * - Interactive and silent (prompt=none) sign-in follow MSAL's Chromium-extension sample:
 *   `onRedirectNavigate` captures the authorize URL and returns false; `launchWebAuthFlow`
 *   (injected: chrome.identity lives in the worker) opens it; the returned URL's hash goes to
 *   `handleRedirectPromise({ hash, navigateToLoginRequestUrl: false })`.
 * - Cache: sessionStorage (MSAL 5's localStorage cache is encrypted under a cookie key that does
 *   not stick on extension pages; memoryStorage forbids redirect flows). It lives as long as
 *   this document; when the document is new, the session is re-established with prompt=none and
 *   the remembered account's login_hint (no click while the Microsoft session cookie lives).
 * - Customer-tenant tokens: acquireTokenSilent with the tenant's authority and a cache policy
 *   that never falls back to the hidden iframe (which cannot work in an extension).
 * - Tokens are returned to the caller only; never logged (logger at Warning, no PII).
 */
import {
  type AccountInfo,
  type AuthenticationResult,
  BrowserCacheLocation,
  CacheLookupPolicy,
  type Configuration,
  LogLevel,
  PublicClientApplication,
  type RedirectRequest,
} from '@azure/msal-browser';
import { t } from '../i18n';
import type { ProtocolMap, SignInResult, TokenFailure } from '../messaging';
import type { AccountHint } from '../settings';
import { signInScopes } from './clouds';
import { mapMsalError } from './errors';
import { notConfiguredMessage, notSignedInMessage } from './types';

export type RestoreRequest = Parameters<ProtocolMap['authRestore']>[0];
export type SignInRequest = Parameters<ProtocolMap['authSignIn']>[0];
export type SignOutRequest = Parameters<ProtocolMap['authSignOut']>[0];
export type GetTokenRequest = Parameters<ProtocolMap['authGetToken']>[0];
export type GetTokenResponse = ReturnType<ProtocolMap['authGetToken']>;

/** What the background (Chrome) or the page itself (Firefox) does for the host. */
export interface MsalHostDeps {
  /** Runs the browser's web-auth flow on `url`; resolves with the final redirect URL; rejects on failure. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string>;
  /** Redirect URI when a request carries none (Firefox: browser.identity.getRedirectURL()). */
  defaultRedirectUri?: () => string;
}

/** The operations a host offers (same shapes as the auth* messages). */
export interface AuthHostApi {
  restore(req: RestoreRequest): Promise<SignInResult | null>;
  signIn(req: SignInRequest): Promise<SignInResult>;
  signOut(req: SignOutRequest): Promise<void>;
  getToken(req: GetTokenRequest): Promise<GetTokenResponse>;
}

/**
 * A host-side failure in MSAL's shape, so mapMsalError reads it like any MSAL error: by its
 * code, which the user sees worded (lib/auth/errors.ts); the message is for the log.
 */
class HostAuthError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostAuthError';
  }
}

/** After a failed silent re-authentication, do not launch another one for this long. */
const REAUTH_COOLDOWN_MS = 60_000;

const TENANT_RE = /^[0-9a-z][0-9a-z.-]{0,252}$/i;

export function toAccountHint(account: AccountInfo): AccountHint {
  return {
    username: account.username,
    name: account.name ?? null,
    homeAccountId: account.homeAccountId,
    tenantId: account.tenantId,
  };
}

function originOf(authority: string): string {
  return new URL(authority).origin;
}

function signInFailure(f: TokenFailure): SignInResult {
  return { ok: false, code: f.code, error: f.message };
}

export class MsalHost implements AuthHostApi {
  private client: Promise<PublicClientApplication> | null = null;
  private clientKey = '';
  /** Set while a redirect request is being prepared: receives the authorize URL. */
  private capture: ((url: string) => void) | null = null;
  /** Serialises redirect flows (MSAL keeps one "interaction in progress" flag). */
  private chain: Promise<unknown> = Promise.resolve();
  private interactiveOpen = false;
  private reauthInFlight: Promise<SignInResult> | null = null;
  private lastReauthFailure: { at: number; result: SignInResult } | null = null;

  constructor(private readonly deps: MsalHostDeps) {}

  /** The PublicClientApplication for this app id, cloud and redirect URI (one at a time). */
  private getClient(
    clientId: string,
    loginHost: string,
    redirectUri: string,
  ): Promise<PublicClientApplication> {
    const key = `${clientId}|${loginHost}|${redirectUri}`;
    if (this.client && this.clientKey === key) return this.client;
    const previous = this.client;
    this.clientKey = key;
    this.lastReauthFailure = null;
    this.client = (async () => {
      if (previous) {
        // App id, cloud or redirect changed: the old cache belongs to another app.
        await previous.then((p) => p.clearCache()).catch(() => undefined);
      }
      const config: Configuration = {
        auth: {
          clientId,
          authority: `${loginHost}/organizations`,
          redirectUri,
          postLogoutRedirectUri: null,
          onRedirectNavigate: (url: string) => {
            this.capture?.(url);
            return false; // never navigate this document: the worker opens the URL
          },
        },
        cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
        system: {
          allowPlatformBroker: false,
          loggerOptions: {
            logLevel: LogLevel.Warning,
            piiLoggingEnabled: false,
            loggerCallback: (level, message, containsPii) => {
              if (containsPii) return;
              if (level <= LogLevel.Error) console.error('[tenant-lens msal]', message);
              else console.warn('[tenant-lens msal]', message);
            },
          },
        },
      };
      const pca = new PublicClientApplication(config);
      await pca.initialize();
      return pca;
    })();
    this.client.catch(() => {
      if (this.clientKey === key) {
        this.client = null;
        this.clientKey = '';
      }
    });
    return this.client;
  }

  private redirectUri(given: string | undefined): string {
    const uri = given ?? this.deps.defaultRedirectUri?.();
    if (!uri) throw new HostAuthError('not_configured', 'No redirect URI.');
    return uri;
  }

  /** Runs `fn` after every earlier redirect flow has finished. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * One authorize round trip: MSAL builds the URL (PKCE, state, nonce), we capture it, the
   * web-auth flow opens it, and MSAL redeems the code from the returned hash.
   */
  private async redirectFlow(
    pca: PublicClientApplication,
    request: RedirectRequest,
    interactive: boolean,
  ): Promise<AuthenticationResult> {
    let authorizeUrl: string | undefined;
    this.capture = (url) => {
      authorizeUrl = url;
    };
    try {
      await pca.acquireTokenRedirect(request);
    } finally {
      this.capture = null;
    }
    if (!authorizeUrl)
      throw new HostAuthError('no_authorize_url', 'MSAL produced no authorize URL.');

    let responseUrl: string;
    try {
      responseUrl = await this.deps.launchWebAuthFlow(authorizeUrl, interactive);
    } catch {
      await this.abandonRedirect(pca);
      throw interactive
        ? new HostAuthError('user_cancelled', 'Sign-in was cancelled or the window was closed.')
        : new HostAuthError(
            'interaction_required',
            'Silent sign-in needs the user (no Microsoft session).',
          );
    }
    let hash = '';
    try {
      hash = new URL(responseUrl).hash;
    } catch {
      // handled below
    }
    if (!hash || hash.length < 2) {
      await this.abandonRedirect(pca);
      throw new HostAuthError('no_server_response', 'The sign-in answered without a result.');
    }
    const result = await pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
    if (!result?.account)
      throw new HostAuthError('no_server_response', 'The sign-in answer was not recognised.');
    return result;
  }

  /** Clears MSAL's pending-redirect state after a flow that produced no answer. */
  private async abandonRedirect(pca: PublicClientApplication): Promise<void> {
    // An unrecognised (but unique: MSAL memoises per hash) fragment makes MSAL reset its request cache.
    const marker = `#tenant_lens_abandoned=${Date.now()}${Math.random().toString(36).slice(2)}`;
    await pca
      .handleRedirectPromise({ hash: marker, navigateToLoginRequestUrl: false })
      .catch(() => undefined);
  }

  private findAccount(pca: PublicClientApplication, hint: AccountHint): AccountInfo | null {
    return pca.getAccount({ homeAccountId: hint.homeAccountId }) ?? null;
  }

  /**
   * The account as MSAL wants it for `tenantId`: MSAL looks cached tokens up by the account's
   * `tenantId` (not the request authority), so a customer tenant needs its tenant profile, or,
   * before the first token for that tenant, the home account re-targeted at it (the refresh
   * token is shared across tenants; the answer creates the tenant profile).
   */
  private accountForTenant(
    pca: PublicClientApplication,
    home: AccountInfo,
    tenantId: string,
  ): AccountInfo {
    const profile = pca.getAccount({ homeAccountId: home.homeAccountId, tenantId });
    if (profile) return profile;
    const { idToken: _idToken, idTokenClaims: _claims, ...rest } = home;
    return { ...rest, tenantId };
  }

  /**
   * Re-establishes the session for `hint` without a click: prompt=none + login_hint through the
   * web-auth flow (not MSAL's ssoSilent, whose hidden iframe cannot work in an extension).
   * Single-flight; after a failure, answers the same failure for REAUTH_COOLDOWN_MS.
   */
  private reauthenticate(
    pca: PublicClientApplication,
    hint: AccountHint,
    loginHost: string,
    scopes: string[],
  ): Promise<SignInResult> {
    if (this.reauthInFlight) return this.reauthInFlight;
    const last = this.lastReauthFailure;
    if (last && Date.now() - last.at < REAUTH_COOLDOWN_MS) return Promise.resolve(last.result);
    if (this.interactiveOpen) {
      return Promise.resolve({
        ok: false,
        code: 'interaction_required',
        error: 'A Microsoft sign-in window is open.',
      });
    }
    const run = this.exclusive(async (): Promise<SignInResult> => {
      try {
        const result = await this.redirectFlow(
          pca,
          {
            scopes,
            authority: `${loginHost}/${hint.tenantId}`,
            prompt: 'none',
            loginHint: hint.username,
          },
          false,
        );
        const account = result.account;
        if (account.homeAccountId !== hint.homeAccountId) {
          // The browser's Microsoft session is another user: do not switch identities silently.
          await pca.clearCache({ account }).catch(() => undefined);
          return {
            ok: false,
            code: 'interaction_required',
            error: t('auth_otherAccount'),
          };
        }
        return { ok: true, account: toAccountHint(account) };
      } catch (e) {
        const f = mapMsalError(e);
        // Consent and network problems keep their code; anything else means "a click is needed".
        const code =
          f.code === 'consent_required' ||
          f.code === 'temporarily_unavailable' ||
          f.code === 'not_configured'
            ? f.code
            : 'interaction_required';
        return {
          ok: false,
          code,
          error: code === 'interaction_required' ? t('auth_interactionRequired') : f.message,
        };
      }
    });
    this.reauthInFlight = run
      .then((r) => {
        this.lastReauthFailure = r.ok ? null : { at: Date.now(), result: r };
        return r;
      })
      .finally(() => {
        this.reauthInFlight = null;
      });
    return this.reauthInFlight;
  }

  async restore(req: RestoreRequest): Promise<SignInResult | null> {
    if (!req.clientId) return { ok: false, code: 'not_configured', error: notConfiguredMessage() };
    if (!req.account) return null;
    try {
      const loginHost = originOf(req.authority);
      const pca = await this.getClient(req.clientId, loginHost, this.redirectUri(req.redirectUri));
      const existing = this.findAccount(pca, req.account);
      if (existing) return { ok: true, account: toAccountHint(existing) };
      return await this.reauthenticate(
        pca,
        req.account,
        loginHost,
        req.scopes ?? signInScopes('global'),
      );
    } catch (e) {
      return signInFailure(mapMsalError(e));
    }
  }

  async signIn(req: SignInRequest): Promise<SignInResult> {
    if (!req.clientId) return { ok: false, code: 'not_configured', error: notConfiguredMessage() };
    if (!req.interactive && !req.loginHint)
      return { ok: false, code: 'not_signed_in', error: notSignedInMessage() };
    try {
      const loginHost = originOf(req.authority);
      const pca = await this.getClient(req.clientId, loginHost, this.redirectUri(req.redirectUri));
      const scopes = req.scopes ?? signInScopes('global');
      return await this.exclusive(async () => {
        this.interactiveOpen = req.interactive;
        try {
          const result = await this.redirectFlow(
            pca,
            {
              scopes,
              authority: req.authority,
              prompt: req.interactive ? 'select_account' : 'none',
              ...(req.loginHint ? { loginHint: req.loginHint } : {}),
            },
            req.interactive,
          );
          this.lastReauthFailure = null;
          return { ok: true, account: toAccountHint(result.account) } satisfies SignInResult;
        } finally {
          this.interactiveOpen = false;
        }
      });
    } catch (e) {
      return signInFailure(mapMsalError(e));
    }
  }

  async signOut(_req: SignOutRequest): Promise<void> {
    this.lastReauthFailure = null;
    const client = this.client;
    if (!client) return;
    const pca = await client.catch(() => null);
    if (!pca) return;
    // Clears every account, token and pending request of this app in this document.
    await pca.clearCache();
  }

  async getToken(req: GetTokenRequest): Promise<GetTokenResponse> {
    const fail = (code: string, message: string): GetTokenResponse => ({
      ok: false,
      failure: { code, message },
    });
    if (!req.clientId) return fail('not_configured', notConfiguredMessage());
    if (!req.account) return fail('not_signed_in', notSignedInMessage());
    if (!TENANT_RE.test(req.tenantId)) return fail('invalid_tenant', t('auth_notATenantId'));
    if (!req.scopes.length) return fail('invalid_scope', t('auth_noScopes'));
    try {
      const pca = await this.getClient(
        req.clientId,
        req.loginHost,
        this.redirectUri(req.redirectUri),
      );
      const homeScopes = req.signInScopes ?? signInScopes('global');
      let reauthenticated = false;
      let account = this.findAccount(pca, req.account);
      if (!account) {
        // A new document (browser restart, closed document): re-establish without a click.
        const r = await this.reauthenticate(pca, req.account, req.loginHost, homeScopes);
        if (!r.ok) return fail(r.code, r.error);
        reauthenticated = true;
        account = this.findAccount(pca, req.account);
        if (!account) return fail('not_signed_in', notSignedInMessage());
      }
      for (;;) {
        try {
          const result = await pca.acquireTokenSilent({
            account: this.accountForTenant(pca, account, req.tenantId),
            scopes: req.scopes,
            authority: `${req.loginHost}/${req.tenantId}`,
            // Cached access token (unless forced), else the refresh token; never the hidden iframe.
            cacheLookupPolicy: req.forceRefresh
              ? CacheLookupPolicy.RefreshToken
              : CacheLookupPolicy.AccessTokenAndRefreshToken,
            ...(req.redirectUri ? { redirectUri: req.redirectUri } : {}),
          });
          return {
            ok: true,
            token: {
              accessToken: result.accessToken,
              expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
            },
          };
        } catch (e) {
          const f = mapMsalError(e);
          if (f.code === 'interaction_required' && !reauthenticated) {
            // E.g. the 24 h SPA refresh token expired (AADSTS700084): a prompt=none round trip renews it.
            const r = await this.reauthenticate(pca, req.account, req.loginHost, homeScopes);
            if (!r.ok) return fail(r.code, r.error);
            reauthenticated = true;
            account = this.findAccount(pca, req.account) ?? account;
            continue;
          }
          return { ok: false, failure: f };
        }
      }
    } catch (e) {
      return { ok: false, failure: mapMsalError(e) };
    }
  }
}
