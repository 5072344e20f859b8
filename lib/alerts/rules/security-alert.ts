import { formatDate, formatNumber } from '../../format';
import { serviceSourceName } from '../../graph/labels';
import type { SecurityAlert } from '../../graph/types';
import { t } from '../../i18n';
import type { AlertCandidate, AlertSeverity } from '../../store/types';
import { dedupeKey, syncroLinks, type TenantRule } from '../context';
import { atLeast } from '../severity';

const DAY = 86_400_000;

/** "Microsoft Defender for Endpoint, Malware: New since Dec 1, 2026 in Contoso. <first recommended action>" */
function securityAlertDetail(a: SecurityAlert, tenantName: string): string {
  const origin = [serviceSourceName(a.serviceSource), a.category].filter(Boolean).join(', ');
  const status = t(
    a.status === 'new' ? 'alert_security_new' : 'alert_security_inProgress',
    formatDate(a.createdDateTime),
    tenantName,
  );
  const action = a.recommendedActions?.split('\n')[0]?.trim();
  return [origin ? `${origin}: ${status}` : status, action].filter(Boolean).join(' ');
}

/** Maps Graph's severity to ours ('unknownFutureValue' counts as medium). */
function severityOf(s: string): AlertSeverity {
  return s === 'high' || s === 'medium' || s === 'low' || s === 'informational' ? s : 'medium';
}

/**
 * Security Alert: Microsoft security alerts (new or in progress) at or above a severity;
 * a secure score drop of N points against the previous day or week; risky users where
 * the tenant is licensed (the source is unlicensed otherwise and yields no data).
 */
export const securityAlertRule: TenantRule = ({ tenant, next, thresholds }) => {
  const out: AlertCandidate[] = [];
  const base = {
    tenantId: tenant.tenantId,
    syncroKey: tenant.syncroKeys[0] ?? null,
    tenantName: tenant.displayName,
    type: 'security-alert' as const,
  };
  for (const a of next.sources.securityAlerts?.data ?? []) {
    if (a.status !== 'new' && a.status !== 'inProgress') continue;
    const severity = severityOf(a.severity);
    if (!atLeast(severity, thresholds.securityAlertMinSeverity)) continue;
    out.push({
      ...base,
      dedupeKey: dedupeKey(tenant.tenantId, 'security-alert', `alert:${a.id}`),
      severity,
      title: a.title,
      detail: securityAlertDetail(a, tenant.displayName),
      subject: a.id,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        ...(a.alertWebUrl ? [{ label: t('alert_link_defenderAlert'), href: a.alertWebUrl }] : []),
      ],
    });
  }

  // Secure score drop: newest vs the score a day and a week before.
  const scores = next.sources.secureScores?.data ?? [];
  const newest = scores[0];
  if (newest) {
    const at = Date.parse(newest.createdDateTime);
    const near = (days: number) =>
      scores.find((s) => Math.abs(Date.parse(s.createdDateTime) - (at - days * DAY)) < DAY / 2) ??
      null;
    const drops = [
      { label: t('alert_score_sinceYesterday'), past: near(1) },
      { label: t('alert_score_sinceWeek'), past: near(7) },
    ]
      .filter((d) => d.past !== null)
      .map((d) => ({ ...d, points: (d.past?.currentScore ?? 0) - newest.currentScore }))
      .filter((d) => d.points >= thresholds.secureScoreDropPoints)
      .sort((a, b) => b.points - a.points);
    const worst = drops[0];
    if (worst) {
      out.push({
        ...base,
        dedupeKey: dedupeKey(tenant.tenantId, 'security-alert', 'secure-score-drop'),
        severity: 'medium',
        title: t('alert_score_dropped'),
        detail: t(
          'alert_score_droppedDetail',
          formatNumber(worst.points),
          worst.label,
          formatNumber(worst.past?.currentScore ?? 0),
          formatNumber(newest.currentScore),
          formatNumber(newest.maxScore),
          tenant.displayName,
        ),
        subject: 'secure-score',
        links: [
          ...syncroLinks(tenant.syncroKeys),
          {
            label: t('alert_link_secureScore'),
            href: `https://security.microsoft.com/securescore?tid=${tenant.tenantId}`,
          },
        ],
      });
    }
  }

  for (const u of next.sources.riskyUsers?.data ?? []) {
    if (u.riskState !== 'atRisk' && u.riskState !== 'confirmedCompromised') continue;
    if (u.riskLevel !== 'high' && u.riskLevel !== 'medium') continue;
    const severity: AlertSeverity =
      u.riskLevel === 'high' || u.riskState === 'confirmedCompromised' ? 'high' : 'medium';
    if (!atLeast(severity, thresholds.securityAlertMinSeverity)) continue;
    out.push({
      ...base,
      dedupeKey: dedupeKey(tenant.tenantId, 'security-alert', `risky-user:${u.userPrincipalName}`),
      severity,
      title: t('alert_risky_title'),
      detail: t(
        u.riskState === 'confirmedCompromised'
          ? 'alert_risky_compromised'
          : u.riskLevel === 'high'
            ? 'alert_risky_high'
            : 'alert_risky_medium',
        u.userPrincipalName,
        formatDate(u.riskLastUpdatedDateTime),
        tenant.displayName,
      ),
      subject: u.userPrincipalName,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        {
          label: t('alert_link_riskyUsers'),
          href: `https://entra.microsoft.com/${tenant.tenantId}#view/Microsoft_AAD_IAM/RiskyUsersBlade`,
        },
      ],
    });
  }
  return out;
};
