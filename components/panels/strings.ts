import { t } from '../../lib/i18n';

/**
 * Every user-facing string of the portal panels, by meaning. The text itself lives in
 * `public/_locales/<lang>/messages.json` (read through `browser.i18n`, so nothing here adds
 * to the content script but the keys); constants are getters so each read asks the
 * catalogue. Functions take the values they interpolate and keep the few choices a message
 * catalogue cannot make (singular/plural, optional parts). The result is always plain text
 * (rendered as text, never as HTML).
 */
export const S = {
  get brand() {
    return t('extName');
  },
  panelFailed: (message: string) => t('panel_failed', message),

  // --- states shared by the Graph panels (StatusNotice)
  get loading() {
    return t('panel_loading');
  },
  get loadingMicrosoft() {
    return t('panel_loadingMicrosoft');
  },
  get notFetchedYet() {
    return t('panel_notFetchedYet');
  },
  backgroundUnreachable: (message: string) => t('panel_backgroundUnreachable', message),
  get notConfigured() {
    return t('panel_notConfigured');
  },
  get setUp() {
    return t('panel_setUp');
  },
  get notSignedIn() {
    return t('panel_notSignedIn');
  },
  get signIn() {
    return t('signIn');
  },
  get signingIn() {
    return t('panel_signingIn');
  },
  signInFailed: (message: string) => t('panel_signInFailed', message),
  get signInNeeded() {
    return t('panel_signInNeeded');
  },
  get resolving() {
    return t('panel_resolving');
  },
  unresolved: (text: string | null, reason: string) =>
    t('panel_unresolved', text ?? t('panel_unknownTenant'), reason),
  ambiguous: (text: string | null) => t('panel_ambiguous', text ?? t('panel_thisTenant')),
  get mapInOptions() {
    return t('panel_mapInOptions');
  },
  /** `what` names the missing permission or role (see `roleNamed`), when Graph said which. */
  forbidden: (what: string | null, message: string) =>
    what ? t('panel_forbiddenWhat', what) : t('panel_forbidden', message),
  roleNamed: (role: string) => t('panel_forbiddenRole', role),
  forbiddenPermissionAndRole: (permission: string, role: string) =>
    t('panel_forbiddenPermissionAndRole', permission, role),
  unlicensed: (licence: string) => t('panel_unlicensed', licence),
  get consentRequired() {
    return t('panel_consentRequired');
  },
  get grantConsent() {
    return t('panel_grantConsent');
  },
  throttled: (seconds: number | null) =>
    seconds != null ? t('panel_throttledFor', seconds) : t('panel_throttled'),
  get sourceDisabled() {
    return t('panel_sourceDisabled');
  },
  graphError: (message: string) => t('panel_graphError', message),
  get staleBecause() {
    return t('panel_staleBecause');
  },

  // --- secure-score
  get secureScoreTitle() {
    return t('panel_secureScoreTitle');
  },
  portalShows: (value: string) => t('panel_portalShows', value),
  get unknownValue() {
    return t('panel_unknownValue');
  },
  points: (current: string, max: string) => t('panel_points', current, max),
  get computed() {
    return t('panel_computed');
  },
  trendLabel: (days: number, first: string, last: string) =>
    t('panel_trendLabel', days, first, last),
  change: (days: number) => t('panel_change', days),
  get noChange() {
    return t('panel_noChange');
  },
  get comparisons() {
    return t('panel_comparisons');
  },
  get topActions() {
    return t('panel_topActions');
  },
  pointsToGain: (p: string) => t('panel_pointsToGain', p),
  userImpact: (v: string) => t('panel_userImpact', v),
  implementationCost: (v: string) => t('panel_implementationCost', v),
  get noActions() {
    return t('panel_noActions');
  },

  // --- users
  get usersTitle() {
    return t('panel_usersTitle');
  },
  syncroUsers: (value: string) => t('panel_syncroUsers', value),
  get members() {
    return t('panel_members');
  },
  get guests() {
    return t('panel_guests');
  },
  get disabled() {
    return t('panel_disabled');
  },
  get licensed() {
    return t('panel_licensed');
  },
  mismatch: (syncro: number, members: number) => t('panel_mismatch', syncro, members),
  mismatchSync: (when: string) => t('panel_mismatchSync', when),
  get mismatchTail() {
    return t('panel_mismatchTail');
  },
  countsMatch: (n: number) => t('panel_countsMatch', n),
  get licences() {
    return t('panel_licences');
  },
  get licenceCols() {
    return [
      t('panel_licenceColName'),
      t('panel_licenceColUsed'),
      t('panel_licenceColUnused'),
    ] as const;
  },
  unused: (n: number) => t('panel_unused', n),
  get noLicences() {
    return t('panel_noLicences');
  },

  // --- backup-fixes
  get backupTitle() {
    return t('panel_backupTitle');
  },
  backupHealthy: (n: number) =>
    n === 1 ? t('panel_backupHealthyOne', n) : t('panel_backupHealthyMany', n),
  get backupLastUpdated() {
    return t('panel_backupLastUpdated');
  },
  get whatItMeans() {
    return t('panel_whatItMeans');
  },
  get whoCanFix() {
    return t('panel_whoCanFix');
  },
  get steps() {
    return t('panel_steps');
  },
  get tips() {
    return t('panel_tips');
  },
  unknownBanner: (text: string) => t('panel_unknownBanner', text),
  get serviceErrors() {
    return t('panel_serviceErrors');
  },
  serviceError: (name: string, text: string | null) =>
    t('panel_serviceError', name, text ?? t('panel_serviceErrorNoDetails')),
  staleServices: (hours: number) => t('panel_staleServices', hours),
  get neverBackedUp() {
    return t('panel_neverBackedUp');
  },
  get notBackedUp() {
    return t('panel_notBackedUp');
  },
  get openInNewTab() {
    return t('panel_openInNewTab');
  },

  // --- freshness
  get freshnessTitle() {
    return t('panel_freshnessTitle');
  },
  tenantSyncStale: (when: string, hours: number) => t('panel_tenantSyncStale', when, hours),
  get tenantSyncUnknown() {
    return t('panel_tenantSyncUnknown');
  },
  graphStale: (when: string, minutes: number) =>
    t('panel_graphStale', when, formatMinutes(minutes)),
  get graphNever() {
    return t('panel_graphNever');
  },
  get refreshNow() {
    return t('refreshNow');
  },
  get refreshing() {
    return t('panel_refreshing');
  },
  refreshRefused: (reason: string) => t('panel_refreshRefused', reason),
  get upToDate() {
    return t('panel_upToDate');
  },
  tenantSyncAt: (when: string) => t('panel_tenantSyncAt', when),
  graphAt: (when: string) => t('panel_graphAt', when),
};

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? t('panel_hours', minutes / 60) : t('panel_minutes', minutes);
}
