import type { Role } from '@concord/shared';
import { SignJWT } from 'jose';

/** A Concord token (docs/PROTOCOL.md, "Authentication and access"). Baseline servers ignore it. */
export async function signToken(secret: string, claims: { sub: string; name: string; org: string; role: Role }): Promise<string> {
  return new SignJWT({ name: claims.name, org: claims.org, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}
