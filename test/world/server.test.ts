import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, MICROSOFT_TENANTS, PARTNER_TENANT } from './catalogue';
import { issueAccessToken } from './identity/index';
import { type RunningWorld, serviceOf, startWorld } from './server';
import { type LoggedRequest, setFaults } from './state';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request to the world as Chromium makes it: TCP to 127.0.0.1:PORT, real Host and SNI. */
function call(
  world: RunningWorld,
  host: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const isIp = /^[\d.]+$/.test(host);
    const req = request(
      {
        host: '127.0.0.1',
        port: world.port,
        method,
        path,
        servername: isIp ? undefined : host,
        rejectUnauthorized: false,
        headers: {
          host,
          ...(opts.body ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let world: RunningWorld;
beforeAll(async () => {
  world = await startWorld({ port: 0 });
});
afterAll(async () => {
  await world?.close();
});

describe('startWorld', () => {
  it('listens on a free port and tells Chromium how to reach it', () => {
    expect(world.port).toBeGreaterThan(0);
    expect(world.url).toBe(`https://127.0.0.1:${world.port}`);
    for (const host of [
      '*.syncromsp.com',
      'login.microsoftonline.com',
      'graph.microsoft.com',
      'login.microsoftonline.us',
      'microsoftgraph.chinacloudapi.cn',
    ])
      expect(world.hostResolverRules).toContain(`MAP ${host} 127.0.0.1:${world.port}`);
    expect(world.chromiumFlags).toEqual([
      `--host-resolver-rules=${world.hostResolverRules}`,
      '--ignore-certificate-errors',
    ]);
    expect(serviceOf('acme.shield.syncromsp.com')).toBe('portal');
    expect(serviceOf('LOGIN.microsoftonline.com')).toBe('identity');
    expect(serviceOf('dod-graph.microsoft.us')).toBe('graph');
    expect(serviceOf('localhost')).toBe('control');
    expect(serviceOf('example.com')).toBe('unknown');
  });

  it('answers the identity platform by Host over real HTTPS, and logs the request', async () => {
    const since = Date.now();
    const res = await call(
      world,
      'login.microsoftonline.com',
      'GET',
      '/fabrikam.com/v2.0/.well-known/openid-configuration',
    );
    expect(res.status).toBe(200);
    const fabrikam = MICROSOFT_TENANTS[0]!;
    expect(JSON.parse(res.body).issuer).toBe(
      `https://login.microsoftonline.com/${fabrikam.id}/v2.0`,
    );
    expect(res.headers.connection).toBe('keep-alive');

    const log = JSON.parse(
      (await call(world, '127.0.0.1', 'GET', `/__world/log?since=${since}`)).body,
    ) as LoggedRequest[];
    expect(log).toContainEqual(
      expect.objectContaining({
        host: 'login.microsoftonline.com',
        method: 'GET',
        path: '/fabrikam.com/v2.0/.well-known/openid-configuration',
        status: 200,
      }),
    );
    // The control API does not log itself.
    expect(log.some((e) => e.path.startsWith('/__world'))).toBe(false);
  });

  it('runs the code + PKCE flow over HTTPS with the extension origin', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const q = new URLSearchParams({
      client_id: DEMO_CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default openid profile offline_access',
      redirect_uri: REDIRECT,
      response_mode: 'fragment',
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      nonce: 'n1',
      state: 'st',
      client_info: '1',
    });
    const auth = await call(
      world,
      'login.microsoftonline.com',
      'GET',
      `/organizations/oauth2/v2.0/authorize?${q}`,
    );
    expect(auth.status).toBe(302);
    const setCookie = auth.headers['set-cookie'];
    expect(String(setCookie)).toMatch(/ESTSAUTH=.*Secure.*SameSite=None/);
    const location = String(auth.headers.location);
    const code = new URLSearchParams(location.slice(location.indexOf('#') + 1)).get('code')!;

    const pre = await call(
      world,
      'login.microsoftonline.com',
      'OPTIONS',
      '/organizations/oauth2/v2.0/token',
      {
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-anchormailbox',
        },
      },
    );
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);

    const form = new URLSearchParams({
      client_id: DEMO_CLIENT_ID,
      redirect_uri: REDIRECT,
      code,
      code_verifier: verifier,
      grant_type: 'authorization_code',
    });
    const tok = await call(
      world,
      'login.microsoftonline.com',
      'POST',
      '/organizations/oauth2/v2.0/token?client-request-id=11111111-2222-4333-8444-555555555555',
      {
        headers: {
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        },
        body: form.toString(),
      },
    );
    expect(tok.status).toBe(200);
    expect(tok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(tok.headers['client-request-id']).toBe('11111111-2222-4333-8444-555555555555');
    const b = JSON.parse(tok.body);
    const v = world.core.signer.verify(b.access_token, Math.floor(Date.now() / 1000));
    expect(v.ok && v.claims.tid).toBe(PARTNER_TENANT.id);
  });

  it('answers HEAD without a body and unknown hosts with 421', async () => {
    const head = await call(
      world,
      'login.microsoftonline.com',
      'HEAD',
      '/common/v2.0/.well-known/openid-configuration',
    );
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    const unknown = await call(world, 'example.com', 'GET', '/');
    expect(unknown.status).toBe(421);
  });

  it('control API: faults, identity knobs, log clearing, index page', async () => {
    const put = await call(world, '127.0.0.1', 'PUT', '/__world/faults', {
      body: JSON.stringify({ latencyMs: 5, rate: 0.5, kinds: ['503'] }),
    });
    expect(put.status).toBe(200);
    expect(world.core.faults).toMatchObject({
      latencyMs: 5,
      rate: 0.5,
      kinds: ['503'],
      retryAfterSeconds: 1,
    });
    expect(
      JSON.parse((await call(world, 'localhost', 'GET', '/__world/faults')).body),
    ).toMatchObject({ latencyMs: 5, rate: 0.5 });
    // Latency applies to identity answers; they still succeed.
    expect(
      (
        await call(
          world,
          'login.microsoftonline.com',
          'GET',
          '/common/v2.0/.well-known/openid-configuration',
        )
      ).status,
    ).toBe(200);
    await call(world, '127.0.0.1', 'PUT', '/__world/faults', { body: '{}' });
    expect(world.core.faults.rate).toBe(0);
    expect(
      (await call(world, '127.0.0.1', 'PUT', '/__world/faults', { body: '{nope' })).status,
    ).toBe(400);

    const woodgrove = MICROSOFT_TENANTS.find((t) => !t.consented)!;
    const idPut = await call(world, '127.0.0.1', 'PUT', '/__world/identity', {
      body: JSON.stringify({
        authorizeOutcome: 'access_denied',
        consent: { 'woodgrovebank.com': true },
        roles: { [woodgrove.id]: ['Global Reader'] },
      }),
    });
    expect(idPut.status).toBe(200);
    expect(world.identity.authorizeOutcome).toBe('access_denied');
    expect(world.identity.isConsented(woodgrove.id)).toBe(true);
    expect(world.identity.rolesFor(woodgrove.id)).toEqual(['Global Reader']);
    expect(
      (
        await call(world, '127.0.0.1', 'PUT', '/__world/identity', {
          body: JSON.stringify({ authorizeOutcome: 'maybe' }),
        })
      ).status,
    ).toBe(400);
    await call(world, '127.0.0.1', 'PUT', '/__world/identity', {
      body: JSON.stringify({ authorizeOutcome: 'approve', consent: { [woodgrove.id]: false } }),
    });

    const expired = await call(
      world,
      '127.0.0.1',
      'POST',
      '/__world/identity/expire-refresh-tokens',
    );
    expect(expired.status).toBe(200);
    expect(JSON.parse(expired.body).expired).toBeGreaterThanOrEqual(1);
    const ended = await call(world, '127.0.0.1', 'POST', '/__world/identity/end-session');
    expect(JSON.parse(ended.body).ended).toBeGreaterThanOrEqual(1);
    expect([...world.identity.sessions.values()].every((s) => !s.alive)).toBe(true);

    await call(world, '127.0.0.1', 'PUT', '/__world/identity', {
      body: JSON.stringify({ roles: { 'litware.onmicrosoft.com': [] } }),
    });
    expect(world.identity.rolesFor('litware.onmicrosoft.com')).toEqual([]);
    expect((await call(world, '127.0.0.1', 'POST', '/__world/identity/reset')).status).toBe(200);
    expect(world.identity.rolesFor('litware.onmicrosoft.com')).toEqual(['Directory Readers']);

    const clock = await call(world, '127.0.0.1', 'PUT', '/__world/clock', {
      body: JSON.stringify({ offsetMs: 25 * 3600 * 1000 }),
    });
    expect(JSON.parse(clock.body).offsetMs).toBe(25 * 3600 * 1000);
    expect(world.core.now() - Date.now()).toBeGreaterThan(24 * 3600 * 1000);
    await call(world, '127.0.0.1', 'PUT', '/__world/clock', {
      body: JSON.stringify({ offsetMs: 0 }),
    });

    expect((await call(world, '127.0.0.1', 'DELETE', '/__world/log')).status).toBe(204);
    expect(JSON.parse((await call(world, '127.0.0.1', 'GET', '/__world/log')).body)).toEqual([]);

    const index = await call(world, '127.0.0.1', 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toMatch(/href="https:\/\/[a-z0-9-]+\.syncromsp\.com\//);
  });

  it('routes *.syncromsp.com (and *.shield.syncromsp.com) to the portal replica', async () => {
    for (const host of ['acme.syncromsp.com', 'acme.shield.syncromsp.com']) {
      const res = await call(world, host, 'GET', '/tenants/fabrikam');
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/text\/html/);
      expect(world.core.log.at(-1)).toMatchObject({
        host,
        method: 'GET',
        path: '/tenants/fabrikam',
        status: 200,
      });
    }
  });

  it('routes graph.microsoft.com to the Graph emulator and logs tenant and fault', async () => {
    const fabrikam = MICROSOFT_TENANTS[0]!;
    const anonymous = await call(world, 'graph.microsoft.com', 'GET', '/v1.0/organization');
    expect(anonymous.status).toBe(401);

    const token = issueAccessToken(world.identity, world.core, fabrikam.id);
    const auth = { authorization: `Bearer ${token}` };
    const ok = await call(world, 'graph.microsoft.com', 'GET', '/v1.0/organization', {
      headers: auth,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-world-tenant']).toBeUndefined();
    expect(world.core.log.filter((e) => !e.inBatch).at(-1)).toMatchObject({
      host: 'graph.microsoft.com',
      path: '/v1.0/organization',
      status: 200,
      tenantId: fabrikam.id,
    });

    setFaults(world.core, { rate: 1, kinds: ['503'], retryAfterSeconds: 7 });
    const failed = await call(world, 'graph.microsoft.com', 'GET', '/v1.0/organization', {
      headers: auth,
    });
    expect(failed.status).toBe(503);
    expect(failed.headers['x-world-fault']).toBeUndefined();
    expect(world.core.log.at(-1)).toMatchObject({
      status: 503,
      fault: '503',
      tenantId: fabrikam.id,
    });

    // A 'timeout' fault hangs, then the server drops the connection.
    setFaults(world.core, { rate: 1, kinds: ['timeout'], timeoutMs: 20 });
    await expect(
      call(world, 'graph.microsoft.com', 'GET', '/v1.0/organization', { headers: auth }),
    ).rejects.toThrow();
    expect(world.core.log.at(-1)).toMatchObject({ fault: 'timeout', tenantId: fabrikam.id });
    setFaults(world.core, {});
  });

  it('close() stops answering', async () => {
    const w = await startWorld();
    const port = w.port;
    expect(
      (
        await call(
          w,
          'login.microsoftonline.com',
          'GET',
          '/common/v2.0/.well-known/openid-configuration',
        )
      ).status,
    ).toBe(200);
    await w.close();
    await expect(call({ ...w, port }, 'login.microsoftonline.com', 'GET', '/')).rejects.toThrow();
  });
});
