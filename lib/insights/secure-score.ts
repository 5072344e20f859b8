/** The secure-score panel's numbers, derived from Graph's secure scores and control profiles. */
import type { ControlProfile, SecureScore } from '../graph/types';
import { t } from '../i18n';
import type { ImprovementAction, SecureScoreInsight } from './types';

const DAY_MS = 86_400_000;
/** Trend points kept (one a day). */
export const TREND_DAYS = 90;
/** Improvement actions shown. */
export const TOP_ACTIONS = 5;

/** Human label for one of Graph's comparison bases, in the UI language. */
function knownLabel(basis: string): string | null {
  if (basis === 'AllTenants') return t('comparison_allTenants');
  if (basis === 'TotalSeats') return t('comparison_totalSeats');
  if (basis === 'IndustryTypes') return t('comparison_industryTypes');
  return null;
}

/** "SomeNewBasis" -> "Some new basis", for bases Microsoft adds later (left in English). */
function labelFor(basis: string): string {
  const known = knownLabel(basis);
  if (known) return known;
  const words = basis.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Score, max and percent from the newest score; a daily trend (oldest first, at most 90 days);
 * change over 7 and 30 days (newest minus the latest score at least that old; null when the
 * history is shorter); comparisons with human labels; and the top 5 improvement actions:
 * controls short of their maximum, joined with their profile (controlName = profile id),
 * deprecated ones left out, most points to gain first (then Microsoft's rank).
 * Returns null when there is no score at all.
 */
export function secureScoreInsight(
  scores: readonly SecureScore[],
  profiles: readonly ControlProfile[],
): SecureScoreInsight | null {
  const valid = scores.filter(
    (s) =>
      finite(s.currentScore) && finite(s.maxScore) && !Number.isNaN(Date.parse(s.createdDateTime)),
  );
  if (valid.length === 0) return null;
  const byTime = [...valid].sort(
    (a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime),
  );
  const newest = byTime[byTime.length - 1]!;
  const newestAt = Date.parse(newest.createdDateTime);

  // One point per day (the latest of the day), within 90 days of the newest.
  const perDay = new Map<string, { date: string; score: number }>();
  for (const s of byTime) {
    if (newestAt - Date.parse(s.createdDateTime) >= TREND_DAYS * DAY_MS) continue;
    const date = new Date(s.createdDateTime).toISOString().slice(0, 10);
    perDay.set(date, { date, score: round(s.currentScore, 2) });
  }
  const trend = [...perDay.values()].slice(-TREND_DAYS);

  const changeOver = (days: number): number | null => {
    const cutoff = newestAt - days * DAY_MS;
    let base: SecureScore | undefined;
    for (const s of byTime) if (Date.parse(s.createdDateTime) <= cutoff) base = s;
    return base ? round(newest.currentScore - base.currentScore, 2) : null;
  };

  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const actions: (ImprovementAction & { rank: number })[] = [];
  for (const c of newest.controlScores ?? []) {
    const p = profileById.get(c.controlName);
    if (!p || p.deprecated || !finite(p.maxScore) || !finite(c.score)) continue;
    const pointsToGain = round(p.maxScore - c.score, 2);
    if (pointsToGain <= 0) continue;
    actions.push({
      id: p.id,
      title: p.title,
      pointsToGain,
      score: c.score,
      maxScore: p.maxScore,
      userImpact: p.userImpact,
      implementationCost: p.implementationCost,
      category: p.controlCategory || c.controlCategory,
      actionUrl: p.actionUrl,
      rank: finite(p.rank) ? p.rank : Number.MAX_SAFE_INTEGER,
    });
  }
  actions.sort(
    (a, b) => b.pointsToGain - a.pointsToGain || a.rank - b.rank || a.id.localeCompare(b.id),
  );

  return {
    currentScore: newest.currentScore,
    maxScore: newest.maxScore,
    percent: newest.maxScore > 0 ? round((newest.currentScore / newest.maxScore) * 100, 1) : 0,
    computedAt: newest.createdDateTime,
    trend,
    change7d: changeOver(7),
    change30d: changeOver(30),
    comparisons: (newest.averageComparativeScores ?? [])
      .filter((c) => typeof c.basis === 'string' && finite(c.averageScore))
      .map((c) => ({
        basis: c.basis,
        label: labelFor(c.basis),
        averageScore: round(c.averageScore, 2),
      })),
    topActions: actions.slice(0, TOP_ACTIONS).map(({ rank: _rank, ...a }) => a),
  };
}
