import { z } from 'zod';
import { ROLES, SEGMENT_PATTERN, type Role } from '@concord/shared';

/** The claims a Concord token carries (docs/PROTOCOL.md, "Authentication and access"). */
export const claimsSchema = z.object({
  sub: z.string().regex(SEGMENT_PATTERN, 'sub must match [A-Za-z0-9._-]{1,64}'),
  name: z.string().trim().min(1).max(100),
  org: z.string().regex(SEGMENT_PATTERN, 'org must match [A-Za-z0-9._-]{1,64}'),
  role: z.enum(ROLES),
  avatar: z.string().max(2048).optional(),
});

export type Claims = z.infer<typeof claimsSchema>;

/** Who a connection or request is, derived from its verified token only. */
export interface Identity {
  userId: string;
  name: string;
  org: string;
  role: Role;
  avatar?: string;
  /** When the token stops being valid (its `exp`, in ms since the epoch); absent only when tokens without `exp` are allowed. */
  expiresAt?: number;
}

export function identityFromClaims(claims: Claims, expiresAt?: number): Identity {
  return {
    userId: claims.sub,
    name: claims.name,
    org: claims.org,
    role: claims.role,
    avatar: claims.avatar,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}
