/**
 * The Graph module's public surface. Import from here, not from the files behind it.
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
export { adminConsentUrl, CLOUDS, cloudEndpoints, graphDefaultScope } from './clouds';
export type { SourceDefinition, SourceRequest } from './sources';
export { SOURCES, sourceDefinition } from './sources';
export type { TokenErrorCode } from './token-error';
export { isTokenError, TokenError } from './token-error';
export type * from './types';
