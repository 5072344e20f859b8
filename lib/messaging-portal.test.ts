/**
 * The portal's side of the protocol speaks @webext-core/messaging's wire format: its requests
 * reach the background's handlers (lib/messaging.ts) and their answers and errors come back;
 * the background's insightsChanged reaches its listener and gets the answer @webext-core's
 * own listener would give.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage as backgroundOnMessage, removeAllListeners } from './messaging';
import { onMessage, sendMessage } from './messaging-portal';

beforeEach(() => {
  fakeBrowser.reset();
  removeAllListeners();
});

describe('portal requests', () => {
  it('reach the handler with their data and resolve with its answer', async () => {
    const seen: unknown[] = [];
    backgroundOnMessage('refreshTenant', ({ data }) => {
      seen.push(data);
      return { started: true };
    });
    await expect(sendMessage('refreshTenant', { syncroKey: 'acme/1' })).resolves.toEqual({
      started: true,
    });
    expect(seen).toEqual([{ syncroKey: 'acme/1' }]);
  });

  it("reject with the handler's error message", async () => {
    backgroundOnMessage('getInsights', async () => {
      throw new Error('Refused: message from foreign sender');
    });
    await expect(sendMessage('getInsights', { syncroKey: 'acme/1' })).rejects.toThrow(
      'Refused: message from foreign sender',
    );
  });

  it('reject when no handler answers', async () => {
    // A listener is there (the browser would say "no receiver" otherwise), not for this type.
    backgroundOnMessage('refreshAll', () => ({ started: false }));
    await expect(sendMessage('openOptions', undefined)).rejects.toThrow('No response');
  });
});

/** Delivers a message as the browser does: message, sender, sendResponse. */
const deliver = fakeBrowser.runtime.onMessage.trigger as unknown as (
  message: unknown,
  sender: unknown,
  sendResponse: unknown,
) => Promise<unknown>;

describe('insightsChanged', () => {
  const message = (data: unknown, type = 'insightsChanged') => ({
    id: 7,
    type,
    data,
    timestamp: Date.now(),
  });

  it('calls the listener with the data and the sender, and answers { res }', async () => {
    const cb = vi.fn();
    onMessage('insightsChanged', cb);
    const sendResponse = vi.fn();
    const sender = { id: fakeBrowser.runtime.id };
    await deliver(message({ syncroKey: 'acme/1' }), sender, sendResponse);
    expect(cb).toHaveBeenCalledWith({ data: { syncroKey: 'acme/1' }, sender });
    expect(sendResponse).toHaveBeenCalledWith({ res: undefined });
  });

  it("answers { err } with the listener's error (a refused sender)", async () => {
    onMessage('insightsChanged', () => {
      throw new Error('Refused: message from foreign sender');
    });
    const sendResponse = vi.fn();
    await deliver(message({ syncroKey: null }), {}, sendResponse);
    expect(sendResponse).toHaveBeenCalledWith({
      err: { name: 'Error', message: 'Refused: message from foreign sender' },
    });
  });

  it('ignores other messages and stops after unsubscribing', async () => {
    const cb = vi.fn();
    const off = onMessage('insightsChanged', cb);
    const sendResponse = vi.fn();
    await deliver(message({}, 'getStatus'), {}, sendResponse);
    await deliver({ type: 'insightsChanged' }, {}, sendResponse);
    off();
    await deliver(message({ syncroKey: null }), {}, sendResponse);
    expect(cb).not.toHaveBeenCalled();
    expect(sendResponse).not.toHaveBeenCalled();
  });
});
