/**
 * Answers a client's heartbeat ping with a pong on the same document connection, so that a client
 * can tell a quiet link from a dead one within seconds (README.md, "Offline"). Any other stateless
 * payload is left alone. Pings are frames like any other: the guards' rate limit applies to them.
 */
import { HEARTBEAT_PING, HEARTBEAT_PONG } from '@concord/shared';
import type { Extension, onStatelessPayload } from '@hocuspocus/server';

export function heartbeat(): Extension {
  return {
    extensionName: 'concord-heartbeat',
    async onStateless({ payload, connection }: onStatelessPayload) {
      if (payload === HEARTBEAT_PING) connection.sendStateless(HEARTBEAT_PONG);
    },
  };
}
