/**
 * The portal content script's side of the one protocol (lib/messaging.ts): its requests to the
 * background and the one message the background sends it, over the same wire format as
 * @webext-core/messaging (`{ id, type, data, timestamp }`, answered `{ res }` or `{ err }`),
 * typed by the same `ProtocolMap`.
 *
 * Why not @webext-core/messaging here: with webextension-polyfill and serialize-error it is
 * about a sixth of the content script, which must stay small on every portal page; the two
 * APIs it needs (`runtime.sendMessage`, `runtime.onMessage`) are native and promise-based in
 * every MV3 browser. messaging-portal.test.ts checks both directions against @webext-core.
 */
import { browser } from 'wxt/browser';
import type { ProtocolMap } from './messaging';

/** What a portal content script may ask the background. */
export type PortalRequest =
  | 'reportTenantPage'
  | 'getInsights'
  | 'refreshTenant'
  | 'openOptions'
  | 'requestSignIn';

type DataOf<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type AnswerOf<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** A serialized error as @webext-core/messaging sends it (serialize-error). */
interface WireError {
  name?: string;
  message?: string;
}

let nextId = Math.floor(Math.random() * 10_000);

/** Sends a request to the background; rejects with the handler's error. */
export async function sendMessage<K extends PortalRequest>(
  type: K,
  data: DataOf<K>,
): Promise<AnswerOf<K>> {
  const answer = (await browser.runtime.sendMessage({
    id: nextId++,
    type,
    data,
    timestamp: Date.now(),
  })) as { res?: AnswerOf<K>; err?: WireError } | undefined;
  const err = answer ? answer.err : { message: 'No response' };
  if (err != null) {
    const e = new Error(err.message);
    if (err.name) e.name = err.name;
    throw e;
  }
  return answer?.res as AnswerOf<K>;
}

/** The message's sender, as the browser gives it. */
type Sender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

/**
 * Listens for `insightsChanged` from the background; `cb` may throw (e.g. a sender check), and
 * the background then gets the error, as with @webext-core/messaging. Returns the unsubscribe.
 */
export function onMessage(
  type: 'insightsChanged',
  cb: (message: { data: DataOf<'insightsChanged'>; sender: Sender }) => void,
): () => void {
  const listener = (
    message: unknown,
    sender: Sender,
    sendResponse: (answer: unknown) => void,
  ): undefined => {
    const m = message as { type?: unknown; timestamp?: unknown; data?: unknown } | null;
    if (!m || m.type !== type || typeof m.timestamp !== 'number') return;
    try {
      cb({ data: m.data as DataOf<'insightsChanged'>, sender });
      sendResponse({ res: undefined });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      sendResponse({ err: { name: err.name, message: err.message } });
    }
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
