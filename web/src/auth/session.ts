/**
 * The signed-in user: a JWT handed to every provider, kept in localStorage across reloads.
 * The token comes from the dev sign-in form, from the host application as `#token=<jwt>`, or from
 * the server's sign-in with the organisation's provider (`via: 'oidc'`, renewed from its session).
 */
import { isRole, type Role } from '@concord/shared';

export interface SessionUser {
  id: string;
  name: string;
  org: string;
  role: Role;
  avatar?: string;
}

export interface Session {
  token: string;
  user: SessionUser;
  /** Milliseconds since the epoch; undefined when the token carries no `exp`. */
  expiresAt?: number;
  /** Set when the token came from the sign-in with the provider: it is renewed from that session. */
  via?: 'oidc';
}

const STORAGE_KEY = 'concord.token';
const VIA_KEY = 'concord.signin';

export function sessionFromToken(token: string): Session | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const { sub, name, org, role, avatar, exp } = claims;
    if (typeof sub !== 'string' || typeof org !== 'string') return null;
    if (!isRole(role)) return null;
    return {
      token,
      user: { id: sub, name: typeof name === 'string' ? name : sub, org, role, ...(typeof avatar === 'string' ? { avatar } : {}) },
      ...(typeof exp === 'number' ? { expiresAt: exp * 1000 } : {}),
    };
  } catch {
    return null;
  }
}

export function isExpired(session: Session, now = Date.now()): boolean {
  return session.expiresAt !== undefined && session.expiresAt <= now;
}

/** A token in the URL fragment wins over the stored one; the fragment is removed at once. */
export function loadSession(): Session | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const handed = fragment.get('token');
  if (handed) {
    history.replaceState(null, '', location.pathname + location.search);
    const session = sessionFromToken(handed);
    if (session) {
      saveSession(session);
      return session;
    }
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  const session = stored ? sessionFromToken(stored) : null;
  if (!session || isExpired(session)) return null;
  return localStorage.getItem(VIA_KEY) === 'oidc' ? { ...session, via: 'oidc' } : session;
}

export function saveSession(session: Session): void {
  localStorage.setItem(STORAGE_KEY, session.token);
  if (session.via) localStorage.setItem(VIA_KEY, session.via);
  else localStorage.removeItem(VIA_KEY);
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(VIA_KEY);
}
