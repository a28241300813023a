/**
 * The guards at the door (README, "Refusals"): new WebSocket connections per address, and the
 * count of open connections per document and per user that the connection limits read. What
 * arrives on an open connection is checked by the update pipeline (pipeline/pipeline.ts).
 */
import type { Extension, connectedPayload, onDisconnectPayload, onUpgradePayload } from '@hocuspocus/server';
import type { ConnectionContext } from '../context.ts';
import { ConcordError } from '../errors.ts';
import { limitedAs, type ClientAddress } from '../http/client-address.ts';
import type { ConnectionLimits } from '../guards/connection-limits.ts';
import { createKeyedRateLimit } from '../guards/rate-limit.ts';
import { refuseUpgrade } from '../http/refuse-upgrade.ts';
import type { Refuse } from '../pipeline/refuse.ts';

export interface GuardsOptions {
  refuse: Refuse;
  limits: ConnectionLimits;
  /** Where a request comes from (behind trusted proxies, the client they name). */
  clientAddress: ClientAddress;
  /** New WebSocket connections per second from one address (bursts of twice that). */
  upgradesPerSecondPerAddress?: number;
}

export const GUARD_DEFAULTS = {
  upgradesPerSecondPerAddress: 20,
};

export function guards({ refuse, limits, clientAddress, upgradesPerSecondPerAddress }: GuardsOptions): Extension {
  const upgradeRate = createKeyedRateLimit({ perSecond: upgradesPerSecondPerAddress ?? GUARD_DEFAULTS.upgradesPerSecondPerAddress });

  return {
    extensionName: 'concord-guards',

    async onUpgrade({ request, socket }: onUpgradePayload) {
      const address = clientAddress(request);
      if (upgradeRate.take(limitedAs(address))) return;
      refuse(new ConcordError('rate-limited', 'too many connection attempts'), { address });
      refuseUpgrade(socket, '429 Too Many Requests');
      throw null;
    },

    async connected({ context, documentName }: connectedPayload<ConnectionContext>) {
      limits.opened(documentName, context.identity.userId);
    },

    async onDisconnect({ context, documentName }: onDisconnectPayload<ConnectionContext>) {
      if (context?.identity) limits.closed(documentName, context.identity.userId);
    },
  };
}
