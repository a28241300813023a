/**
 * The token every document provider sends when it (re)authenticates, renewed once it has expired
 * (README, Refusals: `token-expired`). A dev-mode server hands out a fresh token for the same user;
 * a token from the host application (`#token=`) cannot be renewed here, and the user signs in again.
 * Either way local edits stay in IndexedDB and are sent once a connection is back.
 */
import { DevTokenUnavailable, renewDevToken } from './devToken.ts';
import { isExpired, saveSession, sessionFromToken, type Session } from './session.ts';

export interface TokenSource {
  /** The token to authenticate with: the current one, renewed first when it has expired and can be. */
  token(): Promise<string>;
  /**
   * A fresh token, or null when none can be had here (the server is not in dev mode). Rejects on a
   * passing failure (offline, server busy): try again later. Concurrent calls share one request.
   */
  renew(): Promise<string | null>;
}

/** Renew a little before `exp`, so a token does not expire on its way to the server. */
const EXPIRY_MARGIN_MS = 2_000;

export function createTokenSource(session: Session): TokenSource {
  let current = session;
  let renewable = true;
  let renewing: Promise<string | null> | null = null;

  function renew(): Promise<string | null> {
    if (!renewable) return Promise.resolve(null);
    renewing ??= renewDevToken(current.user)
      .then((token) => {
        const renewed = sessionFromToken(token);
        if (!renewed || renewed.user.id !== current.user.id) throw new Error('the renewed token is for someone else');
        current = renewed;
        saveSession(renewed);
        return token;
      })
      .catch((error: unknown) => {
        if (!(error instanceof DevTokenUnavailable)) throw error;
        renewable = false;
        return null;
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
  };
}
