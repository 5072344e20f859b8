/**
 * Tenant resolution: the portal's "Microsoft Tenant" text -> a Microsoft tenant id. Pure; the
 * lookups are injected (lib/graph's `resolveTenantByDomain` and `listDelegatedAdminCustomers`).
 * It never guesses: no match, or several, is said so.
 */
import { t as message } from '../i18n';
import type { TenantMapping } from '../settings';
import type { TenantResolution } from './types';

/** The answer of a domain lookup (lib/graph's TenantLookup fits). */
export type DomainLookup = { tenantId: string } | { notFound: true } | { error: string };

/** A delegated-admin (GDAP) customer. */
export interface DelegatedCustomer {
  tenantId: string;
  displayName: string;
}

/** The lookups resolution may use. */
export interface ResolveDeps {
  /** Manual mappings from options; they win over everything. */
  mappings: readonly TenantMapping[];
  /** OpenID metadata lookup of a domain (no sign-in needed). */
  byDomain(domain: string): Promise<DomainLookup>;
  /** The partner's delegated-admin customers (needs sign-in). */
  delegatedCustomers(): Promise<DelegatedCustomer[]>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A domain: labels of letters, digits and hyphens, at least one dot, a 2+ letter TLD. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** True when the text reads as a domain name ("contoso.com", "contoso.onmicrosoft.com"). */
export function looksLikeDomain(text: string): boolean {
  return DOMAIN.test(text.trim());
}

/**
 * Normalises an organisation name for comparison: case, accents, punctuation and "&"/"and"
 * differences fall away ("Fabrikam, Inc." = "fabrikam inc"), words stay in order.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Resolves the page's text:
 * 1. a manual mapping whose `match` equals the text (case-insensitive, trimmed) wins;
 * 2. text that looks like a domain is looked up (OpenID metadata);
 * 3. otherwise the display name among delegated-admin customers: one exact case-insensitive
 *    match, else one match after normalising punctuation; several -> `ambiguous`; none ->
 *    `unresolved` with the reason.
 * A tenant id (GUID) in the text counts when it is one of the delegated customers.
 */
export async function resolveTenant(text: string, deps: ResolveDeps): Promise<TenantResolution> {
  const t = text.trim();
  if (!t) return { state: 'unresolved', reason: message('reason_noTenantName') };
  const lower = t.toLowerCase();

  const mapped = deps.mappings.find((m) => m.match.trim().toLowerCase() === lower);
  if (mapped) return { state: 'resolved', tenantId: mapped.tenantId, via: 'manual' };

  if (looksLikeDomain(t)) {
    let r: DomainLookup;
    try {
      r = await deps.byDomain(lower);
    } catch (e) {
      return {
        state: 'unresolved',
        reason: message('reason_domainLookupFailed', lower, errorText(e)),
      };
    }
    if ('tenantId' in r) return { state: 'resolved', tenantId: r.tenantId, via: 'domain' };
    if ('notFound' in r)
      return { state: 'unresolved', reason: message('reason_domainUnknown', lower) };
    return { state: 'unresolved', reason: message('reason_domainLookupFailed', lower, r.error) };
  }

  let customers: DelegatedCustomer[];
  try {
    customers = await deps.delegatedCustomers();
  } catch (e) {
    return {
      state: 'unresolved',
      reason: message('reason_customersFailed', errorText(e)),
    };
  }
  const unique = (list: DelegatedCustomer[]) => [
    ...new Map(list.map((c) => [c.tenantId, c])).values(),
  ];

  if (GUID.test(t)) {
    const byId = customers.find((c) => c.tenantId.toLowerCase() === lower);
    if (byId) return { state: 'resolved', tenantId: byId.tenantId, via: 'delegated-admin' };
  }

  const exact = unique(customers.filter((c) => c.displayName.trim().toLowerCase() === lower));
  if (exact.length === 1)
    return { state: 'resolved', tenantId: exact[0]!.tenantId, via: 'delegated-admin' };
  if (exact.length > 1)
    return {
      state: 'ambiguous',
      candidates: exact.map((c) => ({ tenantId: c.tenantId, displayName: c.displayName })),
    };

  const key = normaliseName(t);
  const loose = key ? unique(customers.filter((c) => normaliseName(c.displayName) === key)) : [];
  if (loose.length === 1)
    return { state: 'resolved', tenantId: loose[0]!.tenantId, via: 'delegated-admin' };
  if (loose.length > 1)
    return {
      state: 'ambiguous',
      candidates: loose.map((c) => ({ tenantId: c.tenantId, displayName: c.displayName })),
    };

  return {
    state: 'unresolved',
    reason:
      customers.length === 0
        ? message('reason_noCustomers', t)
        : message('reason_noCustomerNamed', t),
  };
}
