/**
 * Microsoft national clouds: where a tenant signs in and where its Graph lives
 * (reference/microsoft.md, "National clouds"). The only place these hostnames are written.
 */
import type { CloudId } from '../store/types';

/** Sign-in (identity platform) and Graph origins of one cloud, without trailing slash. */
export interface CloudEndpoints {
  /** e.g. https://login.microsoftonline.com */
  loginHost: string;
  /** e.g. https://graph.microsoft.com */
  graphHost: string;
}

/** Per cloud: the sign-in host and the Graph host. GCC uses the global cloud's hosts. */
export const CLOUDS: Readonly<Record<CloudId, CloudEndpoints>> = {
  global: {
    loginHost: 'https://login.microsoftonline.com',
    graphHost: 'https://graph.microsoft.com',
  },
  'usgov-high': {
    loginHost: 'https://login.microsoftonline.us',
    graphHost: 'https://graph.microsoft.us',
  },
  'usgov-dod': {
    loginHost: 'https://login.microsoftonline.us',
    graphHost: 'https://dod-graph.microsoft.us',
  },
  china: {
    loginHost: 'https://login.chinacloudapi.cn',
    graphHost: 'https://microsoftgraph.chinacloudapi.cn',
  },
};

/** The endpoints of a cloud (falls back to global for an unknown id read from old settings). */
export function cloudEndpoints(cloud: CloudId): CloudEndpoints {
  return CLOUDS[cloud] ?? CLOUDS.global;
}

/** The cloud whose Graph is `host` (e.g. "graph.microsoft.us" from a tenant's `msgraph_host`), if known. */
export function cloudOfGraphHost(host: string): CloudId | undefined {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/.*$/, '');
  return (Object.keys(CLOUDS) as CloudId[]).find((id) => new URL(CLOUDS[id].graphHost).host === h);
}

/** The `.default` scope of the cloud's Graph: every delegated permission the app was consented. */
export function graphDefaultScope(cloud: CloudId): string {
  return `${cloudEndpoints(cloud).graphHost}/.default`;
}

/**
 * The admin-consent link a customer's administrator opens to consent the app in their tenant.
 * On success Microsoft redirects to `redirectUri?admin_consent=True&tenant=…&state=…`.
 */
export function adminConsentUrl(
  cloud: CloudId,
  tenantId: string,
  clientId: string,
  redirectUri: string,
  state?: string,
): string {
  const { loginHost } = cloudEndpoints(cloud);
  const params = new URLSearchParams({
    client_id: clientId,
    scope: graphDefaultScope(cloud),
    redirect_uri: redirectUri,
  });
  if (state) params.set('state', state);
  return `${loginHost}/${encodeURIComponent(tenantId)}/v2.0/adminconsent?${params.toString()}`;
}
