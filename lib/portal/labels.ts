/**
 * Every label, heading, synonym and banner pattern the portal reader knows, in one place.
 *
 * The Syncro portal's markup is not public (reference/syncro-portal.md): we read what a
 * technician *sees*. Texts are compared after `normalizeText`, so case, whitespace,
 * trailing colons and punctuation do not matter. Syncro is renaming "Customers" to
 * "Organizations" and "Contacts" to "End Users": both spellings are listed.
 * When the portal changes a wording, this file (and its test) is the one place to edit.
 */
import type { BackupStateId } from './types';

/**
 * Lower-cases, folds compatibility characters, drops zero-width characters, turns
 * punctuation (except `%` `@` `+` `.` inside words) into spaces and collapses whitespace.
 * "  Microsoft Users: " -> "microsoft users"; "Re-grant" -> "re grant".
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}%@+.]+/gu, ' ')
    .replace(/\.(?!\p{L}|\p{N})|(?<!\p{L}|\p{N})\./gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapses whitespace and trims, keeping case and punctuation (for `raw` texts). */
export function cleanText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section headings of a Tenant Details page. */
export const SECTION_HEADINGS = {
  microsoftDetails: ['Microsoft Details', 'Microsoft 365 Details', 'Microsoft Tenant Details'],
  organizations: [
    'Customer Organizations',
    'Customer Organisations',
    'Organizations',
    'Organisations',
    'Customers',
    'Customer Organization',
  ],
  cloudBackup: ['Cloud Backup', 'Microsoft 365 Cloud Backup', 'Microsoft 365 & Entra ID Backup'],
} as const;

/** Id of a section of the page. */
export type SectionId = keyof typeof SECTION_HEADINGS;

/** Field labels (the left-hand text of a label/value pair, or a table column header). */
export const FIELD_LABELS = {
  lastTenantSync: ['Last Tenant Sync', 'Last Sync', 'Tenant Last Synced', 'Last Synced'],
  microsoftTenant: ['Microsoft Tenant', 'Microsoft Tenant Name', 'Mapped Microsoft Tenant'],
  secureScore: ['Microsoft Secure Score', 'Secure Score'],
  microsoftUsers: ['Microsoft Users', 'Users', 'Microsoft 365 Users'],
  lastBackup: ['Last Backup', 'Last Backed Up', 'Last Backup Time'],
  lastUpdated: ['Last Updated', 'Last Update', 'Updated'],
  service: ['Service', 'Services', 'Backup Service'],
  restore: ['Restore'],
  organizationName: [
    'Name',
    'Organization',
    'Organisation',
    'Organization Name',
    'Customer',
    'Customer Name',
    'Customer Organization',
    'Customer Organizations',
    'Organizations',
  ],
  email: ['Email', 'Emails', 'E-mail', 'Email Address', 'Email Addresses'],
  phone: ['Phone', 'Phones', 'Phone Number', 'Phone Numbers', 'Telephone'],
  entraUserSync: [
    'MS Entra ID User Sync',
    'Entra ID User Sync',
    'Microsoft Entra ID User Sync',
    'Entra User Sync',
    'Azure AD User Sync',
    'User Sync',
  ],
  /** Words that name the Syncro tenant's name control (header), when labelled. */
  tenantName: ['Syncro Tenant', 'Syncro Tenant Name', 'Tenant Name'],
} as const;

/** Id of a field label. */
export type FieldId = keyof typeof FIELD_LABELS;

/** Visible labels of controls (buttons and links). */
export const ACTION_LABELS = {
  syncNow: ['Sync Now', 'Sync now', 'Resync', 'Sync'],
  manage: ['Manage'],
  restore: ['Restore'],
  enable: ['Enable', 'Enable Backup', 'Enable Backups', 'Enable Cloud Backup'],
  learnMore: ['Learn More'],
  reconfigure: ['Reconfigure'],
} as const;

/** Id of an action label. */
export type ActionId = keyof typeof ACTION_LABELS;

/** Service names of the Cloud Backup table (Microsoft 365 & Entra ID Backup). */
export const KNOWN_SERVICES = [
  'Exchange',
  'Exchange Online',
  'Mail',
  'Mailboxes',
  'OneDrive',
  'OneDrive for Business',
  'SharePoint',
  'SharePoint Online',
  'Teams',
  'Microsoft Teams',
  'Entra ID',
  'Microsoft Entra ID',
  'Azure AD',
  'Contacts',
  'Calendars',
  'Calendar',
  'Tasks',
  'Groups',
  'Planner',
] as const;

/** Texts meaning "this service is not enabled for backup" (a strong signal). */
export const NOT_ENABLED_TEXTS = [
  'Not enabled',
  'Disabled',
  'Not configured',
  'Not backed up',
  'Not selected',
  'Off',
] as const;

/** Texts meaning "no time to show" (a Last Backup / Last Updated placeholder). */
export const NO_TIME_TEXTS = ['Never', 'Not yet', 'N/A', 'None', 'Pending', '-', '—', '–'] as const;

/** Words in an icon's label or tooltip that mark it as an error/warning icon. */
export const ERROR_ICON_WORDS =
  /\b(error|errors|fail|failed|failing|failure|warning|warn|problem|issue|consent|denied|unable|could not|expired|quota|alert|attention)\b/i;

/** Page titles that are not the Syncro tenant's name (skipped when reading the header). */
export const GENERIC_HEADINGS = [
  'Tenant Details',
  'Syncro Tenant Details',
  'Microsoft Tenant Management',
  'Syncro',
  'Dashboard',
] as const;

/**
 * Banner patterns per documented state, matched against `normalizeText(bannerText)`.
 * `full` matches any element; `short` only an element with role=alert/status (a bare
 * "Consent failed" is also a per-service icon's tooltip, so it is not a banner by itself).
 * Texts quoted from the help article (seed/syncro-tenant-details-page.txt).
 */
export const BANNER_PATTERNS: Record<BackupStateId, { full: RegExp[]; short: RegExp[] }> = {
  'recent-backup-issue': {
    full: [/\bthere (was|were) an? (issue|issues|problem) with (a|the|your) recent backups?\b/],
    short: [/\b(issue|problem) with (a|the) recent backup\b/],
  },
  'consent-failed': {
    full: [/\bconsent failed\b.*\b(reconfigure|re ?grant|re ?enable)/],
    short: [/^consent failed\b/],
  },
  'sync-error': {
    full: [/\ba sync error (has )?occurred\b/, /\bsync error has occurred\b/],
    short: [/^sync error\b/],
  },
  'no-data': {
    full: [/\bno data (has been |was )?backed up for this tenant\b/],
    short: [/^no data backed up\b/],
  },
  'cannot-enable': {
    full: [/\bcloud backup could not be enabled\b/, /\bcould not enable cloud backup\b/],
    short: [/^cloud backup could not be enabled\b/],
  },
};

/** Longest text a label or heading can have (longer texts are values or prose). */
export const MAX_LABEL_LENGTH = 60;

const normalizedCache = new Map<readonly string[], string[]>();
function normalizedList(list: readonly string[]): string[] {
  let n = normalizedCache.get(list);
  if (!n) {
    n = list.map(normalizeText);
    normalizedCache.set(list, n);
  }
  return n;
}

/** True when `text` is one of `synonyms` (after normalization). */
export function isLabel(text: string, synonyms: readonly string[]): boolean {
  if (text.length > MAX_LABEL_LENGTH * 2) return false;
  const t = normalizeText(text);
  return t.length > 0 && normalizedList(synonyms).includes(t);
}

/**
 * When `text` starts with one of `synonyms`, returns the rest (the inline value, trimmed
 * of the separating colon/dash), else null. "Microsoft Users: 1,204" -> "1,204".
 * With `needColon`, a value is only split off after a ':' (or '-'/'='), so "Microsoft
 * Tenant Management" is not read as label "Microsoft Tenant" + value "Management".
 */
export function splitLabel(
  text: string,
  synonyms: readonly string[],
  needColon: boolean,
): string | null {
  const trimmed = cleanText(text).replace(/^[·•|,;:\u2013\u2014-]+\s*/, '');
  const lower = trimmed.toLowerCase();
  let best: string | null = null;
  let bestLen = -1;
  for (const s of synonyms) {
    const sl = s.toLowerCase();
    if (!lower.startsWith(sl) || sl.length <= bestLen) continue;
    const rest = trimmed.slice(sl.length);
    const m = /^\s*([:=\-–—])\s*|^\s+/.exec(rest);
    if (!m) continue;
    if (needColon && !m[1]) continue;
    const value = rest.slice(m[0].length).trim();
    if (!value) continue;
    best = value;
    bestLen = sl.length;
  }
  return best;
}

/**
 * Which section a heading text names, tolerating a trailing action ("Microsoft Details
 * Manage", "Cloud Backup Manage ▾"), or null.
 */
export function sectionOfHeading(text: string): SectionId | null {
  if (text.length > MAX_LABEL_LENGTH * 2) return null;
  const t = normalizeText(text);
  if (!t) return null;
  for (const id of Object.keys(SECTION_HEADINGS) as SectionId[]) {
    for (const h of normalizedList(SECTION_HEADINGS[id])) {
      if (t === h) return id;
      if (t.startsWith(`${h} `) && isTrailingAction(t.slice(h.length + 1))) return id;
    }
  }
  return null;
}

function isTrailingAction(rest: string): boolean {
  for (const list of Object.values(ACTION_LABELS)) {
    if (normalizedList(list).includes(rest)) return true;
  }
  return false;
}

/** Which action a control's visible text names, or null. */
export function actionOf(text: string): ActionId | null {
  if (text.length > MAX_LABEL_LENGTH) return null;
  const t = normalizeText(text);
  for (const id of Object.keys(ACTION_LABELS) as ActionId[]) {
    if (normalizedList(ACTION_LABELS[id]).includes(t)) return id;
  }
  return null;
}

/** True when `text` is any known field label, section heading or action label. */
export function isAnyKnownLabel(text: string): boolean {
  if (text.length > MAX_LABEL_LENGTH * 2) return false;
  const t = normalizeText(text);
  if (!t) return false;
  if (sectionOfHeading(text)) return true;
  for (const list of Object.values(FIELD_LABELS)) {
    if (normalizedList(list).includes(t)) return true;
  }
  return actionOf(text) !== null;
}

/**
 * The documented backup state a banner text denotes, or null.
 * @param inAlertRole the text's element has role=alert/status (allows the short forms).
 */
export function bannerStateOf(text: string, inAlertRole = false): BackupStateId | null {
  if (text.length > 2000) return null;
  const t = normalizeText(text);
  if (!t) return null;
  for (const id of Object.keys(BANNER_PATTERNS) as BackupStateId[]) {
    const p = BANNER_PATTERNS[id];
    if (p.full.some((r) => r.test(t))) return id;
    if (inAlertRole && p.short.some((r) => r.test(t))) return id;
  }
  return null;
}

/** True when `text` says a service is not enabled for backup. */
export function isNotEnabledText(text: string): boolean {
  return isLabel(text, NOT_ENABLED_TEXTS);
}
