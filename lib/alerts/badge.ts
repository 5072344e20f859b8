import { t } from '../i18n';
import type { AlertSeverity, AlertType } from '../store/types';
import { ALERT_TYPES, alertTypeLabel } from './labels';

/** What the toolbar shows. */
export interface BadgeState {
  text: string;
  /** Background colour (hex). */
  color: string;
  /** Toolbar tooltip. */
  title: string;
}

const COLORS: Record<AlertSeverity | 'sign-in', string> = {
  high: '#b42318',
  medium: '#b54708',
  low: '#1f6feb',
  informational: '#57606a',
  'sign-in': '#8250df',
};

/**
 * Badge text, colour and title from the counts: the number of unacknowledged, unsnoozed,
 * unresolved alerts, coloured by their highest severity; "!" (purple) when sign-in is needed
 * and nothing else is pending.
 */
export function badgeFor(input: {
  active: number;
  highest: AlertSeverity | null;
  byType?: Partial<Record<string, number>>;
  signInNeeded: number;
  configured: boolean;
}): BadgeState {
  const parts: string[] = [];
  if (!input.configured) parts.push(t('badge_notSetUp'));
  if (input.signInNeeded > 0)
    parts.push(
      input.signInNeeded === 1
        ? t('badge_signInNeededOne', input.signInNeeded)
        : t('badge_signInNeededMany', input.signInNeeded),
    );
  if (input.active > 0) {
    const types = Object.entries(input.byType ?? {})
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([type, n]) => t('badge_typeCount', n ?? 0, typeName(type)));
    const alerts =
      input.active === 1 ? t('badge_alertsOne', input.active) : t('badge_alertsMany', input.active);
    parts.push(types.length ? t('badge_byType', alerts, types.join(', ')) : alerts);
  } else {
    parts.push(t('badge_none'));
  }
  const title = t('badge_title', parts.join('; '));
  if (input.active > 0) {
    const text = input.active > 999 ? '999+' : String(input.active);
    return { text, color: COLORS[input.highest ?? 'low'], title };
  }
  if (input.signInNeeded > 0) return { text: '!', color: COLORS['sign-in'], title };
  return { text: '', color: COLORS.low, title };
}

function typeName(type: string): string {
  return (ALERT_TYPES as readonly string[]).includes(type)
    ? alertTypeLabel(type as AlertType)
    : type;
}
