// @vitest-environment happy-dom
/** labels.ts (every portal text in one place) and backup-states.ts (the catalogue). */
import { describe, expect, it } from 'vitest';
import {
  BACKUP_STATE_BY_ID,
  BACKUP_STATES,
  backupStateOfBanner,
  SERVICE_ERROR_ICON,
  UNIVERSAL_BILLING_NOTES,
} from '../../lib/portal/backup-states';
import {
  actionOf,
  bannerStateOf,
  FIELD_LABELS,
  isLabel,
  isNotEnabledText,
  normalizeText,
  sectionOfHeading,
  splitLabel,
} from '../../lib/portal/labels';

/** The banner texts exactly as the help article quotes them (reference/syncro-portal.md). */
const ARTICLE_BANNERS = {
  'recent-backup-issue': 'There was an issue with a recent backup.',
  'consent-failed':
    'Consent failed. Reconfigure to regrant consent and reenable backups for this tenant.',
  'sync-error': 'A sync error has occurred. Wait several minutes and refresh the page.',
  'no-data': 'No data backed up for this tenant.',
  'cannot-enable': 'Cloud backup could not be enabled.',
} as const;

describe('labels', () => {
  it('normalizes case, whitespace, colons and punctuation', () => {
    expect(normalizeText('  Microsoft\u00a0Users:  ')).toBe('microsoft users');
    expect(normalizeText('Re-grant…')).toBe('re grant');
    expect(normalizeText('fabrikam.com')).toBe('fabrikam.com');
    expect(normalizeText('61%')).toBe('61%');
  });

  it('knows section headings with synonyms and a trailing action', () => {
    expect(sectionOfHeading('Microsoft Details')).toBe('microsoftDetails');
    expect(sectionOfHeading('MICROSOFT DETAILS Manage')).toBe('microsoftDetails');
    expect(sectionOfHeading('Cloud Backup Manage ▾')).toBe('cloudBackup');
    expect(sectionOfHeading('Customer Organizations')).toBe('organizations');
    expect(sectionOfHeading('Organizations')).toBe('organizations');
    expect(sectionOfHeading('Customers:')).toBe('organizations');
    expect(sectionOfHeading('Cloud Backup is great')).toBeNull();
    expect(sectionOfHeading('Microsoft')).toBeNull();
  });

  it('matches field labels tolerantly and splits inline values', () => {
    expect(isLabel('Secure Score:', FIELD_LABELS.secureScore)).toBe(true);
    expect(isLabel('Microsoft Secure Score', FIELD_LABELS.secureScore)).toBe(true);
    expect(isLabel('Entra ID User Sync', FIELD_LABELS.entraUserSync)).toBe(true);
    expect(isLabel('MS Entra ID User Sync', FIELD_LABELS.entraUserSync)).toBe(true);
    expect(splitLabel('Microsoft Users: 1,204', FIELD_LABELS.microsoftUsers, true)).toBe('1,204');
    expect(
      splitLabel('Microsoft Tenant Management', FIELD_LABELS.microsoftTenant, true),
    ).toBeNull();
    expect(splitLabel('Last Updated 2 hours ago', FIELD_LABELS.lastUpdated, false)).toBe(
      '2 hours ago',
    );
    expect(splitLabel('· Entra ID User Sync: On', FIELD_LABELS.entraUserSync, true)).toBe('On');
  });

  it('knows action labels and not-enabled texts', () => {
    expect(actionOf('Sync Now')).toBe('syncNow');
    expect(actionOf(' learn more ')).toBe('learnMore');
    expect(actionOf('Reconfigure')).toBe('reconfigure');
    expect(actionOf('Enable')).toBe('enable');
    expect(actionOf('Disable Cloud Backup')).toBeNull();
    expect(isNotEnabledText('Not enabled')).toBe(true);
    expect(isNotEnabledText('Disabled')).toBe(true);
    expect(isNotEnabledText('Enabled')).toBe(false);
  });

  it('maps every documented banner text to its state, tolerantly', () => {
    for (const [id, text] of Object.entries(ARTICLE_BANNERS)) {
      expect(bannerStateOf(text)).toBe(id);
      expect(bannerStateOf(`  ${text.toUpperCase()}  Learn More`)).toBe(id);
      expect(bannerStateOf(text.replace(/\s+/g, '\n  ').replace(/\.$/, '!'))).toBe(id);
    }
    expect(bannerStateOf('Consent failed. Re-configure to re-grant consent')).toBe(
      'consent-failed',
    );
    expect(bannerStateOf('Saved successfully')).toBeNull();
  });

  it('takes a bare "Consent failed" for a banner only in a role=alert element', () => {
    expect(bannerStateOf('Consent failed')).toBeNull();
    expect(bannerStateOf('Consent failed', true)).toBe('consent-failed');
  });
});

describe('backup states catalogue', () => {
  it('has the five documented states, in order, each complete', () => {
    expect(BACKUP_STATES.map((s) => s.id)).toEqual([
      'recent-backup-issue',
      'consent-failed',
      'sync-error',
      'no-data',
      'cannot-enable',
    ]);
    for (const s of BACKUP_STATES) {
      expect(s.bannerText).toBe(ARTICLE_BANNERS[s.id]);
      expect(backupStateOfBanner(s.bannerText)?.id).toBe(s.id);
      expect(s.steps.length).toBeGreaterThan(0);
      expect(s.meaning).toBeTruthy();
      expect(s.whoCanFix.summary).toBeTruthy();
      expect(BACKUP_STATE_BY_ID[s.id]).toBe(s);
    }
  });

  it('says who can fix each state and with which action, as the article does', () => {
    const by = BACKUP_STATE_BY_ID;
    expect(by['recent-backup-issue'].whoCanFix.permission).toBe('Restore & Manage Backup Data');
    expect(by['recent-backup-issue'].whoCanFix.roles).toContain('Global Administrator');
    expect(by['recent-backup-issue'].actionLabel).toBe('Learn More');
    expect(by['recent-backup-issue'].steps.join(' ')).toMatch(
      /Type.*Created.*Acknowledge.*"Acknowledged"/s,
    );
    expect(by['consent-failed'].whoCanFix.permission).toBe('Configure Backups');
    expect(by['consent-failed'].actionLabel).toBe('Reconfigure');
    expect(by['sync-error'].whoCanFix.anyone).toBe(true);
    expect(by['sync-error'].actionLabel).toBeNull();
    expect(by['sync-error'].transient).toBe(true);
    expect(by['no-data'].actionLabel).toBe('Enable');
    expect(by['no-data'].actionPlace).toBe('section');
    expect(by['cannot-enable'].actionLabel).toBeNull();
    expect(by['cannot-enable'].steps.join(' ')).toMatch(/one Microsoft tenant per Syncro Tenant/);
  });

  it('explains the per-service error icon and Universal Billing', () => {
    expect(SERVICE_ERROR_ICON.meaning).toMatch(/Last Backup/);
    expect(UNIVERSAL_BILLING_NOTES.noOrganizations).toMatch(
      /Universal Billing is then not supported/,
    );
    expect(UNIVERSAL_BILLING_NOTES.disassociated).toMatch(/still associated/);
  });
});
