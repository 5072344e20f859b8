/**
 * The Graph module's public surface. Import from here, not from the files behind it.
 *
 * One poll of one tenant = one `$batch` envelope per API version per round (v1.0 for the
 * directory/security/device sources, beta for the two JSON usage reports: an envelope serves
 * one version), sent together; later rounds only for next pages and retries. Retries follow
 * one policy (retry.ts) for envelopes and sub-requests; the graph-client sends (transport.ts).
 */

export type {
  DelegatedAdminCustomer,
  GraphClient,
  GraphClientOptions,
  PollProgressEvent,
  TenantLookup,
} from './client';
export { createGraphClient, GraphRequestError } from './client';
export type { CloudEndpoints } from './clouds';
export {
  adminConsentUrl,
  CLOUDS,
  cloudEndpoints,
  cloudOfGraphHost,
  graphDefaultScope,
} from './clouds';
export type { SourceDefinition, SourceRequest } from './sources';
export { SOURCES, sourceDefinition } from './sources';
export type { TokenErrorCode } from './token-error';
export { isTokenError, TokenError } from './token-error';
export type * from './types';
