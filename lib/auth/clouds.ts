/**
 * Cloud endpoints for sign-in: the hostnames live in lib/graph/clouds.ts (the one place they are
 * written); this adds what only sign-in needs.
 */
import {
  CLOUDS,
  cloudEndpoints as graphCloudEndpoints,
  graphDefaultScope as graphScope,
} from '../graph/clouds';
import type { CloudId } from '../store/types';

export type { CloudEndpoints } from '../graph/clouds';

/** Endpoints of a cloud; unknown or missing ids (old settings) fall back to global. */
export function cloudEndpoints(cloud: CloudId | string | null | undefined) {
  return graphCloudEndpoints((cloud ?? 'global') as CloudId);
}

/** `${graphHost}/.default`: the Graph scope of a cloud. */
export function graphDefaultScope(cloud: CloudId | string | null | undefined): string {
  return graphScope((cloud ?? 'global') as CloudId);
}

/** Scopes asked at sign-in: OpenID Connect + a refresh token + Graph (static permissions). */
export function signInScopes(cloud: CloudId | string | null | undefined): string[] {
  return ['openid', 'profile', 'offline_access', graphDefaultScope(cloud)];
}

/** True when `url` is an https URL on one of the known sign-in hosts. */
export function isKnownLoginUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      Object.values(CLOUDS).some((c) => new URL(c.loginHost).host === u.host)
    );
  } catch {
    return false;
  }
}
