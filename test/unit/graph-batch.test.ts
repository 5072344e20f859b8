/** Batch packing, body readers, retry arithmetic, report CSV and clouds (pure). */
import { describe, expect, it } from 'vitest';
import {
  envelopeBody,
  MAX_BATCH_REQUESTS,
  packEnvelopes,
  readBatchResponse,
  readCollectionBody,
  readCountBody,
  readReportBody,
  splitGraphLink,
} from '../../lib/graph/batch';
import { adminConsentUrl, CLOUDS, cloudOfGraphHost } from '../../lib/graph/clouds';
import { parseCsvRows } from '../../lib/graph/report-csv';
import {
  backoffSeconds,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfter,
} from '../../lib/graph/retry';
import { SOURCES } from '../../lib/graph/sources';
import { ALL_SOURCES } from '../../lib/settings';

describe('packEnvelopes', () => {
  it('groups by version and cuts at 20, keeping ids', () => {
    const reqs = Array.from({ length: 45 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/x/${i}`,
      version: i % 9 === 0 ? ('beta' as const) : ('v1.0' as const),
    }));
    const envs = packEnvelopes(reqs);
    expect(envs.map((e) => [e.version, e.requests.length])).toEqual([
      ['beta', 5],
      ['v1.0', 20],
      ['v1.0', 20],
    ]);
    const ids = envs.flatMap((e) => e.requests.map((r) => r.id));
    expect(new Set(ids).size).toBe(45);
    for (const e of envs) expect(e.requests.length).toBeLessThanOrEqual(MAX_BATCH_REQUESTS);
  });

  it("today's sources fit one envelope per version, with ConsistencyLevel on every $count", () => {
    const all = ALL_SOURCES.flatMap((s) =>
      SOURCES[s].requests.map((r, i) => ({
        id: `${s}${i}`,
        method: r.method,
        url: r.url,
        version: r.version,
        ...(r.headers ? { headers: r.headers } : {}),
      })),
    );
    const envs = packEnvelopes(all);
    expect(envs.map((e) => [e.version, e.requests.length])).toEqual([
      ['v1.0', 13],
      ['beta', 2],
    ]);
    const body = envelopeBody(envs[0] as (typeof envs)[number]);
    const counts = body.requests.filter((r) => r.url.startsWith('/users/$count'));
    expect(counts).toHaveLength(4);
    expect(counts.every((r) => r.headers?.ConsistencyLevel === 'eventual')).toBe(true);
    expect(
      body.requests.filter((r) => !r.url.startsWith('/users/$count')).every((r) => !r.headers),
    ).toBe(true);
  });
});

describe('reading answers', () => {
  it('readBatchResponse rejects what is not a batch answer', () => {
    expect(
      readBatchResponse('{"responses":[{"id":"1","status":200,"body":{"value":[]}}]}'),
    ).toEqual([{ id: '1', status: 200, headers: {}, body: { value: [] } }]);
    expect(() => readBatchResponse('{"responses": [')).toThrow();
    expect(() => readBatchResponse('{"value": []}')).toThrow();
  });

  it('readCountBody accepts a number, a numeric string and base64 text', () => {
    expect(readCountBody(42)).toBe(42);
    expect(readCountBody('\uFEFF42')).toBe(42);
    expect(readCountBody(btoa('248'))).toBe(248);
    expect(() => readCountBody('{"value":')).toThrow();
    expect(() => readCountBody(-1)).toThrow();
  });

  it('readCollectionBody reads value and nextLink, from an object or a JSON string', () => {
    expect(
      readCollectionBody({
        value: [1],
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/x?$skiptoken=a',
      }),
    ).toEqual({ items: [1], nextLink: 'https://graph.microsoft.com/v1.0/x?$skiptoken=a' });
    expect(readCollectionBody('{"value":[2]}', { 'Content-Type': 'application/json' })).toEqual({
      items: [2],
      nextLink: null,
    });
    expect(() =>
      readCollectionBody('{"value":[', { 'Content-Type': 'application/json' }),
    ).toThrow();
    expect(() => readCollectionBody({ error: {} })).toThrow();
  });

  it('readReportBody reads JSON, CSV and base64 CSV', () => {
    const cols = SOURCES.oneDriveUsage.requests[0]?.csvColumns ?? [];
    const csv =
      'Owner Principal Name,Storage Used (Byte),Storage Allocated (Byte)\r\na@b.c,1,2\r\n';
    const want = [
      { ownerPrincipalName: 'a@b.c', storageUsedInBytes: 1, storageAllocatedInBytes: 2 },
    ];
    expect(readReportBody(csv, {}, cols).items).toEqual(want);
    expect(
      readReportBody(btoa(csv), { 'Content-Type': 'application/octet-stream' }, cols).items,
    ).toEqual(want);
    expect(readReportBody({ value: want }, {}, cols).items).toEqual(want);
    expect(() => readReportBody('Foo,Bar\n1,2\n', {}, cols)).toThrow();
  });

  it('splitGraphLink turns a nextLink into a version and a relative url', () => {
    expect(
      splitGraphLink(
        "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=status ne 'resolved'&$skiptoken=abc",
      ),
    ).toEqual({
      version: 'v1.0',
      url: "/security/alerts_v2?$filter=status ne 'resolved'&$skiptoken=abc",
    });
    expect(splitGraphLink('https://graph.microsoft.us/beta/reports/x?$skiptoken=1')).toEqual({
      version: 'beta',
      url: '/reports/x?$skiptoken=1',
    });
    expect(splitGraphLink('https://example.com/other')).toBeNull();
    expect(splitGraphLink('http://graph.microsoft.com/v1.0/x')).toBeNull();
  });
});

describe('retry arithmetic', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.5 };
  it('parseRetryAfter reads seconds and HTTP-dates', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Thu, 03 Dec 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Thu, 03 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it('backoff doubles, jitters within [step/2, step) and is capped', () => {
    for (const r of [0, 0.25, 0.999]) {
      const p = { ...policy, random: () => r };
      for (let k = 0; k < 8; k++) {
        const step = Math.min(p.maxDelaySeconds, p.baseDelaySeconds * 2 ** k);
        const d = backoffSeconds(k, p);
        expect(d).toBeGreaterThanOrEqual(step / 2);
        expect(d).toBeLessThan(step);
      }
    }
  });
  it('decideRetry gives up when attempts or the wait budget run out', () => {
    expect(decideRetry(0, 3, 20, policy)).toEqual({ retry: true, delaySeconds: 3 });
    expect(decideRetry(policy.maxRetries, 3, 20, policy)).toEqual({
      retry: false,
      retryAfterSeconds: 3,
    });
    expect(decideRetry(0, 30, 20, policy)).toEqual({ retry: false, retryAfterSeconds: 30 });
  });
});

describe('report CSV and clouds', () => {
  it('parseCsvRows handles quotes, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsvRows('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
  });

  it('every cloud has its sign-in and Graph host; the consent link uses them', () => {
    expect(CLOUDS['usgov-dod']).toEqual({
      loginHost: 'https://login.microsoftonline.us',
      graphHost: 'https://dod-graph.microsoft.us',
    });
    expect(CLOUDS.china.graphHost).toBe('https://microsoftgraph.chinacloudapi.cn');
    expect(
      [
        'graph.microsoft.com',
        'graph.microsoft.us',
        'https://dod-graph.microsoft.us/',
        'microsoftgraph.chinacloudapi.cn',
        'graph.example',
      ].map(cloudOfGraphHost),
    ).toEqual(['global', 'usgov-high', 'usgov-dod', 'china', undefined]);
    const u = new URL(
      adminConsentUrl('usgov-high', 'contoso.us', 'cid', 'https://abc.chromiumapp.org/', 'st'),
    );
    expect(u.origin + u.pathname).toBe(
      'https://login.microsoftonline.us/contoso.us/v2.0/adminconsent',
    );
    expect(Object.fromEntries(u.searchParams)).toEqual({
      client_id: 'cid',
      scope: 'https://graph.microsoft.us/.default',
      redirect_uri: 'https://abc.chromiumapp.org/',
      state: 'st',
    });
  });
});
