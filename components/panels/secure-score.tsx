/** Secure score: the portal's percentage, and with Graph data the points, trend, comparisons and what to do next. */
import type { SecureScoreInsight } from '../../lib/insights/types';
import type { TenantPage } from '../../lib/portal/types';
import { ExternalLink } from '../common/ExternalLink';
import { RelativeTime } from '../common/RelativeTime';
import { Sparkline } from '../common/Sparkline';
import { findSection, MICROSOFT_DETAILS } from './anchors';
import { formatChange, formatScore } from '../../lib/format';
import { GraphGate, showsGraphData } from './graph-gate';
import type { Panel, PanelProps } from './panel';
import { S } from './strings';

function portalPercent(page: TenantPage): string {
  const f = page.secureScorePercent;
  return f.value != null ? `${formatScore(f.value)}%` : (f.raw ?? S.unknownValue);
}

function Change({ value, days }: { value: number | null; days: number }) {
  if (value == null)
    return (
      <span class="tl-change tl-muted">
        {S.change(days)}: {S.noChange}
      </span>
    );
  const tone = value > 0 ? 'tl-up' : value < 0 ? 'tl-down' : 'tl-muted';
  return (
    <span class="tl-change">
      {S.change(days)}: <strong class={tone}>{formatChange(value)}</strong>
    </span>
  );
}

function ScoreDetails({ s, now }: { s: SecureScoreInsight; now: number }) {
  const trend = s.trend.map((p) => p.score);
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <div class="tl-body">
      <p class="tl-big">
        {S.points(formatScore(s.currentScore), formatScore(s.maxScore))}{' '}
        <span class="tl-muted">({formatScore(s.percent)}%)</span>
      </p>
      <p class="tl-muted tl-small">
        {S.computed} <RelativeTime iso={s.computedAt} now={now} />
      </p>
      {trend.length > 1 && first !== undefined && last !== undefined && (
        <Sparkline
          values={trend}
          label={S.trendLabel(trend.length, formatScore(first), formatScore(last))}
        />
      )}
      <p class="tl-row">
        <Change value={s.change7d} days={7} /> <Change value={s.change30d} days={30} />
      </p>
      {s.comparisons.length > 0 && (
        <div>
          <h4 class="tl-h">{S.comparisons}</h4>
          <ul class="tl-list tl-compact">
            {s.comparisons.map((c) => (
              <li key={c.basis}>
                {c.label}: {formatScore(c.averageScore)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h4 class="tl-h">{S.topActions}</h4>
      {s.topActions.length === 0 ? (
        <p class="tl-muted">{S.noActions}</p>
      ) : (
        <ol class="tl-list tl-actions">
          {s.topActions.map((a) => (
            <li key={a.id}>
              <ExternalLink class="tl-link" href={a.actionUrl}>
                {a.title}
              </ExternalLink>{' '}
              <strong class="tl-up">{S.pointsToGain(formatScore(a.pointsToGain))}</strong>
              <div class="tl-muted tl-small">
                {S.userImpact(a.userImpact)} · {S.implementationCost(a.implementationCost)}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function SecureScorePanel(props: PanelProps) {
  return (
    <section class="tl-panel" aria-label={`${S.brand}: ${S.secureScoreTitle}`}>
      <h3 class="tl-title">
        {S.secureScoreTitle}{' '}
        <span class="tl-muted tl-small">{S.portalShows(portalPercent(props.page))}</span>
      </h3>
      <GraphGate props={props} view={props.insights?.secureScore}>
        {(s) => <ScoreDetails s={s} now={props.now} />}
      </GraphGate>
    </section>
  );
}

export const secureScorePanel: Panel = {
  id: 'secure-score',
  anchor: (doc, page) => (page.hasMicrosoftDetails ? findSection(doc, MICROSOFT_DETAILS) : null),
  render: SecureScorePanel,
  hostAttributes(props) {
    const view = props.insights?.secureScore;
    if (!showsGraphData(props, view))
      return {
        'data-source': undefined,
        'data-current-score': undefined,
        'data-max-score': undefined,
      };
    return {
      'data-source': 'graph',
      'data-current-score': formatScore(view.data.currentScore, 'en'),
      'data-max-score': formatScore(view.data.maxScore, 'en'),
    };
  },
};
