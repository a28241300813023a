/**
 * The token every document provider sends when it (re)authenticates, and every HTTP request. It is
 * renewed before it expires (renewBeforeExpiry.ts) and, failing that, once it has expired (README,
 * Refusals: `token-expired`): from the server's sign-in session when the user signed in with the
 * provider, from a dev-mode server otherwise. A token from the host application (`#token=`) cannot
 * be renewed here, and the user signs in again. Either way local edits stay in IndexedDB and are
 * sent once a connection is back.
 */
import { DevTokenUnavailable, renewDevToken } from './devToken.ts';
import { requestSessionToken } from './providerSession.ts';
import { isExpired, saveSession, sessionFromToken, type Session } from './session.ts';

export interface TokenSource {
  /** The token to authenticate with: the current one, renewed first when it has expired and can be. */
  token(): Promise<string>;
  /**
   * A fresh token, or null when none can be had here (not a dev-mode server, or the sign-in with
   * the provider has ended). Rejects on a passing failure (offline, server busy): try again later.
   * Concurrent calls share one request.
   */
  renew(): Promise<string | null>;
  /** When the current token expires (ms since the epoch); undefined when it does not. */
  expiresAt(): number | undefined;
}

/** Renew a little before `exp`, so a token does not expire on its way to the server. */
const EXPIRY_MARGIN_MS = 2_000;

export function createTokenSource(session: Session): TokenSource {
  let current = session;
  let renewable = true;
  let renewing: Promise<string | null> | null = null;

  /** A fresh token from wherever this session's came from; null when there is none to be had. */
  function fetchFresh(): Promise<string | null> {
    if (current.via === 'oidc') return requestSessionToken();
    return renewDevToken(current.user).catch((error: unknown) => {
      if (error instanceof DevTokenUnavailable) return null;
      throw error;
    });
  }

  function renew(): Promise<string | null> {
    if (!renewable) return Promise.resolve(null);
    renewing ??= fetchFresh()
      .then((token) => {
        if (token === null) {
          renewable = false;
          return null;
        }
        const renewed = sessionFromToken(token);
        if (!renewed || renewed.user.id !== current.user.id) throw new Error('the renewed token is for someone else');
        current = { ...renewed, ...(current.via ? { via: current.via } : {}) };
        saveSession(current);
        return token;
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  }

  return {
    async token() {
      if (!isExpired(current, Date.now() + EXPIRY_MARGIN_MS)) return current.token;
      // An old token is still sent when renewing fails: the server's refusal then says what to do.
      return (await renew().catch(() => null)) ?? current.token;
    },
    renew,
    expiresAt: () => current.expiresAt,
  };
}
