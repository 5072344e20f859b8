import { describe, expect, it, vi } from 'vitest';
import {
  type OffscreenDeps,
  OffscreenDocument,
  OffscreenHostClient,
} from '../../lib/auth/offscreen-client';

/** A fake chrome.offscreen: one document at most, creation takes a few ticks. */
function fakeOffscreen(opts: { createDelayMs?: number; failFirstCreate?: Error } = {}) {
  let exists = false;
  let failNext = opts.failFirstCreate;
  const deps: OffscreenDeps & { calls: { has: number; create: number; close: number } } = {
    calls: { has: 0, create: 0, close: 0 },
    async hasDocument() {
      deps.calls.has++;
      await Promise.resolve();
      return exists;
    },
    async createDocument() {
      deps.calls.create++;
      await new Promise((r) => setTimeout(r, opts.createDelayMs ?? 5));
      if (failNext) {
        const e = failNext;
        failNext = undefined;
        throw e;
      }
      if (exists) throw new Error('Only a single offscreen document may be created.');
      exists = true;
    },
    async closeDocument() {
      deps.calls.close++;
      exists = false;
    },
  };
  return { deps, isOpen: () => exists, close: () => (exists = false) };
}

describe('OffscreenDocument.ensure', () => {
  it('creates the document once for many concurrent callers', async () => {
    const fake = fakeOffscreen({ createDelayMs: 20 });
    const doc = new OffscreenDocument(fake.deps);
    const results = await Promise.all(Array.from({ length: 10 }, () => doc.ensure()));
    expect(fake.deps.calls.create).toBe(1);
    expect(results).toEqual(Array(10).fill(true)); // all shared the one creation
    expect(fake.isOpen()).toBe(true);
  });

  it('does not create when the document exists (e.g. after a worker restart)', async () => {
    const fake = fakeOffscreen();
    await new OffscreenDocument(fake.deps).ensure();
    const fresh = new OffscreenDocument(fake.deps); // a restarted worker: new module state
    expect(await fresh.ensure()).toBe(false);
    expect(fake.deps.calls.create).toBe(1);
  });

  it('recreates the document when it is gone', async () => {
    const fake = fakeOffscreen();
    const doc = new OffscreenDocument(fake.deps);
    await doc.ensure();
    fake.close(); // closed by the browser, or chrome.offscreen.closeDocument()
    expect(await doc.ensure()).toBe(true);
    expect(fake.deps.calls.create).toBe(2);
  });

  it('treats "only a single offscreen document" as success, and retries after other failures', async () => {
    const single = fakeOffscreen({
      failFirstCreate: new Error('Only a single offscreen document may be created.'),
    });
    expect(await new OffscreenDocument(single.deps).ensure()).toBe(false);

    const failing = fakeOffscreen({ failFirstCreate: new Error('boom') });
    const doc = new OffscreenDocument(failing.deps);
    await expect(doc.ensure()).rejects.toThrow('boom');
    expect(await doc.ensure()).toBe(true); // the failed attempt did not stick
  });
});

describe('OffscreenHostClient', () => {
  const req = {
    clientId: 'c',
    loginHost: 'https://login.microsoftonline.com',
    tenantId: 't',
    scopes: ['https://graph.microsoft.com/.default'],
    account: { username: 'u', name: null, homeAccountId: 'h', tenantId: 'p' },
  };

  it('ensures the document before sending, and retries when nobody answered yet', async () => {
    const fake = fakeOffscreen();
    const send = vi
      .fn()
      .mockRejectedValueOnce(
        new Error('Could not establish connection. Receiving end does not exist.'),
      )
      .mockResolvedValueOnce({ ok: true, token: { accessToken: 'x', expiresOn: 1 } });
    const client = new OffscreenHostClient(new OffscreenDocument(fake.deps), send as never);
    const res = await client.getToken(req);
    expect(res.ok).toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[0]?.[0]).toBe('authGetToken');
    expect(fake.deps.calls.create).toBe(1);
  });

  it('does not retry other errors', async () => {
    const fake = fakeOffscreen();
    const send = vi
      .fn()
      .mockRejectedValue(new Error('Refused: auth host messages come from the background only'));
    const client = new OffscreenHostClient(new OffscreenDocument(fake.deps), send as never);
    await expect(client.getToken(req)).rejects.toThrow('Refused');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('signOut does not create a document just to clear it', async () => {
    const fake = fakeOffscreen();
    const send = vi.fn();
    const client = new OffscreenHostClient(new OffscreenDocument(fake.deps), send as never);
    await client.signOut({
      clientId: 'c',
      authority: 'https://login.microsoftonline.com/organizations',
    });
    expect(send).not.toHaveBeenCalled();
    expect(fake.deps.calls.create).toBe(0);
  });
});
