/**
 * Freshness: says when the portal's Last Tenant Sync or Tenant Lens's Microsoft data is older
 * than the thresholds, with "Refresh now" (refreshTenant) and its progress. When nothing is
 * stale it stays a one-line "Up to date" so the technician knows it looked.
 */
import { useState } from 'preact/hooks';
import { formatRelative } from '../../lib/time';
import { RelativeTime } from '../common/RelativeTime';
import { findSection, MICROSOFT_DETAILS } from './anchors';
import type { Panel, PanelProps } from './panel';
import { thresholdsOf } from './panel';
import { S } from './strings';

/** What is stale (pure; tested). */
export function freshnessOf(props: PanelProps) {
  const t = thresholdsOf(props);
  const syncAt = props.page.lastTenantSync.value?.at ?? null;
  const syncAge = syncAt ? props.now - Date.parse(syncAt) : null;
  const tenantSyncStale = syncAge != null && syncAge > t.tenantSyncStaleHours * 3_600_000;
  const i = props.insights;
  // Graph freshness only means something once Graph data can be had for this tenant.
  const graphApplies = !!(
    i?.configured &&
    i.signedIn &&
    i.resolution.state === 'resolved' &&
    i.tenant
  );
  const graphAt = graphApplies ? (i?.tenant?.lastPollAt ?? null) : null;
  const graphAge = graphAt ? props.now - Date.parse(graphAt) : null;
  const graphStale = graphApplies && (graphAge == null || graphAge > t.graphStaleMinutes * 60_000);
  return { t, syncAt, tenantSyncStale, graphApplies, graphAt, graphStale };
}

function RefreshButton({ props }: { props: PanelProps }) {
  const [pending, setPending] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const polling = !!props.insights?.polling;
  const onClick = async () => {
    setPending(true);
    setRefused(null);
    try {
      const r = await props.actions.refresh();
      if (!r.started) setRefused(r.reason ?? S.unknownValue);
    } catch (e) {
      setRefused(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };
  const busy = pending || polling;
  return (
    <span class="tl-action">
      <button type="button" class="tl-button" onClick={onClick} disabled={busy} aria-busy={busy}>
        {S.refreshNow}
      </button>
      <span role="status" class="tl-muted">
        {busy ? ` ${S.refreshing}` : ''}
      </span>
      {refused && (
        <span role="alert" class="tl-error-text">
          {' '}
          {S.refreshRefused(refused)}
        </span>
      )}
    </span>
  );
}

function FreshnessPanel(props: PanelProps) {
  const f = freshnessOf(props);
  const nowDate = new Date(props.now);
  if (!f.tenantSyncStale && !f.graphStale)
    return (
      <p class="tl-panel tl-line tl-ok tl-small">
        {S.upToDate}
        {f.syncAt && ` · ${S.tenantSyncAt(formatRelative(f.syncAt, nowDate))}`}
        {f.graphAt && ` · ${S.graphAt(formatRelative(f.graphAt, nowDate))}`}
        {props.insights?.polling && (
          <span role="status" class="tl-muted">
            {' '}
            · {S.refreshing}
          </span>
        )}
      </p>
    );
  return (
    <section class="tl-panel tl-stale" aria-label={`${S.brand}: ${S.freshnessTitle}`}>
      {f.tenantSyncStale && f.syncAt && (
        <p data-stale="tenant-sync">
          {S.tenantSyncStale(formatRelative(f.syncAt, nowDate), f.t.tenantSyncStaleHours)}
        </p>
      )}
      {f.graphStale && (
        <p data-stale="graph">
          {f.graphAt
            ? S.graphStale(formatRelative(f.graphAt, nowDate), f.t.graphStaleMinutes)
            : S.graphNever}{' '}
          <RefreshButton props={props} />
        </p>
      )}
      {!f.graphStale && f.graphAt && (
        <p class="tl-muted tl-small">
          {S.graphAt('')}
          <RelativeTime iso={f.graphAt} now={props.now} />
        </p>
      )}
    </section>
  );
}

export const freshnessPanel: Panel = {
  id: 'freshness',
  anchor: (doc, page) => (page.hasMicrosoftDetails ? findSection(doc, MICROSOFT_DETAILS) : null),
  render: FreshnessPanel,
  hostAttributes(props) {
    const f = freshnessOf(props);
    const stale = [f.tenantSyncStale && 'tenant-sync', f.graphStale && 'graph']
      .filter(Boolean)
      .join(',');
    return { 'data-stale': stale };
  },
};
