/**
 * Pure predicates: is this a Syncro portal URL, and is this document a Tenant Details page.
 * The Tenant Details path is not public (reference/syncro-portal.md), so a page is
 * recognised by its CONTENT (a "Microsoft Details" and/or "Cloud Backup" section with
 * their fields); URL patterns are only a configurable hint. Each predicate is listed with
 * example URLs that portal-detect.test.ts checks.
 */

import { walkTexts } from './dom';
import { FIELD_LABELS, isLabel, KNOWN_SERVICES, splitLabel } from './labels';
import { findSections, type Sections } from './sections';

/** Example URLs, checked by the tests against every predicate. */
export const EXAMPLE_URLS = {
  /** `isPortalUrl` is true. */
  portal: [
    'https://acme.syncromsp.com/',
    'https://acme.syncromsp.com/tenants/42',
    'https://acme.syncromsp.com/spa/tenants/7f3e?tab=backup#cloud',
    'https://acme.shield.syncromsp.com/customers/123',
    'https://ACME.SyncroMSP.com/microsoft_tenants/9',
    'https://acme.syncromsp.com:443/tickets/1',
  ],
  /** `isPortalUrl` is false. */
  notPortal: [
    'http://acme.syncromsp.com/tenants/42',
    'https://syncromsp.com/',
    'https://acme.syncromsp.com.evil.example/tenants/42',
    'https://evilsyncromsp.com/tenants/42',
    'https://acme.syncromsp.co/tenants/42',
    'https://login.microsoftonline.com/common',
    'chrome-extension://abc/popup.html',
    'not a url',
    '',
  ],
} as const;

/** True for an https page on a Syncro portal origin (`*.syncromsp.com`, incl. `*.shield.`). */
export function isPortalUrl(url: URL | string): boolean {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    if (u.protocol !== 'https:') return false;
    const host = u.hostname.toLowerCase().replace(/\.$/, '');
    return host.endsWith('.syncromsp.com') && host.length > '.syncromsp.com'.length;
  } catch {
    return false;
  }
}

/**
 * Turns match-pattern-like globs ("https://*.syncromsp.com/*", "*://*.example.com/tenants/*")
 * into a predicate on a URL. `*.host` matches the host and its subdomains; `*` in a path
 * matches anything. Invalid patterns match nothing. A hint only: content decides.
 */
export function urlHints(patterns: readonly string[]): (url: URL | string) => boolean {
  const res: RegExp[] = [];
  for (const p of patterns) {
    const r = globToRegExp(p);
    if (r) res.push(r);
  }
  return (url) => {
    let href: string;
    try {
      href = (typeof url === 'string' ? new URL(url) : url).href;
    } catch {
      return false;
    }
    return res.some((r) => r.test(href));
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function globToRegExp(pattern: string): RegExp | null {
  const m = /^(\*|https?|wss?|file|ftp):\/\/([^/]*)(\/.*)?$/i.exec(pattern.trim());
  if (!m) return null;
  const scheme = m[1] === '*' ? 'https?' : escapeRegExp((m[1] as string).toLowerCase());
  const hostGlob = (m[2] as string).toLowerCase();
  let host: string;
  if (hostGlob === '*') host = '[^/]+';
  else if (hostGlob.startsWith('*.'))
    host = `(?:[^/]+\\.)?${escapeRegExp(hostGlob.slice(2)).replace(/\*/g, '[^/.]*')}`;
  else host = escapeRegExp(hostGlob).replace(/\*/g, '[^/.]*');
  const path = escapeRegExp(m[3] ?? '/*').replace(/\*/g, '.*');
  try {
    return new RegExp(`^${scheme}://${host}(?::\\d+)?${path}$`, 'i');
  } catch {
    return null;
  }
}

/** What `detectTenantPage` found. */
export interface TenantPageDetection {
  /** The verdict: a portal URL (or a hinted one) whose content is a Tenant Details page. */
  isTenantDetails: boolean;
  /** The URL is on a Syncro portal origin. */
  portalUrl: boolean;
  /** The URL matches one of the configured hint patterns. */
  urlHint: boolean;
  /** Content signals seen, e.g. "microsoft-details-heading", "microsoft-details-fields". */
  signals: string[];
}

/** Options of the detection. */
export interface DetectOptions {
  /** Configured URL patterns (settings' portalUrlPatterns); they also admit non-Syncro hosts. */
  patterns?: readonly string[];
  /** Sections already found (saves a walk when the reader runs next). */
  sections?: Sections;
}

const MD_LABELS = [
  FIELD_LABELS.lastTenantSync,
  FIELD_LABELS.microsoftTenant,
  FIELD_LABELS.secureScore,
  FIELD_LABELS.microsoftUsers,
];
const BACKUP_LABELS = [FIELD_LABELS.lastBackup, FIELD_LABELS.lastUpdated, KNOWN_SERVICES];

function hasAnyLabel(roots: Element[], lists: readonly (readonly string[])[]): boolean {
  let found = false;
  walkTexts(
    roots,
    (text) => {
      if (text.length > 200) return;
      for (const l of lists) {
        if (isLabel(text, l) || splitLabel(text, l, true) !== null) {
          found = true;
          return true;
        }
      }
    },
    20_000,
  );
  return found;
}

/** Detects a Tenant Details page and says why. Never throws. */
export function detectTenantPage(
  doc: Document,
  url: URL | string,
  options: DetectOptions = {},
): TenantPageDetection {
  const portalUrl = isPortalUrl(url);
  const urlHint = options.patterns ? urlHints(options.patterns)(url) : false;
  const signals: string[] = [];
  try {
    const sections = options.sections ?? findSections(doc);
    const md = sections.microsoftDetails;
    const cb = sections.cloudBackup;
    if (md) {
      signals.push('microsoft-details-heading');
      if (hasAnyLabel(md.roots, MD_LABELS)) signals.push('microsoft-details-fields');
    }
    if (cb) {
      signals.push('cloud-backup-heading');
      if (hasAnyLabel(cb.roots, BACKUP_LABELS)) signals.push('cloud-backup-fields');
    }
    if (sections.organizations) signals.push('organizations-heading');
  } catch {
    // Odd markup: no signals.
  }
  const content =
    signals.includes('microsoft-details-fields') || signals.includes('cloud-backup-fields');
  return { isTenantDetails: (portalUrl || urlHint) && content, portalUrl, urlHint, signals };
}

/**
 * True when `doc` at `url` is a Syncro Tenant Details page: a portal URL (or one matching
 * the configured `patterns`) whose content has a "Microsoft Details" section with its
 * fields and/or a "Cloud Backup" section with its fields.
 */
export function isTenantDetailsPage(
  doc: Document,
  url: URL | string,
  patterns?: readonly string[],
): boolean {
  return detectTenantPage(doc, url, patterns ? { patterns } : {}).isTenantDetails;
}
