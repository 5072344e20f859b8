/**
 * The Graph module's public surface. Import from here, not from the files behind it.
 */
export { createGraphClient, GraphRequestError } from './client';
export type { DelegatedAdminCustomer, GraphClient, GraphClientOptions, PollProgressEvent, TenantLookup } from './client';
export { adminConsentUrl, cloudEndpoints, CLOUDS, graphDefaultScope } from './clouds';
export type { CloudEndpoints } from './clouds';
export { isTokenError, TokenError } from './token-error';
export type { TokenErrorCode } from './token-error';
export { SOURCES, sourceDefinition } from './sources';
export type { SourceDefinition, SourceRequest } from './sources';
export type * from './types';
