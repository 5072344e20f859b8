// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyFilters, isSnoozed } from '../../lib/alerts/filter';
import { DEFAULT_POPUP_FILTERS, type PopupFilters } from '../../lib/settings';
import type { AlertRecord } from '../../lib/store/types';
import { Popup, type PopupBackend } from './Popup';

const now = new Date('2026-12-03T12:00:00Z');
const mk = (id: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  dedupeKey: id,
  tenantId: 't1',
  syncroKey: 'https://acme.syncromsp.com/tenants/fabrikam',
  tenantName: 'Fabrikam',
  type: 'security-alert',
  severity: 'high',
  title: `Title ${id}`,
  detail: `Detail ${id}`,
  subject: id,
  createdAt: new Date(now.getTime() - 3 * 3_600_000).toISOString(),
  lastSeenAt: now.toISOString(),
  resolvedAt: null,
  acknowledgedAt: null,
  snoozedUntil: null,
  snoozeReason: null,
  links: [{ label: 'Open in Syncro', href: 'https://acme.syncromsp.com/tenants/fabrikam' }],
  open: 1,
  acknowledged: 0,
  ...over,
});

function fakeBackend(alerts: AlertRecord[]) {
  let filters: PopupFilters = { ...DEFAULT_POPUP_FILTERS };
  const downloads: { name: string; text: string }[] = [];
  // The store's queries, in memory (lib/store/popup.test.ts checks the store gives the same).
  const shown = (f: PopupFilters, at: Date) => applyFilters(alerts.map((a) => ({ ...a })), f, at);
  const backend: PopupBackend = {
    loadPage: async (f, at, before, limit) => {
      const rest = shown(f, at).filter((a) => before === null || a.createdAt < before);
      const rows = rest.slice(0, limit);
      return { rows, next: rest.length > limit ? (rows.at(-1)?.createdAt ?? null) : null };
    },
    loadCounts: async (f, at) => {
      const list = shown(f, at);
      const open = alerts.filter((a) => a.resolvedAt === null);
      return {
        total: list.length,
        unacknowledged: list.filter((a) => a.acknowledgedAt === null).length,
        snoozed: open.filter((a) => isSnoozed(a, at)).length,
        anyOpen: open.length > 0,
      };
    },
    loadAll: async (f, at) => shown(f, at),
    loadUnacknowledgedIds: async (f, at) => shown(f, at).filter((a) => a.acknowledgedAt === null).map((a) => a.id),
    loadTenants: async () => [...new Map(alerts.map((a) => [a.tenantId ?? a.syncroKey ?? '', a.tenantName])).entries()],
    status: async () => ({
      configured: true,
      account: { username: 'taylor@contosomsp.onmicrosoft.com', name: 'Taylor' },
      signInNeededTenants: 0,
      poll: { running: false, done: 0, total: 0, lastFinishedAt: now.toISOString(), failures: [] },
      tenantCount: 2,
    }),
    loadFilters: async () => filters,
    saveFilters: async (f) => {
      filters = f;
    },
    acknowledge: vi.fn(async (ids: string[]) => {
      for (const a of alerts) if (ids.includes(a.id)) a.acknowledgedAt = now.toISOString();
    }),
    unacknowledge: vi.fn(async () => {}),
    snooze: vi.fn(async (ids: string[]) => {
      for (const a of alerts) if (ids.includes(a.id)) a.snoozedUntil = '2026-12-10T12:00:00Z';
    }),
    refreshAll: vi.fn(async () => ({ started: true })),
    signIn: vi.fn(async () => ({ ok: false as const, error: 'x', code: 'x' })),
    openOptions: vi.fn(),
    onChange: () => () => {},
    download: (name, text) => downloads.push({ name, text }),
    now: () => now,
  };
  return { backend, downloads, getFilters: () => filters };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
  // The popup counts once its list has settled (model.ts SETTLE_MS).
  await act(async () => new Promise((r) => setTimeout(r, 150)));
  for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
};
const rows = () => [...root.querySelectorAll<HTMLElement>('li[data-alert-type]')];
const button = (name: string, scope: ParentNode = root) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent)?.trim() === name);
const select = (label: string) => root.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`) as HTMLSelectElement;
const change = async (el: HTMLSelectElement | HTMLInputElement, value: string | boolean) => {
  if (typeof value === 'boolean') (el as HTMLInputElement).checked = value;
  else el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
};

describe('Popup', () => {
  it('lists alerts newest first with type, tenant and a spoken time, and the test contract attributes', async () => {
    const { backend } = fakeBackend([mk('a', { createdAt: '2026-12-01T00:00:00Z' }), mk('b', { type: 'storage-space' })]);
    render(<Popup backend={backend} />, root);
    await flush();
    expect(rows().map((r) => r.dataset.alertId)).toEqual(['b', 'a']);
    expect(rows()[0]?.dataset.alertType).toBe('storage-space');
    expect(rows()[0]?.dataset.acknowledged).toBe('false');
    expect(rows()[0]?.textContent).toContain('3 hr ago');
    expect(root.textContent).toContain('taylor@contosomsp.onmicrosoft.com');
  });

  it('filters by Type and persists the choice; Clear filters restores all', async () => {
    const f = fakeBackend([mk('a'), mk('b', { type: 'bitlocker-reminder' })]);
    render(<Popup backend={f.backend} />, root);
    await flush();
    await change(select('Type'), 'bitlocker-reminder');
    expect(rows().map((r) => r.dataset.alertType)).toEqual(['bitlocker-reminder']);
    expect(f.getFilters().types).toEqual(['bitlocker-reminder']);
    button('Clear filters')?.click();
    await flush();
    expect(rows()).toHaveLength(2);
  });

  it('acknowledges one alert, hides it, and the Acknowledged box shows it again', async () => {
    const { backend } = fakeBackend([mk('a'), mk('b')]);
    render(<Popup backend={backend} />, root);
    await flush();
    const first = rows()[0] as HTMLElement;
    button('Acknowledge', first)?.click();
    await flush();
    expect(backend.acknowledge).toHaveBeenCalledWith([first.dataset.alertId]);
    expect(rows()).toHaveLength(1);
    await change(root.querySelector<HTMLInputElement>('.filters input[type=checkbox]') as HTMLInputElement, true);
    expect(rows().filter((r) => r.dataset.acknowledged === 'true')).toHaveLength(1);
  });

  it('snoozes for 14 days with a reason', async () => {
    const { backend } = fakeBackend([mk('a')]);
    render(<Popup backend={backend} />, root);
    await flush();
    button('Snooze', rows()[0])?.click();
    await flush();
    const reason = root.querySelector<HTMLInputElement>('input[aria-label="Snooze reason"]') as HTMLInputElement;
    reason.value = 'waiting for customer';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    button('14 days')?.click();
    await flush();
    expect(backend.snooze).toHaveBeenCalledWith(['a'], 14, 'waiting for customer');
    expect(rows()).toHaveLength(0);
  });

  it('exports exactly the shown rows as CSV', async () => {
    const f = fakeBackend([mk('a'), mk('b', { type: 'storage-space', title: 'Mailbox almost full' })]);
    render(<Popup backend={f.backend} />, root);
    await flush();
    await change(select('Type'), 'storage-space');
    button('Export CSV')?.click();
    const text = f.downloads[0]?.text ?? '';
    expect(text.trim().split('\r\n')).toHaveLength(2);
    expect(text).toContain('Mailbox almost full');
  });

  it('pages long lists instead of rendering them whole', async () => {
    const many = Array.from({ length: 120 }, (_, i) => mk(`a${i}`, { createdAt: new Date(now.getTime() - i * 60_000).toISOString() }));
    const { backend } = fakeBackend(many);
    render(<Popup backend={backend} />, root);
    await flush();
    expect(rows()).toHaveLength(50);
    [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show 50 more'))?.click();
    await flush();
    expect(rows()).toHaveLength(100);
  });

  it('"Acknowledge all shown" acknowledges every alert the filters show, not only the page', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      mk(`a${i}`, { createdAt: new Date(now.getTime() - i * 60_000).toISOString(), type: i % 2 ? 'storage-space' : 'security-alert' }),
    );
    const { backend } = fakeBackend(many);
    render(<Popup backend={backend} />, root);
    await flush();
    await change(select('Type'), 'storage-space');
    expect(rows()).toHaveLength(50);
    button('Acknowledge all shown')?.click();
    await flush();
    expect((backend.acknowledge as ReturnType<typeof vi.fn>).mock.calls[0]?.[0]).toHaveLength(60);
    expect(rows()).toHaveLength(0);
  });

  it('narrows a list it holds whole without reading the store, and reads it for a wider filter', async () => {
    const { backend } = fakeBackend([mk('a'), mk('b', { type: 'storage-space' })]);
    const loadPage = vi.spyOn(backend, 'loadPage');
    render(<Popup backend={backend} />, root);
    await flush();
    expect(loadPage).toHaveBeenCalledTimes(1);
    await change(select('Type'), 'storage-space');
    expect(rows().map((r) => r.dataset.alertId)).toEqual(['b']);
    expect(root.textContent).toContain('1 shown');
    expect(loadPage).toHaveBeenCalledTimes(1);
    await change(select('Type'), '');
    expect(rows()).toHaveLength(2);
    expect(loadPage).toHaveBeenCalledTimes(2);
  });

  it('says why the list is empty', async () => {
    const { backend } = fakeBackend([]);
    render(<Popup backend={backend} />, root);
    await flush();
    expect(root.textContent).toContain('All caught up');
  });
});

describe('displaySubject', () => {
  it('names the user or service, and tells Microsoft alerts apart by source and date', async () => {
    const { displaySubject } = await import('./Popup');
    expect(displaySubject(mk('a', { type: 'storage-space', subject: 'ann@fabrikam.com' }))).toBe('ann@fabrikam.com');
    expect(
      displaySubject(mk('b', { subject: 'da6371', detail: 'Defender for Office 365: ThreatManagement, new since 2026-11-28 in Adatum. Check the rule.' })),
    ).toBe('Defender for Office 365: ThreatManagement, new since 2026-11-28 in Adatum');
    expect(displaySubject(mk('c', { type: 'backup-failure', subject: 'consent-failed', backupState: 'consent-failed' }))).toBeNull();
  });
});

describe('first paint', () => {
  it('shows the first page before the counts have loaded', async () => {
    const { backend } = fakeBackend([mk('first', { type: 'bitlocker-reminder' })]);
    backend.loadCounts = () => new Promise(() => {}); // the counts never arrive
    render(<Popup backend={backend} />, root);
    await flush();
    expect(rows().map((r) => r.dataset.alertId)).toEqual(['first']);
  });
});
