/**
 * Every user-facing string of the portal panels, in one place, so that a later change can
 * move them to `public/_locales/en/messages.json` (browser.i18n) without hunting.
 * Functions take the values they interpolate; the result is always plain text (rendered as
 * text, never as HTML).
 */
export const S = {
  brand: 'Tenant Lens',
  panelFailed: (message: string) => `This panel could not be shown: ${message}`,

  // --- states shared by the Graph panels (StatusNotice)
  loading: 'Loading…',
  loadingMicrosoft: 'Fetching data from Microsoft…',
  notFetchedYet: 'Not fetched from Microsoft yet.',
  backgroundUnreachable: (message: string) =>
    `Tenant Lens could not reach its background (${message}). Reload the page; if it persists, reload the extension.`,
  notConfigured:
    'Tenant Lens needs your Entra application (client) ID before it can read Microsoft data.',
  setUp: 'Set up Tenant Lens',
  notSignedIn: 'Sign in to see this tenant’s Microsoft data.',
  signIn: 'Sign in to Microsoft',
  signingIn: 'Signing in…',
  signInFailed: (message: string) => `Sign-in did not complete: ${message}`,
  signInNeeded: 'Your Microsoft session for this tenant expired. Sign in again.',
  resolving: 'Finding the Microsoft tenant for this page…',
  unresolved: (text: string | null, reason: string) =>
    `Tenant Lens could not tell which Microsoft tenant “${text ?? 'unknown'}” is (${reason}).`,
  ambiguous: (text: string | null) =>
    `“${text ?? 'This tenant'}” matches more than one Microsoft tenant:`,
  mapInOptions: 'Map it in options',
  forbidden: (what: string | null, message: string) =>
    what
      ? `Microsoft refused: your account lacks ${what} in this tenant. Ask for it (GDAP role or app permission), then refresh.`
      : `Microsoft refused: your account lacks a permission or role in this tenant (${message}).`,
  unlicensed: (licence: string) => `This tenant has no ${licence} licence, which this data needs.`,
  consentRequired:
    'Tenant Lens is not consented in this tenant yet. A Global Administrator of the tenant must grant admin consent.',
  grantConsent: 'Grant admin consent',
  throttled: (seconds: number | null) =>
    seconds != null
      ? `Microsoft is throttling requests; Tenant Lens retries in about ${seconds} s.`
      : 'Microsoft is throttling requests; Tenant Lens retries on the next poll.',
  sourceDisabled: 'This data source is switched off in options.',
  graphError: (message: string) =>
    `Microsoft Graph answered with an error (${message}). Try “Refresh now”; if it persists, check your network or sign in again.`,
  staleBecause: 'Showing the last data fetched;',

  // --- secure-score
  secureScoreTitle: 'Microsoft Secure Score',
  portalShows: (value: string) => `Portal shows ${value}`,
  unknownValue: 'not shown',
  points: (current: string, max: string) => `${current} / ${max} points`,
  computed: 'computed',
  trendLabel: (days: number, first: string, last: string) =>
    `Secure score over the last ${days} days: from ${first} to ${last} points`,
  change: (days: number) => `${days} days`,
  noChange: 'no history yet',
  comparisons: 'Compared with',
  topActions: 'Top improvement actions',
  pointsToGain: (p: string) => `+${p} points`,
  userImpact: (v: string) => `User impact: ${v}`,
  implementationCost: (v: string) => `Cost: ${v}`,
  noActions: 'No improvement actions left.',

  // --- users
  usersTitle: 'Users and licences',
  syncroUsers: (value: string) => `Syncro shows ${value} Microsoft users`,
  members: 'Members',
  guests: 'Guests',
  disabled: 'Disabled',
  licensed: 'Licensed',
  mismatch: (syncro: number, members: number) =>
    `Syncro shows ${syncro}, Microsoft reports ${members} members: Syncro counts the Member users it saw at its last tenant sync`,
  mismatchSync: (when: string) => `(last tenant sync ${when})`,
  mismatchTail:
    '; users added, removed or converted since then, or accounts Syncro leaves out, make the two differ. Sync Now on this page brings Syncro up to date.',
  countsMatch: (n: number) => `Syncro and Microsoft agree: ${n} members.`,
  licences: 'Licences',
  licenceCols: ['Licence', 'Used / paid', 'Unused'] as const,
  unused: (n: number) => `${n} unused`,
  noLicences: 'No paid licences.',

  // --- backup-fixes
  backupTitle: 'Cloud Backup: what to do',
  backupHealthy: (n: number) =>
    `Backups healthy: ${n} ${n === 1 ? 'service' : 'services'} backed up.`,
  backupLastUpdated: 'Last updated',
  whatItMeans: 'What it means',
  whoCanFix: 'Who can fix it',
  steps: 'Steps',
  unknownBanner: (text: string) =>
    `The portal shows “${text}”, a message Tenant Lens does not know. Check the Backup Portal’s Alerts page.`,
  serviceErrors: 'Services with an error',
  serviceError: (name: string, text: string | null) =>
    `${name}: ${text ?? 'error (no details shown)'}`,
  staleServices: (hours: number) => `Last backup older than ${hours} h`,
  neverBackedUp: 'no backup time shown',
  notBackedUp: 'Not backed up (grayed out)',
  openInNewTab: '(opens in a new tab)',

  // --- freshness
  freshnessTitle: 'Freshness',
  tenantSyncStale: (when: string, hours: number) =>
    `Last Tenant Sync was ${when}, older than ${hours} h. Use Sync Now on this page to resync.`,
  tenantSyncUnknown: 'The page shows no readable Last Tenant Sync time.',
  graphStale: (when: string, minutes: number) =>
    `Microsoft data was fetched ${when}, older than ${formatMinutes(minutes)}.`,
  graphNever: 'Microsoft data has not been fetched for this tenant yet.',
  refreshNow: 'Refresh now',
  refreshing: 'Refreshing from Microsoft…',
  refreshRefused: (reason: string) => `Refresh did not start: ${reason}`,
  upToDate: 'Up to date',
  tenantSyncAt: (when: string) => `tenant sync ${when}`,
  graphAt: (when: string) => `Microsoft data ${when}`,
};

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
