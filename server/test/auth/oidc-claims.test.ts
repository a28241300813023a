import { describe, expect, it } from 'vitest';
import { concordClaims, userId } from '../../src/auth/oidc-claims.ts';
import { ConcordError } from '../../src/errors.ts';

const FIXED_ORG = { org: 'acme' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConcordError) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe("mapping the provider's claims to a Concord user", () => {
  it('takes sub, name and picture, and makes everyone an editor of the configured org by default', () => {
    expect(concordClaims({ sub: 'ana', name: 'Ana Lima', picture: 'https://img.example/ana.png', email: 'ana@example.com' }, FIXED_ORG)).toEqual({
      sub: 'ana', name: 'Ana Lima', org: 'acme', role: 'editor', avatar: 'https://img.example/ana.png',
    });
  });

  it('falls back from name to preferred_username, given and family name, email, then sub', () => {
    expect(concordClaims({ sub: 'a', preferred_username: 'ana.l' }, FIXED_ORG).name).toBe('ana.l');
    expect(concordClaims({ sub: 'a', given_name: 'Ana', family_name: 'Lima' }, FIXED_ORG).name).toBe('Ana Lima');
    expect(concordClaims({ sub: 'a', email: 'ana@example.com', name: '  ' }, FIXED_ORG).name).toBe('ana@example.com');
    expect(concordClaims({ sub: 'a' }, FIXED_ORG).name).toBe('a');
    expect(concordClaims({ sub: 'a', name: 'n'.repeat(300) }, FIXED_ORG).name).toHaveLength(100);
  });

  it('turns a subject Concord cannot use as an id into a stable one', () => {
    const id = userId('auth0|5f7c8ec7c33c6c004bbafe82');
    expect(id).toMatch(/^u-[0-9a-f]{40}$/);
    expect(userId('auth0|5f7c8ec7c33c6c004bbafe82')).toBe(id);
    expect(userId('auth0|other')).not.toBe(id);
    expect(userId('x'.repeat(65))).toMatch(/^u-/);
    expect(userId('248289761001')).toBe('248289761001');
    expect(concordClaims({ sub: 'auth0|5f7c8ec7c33c6c004bbafe82', name: 'Pat' }, FIXED_ORG).sub).toBe(id);
  });

  it('reads the org from a claim, by name or by dotted path', () => {
    expect(concordClaims({ sub: 'a', team: 'globex' }, { orgClaim: 'team' }).org).toBe('globex');
    expect(concordClaims({ sub: 'a', tenant: { id: 'initech' } }, { orgClaim: 'tenant.id' }).org).toBe('initech');
    expect(concordClaims({ sub: 'a', 'https://acme.example/org': 'acme' }, { orgClaim: 'https://acme.example/org' }).org).toBe('acme');
  });

  it('refuses a person whose org claim is missing or not an org id', () => {
    expect(refusal(() => concordClaims({ sub: 'a' }, { orgClaim: 'team' }))).toBe('forbidden: the team claim must name an org ([A-Za-z0-9._-], at most 64 characters)');
    expect(refusal(() => concordClaims({ sub: 'a', team: 'Acme Corp' }, { orgClaim: 'team' }))).toMatch(/^forbidden: the team claim must name an org/);
    expect(refusal(() => concordClaims({ sub: 'a', team: ['acme'] }, { orgClaim: 'team' }))).toMatch(/^forbidden: the team claim must name an org/);
  });

  it('reads the role from the role claim: one value, or the highest role in a list', () => {
    const roleOf = (claims: Record<string, unknown>) => concordClaims({ sub: 'a', ...claims }, { ...FIXED_ORG, roleClaim: 'concord_role' }).role;
    expect(roleOf({ concord_role: 'viewer' })).toBe('viewer');
    expect(roleOf({ concord_role: 'admin' })).toBe('admin');
    expect(roleOf({ concord_role: ['staff', 'viewer', 'admin', 'editor'] })).toBe('admin');
    expect(roleOf({ concord_role: ['staff', 'viewer'] })).toBe('viewer');
    expect(roleOf({ concord_role: ['staff'] })).toBe('editor');
    expect(roleOf({})).toBe('editor');
    expect(concordClaims({ sub: 'a', realm_access: { roles: ['viewer'] } }, { ...FIXED_ORG, roleClaim: 'realm_access.roles' }).role).toBe('viewer');
  });

  it('ignores the role claim unless OIDC_ROLE_CLAIM names it', () => {
    expect(concordClaims({ sub: 'a', role: 'admin', concord_role: 'admin' }, FIXED_ORG).role).toBe('editor');
  });

  it('refuses a single role value that is not a role', () => {
    expect(refusal(() => concordClaims({ sub: 'a', concord_role: 'owner' }, { ...FIXED_ORG, roleClaim: 'concord_role' }))).toBe('forbidden: the concord_role claim must be viewer, editor or admin');
    expect(refusal(() => concordClaims({ sub: 'a', concord_role: 3 }, { ...FIXED_ORG, roleClaim: 'concord_role' }))).toMatch(/^forbidden: the concord_role claim/);
  });

  it('keeps only an http(s) picture as the avatar', () => {
    expect(concordClaims({ sub: 'a', picture: 'javascript:alert(1)' }, FIXED_ORG)).not.toHaveProperty('avatar');
    expect(concordClaims({ sub: 'a', picture: `https://img.example/${'x'.repeat(2100)}` }, FIXED_ORG)).not.toHaveProperty('avatar');
  });

  it('refuses claims without a subject', () => {
    expect(refusal(() => concordClaims({ name: 'Nobody' }, FIXED_ORG))).toBe('forbidden: the provider named no subject (sub)');
    expect(refusal(() => concordClaims({ sub: '' }, FIXED_ORG))).toMatch(/^forbidden/);
  });
});
