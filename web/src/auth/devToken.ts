import type { Role } from '@concord/shared';
import type { SessionUser } from './session.ts';

export interface DevSignIn {
  name: string;
  org: string;
  role: Role;
}

export class DevTokenUnavailable extends Error {}

/** A readable, stable user id from a display name, so "Ana" signs in as the same user every time. */
export function userIdFor(name: string): string {
  const slug = name.trim().toLowerCase().normalize('NFKD').replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return (slug || 'user').slice(0, 64);
}

/**
 * Asks a dev-mode server for a token (docs/PROTOCOL.md, "Authentication and access"); other servers
 * answer 404.
 */
export async function requestDevToken(input: DevSignIn): Promise<string> {
  return postDevToken({ sub: userIdFor(input.name), name: input.name.trim(), org: input.org.trim(), role: input.role });
}

/** A fresh token for a user already signed in (same id, name, org, role); only a dev-mode server gives one. */
export function renewDevToken(user: SessionUser): Promise<string> {
  return postDevToken({ sub: user.id, name: user.name, org: user.org, role: user.role, ...(user.avatar ? { avatar: user.avatar } : {}) });
}

async function postDevToken(claims: Record<string, string>): Promise<string> {
  const response = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (response.status === 404 || response.status === 403) throw new DevTokenUnavailable('This server is not in dev mode.');
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}): ${(await response.text()).slice(0, 200)}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('Sign-in failed: the server sent no token.');
  return body.token;
}
