/**
 * The background's parts, built once per worker lifetime: the store (IndexedDB), the token
 * source (MSAL behind the auth host) and the Graph client. Nothing here keeps state that
 * matters across a worker restart; the store does.
 */

import { createTokenSource, type TokenSource } from '../auth';
import { notSignedInMessage } from '../auth/types';
import { adminConsentUrl, createGraphClient, type GraphClient, TokenError } from '../graph';
import { graphDefaultScope } from '../graph/clouds';
import { accountItem, clientIdItem, cloudItem } from '../settings';
import { openStore, type TenantLensStore } from '../store';
import type { CloudId } from '../store/types';

export interface BackgroundServices {
  tokenSource: TokenSource;
  /** The store, opened on first use. */
  store(): Promise<TenantLensStore>;
  /** A Graph client for the current cloud and account (rebuilt when the cloud changes). */
  graph(): Promise<GraphClient>;
  /** The redirect URI registered in Entra (https://<id>.chromiumapp.org/). */
  redirectUri(): string;
}

/** Builds the services; cheap and synchronous (everything opens lazily). */
export function createServices(redirectUri: () => string): BackgroundServices {
  const tokenSource = createTokenSource();
  let storePromise: Promise<TenantLensStore> | null = null;
  let cached: { cloud: CloudId; clientId: string; client: GraphClient } | null = null;

  const store = () => {
    storePromise ??= openStore().catch((err) => {
      storePromise = null;
      throw err;
    });
    return storePromise;
  };

  const graph = async (): Promise<GraphClient> => {
    const [cloud, clientId] = await Promise.all([cloudItem.getValue(), clientIdItem.getValue()]);
    if (cached && cached.cloud === cloud && cached.clientId === clientId) return cached.client;
    const client = createGraphClient({
      cloud,
      clientId,
      redirectUri: redirectUri(),
      consentUrlFor: (tenantId) => adminConsentUrl(cloud, tenantId, clientId, redirectUri()),
      getToken: async (tenantId, options) => {
        if (!(await accountItem.getValue()))
          throw new TokenError('not_signed_in', notSignedInMessage());
        const token = await tokenSource.getToken(tenantId, [graphDefaultScope(cloud)], options);
        return token.accessToken;
      },
    });
    cached = { cloud, clientId, client };
    return client;
  };

  return { tokenSource, store, graph, redirectUri };
}
