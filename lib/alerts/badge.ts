import type { AlertSeverity } from '../store/types';

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
  if (!input.configured) parts.push('Not set up: open options to add your application (client) ID');
  if (input.signInNeeded > 0) parts.push(`Sign-in needed for ${input.signInNeeded} tenant${input.signInNeeded === 1 ? '' : 's'}`);
  if (input.active > 0) {
    const types = Object.entries(input.byType ?? {})
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([t, n]) => `${n} ${t.replace('-', ' ')}`);
    parts.push(`${input.active} alert${input.active === 1 ? '' : 's'} to review${types.length ? ` (${types.join(', ')})` : ''}`);
  } else {
    parts.push('No alerts to review');
  }
  const title = `Tenant Lens — ${parts.join('; ')}`;
  if (input.active > 0) {
    const text = input.active > 999 ? '999+' : String(input.active);
    return { text, color: COLORS[input.highest ?? 'low'], title };
  }
  if (input.signInNeeded > 0) return { text: '!', color: COLORS['sign-in'], title };
  return { text: '', color: COLORS.low, title };
}
