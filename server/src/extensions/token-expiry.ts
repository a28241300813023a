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
export function tokenExpiry({ refuse, now = Date.now }: TokenExpiryOptions): Extension {
  function expire(connection: Connection<ConnectionContext>, documentName: string): void {
    const error = new ConcordError('token-expired', 'the token expired while the connection was open');
    refuse(error, { documentName, userId: connection.context.identity.userId }, connection);
  }

  return {
    extensionName: 'concord-token-expiry',

    async connected({ connection, documentName }: connectedPayload<ConnectionContext>) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Read afresh each time: a token renewed on the connection (token-renewal.ts) moves `exp` on.
      const arm = () => {
        const expiresAt = connection.context.identity.expiresAt;
        if (expiresAt === undefined) return;
        const left = expiresAt - now();
        if (left <= 0) expire(connection, documentName);
        else timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
      };
      connection.onClose(() => clearTimeout(timer));
      arm();
    },
  };
}
