/** The users-and-licences panel's numbers. */
import type { SubscribedSku, UserCounts } from '../graph/types';
import type { LicenceInsight, UsersInsight } from './types';

/** Friendly names of common SKUs (Microsoft's "Product names and service plan identifiers" list). */
export const SKU_NAMES: Readonly<Record<string, string>> = {
  SPE_E5: 'Microsoft 365 E5',
  SPE_E3: 'Microsoft 365 E3',
  SPE_F1: 'Microsoft 365 F3',
  SPB: 'Microsoft 365 Business Premium',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  O365_BUSINESS: 'Microsoft 365 Apps for business',
  OFFICESUBSCRIPTION: 'Microsoft 365 Apps for enterprise',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  STANDARDPACK: 'Office 365 E1',
  DESKLESSPACK: 'Office 365 F3',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  AAD_PREMIUM: 'Microsoft Entra ID P1',
  AAD_PREMIUM_P2: 'Microsoft Entra ID P2',
  EMS: 'Enterprise Mobility + Security E3',
  EMSPREMIUM: 'Enterprise Mobility + Security E5',
  INTUNE_A: 'Microsoft Intune Plan 1',
  ATP_ENTERPRISE: 'Microsoft Defender for Office 365 (Plan 1)',
  THREAT_INTELLIGENCE: 'Microsoft Defender for Office 365 (Plan 2)',
  PROJECTPROFESSIONAL: 'Project Plan 3',
  VISIOCLIENT: 'Visio Plan 2',
  POWER_BI_PRO: 'Power BI Pro',
  POWER_BI_STANDARD: 'Power BI (free)',
  FLOW_FREE: 'Microsoft Power Automate Free',
  POWERAPPS_VIRAL: 'Microsoft Power Apps Plan 2 Trial',
  TEAMS_EXPLORATORY: 'Microsoft Teams Exploratory',
  STREAM: 'Microsoft Stream',
  WINDOWS_STORE: 'Windows Store for Business',
  MCOPSTNC: 'Communications Credits',
  RIGHTSMANAGEMENT_ADHOC: 'Rights Management Adhoc',
  CCIBOTS_PRIVPREV_VIRAL: 'Power Virtual Agents Viral Trial',
  POWERAPPS_DEV: 'Microsoft Power Apps for Developer',
  MCOMEETADV: 'Microsoft 365 Audio Conferencing',
  MCOEV: 'Microsoft Teams Phone Standard',
  Microsoft_Teams_Exploratory_Dept: 'Microsoft Teams Exploratory',
};

/**
 * SKUs that cost nothing (free or viral self-service trials): listed, but never "unused paid
 * licences" — their huge enabled counts would drown the ones that matter.
 */
export const FREE_SKUS: ReadonlySet<string> = new Set([
  'FLOW_FREE',
  'POWER_BI_STANDARD',
  'POWERAPPS_VIRAL',
  'TEAMS_EXPLORATORY',
  'Microsoft_Teams_Exploratory_Dept',
  'STREAM',
  'WINDOWS_STORE',
  'MCOPSTNC',
  'RIGHTSMANAGEMENT_ADHOC',
  'CCIBOTS_PRIVPREV_VIRAL',
  'POWERAPPS_DEV',
  'FORMS_PRO',
  'DYN365_ENTERPRISE_P1_IW',
]);

const count = (n: unknown) =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;

/** Members = total − guests (never below 0). */
export function usersInsight(counts: UserCounts): UsersInsight {
  const total = count(counts.total);
  const guests = count(counts.guests);
  return {
    total,
    members: Math.max(0, total - guests),
    guests,
    disabled: count(counts.disabled),
    licensed: count(counts.licensed),
  };
}

/**
 * One line per SKU with its friendly name, consumed, paid (prepaidUnits.enabled) and
 * unused = max(0, paid − consumed). SKUs with nothing paid and nothing assigned (expired
 * trials, deleted subscriptions) are left out; free SKUs are kept with `free: true` and 0
 * unused. Order: most unused first, then by name; free SKUs last.
 */
export function licenceInsights(skus: readonly SubscribedSku[]): LicenceInsight[] {
  const out: LicenceInsight[] = [];
  for (const s of skus) {
    if (!s || typeof s.skuPartNumber !== 'string') continue;
    if (s.capabilityStatus === 'Deleted') continue;
    const paid = count(s.prepaidUnits?.enabled);
    const consumed = count(s.consumedUnits);
    if (paid === 0 && consumed === 0) continue;
    const free = FREE_SKUS.has(s.skuPartNumber);
    out.push({
      skuPartNumber: s.skuPartNumber,
      displayName: SKU_NAMES[s.skuPartNumber] ?? s.skuPartNumber,
      consumed,
      paid,
      unused: free ? 0 : Math.max(0, paid - consumed),
      ...(free ? { free: true } : {}),
    });
  }
  return out.sort(
    (a, b) =>
      Number(a.free ?? false) - Number(b.free ?? false) ||
      b.unused - a.unused ||
      a.displayName.localeCompare(b.displayName),
  );
}
