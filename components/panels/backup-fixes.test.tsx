// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupBanner, BackupStateId, CloudBackup } from '../../lib/portal/types';
import { backupFixesPanel } from './backup-fixes';
import { makeInsights, makePage, makeProps, renderPanel, service } from './testing';

afterEach(() => {
  document.body.innerHTML = '';
});

const BANNERS: Record<BackupStateId, BackupBanner> = {
  'recent-backup-issue': {
    state: 'recent-backup-issue',
    text: 'There was an issue with a recent backup.',
    action: {
      label: 'Learn More',
      href: 'https://acme.syncromsp.com/cloud_backup/alerts?tenant=northwind',
    },
  },
  'consent-failed': {
    state: 'consent-failed',
    text: 'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
    action: {
      label: 'Reconfigure',
      href: 'https://acme.syncromsp.com/cloud_backup/reconfigure?tenant=tailspin',
    },
  },
  'sync-error': {
    state: 'sync-error',
    text: 'A sync error has occurred. Wait several minutes and refresh the page.',
    action: null,
  },
  'no-data': { state: 'no-data', text: 'No data backed up for this tenant.', action: null },
  'cannot-enable': {
    state: 'cannot-enable',
    text: 'Cloud backup could not be enabled.',
    action: null,
  },
};

function backup(overrides: Partial<CloudBackup>): CloudBackup {
  return { ...makePage().cloudBackup!, ...overrides };
}

const withBackup = (cb: Partial<CloudBackup>, extra = {}) =>
  makeProps({ page: makePage({ cloudBackup: backup(cb), ...extra }) });

describe('backup-fixes panel', () => {
  it('is a compact "Backups healthy" line when there is nothing to say', () => {
    const r = renderPanel(backupFixesPanel, makeProps());
    expect(r.text()).toBe('Backups healthy: 3 services backed up. Last updated 1 hr ago');
    expect(r.host.getAttribute('data-states')).toBe('');
  });

  it('needs no sign-in: the page is enough', () => {
    const r = renderPanel(backupFixesPanel, withBackup({ banners: [BANNERS['no-data']] }, {}));
    const signedOut = renderPanel(backupFixesPanel, {
      ...withBackup({ banners: [BANNERS['no-data']] }),
      insights: makeInsights({ signedIn: false }),
    });
    expect(signedOut.text()).toBe(r.text());
  });

  it.each(Object.keys(BANNERS) as BackupStateId[])(
    'explains the %s state: meaning, who, steps',
    (id) => {
      const r = renderPanel(backupFixesPanel, withBackup({ banners: [BANNERS[id]] }));
      expect(r.host.getAttribute('data-states')).toBe(id);
      const card = r.root.querySelector(`[data-state="${id}"]`);
      expect(card).toBeTruthy();
      expect(card?.textContent).toContain('What it means:');
      expect(card?.textContent).toContain('Who can fix it:');
      expect(card?.querySelectorAll('ol li').length).toBeGreaterThan(1);
      expect(card?.textContent).toContain(BANNERS[id].text);
    },
  );

  it('re-uses the page’s own "Learn More" link, opened in a new tab', () => {
    const r = renderPanel(
      backupFixesPanel,
      withBackup({ banners: [BANNERS['recent-backup-issue']] }),
    );
    const link = [...r.root.querySelectorAll('a')].find((a) => a.textContent === 'Learn More');
    expect(link?.getAttribute('href')).toBe(
      'https://acme.syncromsp.com/cloud_backup/alerts?tenant=northwind',
    );
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(r.text()).toContain('Restore & Manage Backup Data');
  });

  it("adds the help article's tips where it gives any", () => {
    const r = renderPanel(backupFixesPanel, withBackup({ banners: [BANNERS['sync-error']] }));
    const tips = r.root.querySelector('[data-state="sync-error"] ul[aria-label="Tips"]');
    expect(tips?.textContent).toBe('Restore buttons may be unavailable until the sync recovers.');
    const none = renderPanel(backupFixesPanel, withBackup({ banners: [BANNERS['no-data']] }));
    expect(none.root.querySelector('[data-state="no-data"] ul[aria-label="Tips"]')).toBeNull();
  });

  it('re-uses the page’s "Reconfigure" link for consent-failed', () => {
    const r = renderPanel(backupFixesPanel, withBackup({ banners: [BANNERS['consent-failed']] }));
    const link = [...r.root.querySelectorAll('a')].find((a) => a.textContent === 'Reconfigure');
    expect(link?.getAttribute('href')).toContain('/cloud_backup/reconfigure');
    expect(r.text()).toContain('Configure Backups');
  });

  it('quotes the banner without its trailing action label', () => {
    const banner = {
      ...BANNERS['recent-backup-issue'],
      text: 'There was an issue with a recent backup. Learn More',
    };
    const r = renderPanel(backupFixesPanel, withBackup({ banners: [banner] }));
    expect(r.root.querySelector('.tl-quote')?.textContent).toBe(
      '“There was an issue with a recent backup.”',
    );
  });

  it('never turns a javascript: href from the page into a link', () => {
    const banner = {
      ...BANNERS['recent-backup-issue'],
      action: { label: 'Learn More', href: 'javascript:alert(1)' },
    };
    const r = renderPanel(backupFixesPanel, withBackup({ banners: [banner] }));
    expect(r.root.querySelector('a[href^="javascript"]')).toBeNull();
    expect(r.text()).toContain('“Learn More”: Opens the Alerts page');
  });

  it('lists several states in page order, deduplicated, with icon-only states too', () => {
    const r = renderPanel(
      backupFixesPanel,
      withBackup({
        banners: [BANNERS['recent-backup-issue'], BANNERS['recent-backup-issue']],
        services: [
          service('Exchange', { hasErrorIcon: true, errorText: 'Consent failed' }),
          service('OneDrive', {
            hasErrorIcon: true,
            errorText: 'Backup failed: mailbox quota exceeded',
          }),
          service('Teams'),
        ],
      }),
    );
    expect(r.host.getAttribute('data-states')).toBe('recent-backup-issue,consent-failed');
    expect(r.root.querySelector('[data-state="consent-failed"]')?.textContent).toContain(
      'Services with an error: Exchange',
    );
    expect(r.text()).toContain('OneDrive: Backup failed: mailbox quota exceeded');
  });

  it('flags enabled services whose last backup is older than the threshold, and grayed-out ones', () => {
    const r = renderPanel(
      backupFixesPanel,
      withBackup({
        services: [
          service('Exchange', { hours: 3 }),
          service('OneDrive', { hours: 30 }),
          service('SharePoint', { enabled: false, hours: null }),
          service('Teams', { enabled: false, hours: null }),
        ],
      }),
    );
    expect(r.root.querySelector('[data-stale]')?.getAttribute('data-stale')).toBe('OneDrive');
    expect(r.text()).toContain('Last backup older than 24 h');
    expect(r.text()).toContain('OneDrive: yesterday');
    expect(r.root.querySelector('[data-not-backed-up]')?.getAttribute('data-not-backed-up')).toBe(
      'SharePoint,Teams',
    );
    expect(r.host.getAttribute('data-states')).toBe('');
  });

  it('uses the stale threshold from settings', () => {
    const props = withBackup({ services: [service('Exchange', { hours: 3 })] });
    props.insights = makeInsights({
      thresholds: { tenantSyncStaleHours: 24, backupStaleHours: 2, graphStaleMinutes: 60 },
    });
    const r = renderPanel(backupFixesPanel, props);
    expect(r.text()).toContain('Last backup older than 2 h');
  });

  it('does not judge services from a grayed-out table during a sync error', () => {
    const r = renderPanel(
      backupFixesPanel,
      withBackup({
        banners: [BANNERS['sync-error']],
        services: [service('Exchange', { enabled: false, hours: 50 })],
      }),
    );
    expect(r.root.querySelector('[data-not-backed-up]')).toBeNull();
    expect(r.root.querySelector('[data-stale]')).toBeNull();
  });

  it('notes Universal Billing when no organizations are associated', () => {
    const noOrgs = makePage({
      syncroTenantName: { value: 'Litware', raw: 'Litware' },
      organizations: [
        {
          name: 'Litware',
          href: 'https://acme.syncromsp.com/customers/1041',
          emails: [],
          phones: [],
          entraUserSync: 'Set up',
        },
      ],
    });
    const r = renderPanel(backupFixesPanel, makeProps({ page: noOrgs }));
    expect(r.text()).toContain('Universal Billing is then not supported');
    const empty = renderPanel(
      backupFixesPanel,
      makeProps({ page: makePage({ organizations: [] }) }),
    );
    expect(empty.text()).toContain('Universal Billing');
    const real = renderPanel(backupFixesPanel, makeProps());
    expect(real.text()).not.toContain('Universal Billing');
  });

  it('quotes an unknown banner without claiming a state', () => {
    const r = renderPanel(
      backupFixesPanel,
      withBackup({ banners: [{ state: null, text: 'Something new happened.', action: null }] }),
    );
    expect(r.text()).toContain('“Something new happened.”, a message Tenant Lens does not know');
    expect(r.host.getAttribute('data-states')).toBe('');
  });

  it('has no panel without a Cloud Backup section', () => {
    const page = makePage({ cloudBackup: null });
    expect(backupFixesPanel.anchor(document, page)).toBeNull();
    const r = renderPanel(backupFixesPanel, makeProps({ page }));
    expect(r.text()).toBe('');
    expect(r.host.getAttribute('data-states')).toBe('');
  });
});
