import type { AlertCandidate, AlertSeverity } from '../../store/types';
import { dedupeKey, syncroLinks, type TenantRule } from '../context';
import { atLeast } from '../severity';

const DAY = 86_400_000;

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
      detail: `${a.serviceSource ? `${a.serviceSource}: ` : ''}${a.category ? `${a.category}, ` : ''}${a.status === 'new' ? 'new' : 'in progress'} since ${a.createdDateTime.slice(0, 10)} in ${tenant.displayName}.${a.recommendedActions ? ` ${a.recommendedActions.split('\n')[0]}` : ''}`,
      subject: a.id,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        ...(a.alertWebUrl ? [{ label: 'Alert in Microsoft Defender', href: a.alertWebUrl }] : []),
      ],
    });
  }

  // Secure score drop: newest vs the score a day and a week before.
  const scores = next.sources.secureScores?.data ?? [];
  const newest = scores[0];
  if (newest) {
    const at = Date.parse(newest.createdDateTime);
    const near = (days: number) =>
      scores.find((s) => Math.abs(Date.parse(s.createdDateTime) - (at - days * DAY)) < DAY / 2) ?? null;
    const drops = [
      { label: 'yesterday', past: near(1) },
      { label: 'a week ago', past: near(7) },
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
        title: 'Secure score dropped',
        detail: `Secure score fell ${worst.points.toFixed(1)} points since ${worst.label} (${worst.past?.currentScore.toFixed(1)} to ${newest.currentScore.toFixed(1)} of ${newest.maxScore}) in ${tenant.displayName}.`,
        subject: 'secure-score',
        links: [
          ...syncroLinks(tenant.syncroKeys),
          { label: 'Secure score in Microsoft Defender', href: `https://security.microsoft.com/securescore?tid=${tenant.tenantId}` },
        ],
      });
    }
  }

  for (const u of next.sources.riskyUsers?.data ?? []) {
    if (u.riskState !== 'atRisk' && u.riskState !== 'confirmedCompromised') continue;
    if (u.riskLevel !== 'high' && u.riskLevel !== 'medium') continue;
    const severity: AlertSeverity = u.riskLevel === 'high' || u.riskState === 'confirmedCompromised' ? 'high' : 'medium';
    if (!atLeast(severity, thresholds.securityAlertMinSeverity)) continue;
    out.push({
      ...base,
      dedupeKey: dedupeKey(tenant.tenantId, 'security-alert', `risky-user:${u.userPrincipalName}`),
      severity,
      title: 'Risky user',
      detail: `${u.userPrincipalName} is ${u.riskState === 'confirmedCompromised' ? 'confirmed compromised' : `at ${u.riskLevel} risk`} (since ${u.riskLastUpdatedDateTime.slice(0, 10)}) in ${tenant.displayName}.`,
      subject: u.userPrincipalName,
      links: [
        ...syncroLinks(tenant.syncroKeys),
        { label: 'Risky users in Microsoft Entra', href: `https://entra.microsoft.com/${tenant.tenantId}#view/Microsoft_AAD_IAM/RiskyUsersBlade` },
      ],
    });
  }
  return out;
};
