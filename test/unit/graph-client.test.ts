/**
 * The Graph client against a scripted fake of Graph's HTTP answers (written here, no network):
 * batching, paging, retries, token refresh and classification.
 */
import { describe, expect, it, vi } from 'vitest';
import { createGraphClient, type GraphClientOptions, TokenError } from '../../lib/graph';
import type { SourceId } from '../../lib/graph/types';
import { ALL_SOURCES } from '../../lib/settings';

const TENANT = '11111111-2222-4333-8444-555555555555';
const GRAPH = 'https://graph.microsoft.com';

interface SubReq {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
}
interface SubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** Graph's answers to each endpoint, for a healthy tenant. */
function healthy(req: SubReq): SubAnswer {
  const path = req.url.split('?')[0] as string;
  const query = decodeURIComponent(req.url.split('?')[1] ?? '');
  const page = (value: unknown[]) => ({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { value },
  });
  switch (path) {
    case '/organization':
      return page([
        {
          id: TENANT,
          displayName: 'Fabrikam',
          verifiedDomains: [{ name: 'fabrikam.com', isDefault: true }],
        },
      ]);
    case '/security/secureScores':
      return page([
        {
          id: 'a',
          createdDateTime: '2026-12-02T00:00:00Z',
          currentScore: 40,
          maxScore: 80,
          averageComparativeScores: [],
          controlScores: [],
        },
        {
          id: 'b',
          createdDateTime: '2026-12-03T00:00:00Z',
          currentScore: 42,
          maxScore: 80,
          averageComparativeScores: [{ basis: 'AllTenants', averageScore: 50 }],
          controlScores: [],
        },
      ]);
    case '/security/secureScoreControlProfiles':
      return page([
        {
          id: 'MFARegistrationV2',
          title: 'Require MFA',
          maxScore: 9,
          rank: 1,
          actionUrl: 'https://x',
          implementationCost: 'Low',
          userImpact: 'Low',
          tier: 'Core',
          controlCategory: 'Identity',
          service: 'AzureAD',
          deprecated: false,
        },
      ]);
    case '/users/$count': {
      if (req.headers?.ConsistencyLevel !== 'eventual')
        return {
          status: 400,
          body: { error: { code: 'Request_UnsupportedQuery', message: 'ConsistencyLevel' } },
        };
      const n = query.includes("userType eq 'Guest'")
        ? 3
        : query.includes('accountEnabled eq false')
          ? 2
          : query.includes('assignedLicenses')
            ? 7
            : 12;
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: n };
    }
    case '/subscribedSkus':
      return page([
        {
          skuId: 's1',
          skuPartNumber: 'SPE_E5',
          capabilityStatus: 'Enabled',
          consumedUnits: 7,
          prepaidUnits: { enabled: 10, suspended: 0, warning: 0, lockedOut: 0 },
        },
      ]);
    case '/security/alerts_v2':
      return page([
        {
          id: 'al1',
          title: 'Suspicious sign-in',
          severity: 'high',
          status: 'new',
          createdDateTime: '2026-12-03T01:00:00Z',
        },
        {
          id: 'al2',
          title: 'Old',
          severity: 'low',
          status: 'resolved',
          createdDateTime: '2026-11-03T01:00:00Z',
        },
      ]);
    case '/informationProtection/bitlocker/recoveryKeys':
      return page([
        {
          id: 'k1',
          createdDateTime: '2026-01-01T00:00:00Z',
          volumeType: 'operatingSystemVolume',
          deviceId: 'd1',
        },
      ]);
    case '/deviceManagement/managedDevices':
      return page([
        {
          id: 'm1',
          deviceName: 'PC1',
          operatingSystem: 'Windows',
          isEncrypted: true,
          azureADDeviceId: 'd1',
          userPrincipalName: 'a@f.com',
          lastSyncDateTime: '2026-12-01T00:00:00Z',
        },
        {
          id: 'm2',
          deviceName: 'iPhone',
          operatingSystem: 'iOS',
          isEncrypted: true,
          azureADDeviceId: 'd2',
          userPrincipalName: 'a@f.com',
          lastSyncDateTime: '2026-12-01T00:00:00Z',
        },
      ]);
    case "/reports/getMailboxUsageDetail(period='D7')":
      return page([
        {
          userPrincipalName: 'a@f.com',
          displayName: 'A',
          storageUsedInBytes: 10,
          issueWarningQuotaInBytes: 100,
          prohibitSendQuotaInBytes: 110,
          prohibitSendReceiveQuotaInBytes: 120,
        },
      ]);
    case "/reports/getOneDriveUsageAccountDetail(period='D7')":
      return page([
        { ownerPrincipalName: 'a@f.com', storageUsedInBytes: 5, storageAllocatedInBytes: 50 },
      ]);
    case '/reports/authenticationMethods/userRegistrationDetails':
      return page([
        {
          id: 'u1',
          userPrincipalName: 'a@f.com',
          isMfaRegistered: true,
          isAdmin: false,
          userType: 'member',
        },
      ]);
    case '/identityProtection/riskyUsers':
      return page([
        {
          id: 'u1',
          userPrincipalName: 'a@f.com',
          riskLevel: 'medium',
          riskState: 'atRisk',
          riskLastUpdatedDateTime: '2026-12-01T00:00:00Z',
        },
      ]);
    default:
      return {
        status: 404,
        body: { error: { code: 'Request_ResourceNotFound', message: `no ${path}` } },
      };
  }
}

/**
 * A fake fetch for Graph: `$batch` envelopes are answered sub-request by sub-request through
 * `sub` (default: healthy); `outer` may answer an envelope as a whole first (return undefined
 * to let it through). Every call is recorded.
 */
function fakeGraph(
  options: {
    sub?: (req: SubReq, version: string, call: number) => SubAnswer;
    outer?: (call: number, sent: Sent) => Response | undefined;
    plain?: (url: string) => Response;
  } = {},
) {
  const sent: Sent[] = [];
  const subs: { version: string; req: SubReq }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers as HeadersInit | undefined).forEach((v, k) => {
      headers[k] = v;
    });
    const s: Sent = {
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    };
    sent.push(s);
    const call = sent.length;
    if (!url.startsWith(GRAPH)) {
      if (options.plain) return options.plain(url);
      return new Response('not found', { status: 404 });
    }
    const early = options.outer?.(call, s);
    if (early) return early;
    const m = /^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)\/\$batch$/.exec(url);
    if (!m) return json(404, { error: { code: 'NotFound', message: url } });
    const version = m[1] as string;
    const body = JSON.parse(s.body) as { requests: SubReq[] };
    const responses = body.requests.map((r) => {
      subs.push({ version, req: r });
      const a = (options.sub ?? ((x) => healthy(x)))(r, version, call);
      return { id: r.id, status: a.status, headers: a.headers ?? {}, body: a.body };
    });
    return json(200, { responses: responses.reverse() });
  });
  return { fetch, sent, subs };
}

function client(fetch: typeof globalThis.fetch, extra: Partial<GraphClientOptions> = {}) {
  const sleep = vi.fn(async (_ms: number) => {});
  const getToken = vi.fn(async (_tenant: string, _o?: { forceRefresh?: boolean }) => 'token-1');
  const c = createGraphClient({
    cloud: 'global',
    getToken,
    fetch,
    sleep,
    random: () => 0.5,
    now: () => Date.parse('2026-12-03T12:00:00Z'),
    ...extra,
  });
  return { c, sleep, getToken };
}

const throttled = (retryAfter?: string): SubAnswer => ({
  status: 429,
  headers: retryAfter ? { 'Retry-After': retryAfter } : {},
  body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
});

describe('pollTenant: batching', () => {
  it('packs the default sources into one $batch per API version, one round trip, ids unique, ConsistencyLevel on $count', async () => {
    const g = fakeGraph();
    const { c } = client(g.fetch);
    const result = await c.pollTenant(TENANT, ALL_SOURCES);
    // v1.0 sources and the two beta JSON reports: Graph binds an envelope to one version.
    expect(g.sent.map((s) => s.url).sort()).toEqual([
      `${GRAPH}/beta/$batch`,
      `${GRAPH}/v1.0/$batch`,
    ]);
    expect(result.httpRequests).toBe(2);
    for (const s of g.sent) {
      const body = JSON.parse(s.body) as { requests: SubReq[] };
      expect(body.requests.length).toBeLessThanOrEqual(20);
      expect(s.headers.authorization).toBe('Bearer token-1');
      expect(s.method).toBe('POST');
    }
    const ids = g.subs.map((x) => x.req.id);
    expect(new Set(ids).size).toBe(ids.length);
    const counts = g.subs.filter((x) => x.req.url.startsWith('/users/$count'));
    expect(counts).toHaveLength(4);
    for (const x of counts) expect(x.req.headers?.ConsistencyLevel).toBe('eventual');
    expect(g.subs.filter((x) => x.version === 'beta').map((x) => x.req.url)).toEqual([
      "/reports/getMailboxUsageDetail(period='D7')?$format=application/json",
      "/reports/getOneDriveUsageAccountDetail(period='D7')?$format=application/json",
    ]);
    for (const s of ALL_SOURCES) expect(result.outcomes[s]?.status.state, s).toBe('ok');
  });

  it('parses every source into its shape (filters on our side, newest score first)', async () => {
    const { c } = client(fakeGraph().fetch);
    const { outcomes } = await c.pollTenant(TENANT, ALL_SOURCES);
    expect(outcomes.userCounts?.data).toEqual({ total: 12, guests: 3, disabled: 2, licensed: 7 });
    expect(outcomes.organization?.data?.displayName).toBe('Fabrikam');
    expect(outcomes.secureScores?.data?.[0]?.currentScore).toBe(42);
    expect(outcomes.securityAlerts?.data?.map((a) => a.id)).toEqual(['al1']);
    expect(outcomes.managedDevices?.data?.map((d) => d.deviceName)).toEqual(['PC1']);
    expect(outcomes.mailboxUsage?.data?.[0]?.prohibitSendQuotaInBytes).toBe(110);
    expect(outcomes.oneDriveUsage?.data?.[0]?.storageAllocatedInBytes).toBe(50);
    expect(outcomes.riskyUsers?.data?.[0]?.riskLevel).toBe('medium');
  });

  it('a v1.0-only selection is one HTTP request', async () => {
    const g = fakeGraph();
    const { c } = client(g.fetch);
    const sources = ALL_SOURCES.filter((s) => s !== 'mailboxUsage' && s !== 'oneDriveUsage');
    const result = await c.pollTenant(TENANT, sources);
    expect(result.httpRequests).toBe(1);
    expect(g.subs).toHaveLength(13);
  });

  it('follows a long chain of pages (31) to the end', async () => {
    const g = fakeGraph({
      sub: (r) => {
        const m = /skiptoken=(\d+)/.exec(r.url);
        const n = m ? Number(m[1]) : 0;
        if (r.url.startsWith('/security/alerts_v2') && n < 30) {
          return {
            status: 200,
            body: {
              value: [
                { id: `a${n}`, title: 't', severity: 'low', status: 'new', createdDateTime: '' },
              ],
              '@odata.nextLink': `${GRAPH}/v1.0/security/alerts_v2?$skiptoken=${n + 1}`,
            },
          };
        }
        return healthy(r);
      },
    });
    const { c } = client(g.fetch);
    const ids: SourceId[] = ['securityAlerts'];
    const r = await c.pollTenant(TENANT, ids);
    expect(r.outcomes.securityAlerts?.status.state).toBe('ok');
    expect(r.outcomes.securityAlerts?.data).toHaveLength(31);
  });
});

describe('pollTenant: paging', () => {
  it('follows @odata.nextLink to the end, batching the next pages of several sources together', async () => {
    const g = fakeGraph({
      sub: (r) => {
        const path = r.url.split('?')[0];
        const pageNo = Number(/\$skiptoken=(\d+)/.exec(r.url)?.[1] ?? '0');
        const more = (value: unknown[]) =>
          pageNo < 2
            ? {
                status: 200,
                body: { value, '@odata.nextLink': `${GRAPH}/v1.0${path}?$skiptoken=${pageNo + 1}` },
              }
            : { status: 200, body: { value } };
        if (path === '/informationProtection/bitlocker/recoveryKeys')
          return more([
            { id: `k${pageNo}`, createdDateTime: '', volumeType: 'os', deviceId: `d${pageNo}` },
          ]);
        if (path === '/reports/authenticationMethods/userRegistrationDetails')
          return more([
            {
              id: `u${pageNo}`,
              userPrincipalName: `u${pageNo}`,
              isMfaRegistered: false,
              isAdmin: false,
              userType: 'member',
            },
          ]);
        return healthy(r);
      },
    });
    const { c } = client(g.fetch);
    const r = await c.pollTenant(TENANT, ['bitlockerKeys', 'mfaRegistration']);
    expect(r.outcomes.bitlockerKeys?.data?.map((k) => k.id)).toEqual(['k0', 'k1', 'k2']);
    expect(r.outcomes.mfaRegistration?.data?.map((k) => k.id)).toEqual(['u0', 'u1', 'u2']);
    // 3 rounds, each one envelope carrying both sources' pages.
    expect(r.httpRequests).toBe(3);
    expect(
      g.sent.every((s) => (JSON.parse(s.body) as { requests: unknown[] }).requests.length === 2),
    ).toBe(true);
    expect(g.subs[2]?.req.url).toBe('/informationProtection/bitlocker/recoveryKeys?$skiptoken=1');
  });

  it('reads a report answered with a 302 to CSV (real report headers), without sending the token there', async () => {
    const csv =
      '\uFEFFReport Refresh Date,User Principal Name,Display Name,Is Deleted,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Report Period\r\n' +
      '2026-12-02,a@f.com,"Doe, Jane",False,1000,2000,2200,2400,7\r\n' +
      '2026-12-02,b@f.com,Bob,False,5,2000,2200,2400,7\r\n';
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/reports/getMailboxUsageDetail')
          ? {
              status: 302,
              headers: { Location: 'https://reports.office.com/data/abc.csv?sig=xyz' },
              body: null,
            }
          : healthy(r),
      plain: () =>
        new Response(csv, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }),
    });
    const { c } = client(g.fetch);
    const r = await c.pollTenant(TENANT, ['mailboxUsage']);
    expect(r.outcomes.mailboxUsage?.status.state).toBe('ok');
    expect(r.outcomes.mailboxUsage?.data).toEqual([
      {
        userPrincipalName: 'a@f.com',
        displayName: 'Doe, Jane',
        storageUsedInBytes: 1000,
        issueWarningQuotaInBytes: 2000,
        prohibitSendQuotaInBytes: 2200,
        prohibitSendReceiveQuotaInBytes: 2400,
      },
      {
        userPrincipalName: 'b@f.com',
        displayName: 'Bob',
        storageUsedInBytes: 5,
        issueWarningQuotaInBytes: 2000,
        prohibitSendQuotaInBytes: 2200,
        prohibitSendReceiveQuotaInBytes: 2400,
      },
    ]);
    const download = g.sent.find((s) => s.url.startsWith('https://reports.office.com'));
    expect(download?.headers.authorization).toBeUndefined();
    expect(r.httpRequests).toBe(2);
  });

  it('reads the OneDrive CSV columns', async () => {
    const csv =
      'Report Refresh Date,Owner Display Name,Owner Principal Name,Storage Used (Byte),Storage Allocated (Byte)\n2026-12-02,Ann,ann@f.com,90,100\n';
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/reports/getOneDrive')
          ? { status: 302, headers: { location: 'https://x.example/od.csv' } }
          : healthy(r),
      plain: () => new Response(csv),
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, ['oneDriveUsage']);
    expect(r.outcomes.oneDriveUsage?.data).toEqual([
      {
        ownerPrincipalName: 'ann@f.com',
        ownerDisplayName: 'Ann',
        storageUsedInBytes: 90,
        storageAllocatedInBytes: 100,
      },
    ]);
  });
});

describe('pollTenant: throttling and retries', () => {
  it('retries a 429 inside a 200 envelope after its Retry-After, with the injected sleep', async () => {
    let first = true;
    const g = fakeGraph({
      sub: (r) => {
        if (r.url.startsWith('/security/secureScores') && first) {
          first = false;
          return throttled('7');
        }
        return healthy(r);
      },
    });
    const { c, sleep } = client(g.fetch);
    const r = await c.pollTenant(TENANT, ['organization', 'secureScores']);
    expect(r.outcomes.secureScores?.status.state).toBe('ok');
    expect(r.outcomes.organization?.status.state).toBe('ok');
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(7000);
    expect(r.httpRequests).toBe(2);
    // Only the throttled sub-request is sent again.
    expect(
      (JSON.parse(g.sent[1]?.body ?? '') as { requests: SubReq[] }).requests.map((x) => x.url),
    ).toEqual(['/security/secureScores?$top=90']);
  });

  it('honours an HTTP-date Retry-After on an outer 429', async () => {
    const g = fakeGraph({
      outer: (call) =>
        call === 1
          ? json(
              429,
              { error: { code: 'TooManyRequests', message: 'slow down' } },
              { 'Retry-After': 'Thu, 03 Dec 2026 12:00:05 GMT' },
            )
          : undefined,
    });
    const { c, sleep } = client(g.fetch);
    const r = await c.pollTenant(TENANT, ['organization']);
    expect(r.outcomes.organization?.status.state).toBe('ok');
    expect(sleep).toHaveBeenCalledWith(5000);
    expect(r.httpRequests).toBe(2);
  });

  it('without Retry-After backs off exponentially with bounded jitter', async () => {
    let n = 0;
    const g = fakeGraph({
      sub: (r) => (r.url.startsWith('/identityProtection') && n++ < 3 ? throttled() : healthy(r)),
    });
    for (const random of [0, 0.999]) {
      n = 0;
      const { c, sleep } = client(g.fetch, { random: () => random, maxWaitSeconds: 60 });
      const r = await c.pollTenant(TENANT, ['riskyUsers']);
      expect(r.outcomes.riskyUsers?.status.state).toBe('ok');
      const delays = sleep.mock.calls.map(([ms]) => ms);
      expect(delays).toHaveLength(3);
      // Retry k waits in [step/2, step) with step = 1 s · 2^k.
      delays.forEach((ms, k) => {
        expect(ms).toBeGreaterThanOrEqual(500 * 2 ** k);
        expect(ms).toBeLessThanOrEqual(1000 * 2 ** k);
      });
    }
  });

  it('retries an envelope on 5xx and network errors', async () => {
    const g = fakeGraph({
      outer: (call) => {
        if (call === 1) return json(502, { error: { code: 'BadGateway', message: '' } });
        if (call === 2) throw new TypeError('fetch failed');
        return undefined;
      },
    });
    const { c } = client(g.fetch);
    const r = await c.pollTenant(TENANT, ['subscribedSkus']);
    expect(r.outcomes.subscribedSkus?.status.state).toBe('ok');
    expect(r.httpRequests).toBe(3);
  });

  it('retries a malformed envelope, then gives up with an error', async () => {
    const g = fakeGraph({
      outer: () =>
        new Response('{"responses": [', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const { c } = client(g.fetch, { maxRetries: 2 });
    const r = await c.pollTenant(TENANT, ['organization', 'userCounts']);
    expect(r.httpRequests).toBe(3);
    for (const s of ['organization', 'userCounts'] as const) {
      const st = r.outcomes[s]?.status;
      expect(st?.state).toBe('error');
      if (st?.state === 'error') expect(st.code).toBe('malformed');
    }
  });

  it('a malformed envelope once is retried and then succeeds', async () => {
    const g = fakeGraph({
      outer: (call) =>
        call === 1 ? new Response('<html>oops</html>', { status: 200 }) : undefined,
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, ['organization']);
    expect(r.outcomes.organization?.status.state).toBe('ok');
    expect(r.httpRequests).toBe(2);
  });

  it('gives up on a sub-request that stays throttled: throttled with Retry-After, the others fine', async () => {
    const g = fakeGraph({
      sub: (r) => (r.url.startsWith('/security/alerts_v2') ? throttled('3') : healthy(r)),
    });
    const { c, sleep } = client(g.fetch, { maxRetries: 2 });
    const r = await c.pollTenant(TENANT, ['securityAlerts', 'organization']);
    expect(r.outcomes.organization?.status.state).toBe('ok');
    expect(r.outcomes.securityAlerts?.status).toEqual({
      state: 'throttled',
      retryAfterSeconds: 3,
      message: expect.any(String),
    });
    expect(sleep.mock.calls).toEqual([[3000], [3000]]);
    expect(r.httpRequests).toBe(3);
  });

  it('does not sleep past its wait budget: a long Retry-After is reported, not waited for', async () => {
    const g = fakeGraph({
      outer: () =>
        json(429, { error: { code: 'TooManyRequests', message: '' } }, { 'Retry-After': '120' }),
    });
    const { c, sleep } = client(g.fetch, { maxWaitSeconds: 20 });
    const r = await c.pollTenant(TENANT, ['organization']);
    expect(sleep).not.toHaveBeenCalled();
    expect(r.httpRequests).toBe(1);
    expect(r.outcomes.organization?.status).toMatchObject({
      state: 'throttled',
      retryAfterSeconds: 120,
    });
  });
});

describe('pollTenant: classification', () => {
  it('403 Authorization_RequestDenied -> forbidden with the permission and the least-privileged role', async () => {
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/security/')
          ? {
              status: 403,
              body: {
                error: {
                  code: 'Forbidden',
                  message: 'Insufficient privileges to complete the operation.',
                },
              },
            }
          : r.url.startsWith('/informationProtection')
            ? {
                status: 403,
                body: {
                  error: {
                    code: 'Authorization_RequestDenied',
                    message: 'Insufficient privileges to complete the operation.',
                  },
                },
              }
            : healthy(r),
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, [
      'secureScores',
      'bitlockerKeys',
      'userCounts',
    ]);
    expect(r.outcomes.secureScores?.status).toMatchObject({
      state: 'forbidden',
      permission: 'SecurityEvents.Read.All',
      role: 'Security Reader',
    });
    expect(r.outcomes.bitlockerKeys?.status).toMatchObject({
      state: 'forbidden',
      permission: 'BitLockerKey.ReadBasic.All',
      role: 'Cloud Device Administrator',
    });
    expect(r.outcomes.userCounts?.status.state).toBe('ok');
    expect(r.httpRequests).toBe(1);
  });

  it('a licence 403 -> unlicensed with the licence the source needs', async () => {
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/identityProtection')
          ? {
              status: 403,
              body: {
                error: {
                  code: 'Forbidden',
                  message:
                    'Your tenant is not licensed for this feature. It requires an Entra ID P2 license.',
                },
              },
            }
          : r.url.startsWith('/reports/authenticationMethods')
            ? {
                status: 403,
                body: {
                  error: {
                    code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
                    message: "Neither tenant is B2C or tenant doesn't have premium license",
                  },
                },
              }
            : healthy(r),
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, ['riskyUsers', 'mfaRegistration']);
    expect(r.outcomes.riskyUsers?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Entra ID P2',
    });
    expect(r.outcomes.mfaRegistration?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Entra ID P1 or P2',
    });
  });

  it('one failing $count fails userCounts as a whole', async () => {
    const g = fakeGraph({
      sub: (r) =>
        r.url.includes('accountEnabled')
          ? {
              status: 403,
              body: {
                error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' },
              },
            }
          : healthy(r),
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, ['userCounts']);
    expect(r.outcomes.userCounts?.status).toMatchObject({
      state: 'forbidden',
      role: 'Directory Readers',
    });
  });

  it('401 expired (inside the envelope) -> one token refresh, then the request again', async () => {
    let expired = true;
    const g = fakeGraph({
      sub: (r) => {
        if (expired)
          return {
            status: 401,
            body: {
              error: {
                code: 'InvalidAuthenticationToken',
                message: 'Lifetime validation failed, the token is expired.',
              },
            },
          };
        return healthy(r);
      },
    });
    const { c, getToken } = client(g.fetch);
    getToken.mockImplementation(async (_t, o) => {
      if (o?.forceRefresh) {
        expired = false;
        return 'token-2';
      }
      return 'token-1';
    });
    const r = await c.pollTenant(TENANT, ['organization', 'subscribedSkus', 'userCounts']);
    expect(getToken.mock.calls.filter(([, o]) => o?.forceRefresh)).toHaveLength(1);
    for (const s of ['organization', 'subscribedSkus', 'userCounts'] as const)
      expect(r.outcomes[s]?.status.state).toBe('ok');
    expect(g.sent[1]?.headers.authorization).toBe('Bearer token-2');
    expect(r.httpRequests).toBe(2);
  });

  it('401 expired on the envelope -> refresh and resend; a 401 that persists is an error', async () => {
    const expired = () =>
      json(401, {
        error: {
          code: 'InvalidAuthenticationToken',
          message: 'Lifetime validation failed, the token is expired.',
        },
      });
    const once = fakeGraph({ outer: (call) => (call === 1 ? expired() : undefined) });
    const a = client(once.fetch);
    const r1 = await a.c.pollTenant(TENANT, ['organization']);
    expect(r1.outcomes.organization?.status.state).toBe('ok');
    expect(a.getToken).toHaveBeenCalledTimes(2);

    const always = fakeGraph({ outer: () => expired() });
    const b = client(always.fetch, { maxRetries: 1 });
    const r2 = await b.c.pollTenant(TENANT, ['organization']);
    expect(r2.outcomes.organization?.status).toMatchObject({
      state: 'error',
      code: 'InvalidAuthenticationToken',
    });
  });

  it('5xx sub-response that is not retryable -> error with a short message', async () => {
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/subscribedSkus')
          ? { status: 500, body: { error: { code: 'InternalServerError', message: 'boom' } } }
          : healthy(r),
    });
    const r = await client(g.fetch).c.pollTenant(TENANT, ['subscribedSkus']);
    expect(r.outcomes.subscribedSkus?.status).toMatchObject({
      state: 'error',
      code: 'InternalServerError',
    });
  });

  it('a sub-response with the wrong shape -> retried, then error', async () => {
    const g = fakeGraph({
      sub: (r) =>
        r.url.startsWith('/subscribedSkus') ? { status: 200, body: '<not json' } : healthy(r),
    });
    const r = await client(g.fetch, { maxRetries: 1 }).c.pollTenant(TENANT, [
      'subscribedSkus',
      'organization',
    ]);
    expect(r.outcomes.subscribedSkus?.status).toMatchObject({ state: 'error', code: 'malformed' });
    expect(r.outcomes.organization?.status.state).toBe('ok');
    expect(r.httpRequests).toBe(2);
  });

  it('TokenError consent_required -> consent-required with the admin-consent link for every source, no HTTP', async () => {
    const g = fakeGraph();
    const { c } = client(g.fetch, {
      getToken: async () => {
        throw new TokenError(
          'consent_required',
          'AADSTS65001: The user or administrator has not consented',
        );
      },
      consentUrlFor: (t) =>
        `https://login.microsoftonline.com/${t}/v2.0/adminconsent?client_id=abc`,
    });
    const progress: string[] = [];
    const r = await c.pollTenant(TENANT, ['organization', 'secureScores'], (e) =>
      progress.push(`${e.outcome.source}:${e.settled}/${e.total}`),
    );
    expect(g.fetch).not.toHaveBeenCalled();
    expect(r.httpRequests).toBe(0);
    for (const s of ['organization', 'secureScores'] as const) {
      expect(r.outcomes[s]?.status).toEqual({
        state: 'consent-required',
        consentUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent?client_id=abc`,
        message: expect.any(String),
      });
    }
    expect(progress).toEqual(['organization:1/2', 'secureScores:2/2']);
  });

  it('no sources: no token asked, no HTTP; a throwing progress listener does not break the poll', async () => {
    const g = fakeGraph();
    const { c, getToken } = client(g.fetch);
    expect(await c.pollTenant(TENANT, [])).toEqual({
      tenantId: TENANT,
      outcomes: {},
      httpRequests: 0,
    });
    expect(getToken).not.toHaveBeenCalled();
    const r = await c.pollTenant(TENANT, ['organization'], () => {
      throw new Error('listener bug');
    });
    expect(r.outcomes.organization?.status.state).toBe('ok');
  });

  it('TokenError interaction_required -> sign-in-needed', async () => {
    const g = fakeGraph();
    const { c } = client(g.fetch, {
      getToken: async () => Promise.reject(new TokenError('interaction_required', 'AADSTS50076')),
    });
    const r = await c.pollTenant(TENANT, ['organization']);
    expect(r.outcomes.organization?.status.state).toBe('sign-in-needed');
    expect(r.httpRequests).toBe(0);
  });
});

describe('resolveTenantByDomain and listDelegatedAdminCustomers', () => {
  it('reads the tenant id from the issuer; AADSTS90002 -> notFound', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (
        url ===
        'https://login.microsoftonline.com/fabrikam.com/v2.0/.well-known/openid-configuration'
      ) {
        return json(200, {
          issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
          cloud_instance_name: 'microsoftonline.com',
          msgraph_host: 'graph.microsoft.com',
        });
      }
      return json(400, {
        error: 'invalid_tenant',
        error_description: "AADSTS90002: Tenant 'nope.example' not found.",
        error_codes: [90002],
      });
    });
    const { c } = client(fetch as typeof globalThis.fetch);
    expect(await c.resolveTenantByDomain('Fabrikam.com')).toEqual({
      tenantId: TENANT,
      cloudInstance: 'microsoftonline.com',
      cloud: 'global',
    });
    expect(await c.resolveTenantByDomain('nope.example')).toEqual({ notFound: true });
    expect(await c.resolveTenantByDomain('not a domain')).toHaveProperty('error');
  });

  it('uses the cloud sign-in host', async () => {
    const fetch = vi.fn(async (_: RequestInfo | URL) =>
      json(200, {
        issuer: `https://login.microsoftonline.us/${TENANT}/v2.0`,
        msgraph_host: 'dod-graph.microsoft.us',
        tenant_region_sub_scope: 'DOD',
      }),
    );
    const { c } = client(fetch as typeof globalThis.fetch, { cloud: 'usgov-high' });
    expect(await c.resolveTenantByDomain('agency.us')).toEqual({
      tenantId: TENANT,
      cloud: 'usgov-dod',
      regionSubScope: 'DOD',
    });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(
      'https://login.microsoftonline.us/agency.us/v2.0/.well-known/openid-configuration',
    );
  });

  it('lists GDAP customers over every page with the partner token', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer token-1');
      if (url.endsWith('/v1.0/tenantRelationships/delegatedAdminCustomers')) {
        return json(200, {
          value: [{ id: 'c1', tenantId: 'c1', displayName: 'One' }],
          '@odata.nextLink': `${GRAPH}/v1.0/tenantRelationships/delegatedAdminCustomers?$skiptoken=abc`,
        });
      }
      return json(200, { value: [{ id: 'c2', tenantId: 'c2', displayName: 'Two' }] });
    });
    const { c, getToken } = client(fetch as typeof globalThis.fetch);
    expect(await c.listDelegatedAdminCustomers('partner')).toEqual([
      { tenantId: 'c1', displayName: 'One' },
      { tenantId: 'c2', displayName: 'Two' },
    ]);
    expect(getToken).toHaveBeenCalledWith('partner');
    expect(String(fetch.mock.calls[1]?.[0])).toContain('skiptoken=abc');
  });
});
