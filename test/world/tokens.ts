/**
 * Tokens the identity platform issues and Graph checks: compact JWTs signed with HMAC-SHA256
 * under a per-world secret, with the claims Microsoft puts in them (tid, oid, scp, aud, exp).
 * id_tokens are unsigned (alg none), which MSAL accepts (it only decodes them).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export interface AccessClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  upn: string;
  scp: string;
  appid: string;
  iat: number;
  nbf: number;
  exp: number;
  /** Unique token id. */
  uti: string;
}

export class TokenSigner {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  sign(claims: AccessClaims): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const body = b64url(JSON.stringify(claims));
    const sig = createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  /** Verifies signature and lifetime. `nowS` is epoch seconds. */
  verify(token: string, nowS: number):
    | { ok: true; claims: AccessClaims }
    | { ok: false; reason: 'empty' | 'malformed' | 'signature' | 'expired' } {
    if (!token) return { ok: false, reason: 'empty' };
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [head, body, sig] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    let claims: AccessClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.exp <= nowS) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }
}

/** An unsigned id_token (alg none), as MSAL only decodes it. */
export function unsignedIdToken(claims: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${b64url(JSON.stringify(claims))}.`;
}
