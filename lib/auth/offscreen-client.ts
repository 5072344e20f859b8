/**
 * Chrome: the background's side of the offscreen auth host. Creates the offscreen document on
 * demand (single-flight: concurrent callers share one check-and-create; recreated when it is
 * gone) and sends it the auth* messages.
 */
import { sendMessage } from '../messaging';
import type {
  AuthHostApi,
  GetTokenRequest,
  GetTokenResponse,
  RestoreRequest,
  SignInRequest,
  SignOutRequest,
} from './msal-host';
import type { SignInResult } from './types';

export const OFFSCREEN_PATH = 'offscreen.html';

/** What the client needs from chrome.offscreen / chrome.runtime (a fake in unit tests). */
export interface OffscreenDeps {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  closeDocument(): Promise<void>;
}

export const chromeOffscreenDeps: OffscreenDeps = {
  async hasDocument() {
    const url = chrome.runtime.getURL(OFFSCREEN_PATH);
    const contexts = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [url],
    });
    return contexts.length > 0;
  },
  async createDocument() {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      // MSAL.js needs a DOM window and Web Storage (its token cache), which the service worker lacks.
      reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
      justification:
        'Runs the Microsoft Authentication Library (MSAL.js), which needs a DOM window and Web Storage for its token cache.',
    });
  },
  async closeDocument() {
    await chrome.offscreen.closeDocument();
  },
};

export class OffscreenDocument {
  private inflight: Promise<boolean> | null = null;

  constructor(private readonly deps: OffscreenDeps = chromeOffscreenDeps) {}

  /** Makes sure the document exists; resolves true when this call created it. */
  ensure(): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = (async () => {
        if (await this.deps.hasDocument()) return false;
        try {
          await this.deps.createDocument();
        } catch (e) {
          // Created meanwhile by another context of ours (e.g. a second worker instance).
          if (/single offscreen|already exists/i.test(String((e as Error)?.message ?? e)))
            return false;
          throw e;
        }
        return true;
      })().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  exists(): Promise<boolean> {
    return this.deps.hasDocument();
  }

  async close(): Promise<void> {
    if (await this.deps.hasDocument()) await this.deps.closeDocument();
  }
}

/** Errors that mean "nobody listened": the document is gone or still loading. */
function isNoReceiver(e: unknown): boolean {
  return /Receiving end does not exist|No response|message port closed|Could not establish connection/i.test(
    String((e as Error)?.message ?? e),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Send = typeof sendMessage;

/** AuthHostApi over messages to the offscreen document. */
export class OffscreenHostClient implements AuthHostApi {
  constructor(
    private readonly doc: OffscreenDocument = new OffscreenDocument(),
    private readonly send: Send = sendMessage,
  ) {}

  /** Ensures the document, sends, and retries a few times when nobody answered. */
  private async call<R>(fn: () => Promise<R>): Promise<R> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      await this.doc.ensure();
      try {
        return await fn();
      } catch (e) {
        if (!isNoReceiver(e)) throw e;
        lastError = e;
        await sleep(50 * (attempt + 1));
      }
    }
    throw lastError;
  }

  restore(req: RestoreRequest): Promise<SignInResult | null> {
    return this.call(() => this.send('authRestore', req));
  }
  signIn(req: SignInRequest): Promise<SignInResult> {
    return this.call(() => this.send('authSignIn', req));
  }
  async signOut(req: SignOutRequest): Promise<void> {
    // No document: MSAL's cache is already gone.
    if (!(await this.doc.exists())) return;
    await this.send('authSignOut', req).catch((e) => {
      if (!isNoReceiver(e)) throw e;
    });
  }
  getToken(req: GetTokenRequest): Promise<GetTokenResponse> {
    return this.call(() => this.send('authGetToken', req));
  }
}
