/**
 * The sign-in with the organisation's OpenID Connect provider (README "Sign-in"): the server runs the
 * flow and keeps the session in an HttpOnly cookie this code never sees; the app asks it for
 * short-lived Concord tokens and ends the session on sign-out.
 */

/** Where the "Sign in with …" button goes; the server sends the browser back to `returnTo`. */
export function providerLoginUrl(returnTo: string): string {
  return `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * A fresh token for whoever is signed in with the provider in this browser, or null when nobody is
 * (any more). Rejects on a passing failure (offline, server busy): try again later.
 */
export async function requestSessionToken(): Promise<string | null> {
  const response = await fetch('/api/auth/token', { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401 || response.status === 404) return null;
  if (!response.ok) throw new Error(`Renewing the sign-in failed (${response.status}).`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('The server sent no token.');
  return body.token;
}

/** Ends the session with the server; the provider's own session (its login page) is not touched. */
export async function endProviderSession(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
}

/** What went wrong coming back from the provider (`#sign-in-error=` from the server), once. */
export function takeSignInError(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const error = fragment.get('sign-in-error');
  if (!error) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  return `Sign-in failed (${error}).`;
}
