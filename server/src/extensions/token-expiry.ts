/**
 * A token is valid until its `exp` on connections opened before too (README, Refusals): at `exp`
 * the document connection is closed with `token-expired`, and a message it sends once the clock has
 * passed `exp` is refused by the update pipeline's first check (pipeline/check.ts), so nothing is
 * applied, stored or broadcast even when the close runs late (timers fire late on a busy event loop). The client then
 * renews its token and connects again; a client that renews before `exp` keeps the connection
 * (token-renewal.ts).
 */
import type { Connection, Extension, connectedPayload } from '@hocuspocus/server';
import type { ConnectionContext } from '../context.ts';
import { ConcordError } from '../errors.ts';
import type { Refuse } from '../pipeline/refuse.ts';

export interface TokenExpiryOptions {
  refuse: Refuse;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** `setTimeout` takes at most 2^31 - 1 ms (about 24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer for every open connection, set for the earliest `exp`, rather than one per connection
 * (idle memory per connection is what a busy server has most of). When it fires, every connection
 * past its `exp` is closed and the timer is set for the next one; `exp` is read afresh each time, as
 * a token renewed on the connection (token-renewal.ts) moves it on.
 */
export function tokenExpiry({ refuse, now = Date.now }: TokenExpiryOptions): Extension {
  const watched = new Map<Connection<ConnectionContext>, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  function expire(connection: Connection<ConnectionContext>, documentName: string): void {
    const error = new ConcordError('token-expired', 'the token expired while the connection was open');
    refuse(error, { documentName, userId: connection.context.identity.userId }, connection);
  }

  function wakeAt(at: number): void {
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(closeExpired, Math.min(Math.max(at - now(), 0), MAX_TIMER_MS)).unref();
  }

  function closeExpired(): void {
    timer = undefined;
    timerAt = Infinity;
    const current = now();
    let next = Infinity;
    for (const [connection, documentName] of watched) {
      const expiresAt = connection.context.identity.expiresAt ?? Infinity;
      if (expiresAt > current) {
        next = Math.min(next, expiresAt);
        continue;
      }
      watched.delete(connection);
      expire(connection, documentName);
    }
    if (next !== Infinity) wakeAt(next);
  }

  return {
    extensionName: 'concord-token-expiry',

    async connected({ connection, documentName }: connectedPayload<ConnectionContext>) {
      const expiresAt = connection.context.identity.expiresAt;
      if (expiresAt === undefined) return;
      if (expiresAt <= now()) return expire(connection, documentName);
      watched.set(connection, documentName);
      connection.onClose(() => watched.delete(connection));
      wakeAt(expiresAt);
    },
  };
}
