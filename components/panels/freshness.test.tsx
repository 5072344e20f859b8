// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshnessPanel } from './freshness';
import {
  hoursAgo,
  makeActions,
  makeInsights,
  makePage,
  makeProps,
  minutesAgo,
  renderPanel,
} from './testing';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('freshness panel', () => {
  it('is a one-line "Up to date" when nothing is stale', () => {
    const r = renderPanel(freshnessPanel, makeProps());
    expect(r.text()).toBe('Up to date · tenant sync 34 min ago · Microsoft data 5 min ago');
    expect(r.host.getAttribute('data-stale')).toBe('');
    expect(r.root.querySelector('button')).toBeNull();
  });

  it('flags a stale Last Tenant Sync', () => {
    const page = makePage({
      lastTenantSync: { value: { text: '3d ago', at: hoursAgo(72) }, raw: '3d ago' },
    });
    const r = renderPanel(freshnessPanel, makeProps({ page }));
    expect(r.text()).toContain('Last Tenant Sync was 3 days ago, older than 24 h. Use Sync Now');
    expect(r.host.getAttribute('data-stale')).toBe('tenant-sync');
  });

  it('flags stale Microsoft data with a working "Refresh now" and shows progress', async () => {
    const refresh = vi.fn(async () => ({ started: true }));
    const insights = makeInsights();
    insights.tenant!.lastPollAt = hoursAgo(2);
    const props = makeProps({ insights, actions: makeActions({ refresh }) });
    const r = renderPanel(freshnessPanel, props);
    expect(r.text()).toContain('Microsoft data was fetched 2 hr ago, older than 1 h.');
    expect(r.host.getAttribute('data-stale')).toBe('graph');
    const button = r.root.querySelector('button');
    expect(button?.textContent).toBe('Refresh now');
    await act(async () => {
      button!.click();
    });
    expect(refresh).toHaveBeenCalledOnce();
    r.rerender({ ...props, insights: { ...insights, polling: true } });
    expect(r.root.querySelector('button')?.disabled).toBe(true);
    expect(r.text()).toContain('Refreshing from Microsoft');
  });

  it('says why a refresh did not start', async () => {
    const insights = makeInsights();
    insights.tenant!.lastPollAt = null;
    const r = renderPanel(
      freshnessPanel,
      makeProps({
        insights,
        actions: makeActions({
          refresh: async () => ({ started: false, reason: 'already polling' }),
        }),
      }),
    );
    expect(r.text()).toContain('Microsoft data has not been fetched for this tenant yet.');
    await act(async () => {
      r.root.querySelector('button')!.click();
    });
    expect(r.root.querySelector('[role="alert"]')?.textContent).toContain(
      'Refresh did not start: already polling',
    );
  });

  it('ignores Graph freshness when signed out (nothing to refresh)', () => {
    const r = renderPanel(
      freshnessPanel,
      makeProps({ insights: makeInsights({ signedIn: false }) }),
    );
    expect(r.text()).toBe('Up to date · tenant sync 34 min ago');
    expect(r.root.querySelector('button')).toBeNull();
  });

  it('honours the thresholds from settings', () => {
    const insights = makeInsights({
      thresholds: { tenantSyncStaleHours: 24, backupStaleHours: 24, graphStaleMinutes: 2 },
    });
    insights.tenant!.lastPollAt = minutesAgo(5);
    const r = renderPanel(freshnessPanel, makeProps({ insights }));
    expect(r.text()).toContain('older than 2 min');
  });
});
