/**
 * Who someone signed in through the OpenID Connect provider is in Concord (README, Sign-in): the
 * provider's claims (ID token and userinfo) mapped to Concord's (`sub`, `name`, `org`, `role`,
 * `avatar`). Pure; a person the mapping cannot place is refused as `forbidden`.
 */
import { createHash } from 'node:crypto';
import { SEGMENT_PATTERN } from '@concord/shared';
import type { OidcConfig } from '../config-oidc.ts';
import { ConcordError } from '../errors.ts';
import { ROLES, type Role } from '@concord/shared';
import { claimsSchema, type Claims } from './claims.ts';

export type ProviderClaims = Record<string, unknown>;

const MAX_NAME = 100;
const MAX_AVATAR = 2048;

export function concordClaims(claims: ProviderClaims, oidc: Pick<OidcConfig, 'org' | 'orgClaim' | 'roleClaim'>): Claims {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new ConcordError('forbidden', 'the provider named no subject (sub)');
  const mapped = {
    sub: userId(claims.sub),
    name: displayName(claims),
    org: org(claims, oidc),
    role: role(claims, oidc.roleClaim),
    ...avatar(claims),
  };
  const checked = claimsSchema.safeParse(mapped);
  if (!checked.success) throw new ConcordError('forbidden', `the provider's claims do not make a Concord user: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  return checked.data;
}

/**
 * The provider's `sub` when it is a valid Concord id; otherwise (`auth0|5f…`, long ids) a stable
 * id derived from it, so the same person is always the same user.
 */
export function userId(sub: string): string {
  return SEGMENT_PATTERN.test(sub) ? sub : `u-${createHash('sha256').update(sub).digest('hex').slice(0, 40)}`;
}

/** A claim by its exact name, else by a dotted path into nested claims (`realm_access.roles`). */
export function readClaim(claims: ProviderClaims, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function displayName(claims: ProviderClaims): string {
  const given = [claims.given_name, claims.family_name].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  const candidates = [claims.name, claims.preferred_username, given, claims.email, claims.sub];
  const name = candidates.find((c): c is string => typeof c === 'string' && c.trim().length > 0)!;
  return name.trim().slice(0, MAX_NAME);
}

function org(claims: ProviderClaims, oidc: Pick<OidcConfig, 'org' | 'orgClaim'>): string {
  if (oidc.org) return oidc.org;
  const claim = oidc.orgClaim!;
  const value = readClaim(claims, claim);
  if (typeof value !== 'string' || !SEGMENT_PATTERN.test(value)) {
    throw new ConcordError('forbidden', `the ${claim} claim must name an org ([A-Za-z0-9._-], at most 64 characters)`);
  }
  return value;
}

/**
 * Without OIDC_ROLE_CLAIM, or when the claim is absent, everyone is an editor. A single value must
 * be a role; from a list (groups) the highest role in it counts, and other entries are ignored.
 */
function role(claims: ProviderClaims, roleClaim: string | undefined): Role {
  if (!roleClaim) return 'editor';
  const value = readClaim(claims, roleClaim);
  if (value === undefined || value === null) return 'editor';
  const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
  if (Array.isArray(value)) {
    const roles = value.filter(isRole);
    return roles.length === 0 ? 'editor' : roles.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a));
  }
  if (!isRole(value)) throw new ConcordError('forbidden', `the ${roleClaim} claim must be viewer, editor or admin`);
  return value;
}

function avatar(claims: ProviderClaims): { avatar?: string } {
  const picture = claims.picture;
  return typeof picture === 'string' && picture.length <= MAX_AVATAR && /^https?:\/\//.test(picture) ? { avatar: picture } : {};
}
