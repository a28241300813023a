import type { Role } from '@concord/shared';

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
  const response = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: userIdFor(input.name), name: input.name.trim(), org: input.org.trim(), role: input.role }),
  });
  if (response.status === 404 || response.status === 403) throw new DevTokenUnavailable('This server is not in dev mode.');
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}): ${(await response.text()).slice(0, 200)}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('Sign-in failed: the server sent no token.');
  return body.token;
}
