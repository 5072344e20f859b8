/**
 * The one protocol between the extension's contexts, declared once with request and
 * response types (@webext-core/messaging). Every handler checks its sender with
 * `senderKind` before acting (lib/sender.ts).
 *
 * Who sends what:
 * - portal content script -> background: reportTenantPage, getInsights, refreshTenant, requestSignIn
 * - background -> portal tabs: insightsChanged
 * - popup / options -> background: getStatus, signIn, signOut, refreshAll, acknowledgeAlerts,
 *   unacknowledgeAlerts, snoozeAlerts, forgetAllData, exportData, importData, resolveTenantNow
 * - background <-> auth host (offscreen document on Chrome): auth*
 * Tokens travel only on the auth* messages, which only extension pages can receive
 * (runtime messages never reach content scripts).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { TenantPage } from './portal/types';
import type { ExtensionStatus, TenantInsights } from './insights/types';
import type { AccountHint } from './settings';

/** Result of an interactive or silent sign-in. */
export type SignInResult =
  | { ok: true; account: AccountHint }
  | { ok: false; error: string; code: string };

/** An access token for one tenant (auth host -> background only). */
export interface AccessTokenResult {
  accessToken: string;
  /** Epoch ms. */
  expiresOn: number;
}

/** Why a token could not be had. */
export interface TokenFailure {
  /** 'interaction_required' | 'consent_required' | 'not_signed_in' | 'not_configured' | other MSAL code */
  code: string;
  message: string;
}

export interface ProtocolMap {
  // --- portal content script -> background
  /** Store the page read (observation), resolve its tenant; answers its insights. */
  reportTenantPage(page: TenantPage): TenantInsights;
  /**
   * The insights for a Syncro tenant page already reported. `lastKnown`: the ones the
   * background last built for it will do (a page's first look, until its report is answered).
   */
  getInsights(req: { syncroKey: string; lastKnown?: boolean }): TenantInsights;
  /** Poll this page's tenant now. */
  refreshTenant(req: { syncroKey: string }): { started: boolean; reason?: string };
  /** Open the options page (a portal page cannot link to chrome-extension:// pages). */
  openOptions(): void;
  /** Start the interactive Microsoft sign-in (from a panel's call to action). */
  requestSignIn(): SignInResult;

  // --- background -> portal tabs
  /** Data for a tenant changed; the tab asks again with getInsights. */
  insightsChanged(req: { syncroKey: string | null }): void;

  // --- popup / options -> background
  getStatus(): ExtensionStatus;
  signIn(): SignInResult;
  signOut(): void;
  /** Poll every known tenant now. */
  refreshAll(): { started: boolean; reason?: string };
  acknowledgeAlerts(req: { ids: string[] }): { changed: number };
  unacknowledgeAlerts(req: { ids: string[] }): { changed: number };
  snoozeAlerts(req: { ids: string[]; days: 7 | 14 | 30; reason: string }): { changed: number };
  /** Delete tenants, snapshots, observations and alerts, and sign out. Settings stay unless `settings`. */
  forgetAllData(req: { settings: boolean }): void;
  /** Settings and acknowledgements as JSON (see lib/backup-file.ts). */
  exportData(): string;
  /** Validate and apply an exported file; nothing changes when it is invalid. */
  importData(req: { json: string }): { ok: true; settings: number; acknowledgements: number } | { ok: false; error: string };

  // --- background -> auth host
  /** Make sure MSAL is initialised and the session re-established when possible. */
  authRestore(req: {
    clientId: string;
    authority: string;
    account: AccountHint | null;
    /** chrome.identity.getRedirectURL(), computed in the worker (added by lib/auth). */
    redirectUri?: string;
    /** Scopes of the sign-in, e.g. openid profile offline_access <graph>/.default (added by lib/auth). */
    scopes?: string[];
  }): SignInResult | null;
  authSignIn(req: {
    clientId: string;
    authority: string;
    interactive: boolean;
    loginHint?: string;
    /** As in authRestore (added by lib/auth). */
    redirectUri?: string;
    /** As in authRestore (added by lib/auth). */
    scopes?: string[];
  }): SignInResult;
  authSignOut(req: { clientId: string; authority: string }): void;
  authGetToken(req: {
    clientId: string;
    /** Sign-in host, e.g. https://login.microsoftonline.com */
    loginHost: string;
    tenantId: string;
    scopes: string[];
    account: AccountHint;
    /** As in authRestore (added by lib/auth). */
    redirectUri?: string;
    /** Scopes used if the session must be re-established with prompt=none (added by lib/auth). */
    signInScopes?: string[];
    /** Skip the cached access token, redeem the refresh token (added by lib/auth). */
    forceRefresh?: boolean;
  }): { ok: true; token: AccessTokenResult } | { ok: false; failure: TokenFailure };

  // --- auth host -> background (chrome.identity exists only in the worker)
  authLaunchWebAuthFlow(req: { url: string; interactive: boolean }): { ok: true; responseUrl: string } | { ok: false; error: string };
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
