/**
 * The Graph module's one interface: poll a tenant's sources, find a tenant by domain, list
 * the partner's GDAP customers. Everything Microsoft-specific stays behind it.
 */
import { t } from '../i18n';
import type { CloudId } from '../store/types';
import { splitGraphLink } from './batch';
import { adminConsentUrl, cloudEndpoints, cloudOfGraphHost } from './clouds';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import {
  type OuterFailure,
  type PollProgressEvent,
  pollTenant,
  type SessionDeps,
  TenantSession,
} from './tenant-poll';
import { createTransport } from './transport';
import type { SourceId, TenantPollResult } from './types';

export type { PollProgressEvent } from './tenant-poll';

/** Options of createGraphClient. Only `cloud` and `getToken` are required. */
export interface GraphClientOptions {
  cloud: CloudId;
  /**
   * An access token for Graph in the tenant. Throw a TokenError when none can be had
   * silently. `forceRefresh` asks for a new one (the last was refused as expired).
   */
  getToken(tenantId: string, options?: { forceRefresh?: boolean }): Promise<string>;
  /** Admin-consent link for a tenant (shown with `consent-required`). */
  consentUrlFor?: (tenantId: string) => string;
  /** Used to build the admin-consent link when `consentUrlFor` is not given. */
  clientId?: string;
  redirectUri?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Defaults to Math.random (backoff jitter). */
  random?: () => number;
  /** Defaults to Date.now (HTTP-date Retry-After). */
  now?: () => number;
  /** Retries per request or envelope (default 4). */
  maxRetries?: number;
  /** Total seconds one tenant poll may wait for retries before reporting `throttled` (default 20). */
  maxWaitSeconds?: number;
  /** Per HTTP request timeout (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** Pages read per collection before giving up (default 50). */
  maxPages?: number;
}

/** Tenant lookup by domain. */
export type TenantLookup =
  | {
      tenantId: string;
      /** `cloud_instance_name`, e.g. microsoftonline.com, microsoftonline.us. */
      cloudInstance?: string;
      /** The national cloud the tenant lives in, from its `msgraph_host` (GCC is global). */
      cloud?: CloudId;
      /** `tenant_region_sub_scope`: GCC, DODCON (GCC High), DOD; absent for commercial tenants. */
      regionSubScope?: string;
    }
  | { notFound: true }
  | { error: string };

/** A customer tenant the partner holds a GDAP relationship with. */
export interface DelegatedAdminCustomer {
  tenantId: string;
  displayName: string;
}

/** The Graph module as the rest of the extension sees it. */
export interface GraphClient {
  /**
   * Reads the given sources of one tenant, in as few HTTP round trips as Graph allows
   * (`$batch`, next pages batched too). Never throws for Graph or token failures: every
   * requested source gets an outcome.
   */
  pollTenant(
    tenantId: string,
    sources: readonly SourceId[],
    onProgress?: (event: PollProgressEvent) => void,
  ): Promise<TenantPollResult>;
  /** Tenant id of a domain, from the identity platform's OpenID metadata (no token). */
  resolveTenantByDomain(domain: string): Promise<TenantLookup>;
  /** The partner's GDAP customers (every page), read with the partner tenant's token. Throws GraphRequestError. */
  listDelegatedAdminCustomers(partnerTenantId: string): Promise<DelegatedAdminCustomer[]>;
}

/** A Graph request outside a poll failed for good. */
export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
    /** The token getter's error, when that is what failed. */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the Graph client for one cloud. */
export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const { loginHost, graphHost } = cloudEndpoints(opts.cloud);
  // Bound so a service worker's fetch is not called with a foreign `this`.
  const fetchImpl: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const transport = createTransport({
    graphHost,
    fetch: fetchImpl,
    timeoutMs: opts.requestTimeoutMs ?? 30_000,
  });
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
    ...(opts.maxWaitSeconds !== undefined ? { maxWaitSeconds: opts.maxWaitSeconds } : {}),
    random: opts.random ?? Math.random,
  };
  const deps: SessionDeps = {
    transport,
    getToken: (tenantId, o) => (o ? opts.getToken(tenantId, o) : opts.getToken(tenantId)),
    sleep: opts.sleep ?? realSleep,
    now: opts.now ?? Date.now,
    policy,
  };
  const consentUrl = (tenantId: string) =>
    opts.consentUrlFor?.(tenantId) ??
    adminConsentUrl(opts.cloud, tenantId, opts.clientId ?? '', opts.redirectUri ?? '');

  return {
    pollTenant(tenantId, sources, onProgress) {
      return pollTenant(new TenantSession(tenantId, deps), sources, {
        maxPages: opts.maxPages ?? 50,
        consentUrl: consentUrl(tenantId),
        ...(onProgress ? { onProgress } : {}),
      });
    },

    async resolveTenantByDomain(domain) {
      const name = domain.trim().toLowerCase();
      if (!/^[a-z0-9.-]+$/.test(name) || !name.includes('.'))
        return { error: `"${domain}" is not a domain name` };
      const session = new TenantSession(name, deps);
      const url = `${loginHost}/${name}/v2.0/.well-known/openid-configuration`;
      const got = await session.send(
        () => transport.plain(url),
        (a) =>
          JSON.parse(a.text) as {
            issuer?: unknown;
            cloud_instance_name?: unknown;
            msgraph_host?: unknown;
            tenant_region_sub_scope?: unknown;
          },
        { graph: false },
      );
      if ('failed' in got) {
        const f = got.failed;
        if (
          'error' in f &&
          f.error.status === 400 &&
          /AADSTS90002|invalid_tenant/i.test(`${f.error.code ?? ''} ${f.error.message}`)
        )
          return { notFound: true };
        return { error: describeOuterFailure(f, t('graph_hostSignIn')) };
      }
      const issuer = typeof got.ok.issuer === 'string' ? got.ok.issuer : '';
      const m = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/|$)/i.exec(
        issuer,
      );
      if (!m) return { error: t('graph_noTenantId') };
      const meta = got.ok;
      const cloudInstance =
        typeof meta.cloud_instance_name === 'string' ? meta.cloud_instance_name : undefined;
      const cloud =
        typeof meta.msgraph_host === 'string' ? cloudOfGraphHost(meta.msgraph_host) : undefined;
      const regionSubScope =
        typeof meta.tenant_region_sub_scope === 'string' ? meta.tenant_region_sub_scope : undefined;
      return {
        tenantId: (m[1] as string).toLowerCase(),
        ...(cloudInstance ? { cloudInstance } : {}),
        ...(cloud ? { cloud } : {}),
        ...(regionSubScope ? { regionSubScope } : {}),
      };
    },

    async listDelegatedAdminCustomers(partnerTenantId) {
      const session = new TenantSession(partnerTenantId, deps);
      try {
        await session.start();
      } catch (e) {
        throw new GraphRequestError(
          t('graph_noPartnerToken', e instanceof Error ? e.message : String(e)),
          null,
          null,
          e,
        );
      }
      const customers: DelegatedAdminCustomer[] = [];
      type Page = { value?: unknown; '@odata.nextLink'?: unknown };
      let next: { version: 'v1.0' | 'beta'; url: string } | null = {
        version: 'v1.0',
        url: '/tenantRelationships/delegatedAdminCustomers',
      };
      for (let page = 0; next && page < (opts.maxPages ?? 50); page++) {
        const { version, url }: { version: 'v1.0' | 'beta'; url: string } = next;
        const got: { ok: Page } | { failed: OuterFailure } = await session.send(
          () => transport.graph('GET', version, url, session.token),
          (a): Page => {
            const body = JSON.parse(a.text) as Page;
            if (!Array.isArray(body.value)) throw new Error('no value array');
            return body;
          },
        );
        if ('failed' in got) {
          const f = got.failed;
          if ('token' in f)
            throw new GraphRequestError(
              describeOuterFailure(f, t('graph_hostGraph')),
              null,
              null,
              f.token,
            );
          throw new GraphRequestError(
            describeOuterFailure(f, t('graph_hostGraph')),
            'error' in f ? f.error.status : null,
            'error' in f ? f.error.code : null,
          );
        }
        for (const c of got.ok.value as unknown[]) {
          const o = (c ?? {}) as { tenantId?: unknown; id?: unknown; displayName?: unknown };
          const tenantId =
            typeof o.tenantId === 'string' ? o.tenantId : typeof o.id === 'string' ? o.id : null;
          if (tenantId)
            customers.push({
              tenantId,
              displayName: typeof o.displayName === 'string' ? o.displayName : tenantId,
            });
        }
        const link: unknown = got.ok['@odata.nextLink'];
        next = typeof link === 'string' ? splitGraphLink(link) : null;
      }
      return customers;
    },
  };
}

function describeOuterFailure(f: OuterFailure, who: string): string {
  if ('token' in f) return f.token instanceof Error ? f.token.message : String(f.token);
  if ('transport' in f) {
    const tr = f.transport;
    if (tr.kind === 'network') return t('graph_unreachableHost', who, tr.detail);
    if (tr.kind === 'malformed') return t('graph_malformedHost', who, tr.detail);
    if (tr.kind === 'throttled') return t('graph_throttledHost', who);
    return t('graph_tooManyPagesHost', who);
  }
  const e = f.error;
  const status = `${e.status}${e.code ? ` ${e.code}` : ''}`;
  return e.message
    ? t('graph_hostAnsweredWith', who, status, e.message)
    : t('graph_hostAnswered', who, status);
}
