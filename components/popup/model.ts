/**
 * The popup's shared state as signals (filters, the rows shown, counts, selection, status) and
 * the actions that change it. The list is read one page at a time through the backend (the
 * store's indexes): the popup never holds every alert, only the rows it shows.
 */
import { batch, signal } from '@preact/signals';
import { alertsToCsv } from '../../lib/alerts/csv';
import { applyFilters, narrows } from '../../lib/alerts/filter';
import { t } from '../../lib/i18n';
import type { ExtensionStatus } from '../../lib/insights/types';
import type { SignInResult } from '../../lib/messaging';
import type { PopupFilters } from '../../lib/settings';
import type { PopupCounts, PopupPage } from '../../lib/store/popup';
import type { AlertRecord } from '../../lib/store/types';

/** What the popup needs from the extension; the entrypoint wires it to the store and background. */
export interface PopupBackend {
  /**
   * One page of the alerts the filters show at `now`, newest first, created before `before`
   * (null: the first page): at least `limit` rows when there are that many.
   */
  loadPage(
    filters: PopupFilters,
    now: Date,
    before: string | null,
    limit: number,
  ): Promise<PopupPage>;
  /** How many alerts the filters show (and how many of them are unacknowledged, snoozed, open). */
  loadCounts(filters: PopupFilters, now: Date): Promise<PopupCounts>;
  /** Every alert the filters show, in list order (CSV export). */
  loadAll(filters: PopupFilters, now: Date): Promise<AlertRecord[]>;
  /** The ids of the unacknowledged alerts the filters show ("Acknowledge all shown"). */
  loadUnacknowledgedIds(filters: PopupFilters, now: Date): Promise<string[]>;
  /** The tenants with open alerts, `[id, name]` by name. */
  loadTenants(): Promise<[string, string][]>;
  status(): Promise<ExtensionStatus>;
  loadFilters(): Promise<PopupFilters>;
  saveFilters(f: PopupFilters): Promise<void>;
  acknowledge(ids: string[]): Promise<void>;
  unacknowledge(ids: string[]): Promise<void>;
  snooze(ids: string[], days: 7 | 14 | 30, reason: string): Promise<void>;
  refreshAll(): Promise<{ started: boolean; reason?: string }>;
  signIn(): Promise<SignInResult>;
  openOptions(): void;
  /** Calls back when alerts or status change; returns an unsubscribe. */
  onChange(cb: () => void): () => void;
  /** Saves a file (CSV export). */
  download(name: string, text: string, type: string): void;
  now(): Date;
}

/** Rows per page ("Show 50 more"). */
export const PAGE = 50;
/** How long the list stays unchanged before it is counted. */
const SETTLE_MS = 120;

export type PopupModel = ReturnType<typeof createPopupModel>;

export function createPopupModel(backend: PopupBackend) {
  const filters = signal<PopupFilters | null>(null);
  /** The rows shown (the pages read so far), or null before the first page. */
  const rows = signal<AlertRecord[] | null>(null);
  /** Where the next page starts, or null when every row is shown. */
  const next = signal<string | null>(null);
  const counts = signal<PopupCounts | null>(null);
  const tenants = signal<[string, string][]>([]);
  const selected = signal<ReadonlySet<string>>(new Set());
  const status = signal<ExtensionStatus | null>(null);
  const message = signal('');
  const signInError = signal('');
  const now = signal(backend.now());
  // A newer read (filter change, reload) wins over an older one still answering.
  let generation = 0;
  /** The generation of the first-page read still answering, or 0. */
  let reading = 0;

  const refreshStatus = () =>
    backend
      .status()
      .then((s) => {
        status.value = s;
      })
      .catch(() => undefined);

  const refreshTenants = () =>
    backend
      .loadTenants()
      .then((list) => {
        tenants.value = list;
      })
      .catch(() => undefined);

  let countTimer: ReturnType<typeof setTimeout> | undefined;
  let tenantsDue = false;
  /**
   * Counts (and the tenant list, when due) once the list has settled: an index count walks its
   * whole range, so a quick second filter change should not wait behind the first one's counts.
   */
  function countLater(gen: number, f: PopupFilters, at: Date): void {
    clearTimeout(countTimer);
    countTimer = setTimeout(async () => {
      if (gen === generation)
        try {
          const c = await backend.loadCounts(f, at);
          if (gen === generation) counts.value = c;
        } catch (e) {
          console.warn('[tenant-lens] popup: counting alerts failed:', e);
        }
      if (tenantsDue) {
        tenantsDue = false;
        void refreshTenants();
      }
    }, SETTLE_MS);
  }

  /** Reads the first page again (at least `keep` rows, so the list does not shrink), then counts. */
  async function load(keep = 0, tenantsToo = false): Promise<void> {
    const f = filters.value;
    if (!f) return;
    const gen = ++generation;
    const at = backend.now();
    tenantsDue ||= tenantsToo;
    reading = gen;
    try {
      const page = await backend.loadPage(f, at, null, Math.max(PAGE, keep));
      if (gen !== generation) return;
      reading = 0;
      batch(() => {
        now.value = at;
        rows.value = page.rows;
        next.value = page.next;
      });
      countLater(gen, f, at);
    } catch (e) {
      if (gen === generation) {
        reading = 0;
        if (rows.value === null) rows.value = [];
      }
      console.warn('[tenant-lens] popup: reading alerts failed:', e);
    }
  }

  /**
   * Opening: the saved filters and the first page, read straight from storage and IndexedDB;
   * then the status, which asks the background (whose worker may be asleep, and which reads
   * the same database), then counts and the tenant list.
   */
  async function start(): Promise<void> {
    try {
      filters.value = await backend.loadFilters();
      await load(0, true);
    } finally {
      void refreshStatus();
    }
  }

  /** After the background changed alerts (a poll, an action elsewhere). */
  function changed(): void {
    void load(rows.value?.length ?? 0, true);
    void refreshStatus();
  }

  function changeFilters(patch: Partial<PopupFilters>): void {
    const f = filters.value;
    if (!f) return;
    const nextFilters = { ...f, ...patch };
    void backend.saveFilters(nextFilters);
    const held = rows.value;
    if (held && next.value === null && reading === 0 && narrows(nextFilters, f, now.value)) {
      // Every row of the old filters is in hand (and no newer read of them is on its way), and
      // the new ones only narrow them: the new list (and its counts) is a filter of these rows,
      // without reading the store.
      const gen = ++generation;
      const kept = applyFilters(held, nextFilters, now.value);
      const c = counts.value;
      batch(() => {
        filters.value = nextFilters;
        selected.value = new Set();
        rows.value = kept;
        counts.value = c && {
          ...c,
          total: kept.length,
          unacknowledged: kept.filter((a) => a.acknowledgedAt === null).length,
        };
      });
      if (!c) countLater(gen, nextFilters, now.value);
      return;
    }
    // Rows of the old filters are not shown under the new ones (nor paged on from).
    batch(() => {
      filters.value = nextFilters;
      selected.value = new Set();
      rows.value = null;
      next.value = null;
      counts.value = null;
    });
    void load();
  }

  let more: Promise<void> | null = null;
  /** Appends the next page (one read at a time; a second click while it reads does nothing). */
  function showMore(): Promise<void> {
    more ??= (async () => {
      const f = filters.value;
      const before = next.value;
      if (!f || before === null) return;
      const gen = generation;
      const page = await backend.loadPage(f, now.value, before, PAGE);
      if (gen !== generation || next.value !== before) return;
      batch(() => {
        rows.value = [...(rows.value ?? []), ...page.rows];
        next.value = page.next;
      });
    })().finally(() => {
      more = null;
    });
    return more;
  }

  function select(ids: readonly string[], on: boolean): void {
    const s = new Set(selected.value);
    for (const id of ids) {
      if (on) s.add(id);
      else s.delete(id);
    }
    selected.value = s;
  }

  async function act(work: Promise<unknown>, done: string): Promise<void> {
    await work;
    batch(() => {
      selected.value = new Set();
      message.value = done;
    });
    await load(rows.value?.length ?? 0, true);
  }

  /** Acknowledges every unacknowledged alert the filters show (every page, not only this one). */
  async function acknowledgeAll(): Promise<void> {
    const f = filters.value;
    if (!f) return;
    const ids = await backend.loadUnacknowledgedIds(f, now.value);
    await act(backend.acknowledge(ids), t('popup_acknowledgedCount', ids.length));
  }

  /** Exports every alert the filters show as CSV (from the rows in hand when they are all shown). */
  function exportCsv(): Promise<void> | undefined {
    const f = filters.value;
    if (!f) return;
    const at = now.value;
    const save = (list: AlertRecord[]) => {
      backend.download(
        `tenant-lens-alerts-${at.toISOString().slice(0, 10)}.csv`,
        alertsToCsv(list),
        'text/csv',
      );
      message.value =
        list.length === 1
          ? t('popup_exportedOne', list.length)
          : t('popup_exportedMany', list.length);
    };
    const shown = rows.value;
    // The last page is read: the rows in hand are every alert the filters show.
    if (shown && next.value === null) {
      save(shown);
      return;
    }
    return backend.loadAll(f, at).then(save);
  }

  async function signIn(): Promise<void> {
    signInError.value = '';
    const r = await backend.signIn();
    if (!r.ok) signInError.value = r.error;
    changed();
  }

  async function refresh(): Promise<void> {
    const r = await backend.refreshAll();
    if (!r.started && r.reason) message.value = r.reason;
    changed();
  }

  /** Listens for changes and keeps times and poll progress current; returns the stop. */
  function watch(): () => void {
    const off = backend.onChange(changed);
    const timer = setInterval(() => {
      void refreshStatus();
      now.value = backend.now();
    }, 1500);
    return () => {
      off();
      clearInterval(timer);
    };
  }

  return {
    backend,
    filters,
    rows,
    next,
    counts,
    tenants,
    selected,
    status,
    message,
    signInError,
    now,
    start,
    watch,
    changeFilters,
    showMore,
    select,
    act,
    acknowledgeAll,
    exportCsv,
    signIn,
    refresh,
  };
}
