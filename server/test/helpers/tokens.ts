import type { Role } from '@concord/shared';
import { SignJWT } from 'jose';

export const TEST_SECRET = 'concord-test-secret-0123456789abcdef';

export interface TestClaims {
  sub: string;
  name?: string;
  org: string;
  role?: Role;
  expiresInSeconds?: number;
}

export async function signToken(claims: TestClaims, secret = TEST_SECRET): Promise<string> {
  const { expiresInSeconds = 3600, ...rest } = claims;
  return new SignJWT({ name: rest.sub, role: 'editor', ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
