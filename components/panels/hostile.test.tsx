// @vitest-environment happy-dom
/** Text scraped from the page is untrusted: it must render as text in every panel. */
import { afterEach, describe, expect, it } from 'vitest';
import { PANELS } from './registry';
import { makeInsights, makePage, makeProps, renderPanel, service } from './testing';

afterEach(() => {
  document.body.innerHTML = '';
});

const EVIL = '<img src=x onerror=alert(1)>';

describe('hostile page text', () => {
  const page = makePage({
    syncroTenantName: { value: EVIL, raw: EVIL },
    microsoftTenant: { value: EVIL, raw: EVIL },
    microsoftUsers: { value: null, raw: EVIL },
    secureScorePercent: { value: null, raw: EVIL },
    lastTenantSync: { value: null, raw: EVIL },
    organizations: [],
    cloudBackup: {
      banners: [{ state: null, text: EVIL, action: { label: EVIL, href: 'javascript:alert(1)' } }],
      services: [
        service(EVIL, { hasErrorIcon: true, errorText: EVIL }),
        service('Teams', { enabled: false, hours: null }),
      ],
      lastUpdated: { value: null, raw: EVIL },
      enableAction: null,
    },
  });

  it.each(PANELS.map((p) => [p.id, p] as const))(
    '%s renders it as text, never as markup',
    (_id, panel) => {
      for (const insights of [
        makeInsights({ resolution: { state: 'unresolved', reason: EVIL } }),
        makeInsights({ signedIn: false }),
        makeInsights(),
      ]) {
        const r = renderPanel(panel, makeProps({ page, insights }));
        expect(r.root.querySelector('img')).toBeNull();
        expect(r.root.querySelector('a[href^="javascript"]')).toBeNull();
        r.unmount();
      }
    },
  );

  it('shows the hostile text literally', () => {
    const users = renderPanel(PANELS.find((p) => p.id === 'users')!, makeProps({ page }));
    expect(users.text()).toContain(`Syncro shows ${EVIL} Microsoft users`);
    const backup = renderPanel(PANELS.find((p) => p.id === 'backup-fixes')!, makeProps({ page }));
    expect(backup.text()).toContain(`“${EVIL}”, a message Tenant Lens does not know`);
    expect(backup.text()).toContain(`${EVIL}: ${EVIL}`);
    const score = renderPanel(
      PANELS.find((p) => p.id === 'secure-score')!,
      makeProps({
        page,
        insights: makeInsights({ resolution: { state: 'unresolved', reason: 'x' } }),
      }),
    );
    expect(score.text()).toContain(`“${EVIL}”`);
  });
});
