/**
 * Signs a Concord token (README, Tokens): the claims, `iat` and `exp`, HS256 with the server's
 * secret. Used by dev mode's token route and by the sign-in routes; host applications sign their
 * own the same way.
 */
import { SignJWT } from 'jose';
import type { Claims } from './claims.ts';

export function signToken(secret: Uint8Array, claims: Claims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(secret);
}
