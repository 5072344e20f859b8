/**
 * Test helpers for the panels: a TenantPage and TenantInsights as the reader and the
 * background would give them, and a renderer that mounts a panel the way the overlay does
 * (a host element with an open shadow root). Test code only.
 */
import { render } from 'preact';
import type { SourceStatus } from '../../lib/graph/types';
import type { SourceView, TenantInsights } from '../../lib/insights/types';
import type { BackupServiceRow, TenantPage } from '../../lib/portal/types';
import { type Panel, type PanelActions, type PanelProps, PanelRoot } from './panel';

export const NOW = Date.parse('2026-12-03T16:00:00Z');
export const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
export const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

const field = <T,>(value: T | null, raw: string | null = value == null ? null : String(value)) => ({
  value,
  raw,
});

export function service(
  name: string,
  opts: Partial<BackupServiceRow> & { hours?: number | null } = {},
): BackupServiceRow {
  const hours = opts.hours === undefined ? 2 : opts.hours;
  return {
    name,
    enabled: true,
    lastBackup:
      hours == null
        ? { value: null, raw: 'Never' }
        : field({ text: `${hours}h`, at: hoursAgo(hours) }, `${hours}h`),
    hasErrorIcon: false,
    errorText: null,
    restoreAvailable: true,
    ...opts,
  };
}

export function makePage(overrides: Partial<TenantPage> = {}): TenantPage {
  return {
    url: 'https://acme.syncromsp.com/tenants/fabrikam',
    syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam',
    readAt: new Date(NOW).toISOString(),
    syncroTenantName: field('Fabrikam'),
    hasMicrosoftDetails: true,
    lastTenantSync: field({ text: '34m ago', at: minutesAgo(34) }, '34m ago'),
    syncNowAction: { label: 'Sync Now', href: null },
    microsoftTenant: field('fabrikam.com'),
    secureScorePercent: field(61, '61%'),
    microsoftUsers: field(236, '236'),
    manageAction: { label: 'Manage', href: 'https://acme.syncromsp.com/microsoft_tenants' },
    organizations: [
      {
        name: 'Fabrikam Retail',
        href: 'https://acme.syncromsp.com/customers/1001',
        emails: ['it@fabrikam.com'],
        phones: [],
        entraUserSync: 'Enabled',
      },
    ],
    cloudBackup: {
      banners: [],
      services: [
        service('Exchange'),
        service('OneDrive', { hours: 3 }),
        service('SharePoint', { hours: 4 }),
      ],
      lastUpdated: field({ text: '1h', at: hoursAgo(1) }, '1h'),
      enableAction: null,
    },
    ...overrides,
  };
}

const ok = <T,>(data: T, fetchedAt = minutesAgo(5)): SourceView<T> => ({
  status: { state: 'ok', at: fetchedAt },
  fetchedAt,
  data,
});

/** A status-only view (no data yet). */
export const failed = <T,>(status: SourceStatus): SourceView<T> => ({
  status: { ...status, at: minutesAgo(5) },
  fetchedAt: null,
  data: null,
});

export function makeInsights(overrides: Partial<TenantInsights> = {}): TenantInsights {
  return {
    syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam',
    configured: true,
    signedIn: true,
    resolution: {
      state: 'resolved',
      tenantId: '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e',
      via: 'domain',
    },
    tenant: {
      tenantId: '1e3f5a7c-9b2d-4c6e-8f1a-3b5d7f9a1c2e',
      displayName: 'Fabrikam, Inc.',
      lastPollAt: minutesAgo(5),
      signInNeeded: false,
      consentUrl: null,
    },
    polling: false,
    secureScore: ok({
      currentScore: 412.5,
      maxScore: 682,
      percent: 60.5,
      computedAt: hoursAgo(5),
      trend: Array.from({ length: 90 }, (_, i) => ({ date: `d${i}`, score: 380 + i * 0.36 })),
      change7d: 3.5,
      change30d: -2,
      comparisons: [
        { basis: 'AllTenants', label: 'All tenants', averageScore: 301.2 },
        { basis: 'TotalSeats', label: 'Similar size', averageScore: 350 },
      ],
      topActions: [
        {
          id: 'MFARegistrationV2',
          title: 'Ensure all users can complete multifactor authentication',
          pointsToGain: 9,
          score: 0,
          maxScore: 9,
          userImpact: 'Moderate',
          implementationCost: 'Low',
          category: 'Identity',
          actionUrl: 'https://security.microsoft.com/securescore?actionId=MFARegistrationV2',
        },
      ],
    }),
    users: ok({ total: 261, members: 241, guests: 20, disabled: 7, licensed: 230 }),
    licences: ok([
      {
        skuPartNumber: 'SPE_E5',
        displayName: 'Microsoft 365 E5',
        consumed: 230,
        paid: 240,
        unused: 10,
      },
      {
        skuPartNumber: 'POWER_BI_PRO',
        displayName: 'Power BI Pro',
        consumed: 5,
        paid: 5,
        unused: 0,
      },
    ]),
    thresholds: { tenantSyncStaleHours: 24, backupStaleHours: 24, graphStaleMinutes: 60 },
    ...overrides,
  };
}

export function makeActions(overrides: Partial<PanelActions> = {}): PanelActions {
  return {
    signIn: async () => ({
      ok: true,
      account: {
        username: 'taylor@contosomsp.onmicrosoft.com',
        name: 'Taylor',
        homeAccountId: 'x',
        tenantId: 'y',
      },
    }),
    refresh: async () => ({ started: true }),
    optionsUrl: 'chrome-extension://test/options.html',
    ...overrides,
  };
}

export function makeProps(overrides: Partial<PanelProps> = {}): PanelProps {
  return {
    page: makePage(),
    insights: makeInsights(),
    insightsError: null,
    now: NOW,
    actions: makeActions(),
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Mounts a panel as the overlay does: a host with `data-tenant-lens` and an open shadow root. */
export function renderPanel(panel: Panel, props: PanelProps) {
  const host = document.createElement('div');
  host.setAttribute('data-tenant-lens', panel.id);
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const root = document.createElement('div');
  shadow.append(root);
  const rerender = (next: PanelProps) =>
    render(<PanelRoot panel={panel} props={next} host={host} />, root);
  rerender(props);
  return {
    host,
    root,
    rerender,
    text: () => (root.textContent ?? '').replace(/\s+/g, ' ').trim(),
    unmount: () => {
      render(null, root);
      host.remove();
    },
  };
}

/** Lets pending promises and Preact's debounced renders settle. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
