// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { failed, makeInsights, makePage, makeProps, renderPanel } from './testing';
import { usersPanel } from './users';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('users panel', () => {
  it('shows the page count and a sign-in button when signed out', () => {
    const r = renderPanel(usersPanel, makeProps({ insights: makeInsights({ signedIn: false }) }));
    expect(r.text()).toContain('Syncro shows 236 Microsoft users');
    const buttons = [...r.root.querySelectorAll('button')].filter(
      (b) => b.textContent === 'Sign in to Microsoft',
    );
    expect(buttons).toHaveLength(1);
    expect(r.host.hasAttribute('data-source')).toBe(false);
    expect(r.text()).not.toContain('Licences');
  });

  it('shows loading', () => {
    const r = renderPanel(usersPanel, makeProps({ insights: null }));
    expect(r.text()).toContain('Loading');
  });

  it('shows members, guests, disabled, licensed and sets the host attributes', () => {
    const r = renderPanel(usersPanel, makeProps());
    const cells = [...r.root.querySelectorAll('dl div')].map((d) => d.textContent);
    expect(cells).toEqual(['Members241', 'Guests20', 'Disabled7', 'Licensed230']);
    expect(r.host.getAttribute('data-source')).toBe('graph');
    expect(r.host.getAttribute('data-guests')).toBe('20');
    expect(r.host.getAttribute('data-disabled')).toBe('7');
    expect(r.host.getAttribute('data-licensed')).toBe('230');
  });

  it('explains a mismatch between Syncro and Microsoft', () => {
    const r = renderPanel(usersPanel, makeProps());
    const note = r.root.querySelector('[data-mismatch]');
    expect(note?.textContent).toContain(
      'Syncro shows 236, Microsoft reports 241 members: Syncro counts',
    );
    expect(note?.textContent).toContain('last tenant sync 34 min ago');
  });

  it('says when the counts agree', () => {
    const r = renderPanel(
      usersPanel,
      makeProps({ page: makePage({ microsoftUsers: { value: 241, raw: '241' } }) }),
    );
    expect(r.root.querySelector('[data-mismatch]')).toBeNull();
    expect(r.text()).toContain('Syncro and Microsoft agree: 241 members.');
  });

  it('lists licences per SKU with unused ones highlighted', () => {
    const r = renderPanel(usersPanel, makeProps());
    const rows = [...r.root.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => tr.textContent)).toEqual([
      'Microsoft 365 E5230 / 24010 unused',
      'Power BI Pro5 / 50',
    ]);
    expect(rows[0]?.classList.contains('tl-unused')).toBe(true);
    expect(rows[1]?.classList.contains('tl-unused')).toBe(false);
  });

  it('explains a forbidden users source and keeps licences separate', () => {
    const r = renderPanel(
      usersPanel,
      makeProps({
        insights: makeInsights({
          users: failed({ state: 'forbidden', message: '403', role: 'Global Reader' }),
        }),
      }),
    );
    expect(r.text()).toContain('lacks the “Global Reader” role');
    expect(r.text()).toContain('Microsoft 365 E5');
    expect(r.host.hasAttribute('data-guests')).toBe(false);
  });

  it('explains an unlicensed and an erroring licences source', () => {
    const r = renderPanel(
      usersPanel,
      makeProps({
        insights: makeInsights({ licences: failed({ state: 'error', message: 'timeout' }) }),
      }),
    );
    expect(r.text()).toContain('error (timeout)');
    expect(r.host.getAttribute('data-guests')).toBe('20');
  });

  it('explains a missing consent once, not once per source', () => {
    const consent = {
      state: 'consent-required',
      consentUrl: 'https://login.microsoftonline.com/x/adminconsent',
      message: 'AADSTS65001',
    } as const;
    const r = renderPanel(
      usersPanel,
      makeProps({ insights: makeInsights({ users: failed(consent), licences: failed(consent) }) }),
    );
    expect(
      [...r.root.querySelectorAll('a')].filter((a) => a.textContent === 'Grant admin consent'),
    ).toHaveLength(1);
    expect(r.text()).not.toContain('Licences');
  });

  it('shows polling progress before the first data', () => {
    const r = renderPanel(
      usersPanel,
      makeProps({
        insights: makeInsights({
          polling: true,
          users: { status: null, fetchedAt: null, data: null },
        }),
      }),
    );
    expect(r.text()).toContain('Fetching data from Microsoft');
  });
});
