/**
 * The portal overlay: detects a Tenant Details page, reads it, reports it to the background,
 * and keeps the registry's panels mounted next to their sections while the page changes.
 *
 * - Re-runs on in-page navigation (`wxt:locationchange`) and, debounced, when the page adds or
 *   removes nodes (partial re-renders, content swaps); mutations of our own hosts are ignored.
 * - One mount per panel id, keyed by its anchor element: a replaced anchor, or a host the page
 *   removed, gets the panel back exactly once; a page that stops being a Tenant Details page
 *   loses every panel.
 * - Each mount gets an AbortSignal that fires on navigation or unmount.
 * - Never touches tokens or IndexedDB: it only sends the protocol's portal messages.
 *
 * `createOverlay` takes its environment as a parameter so tests run it under happy-dom.
 */
import { render } from 'preact';
import type { TenantInsights } from '../../lib/insights/types';
import type { SignInResult } from '../../lib/messaging';
import { syncroKeyOf } from '../../lib/portal/read';
import type { TenantPage } from '../../lib/portal/types';
import { logPanelError, type Panel, type PanelActions, type PanelProps, PanelRoot } from './panel';

/** A mountable shadow-root UI (shadow-host.ts's, or a test double). */
export interface OverlayUi {
  shadowHost: HTMLElement;
  mount(): void;
  remove(): void;
}

/** Options the overlay gives when creating a panel's UI. */
export interface OverlayUiOptions {
  /** Custom element name: `tenant-lens-<panel id>`. */
  name: string;
  anchor: Element;
  /** Inserts the host after the anchor (and after lower-ordered sibling panels). */
  append: (anchor: Element, host: Element) => void;
  onMount: (container: HTMLElement, shadow: ShadowRoot, host: HTMLElement) => void;
  onRemove: () => void;
}

/** Everything the overlay needs from the browser and the extension. */
export interface OverlayEnv {
  doc: Document;
  /** The current URL. */
  url(): string;
  panels: readonly Panel[];
  isTenantDetailsPage(doc: Document, url: string): boolean;
  readTenantPage(doc: Document, url: string, now: Date): TenantPage;
  reportTenantPage(page: TenantPage): Promise<TenantInsights>;
  /** `lastKnown`: what the background last built for the page will do (until its report answers). */
  getInsights(req: { syncroKey: string; lastKnown?: boolean }): Promise<TenantInsights>;
  refreshTenant(req: { syncroKey: string }): Promise<{ started: boolean; reason?: string }>;
  requestSignIn(): Promise<SignInResult>;
  /** Subscribes to insightsChanged; returns the unsubscribe. */
  onInsightsChanged(cb: (syncroKey: string | null) => void): () => void;
  /** Subscribes to in-page navigation. */
  onLocationChange(cb: () => void): void;
  /** Called when the content script is invalidated (extension reloaded). */
  onInvalidated(cb: () => void): void;
  createUi(options: OverlayUiOptions): Promise<OverlayUi>;
  optionsUrl: string;
  /** Opens the options page through the background (a page cannot link to it). */
  openOptions?: () => Promise<void>;
  /** Debounce for mutation-triggered re-runs (ms). */
  debounceMs?: number;
  /** Longest a re-run waits while the page keeps mutating (ms). */
  maxWaitMs?: number;
  /** How often relative times refresh (ms). */
  tickMs?: number;
}

interface MountEntry {
  panel: Panel;
  anchor: Element;
  ui: OverlayUi | null;
  controller: AbortController;
}

/** The attribute every panel host carries (the test contract). */
export const HOST_ATTR = 'data-tenant-lens';

/** A page's identity for "did it change?": volatile read times left out. */
function pageFingerprint(page: TenantPage): string {
  return JSON.stringify(page, (key, value) =>
    key === 'readAt' || key === 'at' ? undefined : value,
  );
}

/** True when `el` is laid out as a column of a row (flex row or grid parent). */
function isRowItem(el: Element): boolean {
  const parent = el.parentElement;
  const view = el.ownerDocument.defaultView;
  if (!parent || !view?.getComputedStyle) return false;
  const style = view.getComputedStyle(parent);
  if (style.display.includes('grid')) return true;
  return style.display.includes('flex') && !style.flexDirection.startsWith('column');
}

/** A value that asks for a redraw when it changes. */
function cell<T>(initial: T, changed: () => void) {
  let value = initial;
  return {
    get value() {
      return value;
    },
    set value(next: T) {
      if (next === value) return;
      value = next;
      changed();
    },
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Starts the overlay; returns controls for the content script and tests. */
export function createOverlay(env: OverlayEnv) {
  const { doc } = env;
  const order = new Map(env.panels.map((p, i) => [p.id as string, i]));
  const mounts = new Map<string, MountEntry>();
  // The state every panel renders from. A plain object and a redraw list rather than
  // @preact/signals: the same effect for ~3 KB less in a content script that must stay small.
  const page = cell<TenantPage | null>(null, redraw);
  const insights = cell<TenantInsights | null>(null, redraw);
  const insightsError = cell<string | null>(null, redraw);
  const now = cell(Date.now(), redraw);
  const draws = new Set<() => void>();
  let drawQueued = false;
  function redraw() {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(() => {
      drawQueued = false;
      for (const draw of draws) draw();
    });
  }
  let currentUrl: string | null = null;
  let reportedFingerprint: string | null = null;
  let requestSeq = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const actions: PanelActions = {
    optionsUrl: env.optionsUrl,
    ...(env.openOptions ? { openOptions: env.openOptions } : {}),
    async signIn() {
      const result = await env.requestSignIn();
      void fetchInsights();
      return result;
    },
    async refresh() {
      const key = page.value?.syncroKey;
      if (!key) return { started: false, reason: 'no tenant page' };
      const result = await env.refreshTenant({ syncroKey: key });
      void fetchInsights();
      return result;
    },
  };

  /** The request whose answer has been shown (a later answer for an earlier request is not). */
  let shownSeq = 0;
  function accept(seq: number, p: Promise<TenantInsights>) {
    p.then(
      (value) => {
        if (seq !== requestSeq || stopped) return;
        shownSeq = seq;
        insights.value = value;
        insightsError.value = null;
      },
      (e) => {
        if (seq !== requestSeq || stopped) return;
        insightsError.value = messageOf(e);
      },
    );
  }

  function fetchInsights() {
    const key = page.value?.syncroKey;
    if (!key || stopped) return;
    accept(++requestSeq, env.getInsights({ syncroKey: key }));
  }

  /**
   * What is stored for a tenant page, asked as soon as the page is known to be one (before it
   * is read): the background's answer then travels while the page is read and the panels are
   * mounted. Keyed by the tenant page's key, from the URL as the reader derives it.
   */
  let early: { key: string; answer: Promise<TenantInsights> } | null = null;
  function askStored(url: string) {
    let key: string;
    try {
      key = syncroKeyOf(url);
    } catch {
      return;
    }
    const answer = env.getInsights({ syncroKey: key, lastKnown: true });
    answer.catch(() => undefined); // its failure is the report's to tell
    early = { key, answer };
  }

  function report(p: TenantPage) {
    const seq = ++requestSeq;
    const asked = early?.key === p.syncroKey ? early.answer : null;
    early = null;
    if (!insights.value) {
      // Nothing shown yet: what is stored for this tenant page answers sooner than the report,
      // which records the page first. It shows until the report's answer replaces it; it is
      // dropped if that answer comes first, and its failure is the report's to tell.
      (asked ?? env.getInsights({ syncroKey: p.syncroKey, lastKnown: true })).then(
        (value) => {
          if (seq !== requestSeq || shownSeq === seq || stopped || insights.value) return;
          insights.value = value;
        },
        () => undefined,
      );
    }
    accept(seq, env.reportTenantPage(p));
  }

  /**
   * Host placement: right after the anchor, after sibling panels that come earlier in the
   * registry. When the anchor is a column of a row layout (flex row or grid), a sibling would
   * become a new column: the host goes at the end inside the anchor instead. `inside` is
   * decided when the panel is placed, before this pass inserts any host: the page's style is
   * computed once for all panels, not again after each insertion.
   */
  function appendAfter(panel: Panel, inside: boolean) {
    return (anchor: Element, host: Element) => {
      const mine = order.get(panel.id) ?? 0;
      let ref: Element | null = inside ? anchor.lastElementChild : anchor;
      if (inside) {
        // Skip back over our hosts that come later in the registry.
        while (
          ref?.hasAttribute(HOST_ATTR) &&
          (order.get(ref.getAttribute(HOST_ATTR) ?? '') ?? 0) > mine
        ) {
          ref = ref.previousElementSibling;
        }
        if (!ref) anchor.prepend(host);
        else ref.after(host);
        return;
      }
      let after: Element = anchor;
      for (
        let next = after.nextElementSibling;
        next?.hasAttribute(HOST_ATTR);
        next = after.nextElementSibling
      ) {
        if ((order.get(next.getAttribute(HOST_ATTR) ?? '') ?? 0) > mine) break;
        after = next;
      }
      after.after(host);
    };
  }

  function unmount(id: string) {
    const entry = mounts.get(id);
    if (!entry) return;
    mounts.delete(id);
    entry.controller.abort();
    try {
      entry.ui?.remove();
    } catch (e) {
      logPanelError(id, currentUrl ?? env.url(), e);
    }
  }

  function unmountAll() {
    for (const id of [...mounts.keys()]) unmount(id);
  }

  function propsFor(abort: AbortSignal): PanelProps | null {
    const p = page.value;
    if (!p) return null;
    return {
      page: p,
      insights: insights.value,
      insightsError: insightsError.value,
      now: now.value,
      actions,
      signal: abort,
    };
  }

  function mount(panel: Panel, anchor: Element) {
    const entry: MountEntry = { panel, anchor, ui: null, controller: new AbortController() };
    mounts.set(panel.id, entry);
    let draw: (() => void) | null = null;
    let container: HTMLElement | null = null;
    env
      .createUi({
        name: `tenant-lens-${panel.id}`,
        anchor,
        append: appendAfter(panel, isRowItem(anchor)),
        onMount(c, _shadow, host) {
          container = c;
          draw = () => {
            const props = propsFor(entry.controller.signal);
            render(props ? <PanelRoot panel={panel} props={props} host={host} /> : null, c);
          };
          draws.add(draw);
          draw();
        },
        onRemove() {
          if (draw) draws.delete(draw);
          if (container) render(null, container);
        },
      })
      .then((ui) => {
        if (mounts.get(panel.id) !== entry || stopped) return; // superseded while the UI was made
        ui.shadowHost.setAttribute(HOST_ATTR, panel.id);
        // A host left by an earlier run of this script (extension reloaded) must not make two.
        for (const stray of doc.querySelectorAll(`[${HOST_ATTR}="${panel.id}"]`)) {
          if (stray !== ui.shadowHost) stray.remove();
        }
        entry.ui = ui;
        ui.mount();
      })
      .catch((e) => {
        logPanelError(panel.id, env.url(), e);
        if (mounts.get(panel.id) === entry) mounts.delete(panel.id);
      });
  }

  function place(panel: Panel, p: TenantPage) {
    let anchor: Element | null = null;
    try {
      anchor = panel.anchor(doc, p);
    } catch (e) {
      logPanelError(panel.id, p.url, e);
    }
    const entry = mounts.get(panel.id);
    if (!anchor) {
      if (entry) unmount(panel.id);
      return;
    }
    if (entry && entry.anchor === anchor && (!entry.ui || entry.ui.shadowHost.isConnected)) return;
    if (entry) unmount(panel.id);
    mount(panel, anchor);
  }

  /** Detect, read, report and (re)place panels. Idempotent: safe to call any time. */
  function sync() {
    if (stopped) return;
    const url = env.url();
    let isTenant = false;
    try {
      isTenant = env.isTenantDetailsPage(doc, url);
    } catch (e) {
      console.error('[Tenant Lens] detection failed on', url, e);
    }
    if (url !== currentUrl || !isTenant) {
      // Navigation (or the page stopped being a tenant page): every panel goes, signals fire.
      unmountAll();
      if (url !== currentUrl) {
        insights.value = null;
        insightsError.value = null;
        reportedFingerprint = null;
        requestSeq++;
      }
    }
    currentUrl = url;
    if (!isTenant) {
      page.value = null;
      reportedFingerprint = null;
      return;
    }
    // First sight of this tenant page with nothing shown: ask for what is stored now.
    if (reportedFingerprint === null && !insights.value) askStored(url);
    let read: TenantPage;
    // One clock for reading and showing: a panel reading "2 hours ago" against an earlier
    // `now` would say "1 hr ago".
    const readAt = new Date();
    try {
      read = env.readTenantPage(doc, url, readAt);
    } catch (e) {
      console.error('[Tenant Lens] reading the page failed on', url, e);
      return;
    }
    if (readAt.getTime() > now.value) now.value = readAt.getTime();
    const fingerprint = pageFingerprint(read);
    if (fingerprint !== reportedFingerprint || !page.value) page.value = read;
    if (fingerprint !== reportedFingerprint) {
      reportedFingerprint = fingerprint;
      report(read);
    }
    for (const panel of env.panels) place(panel, read);
  }

  /**
   * Debounced re-run; a page that never stops mutating (an animation, a ticking clock) still
   * gets one run per `maxWaitMs` instead of none.
   */
  let pendingSince = 0;
  function schedule() {
    if (stopped) return;
    const t = Date.now();
    if (timer !== undefined && t - pendingSince >= (env.maxWaitMs ?? 1000)) return;
    if (timer === undefined) pendingSince = t;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      sync();
    }, env.debounceMs ?? 150);
  }

  const ownNode = (n: Node) => n instanceof Element && n.hasAttribute(HOST_ATTR);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) if (!ownNode(n)) return schedule();
      for (const n of r.removedNodes) if (!ownNode(n)) return schedule();
    }
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });

  env.onLocationChange(() => {
    // Abort at once: a panel's work for the old page must stop even before the new one renders.
    for (const entry of mounts.values()) entry.controller.abort();
    schedule();
  });
  const offInsights = env.onInsightsChanged((key) => {
    if (page.value && (key == null || key === page.value.syncroKey)) fetchInsights();
  });
  const tick = setInterval(() => {
    if (page.value) now.value = Date.now();
  }, env.tickMs ?? 30_000);

  function stop() {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    clearInterval(tick);
    observer.disconnect();
    offInsights();
    unmountAll();
  }
  env.onInvalidated(stop);

  sync();
  return {
    sync,
    stop,
    /** Ids of the panels mounted (or being mounted) now, for tests. */
    mounted: () => [...mounts.keys()],
    state: { page, insights, insightsError, now },
  };
}
