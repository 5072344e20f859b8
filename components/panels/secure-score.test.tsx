// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secureScorePanel } from './secure-score';
import { failed, makeActions, makeInsights, makePage, makeProps, renderPanel } from './testing';

afterEach(() => {
  document.body.innerHTML = '';
});

const button = (root: Element, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

describe('secure-score panel', () => {
  it('shows the page percentage and a sign-in call to action when signed out', async () => {
    const signIn = vi.fn(async () => ({
      ok: false as const,
      error: 'user cancelled',
      code: 'user_cancelled',
    }));
    const r = renderPanel(
      secureScorePanel,
      makeProps({ insights: makeInsights({ signedIn: false }), actions: makeActions({ signIn }) }),
    );
    expect(r.text()).toContain('Portal shows 61%');
    const b = button(r.root, 'Sign in to Microsoft');
    expect(b).toBeTruthy();
    expect(r.host.hasAttribute('data-source')).toBe(false);
    await act(async () => {
      b!.click();
    });
    expect(signIn).toHaveBeenCalledOnce();
    expect(r.text()).toContain('Sign-in did not complete: user cancelled');
  });

  it('shows loading until the background answers', () => {
    const r = renderPanel(secureScorePanel, makeProps({ insights: null }));
    expect(r.text()).toContain('Loading');
    expect(r.root.querySelector('[aria-busy="true"]')).toBeTruthy();
    expect(r.text()).toContain('61%');
  });

  it('links the options page when no client id is configured', () => {
    const r = renderPanel(
      secureScorePanel,
      makeProps({ insights: makeInsights({ configured: false }) }),
    );
    const link = [...r.root.querySelectorAll('a')].find(
      (a) => a.textContent === 'Set up Tenant Lens',
    );
    expect(link?.getAttribute('href')).toBe('chrome-extension://test/options.html');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('opens options through the background when that is wired', () => {
    const openOptions = vi.fn(async () => {});
    const r = renderPanel(
      secureScorePanel,
      makeProps({
        insights: makeInsights({ configured: false }),
        actions: makeActions({ openOptions }),
      }),
    );
    const link = [...r.root.querySelectorAll('a')].find(
      (a) => a.textContent === 'Set up Tenant Lens',
    );
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link?.dispatchEvent(click);
    expect(openOptions).toHaveBeenCalledOnce();
    expect(click.defaultPrevented).toBe(true);
  });

  it('shows Graph data: points, trend, changes, comparisons, actions, computed time', () => {
    const r = renderPanel(secureScorePanel, makeProps());
    const t = r.text();
    expect(t).toContain('412.5 / 682 points');
    expect(t).toContain('(60.5%)');
    expect(t).toContain('computed 5 hr ago');
    expect(t).toContain('7 days: +3.5');
    expect(t).toContain('30 days: −2');
    expect(r.root.querySelector('.tl-up')?.textContent).toBe('+3.5');
    expect(r.root.querySelector('.tl-down')?.textContent).toBe('−2');
    expect(t).toContain('All tenants: 301.2');
    expect(t).toContain('Similar size: 350');
    const svg = r.root.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('aria-label')).toMatch(
      /Secure score over the last 90 days: from 380 to 412/,
    );
    expect(svg?.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(90);
    const action = [...r.root.querySelectorAll('a')].find((a) =>
      a.textContent?.includes('multifactor'),
    );
    expect(action?.getAttribute('href')).toBe(
      'https://security.microsoft.com/securescore?actionId=MFARegistrationV2',
    );
    expect(action?.getAttribute('rel')).toContain('noopener');
    expect(t).toContain('+9 points');
    expect(t).toContain('User impact: Moderate');
    expect(t).toContain('Cost: Low');
    expect(r.host.getAttribute('data-source')).toBe('graph');
    expect(r.host.getAttribute('data-current-score')).toBe('412.5');
    expect(r.host.getAttribute('data-max-score')).toBe('682');
  });

  it('drops the Graph attributes when the data goes away (signed out again)', () => {
    const r = renderPanel(secureScorePanel, makeProps());
    expect(r.host.getAttribute('data-source')).toBe('graph');
    r.rerender(makeProps({ insights: makeInsights({ signedIn: false }) }));
    expect(r.host.hasAttribute('data-source')).toBe(false);
    expect(r.host.hasAttribute('data-current-score')).toBe(false);
  });

  it.each([
    [
      'forbidden',
      { state: 'forbidden', message: '403', role: 'Security Reader' } as const,
      'your account lacks the “Security Reader” role',
    ],
    [
      'forbidden (permission)',
      { state: 'forbidden', message: '403', permission: 'SecurityEvents.Read.All' } as const,
      'lacks SecurityEvents.Read.All',
    ],
    [
      'unlicensed',
      { state: 'unlicensed', licence: 'Entra ID P1', message: 'x' } as const,
      'no Entra ID P1 licence',
    ],
    [
      'throttled',
      { state: 'throttled', retryAfterSeconds: 30, message: '429' } as const,
      'retries in about 30 s',
    ],
    [
      'error',
      { state: 'error', message: 'Bad gateway', code: '502' } as const,
      'error (502: Bad gateway). Try “Refresh now”',
    ],
  ])('explains a %s source', (_name, status, expected) => {
    const r = renderPanel(
      secureScorePanel,
      makeProps({ insights: makeInsights({ secureScore: failed(status) }) }),
    );
    expect(r.text()).toContain(expected);
    expect(r.text()).toContain('61%');
    expect(r.host.hasAttribute('data-source')).toBe(false);
  });

  it('offers the admin-consent link when consent is required', () => {
    const consentUrl = 'https://login.microsoftonline.com/woodgrove.com/adminconsent?client_id=abc';
    const r = renderPanel(
      secureScorePanel,
      makeProps({
        insights: makeInsights({
          secureScore: failed({ state: 'consent-required', consentUrl, message: 'AADSTS65001' }),
        }),
      }),
    );
    const link = [...r.root.querySelectorAll('a')].find(
      (a) => a.textContent === 'Grant admin consent',
    );
    expect(link?.getAttribute('href')).toBe(consentUrl);
    expect(r.text()).toContain('not consented');
  });

  it('keeps the last good data and says why the latest poll failed', () => {
    const insights = makeInsights();
    insights.secureScore.status = {
      state: 'throttled',
      retryAfterSeconds: null,
      message: '429',
      at: insights.secureScore.fetchedAt!,
    };
    const r = renderPanel(secureScorePanel, makeProps({ insights }));
    expect(r.text()).toContain('412.5 / 682 points');
    expect(r.text()).toContain('throttling');
    expect(r.host.getAttribute('data-source')).toBe('graph');
  });

  it('lists candidates of an ambiguous tenant and points to options', () => {
    const r = renderPanel(
      secureScorePanel,
      makeProps({
        insights: makeInsights({
          resolution: {
            state: 'ambiguous',
            candidates: [
              { tenantId: 'aaa', displayName: 'Fabrikam, Inc.' },
              { tenantId: 'bbb', displayName: 'Fabrikam Labs' },
            ],
          },
        }),
      }),
    );
    expect(r.text()).toContain('matches more than one Microsoft tenant');
    expect(r.text()).toContain('Fabrikam Labs');
    expect(
      [...r.root.querySelectorAll('a')].some((a) => a.textContent === 'Map it in options'),
    ).toBe(true);
  });

  it('explains an unresolved tenant', () => {
    const r = renderPanel(
      secureScorePanel,
      makeProps({
        insights: makeInsights({
          resolution: { state: 'unresolved', reason: 'no tenant for this domain' },
        }),
      }),
    );
    expect(r.text()).toContain(
      'could not tell which Microsoft tenant “fabrikam.com” is (no tenant for this domain)',
    );
  });

  it('says when the background cannot be reached', () => {
    const r = renderPanel(
      secureScorePanel,
      makeProps({ insights: null, insightsError: 'Could not establish connection' }),
    );
    expect(r.root.querySelector('[role="alert"]')?.textContent).toContain(
      'Could not establish connection',
    );
  });

  it('asks for a new sign-in when the tenant needs one', () => {
    const insights = makeInsights();
    insights.tenant!.signInNeeded = true;
    const r = renderPanel(secureScorePanel, makeProps({ insights }));
    expect(button(r.root, 'Sign in to Microsoft')).toBeTruthy();
    expect(r.host.hasAttribute('data-source')).toBe(false);
  });

  it('is not mounted on a page without Microsoft Details', () => {
    expect(secureScorePanel.anchor(document, makePage({ hasMicrosoftDetails: false }))).toBeNull();
  });
});
