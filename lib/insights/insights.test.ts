import { describe, expect, it, vi } from 'vitest';
import type { ControlProfile, SecureScore, SubscribedSku } from '../graph/types';
import { DEFAULT_THRESHOLDS } from '../settings';
import type { SnapshotRecord, TenantRecord } from '../store/types';
import { buildExtensionStatus, buildTenantInsights } from './build';
import { licenceInsights, usersInsight } from './licences';
import { normaliseName, type ResolveDeps, resolveTenant } from './resolve';
import { secureScoreInsight } from './secure-score';

const day = (n: number) => new Date(Date.UTC(2026, 10, 30) - n * 86_400_000).toISOString();

function score(
  daysAgo: number,
  current: number,
  controls: SecureScore['controlScores'] = [],
): SecureScore {
  return {
    createdDateTime: day(daysAgo),
    currentScore: current,
    maxScore: 200,
    averageComparativeScores: [
      { basis: 'AllTenants', averageScore: 51.234 },
      { basis: 'TotalSeats', averageScore: 48 },
      { basis: 'IndustryTypes', averageScore: 60 },
      { basis: 'SomeNewBasis', averageScore: 10 },
    ],
    controlScores: controls,
  };
}

function profile(id: string, maxScore: number, over: Partial<ControlProfile> = {}): ControlProfile {
  return {
    id,
    title: `Do ${id}`,
    maxScore,
    rank: 10,
    actionUrl: `https://security.microsoft.com/${id}`,
    implementationCost: 'Low',
    userImpact: 'Low',
    tier: 'Core',
    controlCategory: 'Identity',
    service: 'AzureAD',
    deprecated: false,
    ...over,
  };
}

describe('secureScoreInsight', () => {
  // 120 days of history, newest first as Graph returns it; score rises 0.5 a day.
  const history = Array.from({ length: 120 }, (_, i) => score(i, 100 - i * 0.5));
  history[0] = score(0, 100, [
    { controlName: 'MFARegistrationV2', controlCategory: 'Identity', score: 2 },
    { controlName: 'AdminMFAV2', controlCategory: 'Identity', score: 10 },
    { controlName: 'BlockLegacyAuth', controlCategory: 'Identity', score: 0 },
    { controlName: 'OldControl', controlCategory: 'Data', score: 0 },
    { controlName: 'Unknown', controlCategory: 'Data', score: 0 },
    { controlName: 'a', controlCategory: 'Apps', score: 0 },
    { controlName: 'b', controlCategory: 'Apps', score: 0 },
    { controlName: 'c', controlCategory: 'Apps', score: 1 },
  ]);
  const profiles = [
    profile('MFARegistrationV2', 9),
    profile('AdminMFAV2', 10),
    profile('BlockLegacyAuth', 8, { rank: 2 }),
    profile('OldControl', 50, { deprecated: true }),
    profile('a', 8, { rank: 1 }),
    profile('b', 3),
    profile('c', 4),
  ];
  const s = secureScoreInsight(history, profiles)!;

  it('current, max, percent from the newest score', () => {
    expect(s).toMatchObject({ currentScore: 100, maxScore: 200, percent: 50, computedAt: day(0) });
  });

  it('trend: oldest first, at most 90 daily points', () => {
    expect(s.trend).toHaveLength(90);
    expect(s.trend[0]).toEqual({ date: day(89).slice(0, 10), score: 55.5 });
    expect(s.trend.at(-1)).toEqual({ date: day(0).slice(0, 10), score: 100 });
  });

  it('change over 7 and 30 days, null when history is too short', () => {
    expect(s.change7d).toBe(3.5);
    expect(s.change30d).toBe(15);
    const short = secureScoreInsight([score(0, 10), score(3, 8)], []);
    expect(short?.change7d).toBeNull();
    expect(short?.change30d).toBeNull();
  });

  it('comparisons with human labels', () => {
    expect(s.comparisons).toEqual([
      { basis: 'AllTenants', label: 'All tenants', averageScore: 51.23 },
      { basis: 'TotalSeats', label: 'Similar size', averageScore: 48 },
      { basis: 'IndustryTypes', label: 'Same industry', averageScore: 60 },
      { basis: 'SomeNewBasis', label: 'Some new basis', averageScore: 10 },
    ]);
  });

  it('top 5 actions short of max, by points to gain, without deprecated or unknown controls', () => {
    expect(s.topActions.map((a) => [a.id, a.pointsToGain])).toEqual([
      ['a', 8],
      ['BlockLegacyAuth', 8],
      ['MFARegistrationV2', 7],
      ['b', 3],
      ['c', 3],
    ]);
    expect(s.topActions[0]).toMatchObject({
      title: 'Do a',
      score: 0,
      maxScore: 8,
      actionUrl: 'https://security.microsoft.com/a',
      category: 'Identity',
    });
  });

  it('is null without scores', () => {
    expect(secureScoreInsight([], [])).toBeNull();
  });
});

describe('users and licences', () => {
  it('members = total − guests', () => {
    expect(usersInsight({ total: 50, guests: 8, disabled: 3, licensed: 40 })).toEqual({
      total: 50,
      members: 42,
      guests: 8,
      disabled: 3,
      licensed: 40,
    });
    expect(usersInsight({ total: 2, guests: 5, disabled: 0, licensed: 0 }).members).toBe(0);
  });

  it('friendly names, unused = max(0, paid − consumed), free SKUs last with 0 unused, empty ones left out', () => {
    const sku = (
      part: string,
      enabled: number,
      consumed: number,
      capabilityStatus = 'Enabled',
    ): SubscribedSku => ({
      skuId: part,
      skuPartNumber: part,
      capabilityStatus,
      consumedUnits: consumed,
      prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    });
    const lines = licenceInsights([
      sku('SPB', 25, 20),
      sku('SPE_E5', 10, 12),
      sku('O365_BUSINESS_ESSENTIALS', 30, 10),
      sku('FLOW_FREE', 10000, 14),
      sku('AAD_PREMIUM_P2', 0, 0),
      sku('CONTOSO_CUSTOM', 3, 1),
    ]);
    expect(lines.map((l) => [l.displayName, l.paid, l.consumed, l.unused])).toEqual([
      ['Microsoft 365 Business Basic', 30, 10, 20],
      ['Microsoft 365 Business Premium', 25, 20, 5],
      ['CONTOSO_CUSTOM', 3, 1, 2],
      ['Microsoft 365 E5', 10, 12, 0],
      ['Microsoft Power Automate Free', 10000, 14, 0],
    ]);
    expect(lines.at(-1)?.free).toBe(true);
  });
});

const TENANT: TenantRecord = {
  tenantId: 't1',
  displayName: 'Contoso',
  defaultDomain: 'contoso.com',
  syncroKeys: ['k'],
  cloud: 'global',
  firstSeenAt: day(10),
  lastPollAt: day(0),
  lastPollStartedAt: day(0),
  signInNeeded: false,
  sourceStatus: {
    riskyUsers: {
      state: 'consent-required',
      consentUrl: 'https://login/consent',
      message: 'x',
      at: day(0),
    },
  },
};

describe('buildTenantInsights', () => {
  const snapshot: SnapshotRecord = {
    tenantId: 't1',
    sources: {
      secureScores: {
        data: [score(0, 80)],
        fetchedAt: day(1),
        status: { state: 'throttled', retryAfterSeconds: 5, message: '429', at: day(0) },
      },
      userCounts: {
        data: { total: 10, guests: 2, disabled: 1, licensed: 7 },
        fetchedAt: day(0),
        status: { state: 'ok', at: day(0) },
      },
      subscribedSkus: {
        data: null,
        fetchedAt: null,
        status: { state: 'forbidden', message: 'needs Global Reader', at: day(0) },
      },
    },
  };
  const base = {
    syncroKey: 'k',
    configured: true,
    signedIn: true,
    polling: false,
    thresholds: DEFAULT_THRESHOLDS,
    resolution: { state: 'resolved', tenantId: 't1', via: 'domain' } as const,
    tenant: TENANT,
    snapshot,
  };

  it('shows last good data with the latest status, and the consent link', () => {
    const i = buildTenantInsights(base);
    expect(i.tenant).toEqual({
      tenantId: 't1',
      displayName: 'Contoso',
      lastPollAt: day(0),
      signInNeeded: false,
      consentUrl: 'https://login/consent',
    });
    expect(i.secureScore.status?.state).toBe('throttled');
    expect(i.secureScore.fetchedAt).toBe(day(1));
    expect(i.secureScore.data?.currentScore).toBe(80);
    expect(i.users.data?.members).toBe(8);
    expect(i.licences).toEqual({
      status: { state: 'forbidden', message: 'needs Global Reader', at: day(0) },
      fetchedAt: null,
      data: null,
    });
    expect(i.thresholds).toEqual({
      tenantSyncStaleHours: 24,
      backupStaleHours: 24,
      graphStaleMinutes: 60,
    });
  });

  it('has no Graph views until the tenant is resolved', () => {
    const i = buildTenantInsights({
      ...base,
      resolution: { state: 'unresolved', reason: 'no match' },
    });
    expect(i.tenant).toBeNull();
    expect(i.secureScore).toEqual({ status: null, fetchedAt: null, data: null });
    expect(i.resolution).toEqual({ state: 'unresolved', reason: 'no match' });
  });

  it('a derivation failing on odd data gives no data, not a crash', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const odd = {
      ...snapshot,
      sources: {
        userCounts: {
          data: 'nonsense' as never,
          fetchedAt: day(0),
          status: { state: 'ok' as const, at: day(0) },
        },
        subscribedSkus: {
          data: 5 as never,
          fetchedAt: day(0),
          status: { state: 'ok' as const, at: day(0) },
        },
      },
    };
    const i = buildTenantInsights({ ...base, snapshot: odd });
    expect(i.licences.data).toBeNull();
    expect(warn).toHaveBeenCalled();
  });
});

describe('buildExtensionStatus', () => {
  it('summarises account, sign-in-needed tenants and the poll', () => {
    const st = buildExtensionStatus({
      configured: true,
      account: { username: 'tech@msp.com', name: 'Tech' },
      tenants: [TENANT, { ...TENANT, tenantId: 't2', displayName: 'Fabrikam', signInNeeded: true }],
      progress: {
        runId: 'r',
        startedAt: day(0),
        finishedAt: null,
        tenantIds: ['t1', 't2', 't3'],
        done: ['t1', 't2'],
        failures: [{ tenantId: 't2', message: 'Sign-in needed' }],
      },
      running: true,
    });
    expect(st).toEqual({
      configured: true,
      account: { username: 'tech@msp.com', name: 'Tech' },
      signInNeededTenants: 1,
      poll: {
        running: true,
        done: 2,
        total: 3,
        lastFinishedAt: day(0),
        failures: [{ tenantId: 't2', tenantName: 'Fabrikam', message: 'Sign-in needed' }],
      },
      tenantCount: 2,
    });
  });
});

describe('resolveTenant', () => {
  const customers = [
    { tenantId: 'id-fabrikam', displayName: 'Fabrikam, Inc.' },
    { tenantId: 'id-northwind-1', displayName: 'Northwind Traders' },
    { tenantId: 'id-northwind-2', displayName: 'Northwind Traders' },
    { tenantId: 'id-tailspin-a', displayName: 'Tailspin Toys' },
    { tenantId: 'id-tailspin-b', displayName: 'Tailspin Toys Ltd' },
    { tenantId: 'id-tailspin-c', displayName: 'Tailspin-Toys' },
    { tenantId: '22222222-2222-2222-2222-222222222222', displayName: 'Woodgrove' },
  ];
  const deps = (over: Partial<ResolveDeps> = {}): ResolveDeps => ({
    mappings: [{ match: 'Contoso Pharma', tenantId: 'id-manual' }],
    byDomain: vi.fn(async (d: string) =>
      d === 'contoso.com' ? { tenantId: 'id-contoso' } : { notFound: true as const },
    ),
    delegatedCustomers: vi.fn(async () => customers),
    ...over,
  });

  it('a manual mapping wins, case-insensitively', async () => {
    const d = deps({ mappings: [{ match: 'contoso.com', tenantId: 'id-manual' }] });
    expect(await resolveTenant('  Contoso.COM ', d)).toEqual({
      state: 'resolved',
      tenantId: 'id-manual',
      via: 'manual',
    });
    expect(d.byDomain).not.toHaveBeenCalled();
  });

  it('a domain goes to the OpenID lookup', async () => {
    const d = deps();
    expect(await resolveTenant('Contoso.com', d)).toEqual({
      state: 'resolved',
      tenantId: 'id-contoso',
      via: 'domain',
    });
    expect(d.delegatedCustomers).not.toHaveBeenCalled();
    expect(await resolveTenant('nobody.example', d)).toEqual({
      state: 'unresolved',
      reason: 'No Microsoft tenant uses the domain nobody.example.',
    });
    const failing = deps({ byDomain: async () => ({ error: 'timeout' }) });
    expect((await resolveTenant('contoso.com', failing)).state).toBe('unresolved');
  });

  it('a name matches a delegated-admin customer, exactly or after normalising punctuation', async () => {
    expect(await resolveTenant('fabrikam, inc.', deps())).toEqual({
      state: 'resolved',
      tenantId: 'id-fabrikam',
      via: 'delegated-admin',
    });
    expect(await resolveTenant('Fabrikam Inc', deps())).toEqual({
      state: 'resolved',
      tenantId: 'id-fabrikam',
      via: 'delegated-admin',
    });
    // An exact match wins over looser ones ("Tailspin-Toys" normalises the same).
    expect(await resolveTenant('Tailspin Toys', deps())).toEqual({
      state: 'resolved',
      tenantId: 'id-tailspin-a',
      via: 'delegated-admin',
    });
    expect(await resolveTenant('22222222-2222-2222-2222-222222222222', deps())).toMatchObject({
      state: 'resolved',
      via: 'delegated-admin',
    });
    expect(normaliseName('Café & Co., Ltd.')).toBe('cafe and co ltd');
  });

  it('several matches are ambiguous', async () => {
    expect(await resolveTenant('Northwind Traders', deps())).toEqual({
      state: 'ambiguous',
      candidates: [
        { tenantId: 'id-northwind-1', displayName: 'Northwind Traders' },
        { tenantId: 'id-northwind-2', displayName: 'Northwind Traders' },
      ],
    });
    expect((await resolveTenant('tailspin toys!', deps())).state).toBe('ambiguous');
  });

  it('no match is unresolved with a reason, never a guess', async () => {
    const r = await resolveTenant('Tailspin', deps());
    expect(r).toEqual({
      state: 'unresolved',
      reason: 'No delegated-admin customer is named "Tailspin". Add a manual mapping in options.',
    });
    expect((await resolveTenant('', deps())).state).toBe('unresolved');
    const down = await resolveTenant(
      'Fabrikam',
      deps({
        delegatedCustomers: async () => {
          throw new Error('403 Forbidden');
        },
      }),
    );
    expect(down).toMatchObject({ state: 'unresolved' });
    expect(down.state === 'unresolved' && down.reason).toContain('403 Forbidden');
  });
});
