/** Types shared by the Graph emulator's modules. */
import type { AccessClaims } from '../tokens';
import type { TenantFixture } from './fixtures';

/** What the emulator needs from the identity platform: the technician's GDAP roles per tenant. */
export interface GraphIdentityView {
  rolesFor(tenantId: string): string[];
}

export interface ReportLink {
  tenantId: string;
  /** CSV text (with BOM, as Microsoft sends it). */
  csv: string;
  fileName: string;
  expiresAt: number;
}

export interface GraphOptions {
  /** Page sizes of the paged collections. */
  pageSizes: {
    controlProfiles: number;
    alerts: number;
    recoveryKeys: number;
    managedDevices: number;
    users: number;
    userRegistrationDetails: number;
    riskyUsers: number;
    reportJson: number;
  };
  /** How long a report's CSV download link lives (ms). */
  reportLinkLifetimeMs: number;
  /**
   * Identity Protection's limit: more than one riskyUsers request per second per tenant
   * answers 429 without Retry-After. Off by default (tests opt in).
   */
  riskyUsersRateLimit: boolean;
}

export interface GraphState {
  identity: GraphIdentityView;
  options: GraphOptions;
  /** The fixture of a customer tenant, dated by the world's clock. */
  fixture(tenantId: string): TenantFixture | undefined;
  /** Live CSV download links of the reports (token -> link). */
  reportLinks: Map<string, ReportLink>;
  /** Seeded draw for the order of `$batch` responses. */
  shuffleRandom: () => number;
  /** Last riskyUsers request per tenant (ms), for the optional rate limit. */
  lastRiskyUsersAt: Map<string, number>;
}

/** A verified caller. */
export interface AuthContext {
  claims: AccessClaims;
  tenantId: string;
  /** Lower-cased scp entries. */
  scopes: Set<string>;
  /** Undefined for the partner tenant (no customer data). */
  fixture: TenantFixture | undefined;
  isPartner: boolean;
}

/** A request after the version prefix is split off (outer or batch sub-request). */
export interface GraphCall {
  method: string;
  version: 'v1.0' | 'beta';
  /** Decoded path after the version, e.g. `/users/$count`. */
  path: string;
  /** Absolute URL on graph.microsoft.com (for nextLinks and query options). */
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}
