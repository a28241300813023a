import type { Role } from '@concord/shared';
import { SignJWT } from 'jose';

export const TEST_SECRET = 'concord-test-secret-0123456789abcdef';

export interface TestClaims {
  sub: string;
  name?: string;
  org: string;
  role?: Role;
  /** Seconds from now until `exp`; `null` makes a token without `exp`. */
  expiresInSeconds?: number | null;
}

export async function signToken(claims: TestClaims, secret = TEST_SECRET): Promise<string> {
  const { expiresInSeconds = 3600, ...rest } = claims;
  const jwt = new SignJWT({ name: rest.sub, role: 'editor', ...rest }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (expiresInSeconds !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The `exp` of a token made by `signToken`, in milliseconds since the epoch. */
export function expiresAtMs(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return payload.exp * 1000;
}
