/**
 * HS256 tokens as a host application would mint them (docs/PROTOCOL.md, "Authentication and
 * access"), for servers started with AUTH_SECRET: those have no dev sign-in, and their tokens stay
 * valid across a restart.
 */
import { createHmac } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function mintToken(secret: string, claims: { sub: string; name: string; org: string; role: string }, ttlSeconds = 3600): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(JSON.stringify({ ...claims, iat: now, exp: now + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A token's `exp` in milliseconds since the epoch. */
export function expiresAtMs(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return payload.exp * 1000;
}
