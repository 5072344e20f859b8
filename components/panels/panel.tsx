/**
 * What a portal panel is, what it is given, and the root that contains its failures.
 * One panel = one file exporting a `Panel`; `registry.ts` lists them; `overlay.ts` mounts them.
 */
import type { FunctionComponent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TenantInsights } from '../../lib/insights/types';
import type { SignInResult } from '../../lib/messaging';
import type { TenantPage } from '../../lib/portal/types';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { S } from './strings';

/** What the panels may ask of the extension (the content script wires these to messages). */
export interface PanelActions {
  /** Interactive Microsoft sign-in (requestSignIn). */
  signIn(): Promise<SignInResult>;
  /** Poll this page's tenant now (refreshTenant). */
  refresh(): Promise<{ started: boolean; reason?: string }>;
  /** URL of the extension's options page. */
  optionsUrl: string;
  /**
   * Opens the options page through the background (`runtime.openOptionsPage`). A page link to
   * chrome-extension://…/options.html is blocked unless options.html is web-accessible, so
   * the links use this when it is wired; without it they stay plain links.
   */
  openOptions?: () => Promise<void>;
}

/** Everything a panel renders from. Plain data: tests build it by hand. */
export interface PanelProps {
  /** The page as read now. */
  page: TenantPage;
  /** The background's answer for this page; null while loading. */
  insights: TenantInsights | null;
  /** Why insights could not be had (background unreachable), or null. */
  insightsError: string | null;
  /** The clock the panel reads times against (epoch ms); ticks while mounted. */
  now: number;
  actions: PanelActions;
  /** Fires when the user navigates away or the panel is unmounted. */
  signal: AbortSignal;
}

/** Host attributes a panel wants set; `undefined` removes the attribute. */
export type HostAttributes = Record<string, string | undefined>;

/** One enriched panel. */
export interface Panel {
  /** Stable id; the host carries `data-tenant-lens="<id>"` and is named `tenant-lens-<id>`. */
  id: 'secure-score' | 'users' | 'backup-fixes' | 'freshness';
  /**
   * Where it mounts: the panel goes right after this element (the section it enriches,
   * found by its visible heading). Null: this page has nothing for it, so no panel.
   */
  anchor(doc: Document, page: TenantPage): Element | null;
  /** The panel's UI. */
  render: FunctionComponent<PanelProps>;
  /** Attributes for the host element (the test contract: data-states, data-source, ...). */
  hostAttributes?(props: PanelProps): HostAttributes;
}

/** Thresholds used until the background has answered. */
export const DEFAULT_PANEL_THRESHOLDS: TenantInsights['thresholds'] = {
  tenantSyncStaleHours: 24,
  backupStaleHours: 24,
  graphStaleMinutes: 60,
};

export function thresholdsOf(props: PanelProps): TenantInsights['thresholds'] {
  return props.insights?.thresholds ?? DEFAULT_PANEL_THRESHOLDS;
}

/** Logs a panel's failure with its id and the page URL (STYLE.md: failures are reported, not spread). */
export function logPanelError(id: string, url: string, error: unknown): void {
  console.error(`[Tenant Lens] panel "${id}" failed on ${url}`, error);
}

/** Applies a panel's host attributes; inside the boundary, so a throwing `hostAttributes` is contained too. */
function HostAttrs({
  panel,
  props,
  host,
}: {
  panel: Panel;
  props: PanelProps;
  host: HTMLElement | null;
}) {
  const attrs = panel.hostAttributes?.(props) ?? {};
  const applied = useRef<string[]>([]);
  useLayoutEffect(() => {
    if (!host) return;
    for (const name of applied.current) if (!(name in attrs)) host.removeAttribute(name);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined) host.removeAttribute(name);
      else host.setAttribute(name, value);
    }
    applied.current = Object.keys(attrs);
  });
  return null;
}

/**
 * Renders one panel inside an error boundary: a throwing panel shows a short notice and is
 * logged; its neighbours never notice. `host` is the shadow host that carries the attributes.
 */
export function PanelRoot({
  panel,
  props,
  host,
}: {
  panel: Panel;
  props: PanelProps;
  host: HTMLElement | null;
}) {
  const Render = panel.render;
  return (
    <ErrorBoundary
      onError={(error) => logPanelError(panel.id, props.page.url, error)}
      fallback={(message) => (
        <div class="tl-panel tl-failed" role="status">
          {S.panelFailed(message)}
        </div>
      )}
    >
      <HostAttrs panel={panel} props={props} host={host} />
      <Render {...props} />
    </ErrorBoundary>
  );
}
