// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalLink, safeHttpUrl } from './ExternalLink';
import { RelativeTime } from './RelativeTime';
import { Sparkline, sparklinePoints } from './Sparkline';
import { describeStatus } from './StatusNotice';

afterEach(() => {
  document.body.innerHTML = '';
});

function mount(vnode: preact.VNode) {
  const el = document.createElement('div');
  document.body.append(el);
  render(vnode, el);
  return el;
}

describe('Sparkline', () => {
  it('scales values into the box, oldest left, highest top', () => {
    expect(sparklinePoints([0, 10], 102, 12)).toBe('1,11 101,1');
    expect(sparklinePoints([5, 5, 5], 12, 10)).toBe('1,5 6,5 11,5');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });

  it('is an image with an accessible description', () => {
    const el = mount(<Sparkline values={[1, 2, 3]} label="Trend: up" />);
    const svg = el.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Trend: up');
    expect(svg?.querySelector('title')?.textContent).toBe('Trend: up');
  });
});

describe('ExternalLink', () => {
  it('links only http(s) URLs, in a new tab without an opener', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,x')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    const el = mount(<ExternalLink href="https://example.com/a">A</ExternalLink>);
    const a = el.querySelector('a');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    // biome-ignore lint/security/noScriptUrl: the test proves such a URL never becomes a link
    const bad = mount(<ExternalLink href="javascript:alert(1)">B</ExternalLink>);
    expect(bad.querySelector('a')).toBeNull();
    expect(bad.textContent).toBe('B');
  });
});

describe('RelativeTime', () => {
  it('reads as people say it, with the exact time as tooltip', () => {
    const now = Date.parse('2026-12-03T16:00:00Z');
    const el = mount(<RelativeTime iso="2026-12-03T15:26:00Z" now={now} />);
    const time = el.querySelector('time');
    expect(time?.textContent).toBe('34 min ago');
    expect(time?.getAttribute('datetime')).toBe('2026-12-03T15:26:00Z');
    expect(time?.getAttribute('title')).toMatch(/2026/);
    expect(mount(<RelativeTime iso="nonsense" now={now} />).textContent).toBe('unknown');
  });
});

describe('describeStatus', () => {
  it('says what is missing and what to do', () => {
    expect(describeStatus({ state: 'ok' })).toBeNull();
    expect(
      describeStatus({ state: 'forbidden', message: 'x', permission: 'Reports.Read.All' })?.message,
    ).toContain('Reports.Read.All');
    expect(
      describeStatus({ state: 'unlicensed', licence: 'Intune', message: 'x' })?.message,
    ).toContain('Intune');
    expect(
      describeStatus({ state: 'throttled', retryAfterSeconds: null, message: 'x' })?.tone,
    ).toBe('warning');
    expect(describeStatus({ state: 'error', message: 'boom' })?.tone).toBe('error');
    expect(describeStatus({ state: 'disabled' })?.message).toContain('switched off');
  });

  it('names the missing permission and the GDAP role that grants it', () => {
    const message = describeStatus({
      state: 'forbidden',
      message: 'x',
      permission: 'SecurityEvents.Read.All',
      role: 'Security Reader',
    })?.message;
    expect(message).toContain('SecurityEvents.Read.All');
    expect(message).toContain('“Security Reader” GDAP role');
  });
});
