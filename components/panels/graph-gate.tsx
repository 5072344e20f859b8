/**
 * The states every Graph-backed panel goes through before it has data: loading, not
 * configured, signed out, tenant not resolved, and a source that failed. One component so
 * the panels say the same thing the same way.
 */
import type { ComponentChildren, VNode } from 'preact';
import type { SourceView } from '../../lib/insights/types';
import { SignInButton } from '../common/SignInButton';
import { Notice, StatusNotice } from '../common/StatusNotice';
import type { PanelActions, PanelProps } from './panel';
import { S } from './strings';

/** A link to the options page; opened through the background when that is wired (see PanelActions.openOptions). */
function OptionsLink({
  actions,
  children,
}: {
  actions: PanelActions;
  children: ComponentChildren;
}) {
  const onClick = (e: MouseEvent) => {
    if (!actions.openOptions) return;
    e.preventDefault();
    void actions.openOptions();
  };
  return (
    <a
      class="tl-link"
      href={actions.optionsUrl}
      target="_blank"
      rel="noopener noreferrer"
      onClick={onClick}
    >
      {children}
    </a>
  );
}

/** The gate's verdict before looking at a source: null when the panel may show Graph data. */
export function GraphPrelude({ props }: { props: PanelProps }): VNode | null {
  const { insights, insightsError, actions, page } = props;
  if (insightsError) return <Notice tone="error">{S.backgroundUnreachable(insightsError)}</Notice>;
  if (!insights)
    return (
      <p class="tl-muted" role="status" aria-busy="true">
        {S.loading}
      </p>
    );
  if (!insights.configured)
    return (
      <Notice tone="info">
        <span>{S.notConfigured}</span> <OptionsLink actions={actions}>{S.setUp}</OptionsLink>
      </Notice>
    );
  if (!insights.signedIn || insights.tenant?.signInNeeded)
    return (
      <Notice tone="info">
        <span>{insights.signedIn ? S.signInNeeded : S.notSignedIn}</span>{' '}
        <SignInButton actions={actions} />
      </Notice>
    );
  const r = insights.resolution;
  const optionsLink = <OptionsLink actions={actions}>{S.mapInOptions}</OptionsLink>;
  if (r.state === 'pending')
    return (
      <p class="tl-muted" role="status" aria-busy="true">
        {S.resolving}
      </p>
    );
  if (r.state === 'unresolved')
    return (
      <Notice tone="warning">
        <span>{S.unresolved(page.microsoftTenant.value, r.reason)}</span> {optionsLink}
      </Notice>
    );
  if (r.state === 'ambiguous')
    return (
      <Notice tone="warning">
        <span>{S.ambiguous(page.microsoftTenant.value)}</span>
        <ul class="tl-list">
          {r.candidates.map((c) => (
            <li key={c.tenantId}>
              {c.displayName} <span class="tl-muted tl-mono">{c.tenantId}</span>
            </li>
          ))}
        </ul>
        {optionsLink}
      </Notice>
    );
  return null;
}

/**
 * Shows `children(data)` when the source has data (plus a notice when the latest attempt
 * failed), else the state that explains why not.
 */
export function GraphGate<T>({
  props,
  view,
  children,
}: {
  props: PanelProps;
  view: SourceView<T> | undefined;
  children: (data: T) => ComponentChildren;
}) {
  const prelude = GraphPrelude({ props });
  const insights = props.insights;
  if (prelude || !insights) return prelude;
  const status = view?.status ?? null;
  const failed =
    status && status.state !== 'ok' ? (
      <StatusNotice status={status} actions={props.actions} />
    ) : null;
  if (view?.data != null)
    return (
      <>
        {children(view.data)}
        {failed}
      </>
    );
  if (failed) return failed;
  if (insights.tenant?.consentUrl)
    return (
      <StatusNotice
        status={{ state: 'consent-required', consentUrl: insights.tenant.consentUrl, message: '' }}
        actions={props.actions}
      />
    );
  return (
    <p class="tl-muted" role="status" aria-busy={insights.polling}>
      {insights.polling ? S.loadingMicrosoft : S.notFetchedYet}
    </p>
  );
}

/** True when the panel shows Graph data for this view (drives `data-source="graph"`). */
export function showsGraphData<T>(
  props: PanelProps,
  view: SourceView<T> | undefined,
): view is SourceView<T> & { data: T } {
  const i = props.insights;
  return !!(
    !props.insightsError &&
    i &&
    i.configured &&
    i.signedIn &&
    !i.tenant?.signInNeeded &&
    i.resolution.state === 'resolved' &&
    view?.data != null
  );
}
