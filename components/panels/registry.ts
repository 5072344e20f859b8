/**
 * The portal panels, in page order (a section's panels stack in this order after it).
 * To add a panel: write one file exporting a `Panel` (components/panels/panel.tsx) and list it here.
 */
import { backupFixesPanel } from './backup-fixes';
import { freshnessPanel } from './freshness';
import type { Panel } from './panel';
import { secureScorePanel } from './secure-score';
import { usersPanel } from './users';

export const PANELS: readonly Panel[] = [
  freshnessPanel,
  secureScorePanel,
  usersPanel,
  backupFixesPanel,
];

export type { Panel, PanelActions, PanelProps } from './panel';
