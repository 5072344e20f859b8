// @vitest-environment happy-dom
/**
 * readTenantPage on hand-written pages: several markups for the same facts, every backup
 * error state of reference/syncro-portal.md, and odd inputs. Class names in these fixtures
 * are deliberately meaningless: the reader must not depend on them.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_STATES } from '../../lib/portal/backup-states';
import { readTenantPage, syncroKeyOf } from '../../lib/portal/read';

process.env.TZ = 'UTC';
const NOW = new Date('2026-12-03T16:00:00Z');
const URL_ = 'https://acme.syncromsp.com/tenants/42?tab=x#y';

function doc(body: string): Document {
  return new DOMParser().parseFromString(
    `<!DOCTYPE html><html><body>${body}</body></html>`,
    'text/html',
  );
}
function read(body: string, url = URL_) {
  return readTenantPage(doc(body), url, NOW);
}
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const ORGS_TABLE = `<section><h2>Customer Organizations</h2>
<table><thead><tr><th>Name</th><th>Email</th><th>Phone</th><th>MS Entra ID User Sync</th></tr></thead>
<tbody><tr><td><a href="/customers/7">Acme East</a></td><td><a href="mailto:e@acme.test">e@acme.test</a></td><td>(555) 123-4567</td><td>Enabled</td></tr>
<tr><td><a href="/customers/8">Acme West</a></td><td></td><td></td><td><a href="/customers/8/sync">Set up</a></td></tr></tbody></table></section>`;

/** The same Microsoft Details facts in five markups. */
const MD_MARKUPS: Record<string, string> = {
  dl: `<div class="x1"><div class="x2"><h3>Microsoft Details</h3><a href="/microsoft_tenants">Manage</a></div>
<dl><dt>Last Tenant Sync</dt><dd>34m ago <button>Sync Now</button></dd><dt>Microsoft Tenant</dt><dd>contoso.com</dd>
<dt>Microsoft Secure Score</dt><dd>61%</dd><dt>Microsoft Users</dt><dd>1,204</dd></dl></div>`,
  table: `<div><h3>Microsoft Details <a href="/microsoft_tenants">Manage</a></h3><table>
<tr><th>Last Tenant Sync:</th><td>34m ago <a href="/sync" role="button">Sync Now</a></td></tr>
<tr><th>Microsoft Tenant:</th><td>contoso.com</td></tr><tr><th>Microsoft Secure Score:</th><td>61 %</td></tr>
<tr><th>Microsoft Users:</th><td>1,204</td></tr></table></div>`,
  aria: `<div role="region"><div role="heading" aria-level="2">Microsoft Details</div><a href="/microsoft_tenants">Manage</a>
<div role="table"><div role="row"><span role="rowheader">Last Tenant Sync</span><span role="cell">34m ago</span></div>
<div role="row"><span role="rowheader">Microsoft Tenant</span><span role="cell">contoso.com</span></div>
<div role="row"><span role="rowheader">Secure Score</span><span role="cell">61%</span></div>
<div role="row"><span role="rowheader">Microsoft Users</span><span role="cell">1,204</span></div></div>
<button>Sync now</button></div>`,
  spans: `<div><div><span>MICROSOFT DETAILS</span> <a href="/microsoft_tenants">Manage</a></div>
<div><div><span>Last Tenant Sync</span><i title="info"></i></div><div>34m ago</div></div>
<div><span>Microsoft Tenant</span><span>contoso.com</span></div>
<div><span>Microsoft Secure Score</span><span>61<small>%</small></span></div>
<div><span>Microsoft Users</span><span>1,204</span></div><button>Sync Now</button></div>`,
  inline: `<div><div>Microsoft Details</div><ul>
<li><strong>Last Tenant Sync:</strong> 34m ago <button>Sync Now</button></li>
<li>Microsoft Tenant: contoso.com</li><li><b>Microsoft Secure Score:</b> 61%</li>
<li>Microsoft Users: 1,204</li></ul><a href="/microsoft_tenants">Manage</a></div>`,
};

describe('readTenantPage: Microsoft Details in several markups', () => {
  for (const [name, md] of Object.entries(MD_MARKUPS)) {
    it(name, () => {
      const p = read(`<h1>Contoso</h1><div>${md}</div><div>${ORGS_TABLE}</div>`);
      expect(p.hasMicrosoftDetails).toBe(true);
      expect(p.syncroTenantName.value).toBe('Contoso');
      expect(p.lastTenantSync.value).toEqual({ text: '34m ago', at: ago(34 * 60_000) });
      expect(p.microsoftTenant.value).toBe('contoso.com');
      expect(p.secureScorePercent.value).toBe(61);
      expect(p.microsoftUsers.value).toBe(1204);
      expect(p.microsoftUsers.raw).toBe('1,204');
      expect(p.manageAction).toEqual({
        label: 'Manage',
        href: 'https://acme.syncromsp.com/microsoft_tenants',
      });
      expect(p.syncNowAction?.label.toLowerCase()).toBe('sync now');
      expect(p.organizations?.map((o) => o.name)).toEqual(['Acme East', 'Acme West']);
    });
  }

  it('reads label and value from one text node, and <time datetime>', () => {
    const p = read(`<h2>Microsoft Details</h2><p>Microsoft Users: 57</p>
      <p>Last Tenant Sync <time datetime="2026-12-03T15:00:00Z">1h ago</time></p>
      <p>Secure Score: 61.5%</p><h2>Cloud Backup</h2><p>Last Updated 2 hours ago</p>`);
    expect(p.microsoftUsers.value).toBe(57);
    expect(p.lastTenantSync.value).toEqual({ text: '1h ago', at: '2026-12-03T15:00:00.000Z' });
    expect(p.secureScorePercent.value).toBe(61.5);
    expect(p.cloudBackup?.lastUpdated.value?.at).toBe(ago(2 * 3_600_000));
  });

  it('takes the label inside the right section, not a repeated one elsewhere', () => {
    const p = read(`<aside><h2>Help</h2><p>Microsoft Users: 9999</p></aside>
      <div><h2>Microsoft Details</h2><dl><dt>Microsoft Users</dt><dd>12</dd></dl></div>
      <div><h2>Cloud Backup</h2><dl><dt>Microsoft Users</dt><dd>77</dd></dl></div>`);
    expect(p.microsoftUsers.value).toBe(12);
  });

  it('says why a value is null, never guesses', () => {
    const p = read(`<h2>Microsoft Details</h2><dl><dt>Microsoft Secure Score</dt><dd>N/A</dd>
      <dt>Microsoft Users</dt><dd>lots</dd><dt>Last Tenant Sync</dt><dd>Never</dd></dl>`);
    expect(p.secureScorePercent).toMatchObject({ value: null, raw: 'N/A' });
    expect(p.secureScorePercent.reason).toBeTruthy();
    expect(p.microsoftUsers).toMatchObject({ value: null, raw: 'lots', reason: 'not a number' });
    expect(p.lastTenantSync).toMatchObject({ value: null, raw: 'Never', reason: 'never' });
    expect(p.microsoftTenant).toMatchObject({ value: null, raw: null, reason: 'label not found' });
    expect(p.cloudBackup).toBeNull();
    expect(p.organizations).toBeNull();
  });

  it('rejects a percentage over 100 and a bare number', () => {
    expect(
      read(`<h2>Microsoft Details</h2><p>Secure Score: 150%</p>`).secureScorePercent.value,
    ).toBeNull();
    expect(
      read(`<h2>Microsoft Details</h2><p>Secure Score: 61</p>`).secureScorePercent,
    ).toMatchObject({
      value: null,
      reason: 'no percent sign',
    });
  });

  it('answers null for a label repeated with conflicting values', () => {
    const p = read(
      `<h2>Microsoft Details</h2><dl><dt>Microsoft Users</dt><dd>12</dd><dt>Microsoft Users</dt><dd>13</dd></dl>`,
    );
    expect(p.microsoftUsers.value).toBeNull();
    expect(p.microsoftUsers.reason).toMatch(/conflict/);
  });

  it('reads textContent only: markup in a value stays text, scripts are not read', () => {
    const p = read(`<h1>A &lt;b&gt;Corp&lt;/b&gt;</h1><h2>Microsoft Details</h2>
      <dl><dt>Microsoft Tenant</dt><dd>x.com<script>document.title="pwned"</script><style>dd{}</style></dd></dl>`);
    expect(p.syncroTenantName.value).toBe('A <b>Corp</b>');
    expect(p.microsoftTenant.value).toBe('x.com');
  });
});

describe('readTenantPage: Customer Organizations', () => {
  it('reads names, absolute links, emails, phones and Entra ID User Sync', () => {
    const p = read(ORGS_TABLE);
    expect(p.organizations).toEqual([
      {
        name: 'Acme East',
        href: 'https://acme.syncromsp.com/customers/7',
        emails: ['e@acme.test'],
        phones: ['(555) 123-4567'],
        entraUserSync: 'Enabled',
      },
      {
        name: 'Acme West',
        href: 'https://acme.syncromsp.com/customers/8',
        emails: [],
        phones: [],
        entraUserSync: 'Set up',
      },
    ]);
  });

  it('reads an "Organizations" list without a table', () => {
    const p = read(`<div><div>Organizations</div><ul>
      <li><a href="/customers/1">North</a> · n@x.test · <a href="tel:+15550100">+1 555 0100 99</a> · Entra ID User Sync: Syncing</li>
      <li><a href="/customers/2">South</a></li></ul></div>`);
    expect(p.organizations).toEqual([
      {
        name: 'North',
        href: 'https://acme.syncromsp.com/customers/1',
        emails: ['n@x.test'],
        phones: ['+1 555 0100 99'],
        entraUserSync: 'Syncing',
      },
      {
        name: 'South',
        href: 'https://acme.syncromsp.com/customers/2',
        emails: [],
        phones: [],
        entraUserSync: null,
      },
    ]);
  });

  it('caps a huge table at 500 rows', () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<tr><td><a href="/c/${i}">Org ${i}</a></td><td>o${i}@x.test</td></tr>`,
    ).join('');
    const p = read(
      `<h2>Customers</h2><table><tr><th>Customer</th><th>Email</th></tr>${rows}</table>`,
    );
    expect(p.organizations?.length).toBe(500);
    expect(p.organizations?.[499]?.name).toBe('Org 499');
  });
});

function backupPage(banner: string, extra = ''): string {
  return `<h2>Microsoft Details</h2><p>Microsoft Users: 5</p>
  <div><div><h2>Cloud Backup</h2><button aria-haspopup="menu">Manage</button>
  <ul role="menu" hidden><li role="menuitem">Backup Settings</li><li role="menuitem">Disable Cloud Backup</li></ul></div>
  ${banner}${extra}
  <table><tr><th>Service</th><th>Last Backup</th><th></th></tr>
  <tr><td>Exchange</td><td>Dec 3, 2026 1:14 PM <svg role="img" aria-label="Backup error"><title>Backup error</title></svg></td><td><button>Restore</button></td></tr>
  <tr style="opacity:.5"><td>OneDrive</td><td>Never</td><td><button disabled>Restore</button></td></tr>
  <tr><td>Teams</td><td>2026-12-02 10:00</td><td><button aria-disabled="true">Restore</button></td></tr>
  </table><p>Last Updated: Dec 3, 2026 3:00 PM</p></div>`;
}

describe('readTenantPage: Cloud Backup and every documented error state', () => {
  const banners: Record<string, string> = {
    'recent-backup-issue':
      '<div role="alert">There was an issue with a recent backup. <a href="/backup/alerts">Learn More</a></div>',
    'consent-failed':
      '<div><span aria-hidden="true">!</span> Consent failed. <a href="https://login.microsoftonline.com/x">Reconfigure</a> to regrant consent and reenable backups for this tenant.</div>',
    'sync-error':
      '<p class="zz">A sync error has occurred. Wait several minutes and refresh the page.</p>',
    'no-data':
      '<div role="status"><strong>No data backed up for this tenant.</strong></div><button>Enable</button>',
    'cannot-enable': '<div>cloud backup   could not be enabled</div>',
  };
  for (const state of BACKUP_STATES) {
    it(state.id, () => {
      const p = read(backupPage(banners[state.id] as string));
      const cb = p.cloudBackup;
      expect(cb?.banners.map((b) => b.state)).toEqual([state.id]);
      const action = cb?.banners[0]?.action ?? null;
      if (state.actionPlace === 'banner') expect(action?.label).toBe(state.actionLabel);
      else expect(action).toBeNull();
      if (state.id === 'recent-backup-issue')
        expect(action?.href).toBe('https://acme.syncromsp.com/backup/alerts');
      if (state.id === 'consent-failed')
        expect(action?.href).toBe('https://login.microsoftonline.com/x');
      expect(cb?.enableAction?.label ?? null).toBe(state.id === 'no-data' ? 'Enable' : null);
      const [ex, od, teams] = cb?.services ?? [];
      expect(ex).toMatchObject({
        name: 'Exchange',
        enabled: true,
        hasErrorIcon: true,
        errorText: 'Backup error',
        restoreAvailable: true,
      });
      expect(ex?.lastBackup.value?.at).toBe('2026-12-03T13:14:00.000Z');
      expect(teams).toMatchObject({ name: 'Teams', hasErrorIcon: false, restoreAvailable: false });
      expect(teams?.lastBackup.value?.at).toBe('2026-12-02T10:00:00.000Z');
      expect(od).toMatchObject({ name: 'OneDrive', restoreAvailable: false, hasErrorIcon: false });
      expect(od?.lastBackup).toMatchObject({ value: null, raw: 'Never', reason: 'never' });
      // Grayed out (opacity + disabled Restore + never), except while a sync error grays everything.
      expect(od?.enabled).toBe(state.id === 'sync-error');
      expect(teams?.enabled).toBe(true);
      expect(cb?.lastUpdated.value?.at).toBe('2026-12-03T15:00:00.000Z');
    });
  }

  it('keeps an unknown role=alert banner with state null, and ignores ones outside the section', () => {
    const p = read(
      backupPage(
        '<div role="alert">Maintenance tonight <button aria-label="Close">×</button></div>',
      ),
      URL_,
    );
    expect(p.cloudBackup?.banners).toEqual([
      { state: null, text: 'Maintenance tonight ×', action: null },
    ]);
    const q = read(`<div role="alert">Saved.</div>${backupPage('')}`);
    expect(q.cloudBackup?.banners).toEqual([]);
  });

  it('does not take an error tooltip or hidden text in a row for a banner', () => {
    const p = read(
      backupPage('', '').replace(
        'Exchange</td>',
        'Exchange <span class="sr">Consent failed</span></td>',
      ),
    );
    expect(p.cloudBackup?.banners).toEqual([]);
  });

  it('reads "Not enabled" and aria-disabled rows as grayed out', () => {
    const p = read(`<h2>Cloud Backup</h2><div role="table">
      <div role="row"><div role="columnheader">Service</div><div role="columnheader">Last Backup</div></div>
      <div role="row"><div role="cell">SharePoint <span>Not enabled</span></div><div role="cell">Never</div></div>
      <div role="row" aria-disabled="true"><div role="cell">Teams</div><div role="cell">Dec 1, 2026 1:00 AM</div></div>
      <div role="row"><div role="cell">Exchange</div><div role="cell">3h ago <span title="Backup failed: quota" aria-hidden="true">!</span></div></div></div>`);
    const s = p.cloudBackup?.services ?? [];
    expect(s.map((x) => [x.name, x.enabled])).toEqual([
      ['SharePoint', false],
      ['Teams', false],
      ['Exchange', true],
    ]);
    expect(s[2]?.errorText).toBe('Backup failed: quota');
    expect(s[2]?.lastBackup.value?.at).toBe(ago(3 * 3_600_000));
  });

  it('finds service rows without table markup', () => {
    const p =
      read(`<h2>Cloud Backup</h2><div><div><b>Exchange</b><span>2 hours ago</span><button>Restore</button></div>
      <div><b>OneDrive</b><span>yesterday</span><button>Restore</button></div></div>`);
    expect(
      p.cloudBackup?.services.map((s) => [s.name, s.lastBackup.value?.at, s.restoreAvailable]),
    ).toEqual([
      ['Exchange', ago(2 * 3_600_000), true],
      ['OneDrive', ago(24 * 3_600_000), true],
    ]);
  });
});

describe('readTenantPage: section boundaries', () => {
  it('a flat page: each section is the run of siblings after its heading', () => {
    const p = read(`<main><h1>Flat Co</h1>
      <h2>Microsoft Details</h2><p>Microsoft Users: 4</p><p>Secure Score: 50%</p>
      <h2>Organizations</h2><table><tr><th>Name</th><th>Email</th></tr><tr><td><a href="/c/1">Flat East</a></td><td>f@x.test</td></tr></table>
      <h2>Notes</h2><p>Microsoft Users: 999</p>
      <h2>Cloud Backup</h2><div role="alert">No data backed up for this tenant.</div><button>Enable</button><p>Last Updated: 3h ago</p>
      <h2>Help</h2><p>Last Updated: 1h ago</p></main>`);
    expect(p.syncroTenantName.value).toBe('Flat Co');
    expect(p.microsoftUsers.value).toBe(4);
    expect(p.secureScorePercent.value).toBe(50);
    expect(p.organizations?.map((o) => [o.name, o.emails])).toEqual([['Flat East', ['f@x.test']]]);
    expect(p.cloudBackup?.banners.map((b) => b.state)).toEqual(['no-data']);
    expect(p.cloudBackup?.enableAction?.label).toBe('Enable');
    expect(p.cloudBackup?.lastUpdated.value?.at).toBe(ago(3 * 3_600_000));
  });

  it('headings that are links, in a summary, or labelled regions', () => {
    const p =
      read(`<h2><a href="#md">Microsoft Details</a></h2><dl><dt>Microsoft Users</dt><dd>8</dd></dl>
      <details open><summary>Customer Organizations</summary><ul><li><a href="/c/9">Only Org</a></li></ul></details>
      <section aria-label="Cloud Backup"><p>Last Updated: just now</p></section>`);
    expect(p.microsoftUsers.value).toBe(8);
    expect(p.organizations?.map((o) => o.name)).toEqual(['Only Org']);
    expect(p.cloudBackup?.lastUpdated.value?.at).toBe(NOW.toISOString());
  });

  it('ignores navigation links and column headers that share a section name', () => {
    const p = read(`<nav><a href="/backup">Cloud Backup</a><a href="/orgs">Organizations</a></nav>
      <div><h3>Microsoft Details</h3><p>Microsoft Users: 2</p></div>`);
    expect(p.cloudBackup).toBeNull();
    expect(p.organizations).toBeNull();
    expect(p.microsoftUsers.value).toBe(2);
  });

  it('keeps prose under the panel out of the panel (the nearest box holding the labels)', () => {
    const p =
      read(`<div><h1>Box Co</h1><div><div><h3>Microsoft Details</h3></div><dl><dt>Microsoft Users</dt><dd>21</dd></dl></div>
      <p>Microsoft Users: see Microsoft Details.</p></div><div><h3>Cloud Backup</h3><p>Last Updated: 2h ago</p></div>`);
    expect(p.microsoftUsers.value).toBe(21);
  });
});

describe('readTenantPage: keys and odd input', () => {
  it('syncroKey is origin + path', () => {
    expect(syncroKeyOf('https://acme.syncromsp.com/tenants/42?tab=x#y')).toBe(
      'https://acme.syncromsp.com/tenants/42',
    );
    expect(syncroKeyOf('https://acme.syncromsp.com/spa/tenants/x/')).toBe(
      'https://acme.syncromsp.com/spa/tenants/x',
    );
    expect(read('').syncroKey).toBe('https://acme.syncromsp.com/tenants/42');
  });

  it('never throws: empty document, bad URL, invalid now, deep nesting', () => {
    const empty = new DOMParser().parseFromString('', 'text/html');
    expect(() => readTenantPage(empty, 'not a url', new Date(Number.NaN))).not.toThrow();
    const deep = `${'<div>'.repeat(3000)}<h2>Microsoft Details</h2><p>Microsoft Users: 3</p>${'</div>'.repeat(3000)}`;
    expect(read(deep).microsoftUsers.value).toBe(3);
  });
});
