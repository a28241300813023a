/**
 * How this server signs people in (`GET /api/auth/config`, README "Sign-in"): `dev` (the name form),
 * `oidc` ("Sign in with <providerName>") or `token` (a token from the host application).
 */

export type SignInMode = 'dev' | 'oidc' | 'token';

export interface AuthConfig {
  mode: SignInMode;
  providerName?: string;
}

/** Null when the server cannot be reached (offline) or does not say. */
export async function fetchAuthConfig(): Promise<AuthConfig | null> {
  try {
    const response = await fetch('/api/auth/config', { cache: 'no-store' });
    if (!response.ok) return null;
    const body = (await response.json()) as { mode?: unknown; providerName?: unknown };
    if (body.mode !== 'dev' && body.mode !== 'oidc' && body.mode !== 'token') return null;
    return { mode: body.mode, ...(typeof body.providerName === 'string' ? { providerName: body.providerName } : {}) };
  } catch {
    return null;
  }
}
