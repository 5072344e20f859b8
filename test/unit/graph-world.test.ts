/**
 * The Graph client against the world's Graph emulator, in-process: a fetch adapter turns
 * each Request into a WorldRequest and each WorldResponse back into a Response. Tokens are
 * signed with the world's signer for the tenant, with the app's delegated scopes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createGraphClient,
  type GraphClient,
  SOURCES,
  type SourceId,
  type TenantPollResult,
  TokenError,
} from '../../lib/graph';
import { readReportBody } from '../../lib/graph/batch';
import { ALL_SOURCES } from '../../lib/settings';
import { MICROSOFT_TENANTS, PARTNER_TENANT } from '../world/catalogue';
import {
  createGraphState,
  defaultGraphOptions,
  type GraphState,
  getTenantFixture,
  handleGraph,
  type TenantFixture,
} from '../world/graph';
import type { WorldRequest, WorldResponse } from '../world/http';
import { handleIdentity } from '../world/identity';
import { APP_GRAPH_SCOPES, createIdentityState, type IdentityState } from '../world/identity/state';
import { createCore, setFaults, type WorldCore } from '../world/state';

const FABRIKAM = '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e'; // e5
const NORTHWIND = '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b'; // business-premium
const TAILSPIN = '3b5d7f9a-2c4e-4b6d-8a0c-3e5a7c9e1f2a'; // business-basic
const WOODGROVE = '4c6e8a0b-3d5f-4c7e-9b1d-4f6b8d0a2c3e'; // not consented
const LITWARE = '5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f'; // Directory Readers only
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

let core: WorldCore;
let identity: IdentityState;
let graph: GraphState;

/** fetch over the in-process world (Graph only; other hosts are unreachable). */
function worldFetch(calls: string[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    const req: WorldRequest = { method: request.method, url, headers, body: await request.text() };
    let res: WorldResponse;
    if (url.host === 'graph.microsoft.com') res = await handleGraph(req, core, graph);
    else if (url.host === 'login.microsoftonline.com') res = handleIdentity(req, core, identity);
    else throw new TypeError(`fetch failed: ${url.host} is not in this test's world`);
    // A dropped connection (the 'timeout' fault) is what fetch reports as a network error.
    if (res.drop) throw new TypeError('fetch failed: the connection was dropped');
    const bodyless = res.status === 204 || res.status === 304;
    return new Response(bodyless ? null : res.body, { status: res.status, headers: res.headers });
  };
}

/** A token the world's Graph accepts: signed by the world, tid = tenant, the app's scopes. */
function sign(tenantId: string): string {
  const iat = Math.floor(core.now() / 1000);
  return core.signer.sign({
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    oid: identity.technician.oid,
    upn: identity.technician.username,
    scp: [...APP_GRAPH_SCOPES, 'DelegatedAdminRelationship.Read.All'].join(' '),
    appid: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
    iat,
    nbf: iat,
    exp: iat + 3600,
    uti: Math.random().toString(36).slice(2),
  });
}

function graphClient(extra: { maxRetries?: number; maxWaitSeconds?: number } = {}): {
  client: GraphClient;
  sleeps: number[];
  refreshes: string[];
  calls: string[];
} {
  const sleeps: number[] = [];
  const refreshes: string[] = [];
  const calls: string[] = [];
  const client = createGraphClient({
    cloud: 'global',
    fetch: worldFetch(calls),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => core.now(),
    getToken: async (tenantId, o) => {
      // What the auth host does: no consent, no token.
      if (!identity.isConsented(tenantId))
        throw new TokenError('consent_required', 'AADSTS65001: consent required');
      if (o?.forceRefresh) refreshes.push(tenantId);
      return sign(tenantId);
    },
    consentUrlFor: (t) =>
      `https://login.microsoftonline.com/${t}/v2.0/adminconsent?client_id=7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60`,
    ...extra,
  });
  return { client, sleeps, refreshes, calls };
}

const fixture = (tenantId: string) => getTenantFixture(tenantId, core.now()) as TenantFixture;
const states = (r: TenantPollResult) =>
  Object.fromEntries(ALL_SOURCES.map((s) => [s, r.outcomes[s]?.status.state]));

beforeEach(() => {
  core = createCore();
  core.now = () => NOW;
  identity = createIdentityState(core);
  graph = createGraphState(core, identity);
});

describe('against the world Graph', () => {
  it('E5 tenant: every source ok, values match the fixture; first pages in one round trip', async () => {
    const { client, calls } = graphClient();
    const r = await client.pollTenant(FABRIKAM, ALL_SOURCES);
    const fx = fixture(FABRIKAM);
    expect(states(r)).toEqual(Object.fromEntries(ALL_SOURCES.map((s) => [s, 'ok'])));
    const o = r.outcomes;
    expect(o.organization?.data).toMatchObject({
      id: FABRIKAM,
      displayName: fx.organization.displayName,
    });
    const { members: _m, ...counts } = fx.counts;
    expect(o.userCounts?.data).toEqual(counts);
    expect(o.secureScores?.data).toHaveLength(90);
    expect(o.secureScores?.data?.[0]?.currentScore).toBe(fx.secureScores[0]?.currentScore);
    // Per-control scores are kept for the newest day only (the improvement actions' input).
    expect(o.secureScores?.data?.[0]?.controlScores).toHaveLength(
      fx.secureScores[0]?.controlScores.length ?? -1,
    );
    expect(o.secureScores?.data?.slice(1).every((s) => s.controlScores.length === 0)).toBe(true);
    expect(o.controlProfiles?.data?.map((p) => p.id).sort()).toEqual(
      fx.controlProfiles.map((p) => p.id).sort(),
    );
    expect(o.subscribedSkus?.data?.map((s) => s.skuPartNumber).sort()).toEqual(
      fx.subscribedSkus.map((s) => s.skuPartNumber).sort(),
    );
    expect(o.securityAlerts?.data?.map((a) => a.id).sort()).toEqual(
      fx.alerts
        .filter((a) => a.status !== 'resolved')
        .map((a) => a.id)
        .sort(),
    );
    expect(o.bitlockerKeys?.data).toHaveLength(fx.recoveryKeys.length);
    expect(o.managedDevices?.data?.map((d) => d.id).sort()).toEqual(
      fx.managedDevices
        .filter((d) => d.operatingSystem === 'Windows')
        .map((d) => d.id)
        .sort(),
    );
    expect(o.mailboxUsage?.data).toHaveLength(fx.mailboxes.length);
    expect(o.mailboxUsage?.data?.[0]).toEqual({
      userPrincipalName: fx.mailboxes[0]?.userPrincipalName,
      displayName: fx.mailboxes[0]?.displayName,
      storageUsedInBytes: fx.mailboxes[0]?.storageUsedInBytes,
      issueWarningQuotaInBytes: fx.mailboxes[0]?.issueWarningQuotaInBytes,
      prohibitSendQuotaInBytes: fx.mailboxes[0]?.prohibitSendQuotaInBytes,
      prohibitSendReceiveQuotaInBytes: fx.mailboxes[0]?.prohibitSendReceiveQuotaInBytes,
    });
    expect(o.oneDriveUsage?.data).toHaveLength(fx.oneDrives.length);
    expect(o.mfaRegistration?.data).toHaveLength(fx.mfaRegistrations.length);
    expect(o.riskyUsers?.data?.map((u) => u.id).sort()).toEqual(
      fx.riskyUsers.map((u) => u.id).sort(),
    );
    // Round 1: one v1.0 and one beta envelope, sent together, carrying all 15 first pages.
    // Later rounds: only the next pages of the collections longer than a page (here the
    // recovery keys, which do not support $top), batched together.
    expect(calls.slice(0, 2).sort()).toEqual(['POST /beta/$batch', 'POST /v1.0/$batch']);
    expect(calls.every((c) => c.endsWith('/$batch'))).toBe(true);
    expect(r.httpRequests).toBe(calls.length);
    const subs = core.log.filter((l) => l.inBatch);
    expect(subs.slice(0, 15).every((l) => !l.path.includes('skiptoken'))).toBe(true);
    expect(subs.slice(15).every((l) => l.path.includes('skiptoken'))).toBe(true);
    // Rounds = the longest chain of pages (the world's page sizes, or the $top the client
    // asks for: 1000 alerts, 999 MFA registrations).
    const sizes = defaultGraphOptions().pageSizes;
    const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
    const v1Rounds = Math.max(
      pages(fx.alerts.filter((a) => a.status !== 'resolved').length, 1000),
      pages(fx.controlProfiles.length, sizes.controlProfiles),
      pages(fx.recoveryKeys.length, sizes.recoveryKeys),
      pages(fx.managedDevices.length, sizes.managedDevices),
      pages(fx.mfaRegistrations.length, 999),
      pages(fx.riskyUsers.length, sizes.riskyUsers),
    );
    expect(v1Rounds).toBe(pages(fx.recoveryKeys.length, sizes.recoveryKeys));
    const betaRounds = Math.max(
      pages(fx.mailboxes.length, sizes.reportJson),
      pages(fx.oneDrives.length, sizes.reportJson),
    );
    expect(r.httpRequests).toBe(v1Rounds + betaRounds);
  });

  it('a large tenant (pages smaller than its collections): every page is read, next pages batched', async () => {
    graph = createGraphState(core, identity, {
      pageSizes: {
        ...defaultGraphOptions().pageSizes,
        controlProfiles: 4,
        managedDevices: 10,
        recoveryKeys: 7,
        riskyUsers: 1,
        reportJson: 9,
      },
    });
    const { client, calls } = graphClient();
    const r = await client.pollTenant(FABRIKAM, ALL_SOURCES);
    const fx = fixture(FABRIKAM);
    expect(states(r)).toEqual(Object.fromEntries(ALL_SOURCES.map((s) => [s, 'ok'])));
    const ids = (xs: { id: string }[] | undefined) => (xs ?? []).map((x) => x.id).sort();
    expect(ids(r.outcomes.controlProfiles?.data)).toEqual(ids(fx.controlProfiles));
    expect(ids(r.outcomes.bitlockerKeys?.data)).toEqual(ids(fx.recoveryKeys));
    expect(ids(r.outcomes.managedDevices?.data)).toEqual(
      ids(fx.managedDevices.filter((d) => d.operatingSystem === 'Windows')),
    );
    expect(ids(r.outcomes.riskyUsers?.data)).toEqual(ids(fx.riskyUsers));
    expect(r.outcomes.mailboxUsage?.data).toHaveLength(fx.mailboxes.length);
    expect(r.outcomes.oneDriveUsage?.data).toHaveLength(fx.oneDrives.length);
    // One envelope per version per round: the rounds are the longest chain of pages.
    const v1 = Math.max(
      Math.ceil(fx.controlProfiles.length / 4),
      Math.ceil(fx.managedDevices.filter((d) => d.operatingSystem === 'Windows').length / 10),
      Math.ceil(fx.recoveryKeys.length / 7),
      fx.riskyUsers.length,
    );
    const beta = Math.ceil(Math.max(fx.mailboxes.length, fx.oneDrives.length) / 9);
    expect(calls.filter((c) => c === 'POST /v1.0/$batch')).toHaveLength(v1);
    expect(calls.filter((c) => c === 'POST /beta/$batch')).toHaveLength(beta);
  });

  it('business premium: risky users unlicensed (P2), the rest ok', async () => {
    const r = await graphClient().client.pollTenant(NORTHWIND, ALL_SOURCES);
    expect(r.outcomes.riskyUsers?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Entra ID P2',
    });
    for (const s of ALL_SOURCES.filter((x) => x !== 'riskyUsers'))
      expect(r.outcomes[s]?.status.state, s).toBe('ok');
  });

  it('business basic: managed devices unlicensed (Intune), risky users (P2) and MFA registration (P1) unlicensed', async () => {
    const r = await graphClient().client.pollTenant(TAILSPIN, ALL_SOURCES);
    expect(r.outcomes.managedDevices?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Microsoft Intune',
    });
    expect(r.outcomes.riskyUsers?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Entra ID P2',
    });
    expect(r.outcomes.mfaRegistration?.status).toMatchObject({
      state: 'unlicensed',
      licence: 'Entra ID P1 or P2',
    });
    for (const s of [
      'organization',
      'userCounts',
      'subscribedSkus',
      'secureScores',
      'securityAlerts',
      'bitlockerKeys',
      'mailboxUsage',
    ] as SourceId[]) {
      expect(r.outcomes[s]?.status.state, s).toBe('ok');
    }
  });

  it('role-limited tenant (Litware, Directory Readers): forbidden with the role to ask for', async () => {
    const r = await graphClient().client.pollTenant(LITWARE, ALL_SOURCES);
    expect(states(r)).toMatchObject({
      organization: 'ok',
      userCounts: 'ok',
      subscribedSkus: 'ok',
      riskyUsers: 'unlicensed',
    });
    expect(r.outcomes.secureScores?.status).toMatchObject({
      state: 'forbidden',
      role: 'Security Reader',
      permission: 'SecurityEvents.Read.All',
    });
    expect(r.outcomes.securityAlerts?.status).toMatchObject({
      state: 'forbidden',
      role: 'Security Reader',
    });
    expect(r.outcomes.mailboxUsage?.status).toMatchObject({
      state: 'forbidden',
      role: 'Reports Reader',
    });
    expect(r.outcomes.bitlockerKeys?.status).toMatchObject({
      state: 'forbidden',
      role: 'Cloud Device Administrator',
    });
    expect(r.outcomes.managedDevices?.status).toMatchObject({
      state: 'forbidden',
      role: 'Intune Administrator',
    });
    // The v1.0 and beta envelopes; forbidden sources end at their first page.
    expect(r.httpRequests).toBe(2);
  });

  it('not consented tenant: consent-required everywhere, no HTTP', async () => {
    const r = await graphClient().client.pollTenant(WOODGROVE, ALL_SOURCES);
    expect(r.httpRequests).toBe(0);
    expect(core.log).toHaveLength(0);
    for (const s of ALL_SOURCES) expect(r.outcomes[s]?.status.state).toBe('consent-required');
  });

  it('the v1.0 CSV form of a report (302 to CSV) parses to the same data as the beta JSON form', async () => {
    const { client } = graphClient();
    const json = await client.pollTenant(FABRIKAM, ['mailboxUsage', 'oneDriveUsage']);
    const fetch = worldFetch();
    const auth = { authorization: `Bearer ${sign(FABRIKAM)}` };
    for (const [source, fn] of [
      ['mailboxUsage', 'getMailboxUsageDetail'],
      ['oneDriveUsage', 'getOneDriveUsageAccountDetail'],
    ] as const) {
      const redirect = await fetch(`https://graph.microsoft.com/v1.0/reports/${fn}(period='D7')`, {
        headers: auth,
        redirect: 'manual',
      });
      expect(redirect.status).toBe(302);
      const csv = await (await fetch(redirect.headers.get('Location') as string)).text();
      const def = SOURCES[source];
      const page = readReportBody(
        csv,
        { 'Content-Type': 'application/octet-stream' },
        def.requests[0]?.csvColumns ?? [],
      );
      expect(def.parse({ rows: page.items })).toEqual(json.outcomes[source]?.data);
    }
  });

  it('resolves tenants by domain through the identity platform (no token); unknown -> notFound', async () => {
    const { client } = graphClient();
    expect(await client.resolveTenantByDomain('fabrikam.com')).toMatchObject({
      tenantId: FABRIKAM,
      cloud: 'global',
      cloudInstance: 'microsoftonline.com',
    });
    expect(await client.resolveTenantByDomain('litware.onmicrosoft.com')).toMatchObject({
      tenantId: LITWARE,
    });
    expect(await client.resolveTenantByDomain('no-such-tenant.example')).toEqual({
      notFound: true,
    });
  });

  it('lists the partner’s GDAP customers', async () => {
    const { client } = graphClient();
    const customers = await client.listDelegatedAdminCustomers(PARTNER_TENANT.id);
    expect(customers.map((c) => c.tenantId).sort()).toEqual(
      MICROSOFT_TENANTS.map((t) => t.id).sort(),
    );
  });

  it('with faults on 30 % of requests (429, 503, timeouts, malformed, expired tokens) it converges to the fault-free result', async () => {
    const clean = await graphClient().client.pollTenant(FABRIKAM, ALL_SOURCES);
    core.log.length = 0;
    setFaults(core, {
      rate: 0.3,
      kinds: ['429', '429-no-retry-after', '503', 'timeout', 'malformed', 'expired-token'],
      retryAfterSeconds: 2,
      seed: 7,
    });
    const { client, sleeps, refreshes } = graphClient({ maxRetries: 8, maxWaitSeconds: 600 });
    const faulty = await client.pollTenant(FABRIKAM, ALL_SOURCES);
    expect(core.log.some((l) => l.fault)).toBe(true);
    expect(states(faulty)).toEqual(states(clean));
    expect(faulty.outcomes).toEqual(clean.outcomes);
    expect(faulty.httpRequests).toBeGreaterThan(clean.httpRequests);
    expect(sleeps.length).toBeGreaterThan(0);
    // Waits came from Retry-After (2 s) or bounded backoff, never unbounded.
    for (const ms of sleeps) expect(ms).toBeLessThanOrEqual(16_000);
    // Expired-token faults were answered with a fresh token, not a failure.
    if (core.log.some((l) => l.fault === 'expired-token'))
      expect(refreshes.length).toBeGreaterThan(0);
  });

  it('a throttled tenant gives up within its wait budget and reports throttled', async () => {
    setFaults(core, { throttledTenants: [NORTHWIND], retryAfterSeconds: 5 });
    const { client, sleeps } = graphClient({ maxRetries: 4, maxWaitSeconds: 20 });
    const r = await client.pollTenant(NORTHWIND, ALL_SOURCES);
    for (const s of ALL_SOURCES)
      expect(r.outcomes[s]?.status).toMatchObject({ state: 'throttled', retryAfterSeconds: 5 });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
  });
});
