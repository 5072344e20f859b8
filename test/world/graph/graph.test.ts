/**
 * The Graph emulator, called in-process with tokens signed by the world's signer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_TENANTS, PARTNER_TENANT } from '../catalogue';
import type { WorldResponse } from '../http';
import { createCore, setFaults, type WorldCore } from '../state';
import {
  bitlockerConditions,
  buildTenantFixture,
  createGraphState,
  FAULT_HEADER,
  type GraphState,
  getTenantFixture,
  graphLogTenant,
  handleGraph,
  storageConditions,
  TENANT_HEADER,
  type TenantFixture,
} from './index';

const FABRIKAM = '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e';
const NORTHWIND = '2a4c6e8b-1d3f-4a5c-9e7b-2d4f6a8c0e1b';
const TAILSPIN = '3b5d7f9a-2c4e-4b6d-8a0c-3e5a7c9e1f2a';
const LITWARE = '5d7f9b1c-4e6a-4d8f-8c2e-5a7c9e1b3d4f';
const ADATUM = '6e8a0c2d-5f7b-4e9a-9d3f-6b8d0f2c4e5a';
const ALL_SCOPES =
  'User.Read User.Read.All Organization.Read.All SecurityEvents.Read.All SecurityAlert.Read.All BitLockerKey.ReadBasic.All DeviceManagementManagedDevices.Read.All Reports.Read.All AuditLog.Read.All IdentityRiskyUser.Read.All DelegatedAdminRelationship.Read.All';
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

let core: WorldCore;
let graph: GraphState;

function rolesFor(tenantId: string): string[] {
  if (tenantId === PARTNER_TENANT.id) return ['Global Administrator'];
  return MICROSOFT_TENANTS.find((t) => t.id === tenantId)?.gdapRoles ?? [];
}

function token(tid: string, opts: { scp?: string; expOffset?: number; aud?: string } = {}): string {
  const iat = Math.floor(core.now() / 1000);
  return core.signer.sign({
    aud: opts.aud ?? 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tid}/`,
    tid,
    oid: '4f1e2d3c-5b6a-4978-8877-665544332211',
    upn: 'taylor@contosomsp.onmicrosoft.com',
    scp: opts.scp ?? ALL_SCOPES,
    appid: '7d1f5e2a-3c4b-4a69-8e0f-1b2c3d4e5f60',
    iat,
    nbf: iat,
    exp: iat + (opts.expOffset ?? 3600),
    uti: 'test',
  });
}

async function call(
  tid: string | null,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; tok?: string } = {},
): Promise<WorldResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.tok !== undefined) headers.authorization = `Bearer ${opts.tok}`;
  else if (tid) headers.authorization = `Bearer ${token(tid)}`;
  const url = new URL(path.startsWith('https://') ? path : `https://graph.microsoft.com${path}`);
  const body =
    opts.body === undefined
      ? ''
      : typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body);
  return handleGraph({ method: opts.method ?? 'GET', url, headers, body }, core, graph);
}

const jsonOf = (r: WorldResponse) => JSON.parse(r.body) as Record<string, any>;

async function all(
  tid: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ items: any[]; pages: number; links: string[] }> {
  const items: any[] = [];
  const links: string[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next) {
    const r = await call(tid, next, { headers });
    expect(r.status, `${next}: ${r.body}`).toBe(200);
    const b = jsonOf(r);
    items.push(...(b.value as any[]));
    pages++;
    next = b['@odata.nextLink'] as string | undefined;
    if (next) links.push(next);
    expect(pages).toBeLessThan(50);
  }
  return { items, pages, links };
}

function batch(tid: string, requests: unknown[], version = 'v1.0') {
  return call(tid, `/${version}/$batch`, {
    method: 'POST',
    body: { requests },
    headers: { 'content-type': 'application/json' },
  });
}

const fx = (tid: string) => getTenantFixture(tid, NOW) as TenantFixture;

beforeEach(() => {
  core = createCore();
  core.now = () => NOW;
  graph = createGraphState(core, { rolesFor });
});

/** A realistic per-tenant poll: 20 sub-requests. */
const twenty = () => [
  { id: 'org', method: 'GET', url: '/organization?$select=id,displayName,verifiedDomains' },
  { id: 'scores', method: 'GET', url: '/security/secureScores?$top=90' },
  { id: 'profiles', method: 'GET', url: '/security/secureScoreControlProfiles' },
  { id: 'total', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
  {
    id: 'guests',
    method: 'GET',
    url: "/users/$count?$filter=userType eq 'Guest'",
    headers: { ConsistencyLevel: 'eventual' },
  },
  {
    id: 'disabled',
    method: 'GET',
    url: '/users/$count?$filter=accountEnabled eq false',
    headers: { ConsistencyLevel: 'eventual' },
  },
  {
    id: 'licensed',
    method: 'GET',
    url: '/users/$count?$filter=assignedLicenses/$count ne 0',
    headers: { ConsistencyLevel: 'eventual' },
  },
  { id: 'skus', method: 'GET', url: '/subscribedSkus' },
  { id: 'alerts', method: 'GET', url: "/security/alerts_v2?$filter=status ne 'resolved'" },
  { id: 'keys', method: 'GET', url: '/informationProtection/bitlocker/recoveryKeys' },
  {
    id: 'devices',
    method: 'GET',
    url: "/deviceManagement/managedDevices?$filter=operatingSystem eq 'Windows'",
  },
  { id: 'mailbox', method: 'GET', url: "/reports/getMailboxUsageDetail(period='D7')" },
  { id: 'onedrive', method: 'GET', url: "/reports/getOneDriveUsageAccountDetail(period='D7')" },
  { id: 'mfa', method: 'GET', url: '/reports/authenticationMethods/userRegistrationDetails' },
  { id: 'risky', method: 'GET', url: '/identityProtection/riskyUsers' },
  { id: 'me', method: 'GET', url: '/me' },
  { id: 'count-no-header', method: 'GET', url: '/users/$count' },
  { id: 'users', method: 'GET', url: '/users?$top=5' },
  {
    id: 'top1',
    method: 'GET',
    url: '/users?$count=true&$top=1',
    headers: { ConsistencyLevel: 'eventual' },
  },
  { id: 'scores2', method: 'GET', url: 'security/secureScores?$top=1' },
];

describe('fixtures', () => {
  it('are deterministic and internally consistent for every tenant', () => {
    for (const t of MICROSOFT_TENANTS) {
      const f = fx(t.id);
      const again = buildTenantFixture(t.id, NOW + 3_600_000);
      expect(JSON.stringify(again)).toBe(JSON.stringify(f));
      expect(f.users.length).toBe(t.userCount);
      expect(f.counts.total).toBe(t.userCount);
      expect(f.counts.guests).toBeGreaterThan(0);
      expect(f.counts.disabled).toBeGreaterThan(0);
      expect(f.counts.licensed).toBeLessThan(f.counts.total);
      // SKU consumption equals the assignments; every SKU has room; at least one has unused licences.
      for (const sku of f.subscribedSkus) {
        const assigned = f.users.filter((u) =>
          u.assignedLicenses.some((l) => l.skuId === sku.skuId),
        ).length;
        expect(sku.consumedUnits).toBe(assigned);
        expect(sku.prepaidUnits.enabled).toBeGreaterThanOrEqual(sku.consumedUnits);
      }
      expect(f.subscribedSkus.some((s) => s.prepaidUnits.enabled > s.consumedUnits)).toBe(true);
      const parts = f.subscribedSkus.map((s) => s.skuPartNumber).sort();
      expect(parts).toEqual(
        t.plan === 'e5'
          ? ['AAD_PREMIUM_P2', 'EMS', 'SPE_E5']
          : t.plan === 'business-premium'
            ? ['SPB']
            : ['O365_BUSINESS_ESSENTIALS'],
      );
      // Conditions every tenant yields.
      const storage = storageConditions(f);
      expect(storage.mailboxes.length).toBeGreaterThan(0);
      expect(storage.oneDrives.length).toBeGreaterThan(0);
      expect(f.mailboxes.some((m) => m.storageUsedInBytes > m.issueWarningQuotaInBytes)).toBe(true);
      expect(f.alerts.some((a) => a.status === 'new' && a.severity === 'high')).toBe(true);
      for (const a of f.alerts)
        expect(a.alertWebUrl).toMatch(/^https:\/\/security\.microsoft\.com\/alerts\//);
      if (f.features.intune) {
        const b = bitlockerConditions(f);
        expect(b.unencrypted.length).toBeGreaterThan(0);
        expect(b.withoutKey.length).toBeGreaterThan(0);
      } else {
        expect(f.managedDevices).toEqual([]);
      }
      expect(f.riskyUsers.length > 0).toBe(t.plan === 'e5');
      // Secure scores: 90 days newest first, one a day, control scores add up.
      expect(f.secureScores).toHaveLength(90);
      for (let i = 1; i < 90; i++) {
        const a = f.secureScores[i - 1]!;
        const b = f.secureScores[i]!;
        expect(Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime)).toBe(86_400_000);
      }
      for (const s of f.secureScores) {
        expect(s.controlScores.reduce((n, c) => n + c.score, 0)).toBe(s.currentScore);
        expect(s.averageComparativeScores.map((c) => c.basis)).toEqual([
          'AllTenants',
          'TotalSeats',
          'IndustryTypes',
        ]);
      }
      expect(f.controlProfiles.length).toBeGreaterThanOrEqual(15);
    }
  });

  it('never dates anything in the future, even just after midnight UTC', () => {
    const early = Date.UTC(2026, 11, 3, 0, 5, 0);
    for (const t of MICROSOFT_TENANTS) {
      const text = JSON.stringify(buildTenantFixture(t.id, early));
      const stamps = text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g) ?? [];
      expect(stamps.length).toBeGreaterThan(100);
      for (const s of stamps)
        expect(Date.parse(s), `${t.displayName}: ${s}`).toBeLessThanOrEqual(early);
    }
  });

  it('has a recent secure score drop of at least 5 points (Fabrikam: 9 overnight)', () => {
    const s = fx(FABRIKAM).secureScores;
    expect(s[1]!.currentScore - s[0]!.currentScore).toBe(9);
    const n = fx(NORTHWIND).secureScores;
    expect(n[3]!.currentScore - n[2]!.currentScore).toBe(6);
  });
});

describe('endpoints', () => {
  it('/organization honours $select', async () => {
    const r = await call(FABRIKAM, '/v1.0/organization?$select=id,displayName,verifiedDomains');
    expect(r.status).toBe(200);
    const [org] = jsonOf(r).value;
    expect(Object.keys(org).sort()).toEqual(['displayName', 'id', 'verifiedDomains']);
    expect(org.id).toBe(FABRIKAM);
    expect(org.displayName).toBe('Fabrikam, Inc.');
    expect(org.verifiedDomains.find((d: any) => d.isDefault).name).toBe('fabrikam.com');
  });

  it('/me is the signed-in technician', async () => {
    const me = jsonOf(await call(FABRIKAM, '/v1.0/me'));
    expect(me.userPrincipalName).toBe('taylor@contosomsp.onmicrosoft.com');
    expect(me.displayName).toBe('Taylor Tech');
  });

  it('/users/$count answers plain integers matching the fixture, and needs ConsistencyLevel', async () => {
    const ev = { consistencylevel: 'eventual' };
    for (const tid of [FABRIKAM, TAILSPIN, LITWARE]) {
      const f = fx(tid);
      const cases: [string, number][] = [
        ['/v1.0/users/$count', f.counts.total],
        ["/v1.0/users/$count?$filter=userType eq 'Guest'", f.counts.guests],
        ['/v1.0/users/$count?$filter=accountEnabled eq false', f.counts.disabled],
        ['/v1.0/users/$count?$filter=assignedLicenses/$count ne 0', f.counts.licensed],
      ];
      for (const [path, expected] of cases) {
        const r = await call(tid, path, { headers: ev });
        expect(r.status).toBe(200);
        expect(r.headers['Content-Type']).toMatch(/^text\/plain/);
        expect(r.body).toBe(String(expected));
      }
    }
    const bad = await call(FABRIKAM, "/v1.0/users/$count?$filter=userType eq 'Guest'");
    expect(bad.status).toBe(400);
    expect(jsonOf(bad).error.code).toBe('Request_UnsupportedQuery');
  });

  it('/users?$count=true&$top=1 carries @odata.count', async () => {
    const f = fx(NORTHWIND);
    const r = await call(NORTHWIND, "/v1.0/users?$count=true&$top=1&$filter=userType eq 'Guest'", {
      headers: { consistencylevel: 'eventual' },
    });
    const b = jsonOf(r);
    expect(b['@odata.count']).toBe(f.counts.guests);
    expect(b.value).toHaveLength(1);
    expect(b['@odata.nextLink']).toMatch(
      /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?.*\$skiptoken=/,
    );
    expect((await call(NORTHWIND, '/v1.0/users?$count=true&$top=1')).status).toBe(400);
    // An advanced filter on the list needs both the header and $count=true.
    const ev = { consistencylevel: 'eventual' };
    const lic = '/v1.0/users?$filter=assignedLicenses/$count ne 0&$top=999';
    expect((await call(NORTHWIND, lic, { headers: ev })).status).toBe(400);
    const licensed = jsonOf(await call(NORTHWIND, `${lic}&$count=true`, { headers: ev }));
    expect(licensed['@odata.count']).toBe(f.counts.licensed);
    expect(licensed.value).toHaveLength(f.counts.licensed);
  });

  it('/subscribedSkus lists the plan SKUs', async () => {
    const b = jsonOf(await call(FABRIKAM, '/v1.0/subscribedSkus'));
    expect(b.value).toEqual(JSON.parse(JSON.stringify(fx(FABRIKAM).subscribedSkus)));
  });

  it('/security/secureScores?$top=90 returns the history newest first', async () => {
    const b = jsonOf(await call(FABRIKAM, '/v1.0/security/secureScores?$top=90'));
    expect(b.value).toHaveLength(90);
    expect(b.value[0].currentScore).toBe(fx(FABRIKAM).secureScores[0]!.currentScore);
    expect(b.value[0].createdDateTime > b.value[1].createdDateTime).toBe(true);
    expect(jsonOf(await call(FABRIKAM, '/v1.0/security/secureScores?$top=2')).value).toHaveLength(
      2,
    );
  });

  it('control profiles come 250 a page (one page here); $top pages them with absolute nextLinks', async () => {
    const whole = await all(FABRIKAM, '/v1.0/security/secureScoreControlProfiles');
    expect(whole.pages).toBe(1);
    const { items, pages, links } = await all(
      FABRIKAM,
      '/v1.0/security/secureScoreControlProfiles?$top=10',
    );
    expect(items.map((p) => p.id)).toEqual(fx(FABRIKAM).controlProfiles.map((p) => p.id));
    expect(whole.items.map((p) => p.id)).toEqual(items.map((p) => p.id));
    expect(pages).toBe(Math.ceil(fx(FABRIKAM).controlProfiles.length / 10));
    for (const l of links)
      expect(l).toMatch(
        /^https:\/\/graph\.microsoft\.com\/v1\.0\/security\/secureScoreControlProfiles\?\$top=10&\$skiptoken=/,
      );
    const p = items[0];
    for (const k of [
      'title',
      'maxScore',
      'rank',
      'actionUrl',
      'implementationCost',
      'userImpact',
      'tier',
      'controlCategory',
      'service',
      'deprecated',
    ]) {
      expect(p).toHaveProperty(k);
    }
    expect(items.some((x) => x.deprecated)).toBe(true);
  });

  it("alerts_v2 filters status ne 'resolved' and pages at 5", async () => {
    for (const tid of [FABRIKAM, NORTHWIND, TAILSPIN]) {
      const open = fx(tid).alerts.filter((a) => a.status !== 'resolved');
      const { items, pages } = await all(
        tid,
        "/v1.0/security/alerts_v2?$filter=status ne 'resolved'",
      );
      expect(items.map((a) => a.id)).toEqual(open.map((a) => a.id));
      expect(pages).toBe(Math.max(1, Math.ceil(open.length / 5)));
    }
    expect(fx(FABRIKAM).alerts.filter((a) => a.status !== 'resolved').length).toBeGreaterThan(5);
  });

  it('alerts_v2 honours $top up to 1000: one page at $top=1000, every page keeps $top', async () => {
    const open = fx(FABRIKAM).alerts.filter((a) => a.status !== 'resolved');
    const one = await all(
      FABRIKAM,
      "/v1.0/security/alerts_v2?$filter=status ne 'resolved'&$top=1000",
    );
    expect(one.pages).toBe(1);
    expect(one.items.map((a) => a.id)).toEqual(open.map((a) => a.id));
    const small = await all(
      FABRIKAM,
      "/v1.0/security/alerts_v2?$filter=status ne 'resolved'&$top=2",
    );
    expect(small.pages).toBe(Math.ceil(open.length / 2));
    expect(small.items.map((a) => a.id)).toEqual(open.map((a) => a.id));
    for (const l of small.links) expect(l).toContain('$top=2&');
    expect((await call(FABRIKAM, '/v1.0/security/alerts_v2?$top=0')).status).toBe(400);
  });

  it('default page sizes: Intune devices 1000, users 100, MFA report 100 unless $top (max 999)', async () => {
    const f = fx(FABRIKAM);
    const windows = f.managedDevices.filter((d) => d.operatingSystem === 'Windows');
    expect(windows.length).toBeGreaterThan(100);
    const devices = await all(
      FABRIKAM,
      "/v1.0/deviceManagement/managedDevices?$filter=operatingSystem eq 'Windows'",
    );
    expect(devices.pages).toBe(1);
    expect(devices.items).toHaveLength(windows.length);
    const devicePages = await all(FABRIKAM, '/v1.0/deviceManagement/managedDevices?$top=50');
    expect(devicePages.pages).toBe(Math.ceil(f.managedDevices.length / 50));
    expect(devicePages.items).toHaveLength(f.managedDevices.length);

    expect(f.mfaRegistrations.length).toBeGreaterThan(100);
    const mfaDefault = await all(
      FABRIKAM,
      '/v1.0/reports/authenticationMethods/userRegistrationDetails',
    );
    expect(mfaDefault.pages).toBe(Math.ceil(f.mfaRegistrations.length / 100));
    const mfaTop = await all(
      FABRIKAM,
      '/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=999',
    );
    expect(mfaTop.pages).toBe(1);
    expect(mfaTop.items.map((u) => u.id)).toEqual(mfaDefault.items.map((u) => u.id));

    expect(jsonOf(await call(FABRIKAM, '/v1.0/users')).value).toHaveLength(100);
    expect(jsonOf(await call(FABRIKAM, '/v1.0/users?$top=999')).value).toHaveLength(f.users.length);
  });

  it('BitLocker recovery keys ignore $top (not supported): they page at their own size', async () => {
    const f = fx(FABRIKAM);
    const plain = await all(FABRIKAM, '/v1.0/informationProtection/bitlocker/recoveryKeys');
    const asked = await all(
      FABRIKAM,
      '/v1.0/informationProtection/bitlocker/recoveryKeys?$top=999',
    );
    expect(asked.pages).toBe(plain.pages);
    expect(asked.pages).toBeGreaterThan(1);
    expect(asked.items.map((k) => k.id)).toEqual(f.recoveryKeys.map((k) => k.id));
  });

  it('BitLocker recovery keys page, filter by deviceId only', async () => {
    const f = fx(FABRIKAM);
    const { items, pages } = await all(
      FABRIKAM,
      '/v1.0/informationProtection/bitlocker/recoveryKeys',
    );
    expect(items.map((k) => k.id)).toEqual(f.recoveryKeys.map((k) => k.id));
    expect(pages).toBeGreaterThan(1);
    const k = f.recoveryKeys[0]!;
    const one = jsonOf(
      await call(
        FABRIKAM,
        `/v1.0/informationProtection/bitlocker/recoveryKeys?$filter=deviceId eq '${k.deviceId}'`,
      ),
    );
    expect(one.value.map((x: any) => x.deviceId)).toContain(k.deviceId);
    expect(one.value.every((x: any) => x.deviceId === k.deviceId)).toBe(true);
    const bad = await call(
      FABRIKAM,
      "/v1.0/informationProtection/bitlocker/recoveryKeys?$filter=volumeType eq 'operatingSystemVolume'",
    );
    expect(bad.status).toBe(400);
  });

  it('managedDevices filters Windows, honours $select and ignores unsupported filters', async () => {
    const f = fx(FABRIKAM);
    const sel = 'id,deviceName,isEncrypted,azureADDeviceId,userPrincipalName,lastSyncDateTime';
    const { items } = await all(
      FABRIKAM,
      `/v1.0/deviceManagement/managedDevices?$filter=operatingSystem eq 'Windows'&$select=${sel}`,
    );
    const windows = f.managedDevices.filter((d) => d.operatingSystem === 'Windows');
    expect(items).toHaveLength(windows.length);
    expect(Object.keys(items[0]).sort()).toEqual(sel.split(',').sort());
    expect(items.filter((d) => !d.isEncrypted)).toHaveLength(
      bitlockerConditions(f).unencrypted.length,
    );
    const ignored = await all(
      FABRIKAM,
      '/v1.0/deviceManagement/managedDevices?$filter=isEncrypted eq false',
    );
    expect(ignored.items).toHaveLength(f.managedDevices.length);
  });

  it('mailbox report: v1.0 redirects to a short-lived CSV; beta answers JSON', async () => {
    const f = fx(NORTHWIND);
    const r = await call(NORTHWIND, "/v1.0/reports/getMailboxUsageDetail(period='D7')");
    expect(r.status).toBe(302);
    const loc = r.headers.Location!;
    expect(loc).toMatch(/^https:\/\/graph\.microsoft\.com\/__reports\/[\w-]+\.csv$/);
    const csv = await call(null, loc);
    expect(csv.status).toBe(200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Recipient Type,Report Period',
    );
    expect(lines).toHaveLength(f.mailboxes.length + 1);
    expect(graphLogTenant({ method: 'GET', url: new URL(loc), headers: {}, body: '' }, graph)).toBe(
      NORTHWIND,
    );
    // The link expires.
    core.now = () => NOW + 10 * 60_000;
    expect((await call(null, loc)).status).toBe(404);
    core.now = () => NOW;

    const j = jsonOf(
      await call(
        NORTHWIND,
        "/beta/reports/getMailboxUsageDetail(period='D7')?$format=application/json",
      ),
    );
    expect(j.value).toHaveLength(f.mailboxes.length);
    const row = j.value[0];
    for (const k of [
      'userPrincipalName',
      'displayName',
      'storageUsedInBytes',
      'issueWarningQuotaInBytes',
      'prohibitSendQuotaInBytes',
      'prohibitSendReceiveQuotaInBytes',
    ]) {
      expect(row).toHaveProperty(k);
    }
    expect(
      j.value.filter((m: any) => m.storageUsedInBytes > m.issueWarningQuotaInBytes).length,
    ).toBeGreaterThan(0);
  });

  it('OneDrive report: CSV and beta JSON', async () => {
    const f = fx(TAILSPIN);
    const r = await call(TAILSPIN, "/v1.0/reports/getOneDriveUsageAccountDetail(period='D7')");
    expect(r.status).toBe(302);
    const csv = await call(null, r.headers.Location!);
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
      'Report Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period',
    );
    const j = jsonOf(
      await call(
        TAILSPIN,
        "/beta/reports/getOneDriveUsageAccountDetail(period='D7')?$format=application/json",
      ),
    );
    expect(j.value).toHaveLength(f.oneDrives.length);
    expect(j.value.some((d: any) => d.storageUsedInBytes >= 0.9 * d.storageAllocatedInBytes)).toBe(
      true,
    );
    expect(
      (await call(TAILSPIN, "/v1.0/reports/getOneDriveUsageAccountDetail(period='D8')")).status,
    ).toBe(400);
  });

  it('Adatum conceals names in the usage reports', async () => {
    const j = jsonOf(
      await call(
        ADATUM,
        "/beta/reports/getMailboxUsageDetail(period='D7')?$format=application/json",
      ),
    );
    expect(j.value[0].userPrincipalName).toMatch(/^[0-9A-F]{32}$/);
  });

  it('MFA registration details and risky users (E5)', async () => {
    const f = fx(FABRIKAM);
    const { items } = await all(
      FABRIKAM,
      '/v1.0/reports/authenticationMethods/userRegistrationDetails',
    );
    expect(items).toHaveLength(f.users.length);
    expect(items.filter((u) => !u.isMfaRegistered)).toHaveLength(
      f.mfaRegistrations.filter((u) => !u.isMfaRegistered).length,
    );
    const risky = jsonOf(await call(FABRIKAM, '/v1.0/identityProtection/riskyUsers'));
    expect(risky.value).toHaveLength(f.riskyUsers.length);
    const atRisk = jsonOf(
      await call(FABRIKAM, "/v1.0/identityProtection/riskyUsers?$filter=riskState eq 'atRisk'"),
    );
    expect(atRisk.value.every((u: any) => u.riskState === 'atRisk')).toBe(true);
  });

  it('delegatedAdminCustomers lists the customers in the partner tenant', async () => {
    const b = jsonOf(
      await call(PARTNER_TENANT.id, '/v1.0/tenantRelationships/delegatedAdminCustomers'),
    );
    expect(b.value.map((c: any) => c.displayName)).toContain('Northwind Traders');
    const nw = b.value.find((c: any) => c.displayName === 'Northwind Traders');
    expect(nw).toMatchObject({ id: NORTHWIND, tenantId: NORTHWIND });
    const noScope = await call(
      PARTNER_TENANT.id,
      '/v1.0/tenantRelationships/delegatedAdminCustomers',
      { tok: token(PARTNER_TENANT.id, { scp: 'User.Read' }) },
    );
    expect(noScope.status).toBe(403);
  });

  it('unknown segments answer 400', async () => {
    const r = await call(FABRIKAM, '/v1.0/nope');
    expect(r.status).toBe(400);
    expect(jsonOf(r).error.message).toBe("Resource not found for the segment 'nope'.");
  });
});

describe('auth', () => {
  const errorShape = (b: Record<string, any>) => {
    expect(Object.keys(b)).toEqual(['error']);
    expect(Object.keys(b.error)).toEqual(['code', 'message', 'innerError']);
    expect(Object.keys(b.error.innerError)).toEqual(['date', 'request-id', 'client-request-id']);
  };

  it('missing token: 401 Access token is empty', async () => {
    const r = await call(null, '/v1.0/organization', { headers: { 'client-request-id': 'abc' } });
    expect(r.status).toBe(401);
    const b = jsonOf(r);
    errorShape(b);
    expect(b.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect(b.error.innerError['client-request-id']).toBe('abc');
    expect(r.headers['WWW-Authenticate']).toMatch(/^Bearer /);
  });

  it('expired token: 401 lifetime validation', async () => {
    const r = await call(FABRIKAM, '/v1.0/organization', {
      tok: token(FABRIKAM, { expOffset: -10 }),
    });
    expect(r.status).toBe(401);
    const b = jsonOf(r);
    errorShape(b);
    expect(b.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Lifetime validation failed, the token is expired.',
    });
  });

  it('bad signature, wrong audience, unknown tenant: 401', async () => {
    const t = token(FABRIKAM);
    const forged = `${t.slice(0, t.lastIndexOf('.'))}.AAAA${t.slice(t.lastIndexOf('.') + 5)}`;
    for (const tok of [
      forged,
      token(FABRIKAM, { aud: 'https://management.azure.com' }),
      token('00000000-0000-4000-8000-000000000000'),
    ]) {
      const r = await call(FABRIKAM, '/v1.0/organization', { tok });
      expect(r.status).toBe(401);
      expect(jsonOf(r).error.code).toBe('InvalidAuthenticationToken');
    }
  });

  it('the token tenant selects the data', async () => {
    const r = await call(TAILSPIN, '/v1.0/organization');
    expect(jsonOf(r).value[0].id).toBe(TAILSPIN);
    expect(r.headers[TENANT_HEADER]).toBe(TAILSPIN);
  });
});

describe('gating', () => {
  it('business-basic: no Intune, no P1/P2', async () => {
    const md = await call(TAILSPIN, '/v1.0/deviceManagement/managedDevices');
    expect(md.status).toBe(403);
    expect(jsonOf(md).error.message).toMatch(/Intune/);
    const mfa = await call(TAILSPIN, '/v1.0/reports/authenticationMethods/userRegistrationDetails');
    expect(mfa.status).toBe(403);
    expect(jsonOf(mfa).error.message).toMatch(/SKU/);
    const risky = await call(TAILSPIN, '/v1.0/identityProtection/riskyUsers');
    expect(risky.status).toBe(403);
    expect(jsonOf(risky).error.message).toBe('Your tenant is not licensed for this feature.');
    // Still fine: directory, security, reports.
    expect((await call(TAILSPIN, '/v1.0/subscribedSkus')).status).toBe(200);
    expect((await call(TAILSPIN, '/v1.0/security/secureScores?$top=1')).status).toBe(200);
  });

  it('business-premium: riskyUsers needs P2', async () => {
    expect((await call(NORTHWIND, '/v1.0/identityProtection/riskyUsers')).status).toBe(403);
    expect(
      (await call(NORTHWIND, '/v1.0/reports/authenticationMethods/userRegistrationDetails')).status,
    ).toBe(200);
    expect((await call(NORTHWIND, '/v1.0/deviceManagement/managedDevices')).status).toBe(200);
  });

  it("Litware's Directory Readers technician: directory yes, security/reports/BitLocker/Intune no", async () => {
    expect(
      (await call(LITWARE, '/v1.0/users/$count', { headers: { consistencylevel: 'eventual' } }))
        .status,
    ).toBe(200);
    expect((await call(LITWARE, '/v1.0/organization')).status).toBe(200);
    const sec = await call(LITWARE, '/v1.0/security/secureScores?$top=90');
    expect(sec.status).toBe(403);
    expect(jsonOf(sec).error.code).toBe('Forbidden');
    expect(
      (await call(LITWARE, "/v1.0/security/alerts_v2?$filter=status ne 'resolved'")).status,
    ).toBe(403);
    expect((await call(LITWARE, "/v1.0/reports/getMailboxUsageDetail(period='D7')")).status).toBe(
      403,
    );
    const bl = await call(LITWARE, '/v1.0/informationProtection/bitlocker/recoveryKeys');
    expect(bl.status).toBe(403);
    expect(jsonOf(bl).error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect((await call(LITWARE, '/v1.0/deviceManagement/managedDevices')).status).toBe(403);
  });

  it('missing delegated permission (scp): 403', async () => {
    const tok = token(FABRIKAM, { scp: 'User.Read' });
    const users = await call(FABRIKAM, '/v1.0/users/$count', {
      tok,
      headers: { consistencylevel: 'eventual' },
    });
    expect(users.status).toBe(403);
    expect(jsonOf(users).error.code).toBe('Authorization_RequestDenied');
    const sec = await call(FABRIKAM, '/v1.0/security/secureScores', { tok });
    expect(sec.status).toBe(403);
    expect(jsonOf(sec).error.code).toBe('Forbidden');
    // User.Read is enough for the organization's basic properties.
    expect(
      (await call(FABRIKAM, '/v1.0/organization?$select=id,displayName,verifiedDomains', { tok }))
        .status,
    ).toBe(200);
  });
});

describe('$batch', () => {
  it('refuses more than 20 requests', async () => {
    const reqs = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/organization',
    }));
    const r = await batch(FABRIKAM, reqs);
    expect(r.status).toBe(400);
    expect(jsonOf(r).error).toMatchObject({
      code: 'BadRequest',
      message: 'The number of requests in the batch exceeds 20',
    });
  });

  it('refuses duplicate ids', async () => {
    const r = await batch(FABRIKAM, [
      { id: '1', method: 'GET', url: '/organization' },
      { id: '1', method: 'GET', url: '/me' },
    ]);
    expect(r.status).toBe(400);
  });

  it('answers 20 requests one by one, a 403 next to 200s, in shuffled order', async () => {
    const reqs = twenty();
    const r = await batch(TAILSPIN, reqs);
    expect(r.status).toBe(200);
    const { responses } = jsonOf(r) as {
      responses: { id: string; status: number; headers: Record<string, string>; body?: any }[];
    };
    expect(responses).toHaveLength(20);
    expect(responses.map((x) => x.id).sort()).toEqual(reqs.map((x) => x.id).sort());
    expect(responses.map((x) => x.id)).not.toEqual(reqs.map((x) => x.id));
    const by = Object.fromEntries(responses.map((x) => [x.id, x]));
    const f = fx(TAILSPIN);
    expect(by.org!.status).toBe(200);
    expect(by.org!.body.value[0].id).toBe(TAILSPIN);
    expect(by.total!.body).toBe(f.counts.total);
    expect(by.guests!.body).toBe(f.counts.guests);
    expect(by.disabled!.body).toBe(f.counts.disabled);
    expect(by.licensed!.body).toBe(f.counts.licensed);
    expect(by.scores!.body.value).toHaveLength(90);
    expect(by.devices!.status).toBe(403);
    expect(by.mfa!.status).toBe(403);
    expect(by.risky!.status).toBe(403);
    expect(by['count-no-header']!.status).toBe(400);
    expect(by.mailbox!.status).toBe(302);
    expect(by.mailbox!.headers.Location).toMatch(/^https:\/\/graph\.microsoft\.com\/__reports\//);
    expect(by.top1!.body['@odata.count']).toBe(f.counts.total);
    expect(by.scores2!.body.value).toHaveLength(1);
    // The CSV behind the batch's 302 downloads.
    expect((await call(null, by.mailbox!.headers.Location!)).status).toBe(200);
    // Sub-requests are logged with the tenant.
    const logged = core.log.filter((l) => l.inBatch);
    expect(logged).toHaveLength(20);
    expect(logged.every((l) => l.tenantId === TAILSPIN && l.host === 'graph.microsoft.com')).toBe(
      true,
    );
  });

  it('honours dependsOn: a failed predecessor gives 424', async () => {
    const r = await batch(FABRIKAM, [
      { id: 'a', method: 'GET', url: '/users/$count' },
      { id: 'b', method: 'GET', url: '/organization', dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: '/me' },
      { id: 'd', method: 'GET', url: '/subscribedSkus', dependsOn: ['c'] },
    ]);
    const by = Object.fromEntries((jsonOf(r).responses as any[]).map((x) => [x.id, x]));
    expect(by.a.status).toBe(400);
    expect(by.b.status).toBe(424);
    expect(by.c.status).toBe(200);
    expect(by.d.status).toBe(200);
  });

  it('works on beta too, and rejects absolute sub-request URLs', async () => {
    const r = await batch(
      FABRIKAM,
      [
        {
          id: '1',
          method: 'GET',
          url: "/reports/getMailboxUsageDetail(period='D7')?$format=application/json",
        },
        { id: '2', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' },
      ],
      'beta',
    );
    const by = Object.fromEntries((jsonOf(r).responses as any[]).map((x) => [x.id, x]));
    expect(by['1'].status).toBe(200);
    expect(by['1'].body.value).toHaveLength(fx(FABRIKAM).mailboxes.length);
    expect(by['2'].status).toBe(400);
  });

  it('shuffles deterministically', async () => {
    const order = async () => {
      graph = createGraphState(core, { rolesFor });
      return (jsonOf(await batch(FABRIKAM, twenty())).responses as any[]).map((x) => x.id);
    };
    expect(await order()).toEqual(await order());
  });
});

describe('faults', () => {
  it('429 carries Retry-After (outer)', async () => {
    setFaults(core, { rate: 1, kinds: ['429'], retryAfterSeconds: 7 });
    const r = await call(FABRIKAM, '/v1.0/organization');
    expect(r.status).toBe(429);
    expect(r.headers['Retry-After']).toBe('7');
    expect(jsonOf(r).error.code).toBe('TooManyRequests');
    expect(r.headers[FAULT_HEADER]).toBe('429');
    expect(r.headers['Access-Control-Expose-Headers']).toMatch(/Retry-After/);
  });

  it('429 without Retry-After, 503, expired token, timeout', async () => {
    setFaults(core, { rate: 1, kinds: ['429-no-retry-after'] });
    const a = await call(FABRIKAM, '/v1.0/organization');
    expect(a.status).toBe(429);
    expect(a.headers['Retry-After']).toBeUndefined();
    setFaults(core, { rate: 1, kinds: ['503'], retryAfterSeconds: 2 });
    const b = await call(FABRIKAM, '/v1.0/organization');
    expect(b.status).toBe(503);
    expect(b.headers['Retry-After']).toBe('2');
    setFaults(core, { rate: 1, kinds: ['expired-token'] });
    const c = await call(FABRIKAM, '/v1.0/organization');
    expect(c.status).toBe(401);
    expect(jsonOf(c).error.message).toBe('Lifetime validation failed, the token is expired.');
    setFaults(core, { rate: 1, kinds: ['timeout'], timeoutMs: 1234 });
    const d = await call(FABRIKAM, '/v1.0/organization');
    expect(d.drop).toBe(true);
    expect(d.delayMs).toBe(1234);
  });

  it('malformed: 200 with a truncated JSON body', async () => {
    setFaults(core, { rate: 1, kinds: ['malformed'] });
    const r = await call(FABRIKAM, '/v1.0/security/secureScores?$top=3');
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
    expect(r.body.startsWith('{')).toBe(true);
  });

  it('a 429 sits inside a 200 batch envelope with its own Retry-After', async () => {
    let found = false;
    for (let seed = 1; seed < 200 && !found; seed++) {
      setFaults(core, { rate: 0.3, kinds: ['429'], retryAfterSeconds: 3, seed });
      const r = await batch(FABRIKAM, twenty());
      if (r.status !== 200 || r.headers[FAULT_HEADER]) continue;
      const throttled = (jsonOf(r).responses as any[]).filter((x) => x.status === 429);
      if (throttled.length === 0) continue;
      found = true;
      expect(throttled[0].headers['Retry-After']).toBe('3');
      expect(throttled[0].body.error.code).toBe('TooManyRequests');
      const logged = core.log.filter((l) => l.inBatch && l.fault === '429');
      expect(logged.length).toBe(throttled.length);
    }
    expect(found).toBe(true);
  });

  it('timeouts inside a batch are 504s; malformed sub-bodies are strings', async () => {
    const kinds = new Set<number>();
    for (let seed = 1; seed < 100; seed++) {
      setFaults(core, { rate: 0.3, kinds: ['timeout', 'malformed'], seed });
      const r = await batch(FABRIKAM, twenty());
      if (r.status !== 200 || r.drop || r.headers[FAULT_HEADER]) continue; // the envelope itself faulted
      for (const x of jsonOf(r).responses as any[]) {
        if (x.status === 504) kinds.add(504);
        if (x.status === 200 && typeof x.body === 'string' && x.body.startsWith('{'))
          kinds.add(200);
      }
    }
    expect([...kinds].sort()).toEqual([200, 504]);
  });

  it('a throttled tenant answers 429 to everything, others are unaffected', async () => {
    setFaults(core, { throttledTenants: [NORTHWIND], retryAfterSeconds: 5 });
    const r = await call(NORTHWIND, '/v1.0/organization');
    expect(r.status).toBe(429);
    expect(r.headers['Retry-After']).toBe('5');
    const b = await batch(NORTHWIND, twenty().slice(0, 4));
    expect(b.status).toBe(200);
    for (const x of jsonOf(b).responses as any[]) {
      expect(x.status).toBe(429);
      expect(x.headers['Retry-After']).toBe('5');
    }
    expect((await call(FABRIKAM, '/v1.0/organization')).status).toBe(200);
  });

  it('the same seed gives the same fault sequence', async () => {
    const run = async () => {
      setFaults(core, { rate: 0.4, kinds: ['429', '503', 'malformed'], seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(FABRIKAM, '/v1.0/organization')).status);
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('optional Identity Protection rate limit: 429 without Retry-After', async () => {
    graph.options.riskyUsersRateLimit = true;
    expect((await call(FABRIKAM, '/v1.0/identityProtection/riskyUsers')).status).toBe(200);
    const r = await call(FABRIKAM, '/v1.0/identityProtection/riskyUsers');
    expect(r.status).toBe(429);
    expect(r.headers['Retry-After']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers preflights and exposes the headers clients need', async () => {
    const r = await handleGraph(
      {
        method: 'OPTIONS',
        url: new URL('https://graph.microsoft.com/v1.0/$batch'),
        headers: {
          origin: 'chrome-extension://abcdefghijklmnop',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization,content-type,consistencylevel,client-request-id,sdkversion',
        },
        body: '',
      },
      core,
      graph,
    );
    expect(r.status).toBe(200);
    expect(r.headers['Access-Control-Allow-Origin']).toBe('chrome-extension://abcdefghijklmnop');
    for (const h of [
      'authorization',
      'content-type',
      'consistencylevel',
      'client-request-id',
      'sdkversion',
    ]) {
      expect(r.headers['Access-Control-Allow-Headers']).toContain(h);
    }
    const g = await call(FABRIKAM, '/v1.0/organization', {
      headers: { origin: 'chrome-extension://abcdefghijklmnop' },
    });
    expect(g.headers['Access-Control-Allow-Origin']).toBe('chrome-extension://abcdefghijklmnop');
    for (const h of ['Retry-After', 'request-id', 'Location'])
      expect(g.headers['Access-Control-Expose-Headers']).toContain(h);
    expect(g.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
