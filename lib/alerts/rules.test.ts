import { describe, expect, it } from 'vitest';
import type { SourceData, SourceId } from '../graph/types';
import type { TenantPage } from '../portal/types';
import { DEFAULT_THRESHOLDS } from '../settings';
import type { SnapshotRecord, SourceSnapshot } from '../store/types';
import { badgeFor } from './badge';
import { backupFailureRule, evaluateTenantRules, oneStop } from './index';
import { bitlockerReminderRule } from './rules/bitlocker-reminder';
import { securityAlertRule } from './rules/security-alert';
import { storageSpaceRule } from './rules/storage-space';

const now = new Date('2026-12-03T12:00:00Z');
const tenant = {
  tenantId: 't1',
  displayName: 'Fabrikam',
  syncroKeys: ['https://acme.syncromsp.com/tenants/fabrikam'],
};
const GB = 1024 ** 3;

function snap(sources: { [K in SourceId]?: SourceData[K] }): SnapshotRecord {
  const out: SnapshotRecord = { tenantId: 't1', sources: {} };
  for (const [k, data] of Object.entries(sources)) {
    (out.sources as Record<string, SourceSnapshot>)[k] = {
      data: data as never,
      fetchedAt: now.toISOString(),
      status: { state: 'ok', at: now.toISOString() },
    };
  }
  return out;
}
const input = (next: SnapshotRecord, thresholds = DEFAULT_THRESHOLDS) => ({
  tenant,
  previous: null,
  next,
  thresholds,
  now,
});

describe('alert texts', () => {
  it('end a sentence with one full stop after a name that has its own', () => {
    expect(oneStop('New since Dec 1, 2026 in Fabrikam, Inc.. Isolate the device.')).toBe(
      'New since Dec 1, 2026 in Fabrikam, Inc. Isolate the device.',
    );
    expect(oneStop('in Contoso Ltd..')).toBe('in Contoso Ltd.');
    expect(oneStop('Wait... then retry.')).toBe('Wait... then retry.');
  });
});

describe('storage-space', () => {
  const mailbox = (used: number, warn = 49 * GB, send = 50 * GB) => ({
    userPrincipalName: 'ann@fabrikam.com',
    displayName: 'Ann',
    storageUsedInBytes: used,
    issueWarningQuotaInBytes: warn,
    prohibitSendQuotaInBytes: send,
    prohibitSendReceiveQuotaInBytes: 55 * GB,
  });
  it('flags a mailbox at 90 % of prohibit-send, not at 89 %', () => {
    expect(
      storageSpaceRule(input(snap({ mailboxUsage: [mailbox(45 * GB, 49.9 * GB)] }))),
    ).toHaveLength(1);
    expect(
      storageSpaceRule(input(snap({ mailboxUsage: [mailbox(44.5 * GB, 49.9 * GB)] }))),
    ).toHaveLength(0);
  });
  it('flags a mailbox over its warning quota even below the percentage', () => {
    const [a] = storageSpaceRule(input(snap({ mailboxUsage: [mailbox(30 * GB, 29 * GB)] })));
    expect(a?.detail).toContain('over the warning quota');
    expect(a?.severity).toBe('medium');
  });
  it('writes its texts from the catalogue, with sizes and percentages as people read them', () => {
    const [a] = storageSpaceRule(input(snap({ mailboxUsage: [mailbox(51 * GB)] })));
    expect(a?.title).toBe('Mailbox cannot send: quota reached');
    expect(a?.detail).toBe(
      'ann@fabrikam.com uses 51 GB of 50 GB (102% of the send quota, over the warning quota) in Fabrikam.',
    );
    expect(a?.links[0]).toEqual({
      label: 'Open in Syncro',
      href: 'https://acme.syncromsp.com/tenants/fabrikam',
    });
  });
  it('marks a full mailbox high and keys it by user', () => {
    const [a] = storageSpaceRule(input(snap({ mailboxUsage: [mailbox(50 * GB)] })));
    expect(a?.severity).toBe('high');
    expect(a?.dedupeKey).toBe('t1|storage-space|mailbox:ann@fabrikam.com');
  });
  it('flags OneDrives over N % of allocation, honouring the threshold setting', () => {
    const od = [
      {
        ownerPrincipalName: 'bo@fabrikam.com',
        storageUsedInBytes: 0.92 * 1024 * GB,
        storageAllocatedInBytes: 1024 * GB,
      },
    ];
    expect(storageSpaceRule(input(snap({ oneDriveUsage: od })))).toHaveLength(1);
    expect(
      storageSpaceRule(
        input(snap({ oneDriveUsage: od }), { ...DEFAULT_THRESHOLDS, oneDrivePercent: 95 }),
      ),
    ).toHaveLength(0);
  });
});

describe('bitlocker-reminder', () => {
  const dev = (id: string, isEncrypted: boolean) => ({
    id,
    deviceName: `PC-${id}`,
    isEncrypted,
    azureADDeviceId: `aad-${id}`,
    userPrincipalName: 'ann@fabrikam.com',
    lastSyncDateTime: now.toISOString(),
  });
  const key = (id: string) => ({
    id: `k-${id}`,
    createdDateTime: now.toISOString(),
    volumeType: 'operatingSystemVolume',
    deviceId: `aad-${id}`,
  });
  it('flags unencrypted devices and encrypted ones without an escrowed key', () => {
    const out = bitlockerReminderRule(
      input(
        snap({
          managedDevices: [dev('1', false), dev('2', true), dev('3', true)],
          bitlockerKeys: [key('3')],
        }),
      ),
    );
    expect(out.map((a) => a.subject).sort()).toEqual(['PC-1', 'PC-2']);
    expect(out.find((a) => a.subject === 'PC-2')?.title).toMatch(/recovery key/);
  });
  it('does not claim missing keys when the keys could not be read', () => {
    const out = bitlockerReminderRule(
      input(snap({ managedDevices: [dev('1', false), dev('2', true)] })),
    );
    expect(out.map((a) => a.subject)).toEqual(['PC-1']);
  });
  it('says nothing without device data (no Intune)', () => {
    expect(bitlockerReminderRule(input(snap({ bitlockerKeys: [] })))).toEqual([]);
  });
});

describe('security-alert', () => {
  const alert = (
    id: string,
    severity: 'low' | 'medium' | 'high',
    status: 'new' | 'inProgress' | 'resolved',
  ) => ({
    id,
    title: `Alert ${id}`,
    severity,
    status,
    createdDateTime: '2026-12-01T08:00:00Z',
    alertWebUrl: `https://security.microsoft.com/alerts/${id}`,
  });
  it("names the alert's product, category and status with the date, then Microsoft's first recommended action", () => {
    const [a] = securityAlertRule(
      input(
        snap({
          securityAlerts: [
            {
              ...alert('a', 'high', 'new'),
              serviceSource: 'microsoftDefenderForOffice365',
              category: 'Exfiltration',
              recommendedActions: 'Block the forwarding rule.\nReview the mailbox.',
            },
          ],
        }),
      ),
    );
    expect(a?.detail).toBe(
      'Microsoft Defender for Office 365, Exfiltration: New since Dec 1, 2026 in Fabrikam. Block the forwarding rule.',
    );
  });

  it('keeps new and in-progress alerts at or above the severity (default medium)', () => {
    const out = securityAlertRule(
      input(
        snap({
          securityAlerts: [
            alert('a', 'high', 'new'),
            alert('b', 'medium', 'inProgress'),
            alert('c', 'low', 'new'),
            alert('d', 'high', 'resolved'),
          ],
        }),
      ),
    );
    expect(out.map((a) => a.subject).sort()).toEqual(['a', 'b']);
    expect(
      out[0]?.links.some((l) => l.href.startsWith('https://security.microsoft.com/alerts/')),
    ).toBe(true);
  });
  const scores = (values: number[]) =>
    values.map((v, i) => ({
      createdDateTime: new Date(now.getTime() - i * 86_400_000).toISOString(),
      currentScore: v,
      maxScore: 600,
      averageComparativeScores: [],
      controlScores: [],
    }));
  it('flags a secure score drop of N points against yesterday or last week', () => {
    expect(securityAlertRule(input(snap({ secureScores: scores([300, 306]) })))).toHaveLength(1);
    expect(
      securityAlertRule(
        input(snap({ secureScores: scores([300, 304, 304, 304, 304, 304, 304, 306]) })),
      )[0]?.detail,
    ).toContain('a week ago');
    expect(securityAlertRule(input(snap({ secureScores: scores([300, 304, 303]) })))).toHaveLength(
      0,
    );
  });
  it('flags risky users at risk', () => {
    const out = securityAlertRule(
      input(
        snap({
          riskyUsers: [
            {
              id: 'u1',
              userPrincipalName: 'cy@fabrikam.com',
              riskLevel: 'high',
              riskState: 'atRisk',
              riskLastUpdatedDateTime: '2026-12-02T00:00:00Z',
            },
            {
              id: 'u2',
              userPrincipalName: 'di@fabrikam.com',
              riskLevel: 'low',
              riskState: 'atRisk',
              riskLastUpdatedDateTime: '2026-12-02T00:00:00Z',
            },
            {
              id: 'u3',
              userPrincipalName: 'ed@fabrikam.com',
              riskLevel: 'high',
              riskState: 'remediated',
              riskLastUpdatedDateTime: '2026-12-02T00:00:00Z',
            },
          ],
        }),
      ),
    );
    expect(out.map((a) => a.subject)).toEqual(['cy@fabrikam.com']);
    expect(out[0]?.severity).toBe('high');
  });
});

describe('backup-failure', () => {
  const page = (over: Partial<NonNullable<TenantPage['cloudBackup']>>): TenantPage => ({
    url: 'https://acme.syncromsp.com/tenants/northwind',
    syncroKey: 'https://acme.syncromsp.com/tenants/northwind',
    readAt: now.toISOString(),
    syncroTenantName: { value: 'Northwind', raw: 'Northwind' },
    hasMicrosoftDetails: true,
    lastTenantSync: { value: null, raw: null },
    syncNowAction: null,
    microsoftTenant: { value: 'Northwind Traders', raw: 'Northwind Traders' },
    secureScorePercent: { value: 48, raw: '48%' },
    microsoftUsers: { value: 57, raw: '57' },
    manageAction: null,
    organizations: [],
    cloudBackup: {
      banners: [],
      services: [],
      lastUpdated: { value: null, raw: null },
      enableAction: null,
      ...over,
    },
  });
  const svc = (name: string, hoursAgo: number, extra: object = {}) => ({
    name,
    enabled: true,
    lastBackup: {
      value: { text: 'x', at: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString() },
      raw: `${hoursAgo} h ago`,
    },
    hasErrorIcon: false,
    errorText: null,
    restoreAvailable: true,
    ...extra,
  });
  const run = (p: TenantPage) =>
    backupFailureRule({ page: p, tenantId: null, thresholds: DEFAULT_THRESHOLDS, now });

  it('raises one alert per documented banner state, with the banner action as a link', () => {
    const out = run(
      page({
        banners: [
          {
            state: 'consent-failed',
            text: 'Consent failed. Reconfigure…',
            action: { label: 'Reconfigure', href: 'https://acme.syncromsp.com/backup/reconfigure' },
          },
          { state: 'consent-failed', text: 'duplicate', action: null },
          { state: null, text: 'Something new', action: null },
        ],
      }),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      backupState: 'consent-failed',
      severity: 'high',
      type: 'backup-failure',
    });
    expect(out[0]?.links.map((l) => l.label)).toEqual(['Open in Syncro', 'Reconfigure']);
  });
  it('raises per-service error icons and stale enabled services, not grayed-out ones', () => {
    const out = run(
      page({
        services: [
          svc('Exchange', 2, { hasErrorIcon: true, errorText: 'quota exceeded' }),
          svc('OneDrive', 30),
          svc('SharePoint', 23),
          svc('Teams', 90, { enabled: false }),
        ],
      }),
    );
    expect(out.map((a) => a.dedupeKey).sort()).toEqual([
      'https://acme.syncromsp.com/tenants/northwind|backup-failure|service-error:exchange',
      'https://acme.syncromsp.com/tenants/northwind|backup-failure|stale:onedrive',
    ]);
  });
  it('says nothing without a Cloud Backup section', () => {
    expect(run({ ...page({}), cloudBackup: null })).toEqual([]);
  });
});

describe('evaluateTenantRules', () => {
  it('contains a throwing rule and still runs the others', () => {
    const broken = snap({ mailboxUsage: [null as never] });
    broken.sources.securityAlerts = {
      data: [
        {
          id: 'a',
          title: 'x',
          severity: 'high',
          status: 'new',
          createdDateTime: '2026-12-01T00:00:00Z',
        },
      ],
      fetchedAt: null,
      status: { state: 'ok', at: '' },
    };
    const errors: unknown[] = [];
    const out = evaluateTenantRules(input(broken), (e) => errors.push(e));
    expect(errors).toHaveLength(1);
    expect(out.map((a) => a.type)).toEqual(['security-alert']);
  });
});

describe('badge', () => {
  it('counts active alerts and colours by the highest severity', () => {
    expect(
      badgeFor({ active: 3, highest: 'high', signInNeeded: 0, configured: true }),
    ).toMatchObject({ text: '3', color: '#b42318' });
    expect(badgeFor({ active: 1200, highest: 'low', signInNeeded: 0, configured: true }).text).toBe(
      '999+',
    );
  });
  it('shows a distinct mark when sign-in is needed and summarises in the title', () => {
    const b = badgeFor({ active: 0, highest: null, signInNeeded: 2, configured: true });
    expect(b.text).toBe('!');
    expect(b.title).toContain('Sign-in needed for 2 tenants');
    expect(badgeFor({ active: 0, highest: null, signInNeeded: 0, configured: true }).text).toBe('');
  });
});
