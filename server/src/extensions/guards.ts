/**
 * Refuse bad input cleanly (docs/PROTOCOL.md, "Errors"): every refusal is a typed error to that
 * client, a log line and a metric; nothing of a refused message is applied, stored or broadcast,
 * and no other connection is touched. Runs before the durable log, so a refused update is never
 * appended.
 */
import type {
  Connection,
  Document,
  Extension,
  beforeHandleAwarenessPayload,
  beforeHandleMessagePayload,
  connectedPayload,
  onDisconnectPayload,
  onUpgradePayload,
} from '@hocuspocus/server';
import type { ConnectionContext } from '../context.ts';
import { ConcordError } from '../errors.ts';
import { createAwarenessOwners } from '../guards/awareness-owners.ts';
import { checkUpdate } from '../guards/check-update.ts';
import type { ConnectionLimits } from '../guards/connection-limits.ts';
import { createKeyedRateLimit } from '../guards/rate-limit.ts';
import type { Change } from '../guards/update-changes.ts';
import { refuseUpgrade } from '../http/refuse-upgrade.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { readAwarenessUpdate, type AwarenessEntry } from '../protocol/awareness-update.ts';
import { isEmptyUpdate, readFrame, type Frame } from '../protocol/frame.ts';

export interface GuardsOptions {
  logger: Logger;
  metrics: Metrics;
  limits: ConnectionLimits;
  rateLimitPerSecond: number;
  /** New WebSocket connections per second from one address (bursts of twice that). */
  upgradesPerSecondPerAddress?: number;
  maxAwarenessBytes?: number;
  /** Awareness client ids one document connection may introduce (see guards/awareness-owners.ts). */
  maxAwarenessClientsPerConnection?: number;
  /** Where each accepted update's changes are left, keyed by its frame, for the server's reactions. */
  accepted?: WeakMap<Uint8Array, AcceptedUpdate>;
}

export interface AcceptedUpdate {
  documentName: string;
  context: ConnectionContext;
  changes: Change[];
}

export const GUARD_DEFAULTS = {
  upgradesPerSecondPerAddress: 20,
  maxAwarenessBytes: 32 * 1024,
  /**
   * A provider introduces one client id per document connection (its Y.Doc's): providers of other
   * documents on the same socket, and of the same document with `sessionAwareness`, get their own
   * connections. The three spare places are for a client that relays a few tabs' presence over one
   * connection; a flood stops at 4 instead of thousands per frame (README, "Refusals").
   */
  maxAwarenessClientsPerConnection: 4,
  /** Client ids of closed connections kept for their user, per document (newest kept). */
  reservedAwarenessClientsPerDocument: 1024,
};

export function guards(options: GuardsOptions): Extension {
  const { logger, metrics, limits } = options;
  const frameRate = createKeyedRateLimit({ perSecond: options.rateLimitPerSecond });
  const upgradeRate = createKeyedRateLimit({ perSecond: options.upgradesPerSecondPerAddress ?? GUARD_DEFAULTS.upgradesPerSecondPerAddress });
  const maxAwarenessBytes = options.maxAwarenessBytes ?? GUARD_DEFAULTS.maxAwarenessBytes;
  const awarenessOwners = createAwarenessOwners<Connection>({
    maxClientsPerConnection: options.maxAwarenessClientsPerConnection ?? GUARD_DEFAULTS.maxAwarenessClientsPerConnection,
    reservedPerDocument: GUARD_DEFAULTS.reservedAwarenessClientsPerDocument,
  });
  const releasedOnClose = new WeakSet<Connection>();

  function refuse(error: ConcordError, fields: Record<string, unknown>): ConcordError {
    metrics.refusals.inc({ code: error.errorCode });
    logger.info({ code: error.errorCode, detail: error.detail, ...fields }, 'refused');
    return error;
  }

  return {
    extensionName: 'concord-guards',
    priority: 500,

    async onUpgrade({ request, socket }: onUpgradePayload) {
      const address = request.socket.remoteAddress ?? 'unknown';
      if (upgradeRate.take(address)) return;
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

    async beforeHandleMessage({ update: raw, connection, document, documentName, socketId }: beforeHandleMessagePayload<ConnectionContext>) {
      const context = connection.context;
      const fields = { documentName, userId: context.identity.userId };
      if (!frameRate.take(socketId)) {
        throw refuse(new ConcordError('rate-limited', `more than ${options.rateLimitPerSecond} messages per second`), fields);
      }
      const malformed = () => {
        const error = refuse(new ConcordError('malformed-frame'), fields);
        // A frame that cannot be decoded says nothing trustworthy about what follows on that socket.
        setImmediate(() => connection.webSocket.close(error.code, error.reason));
        return error;
      };
      let frame: Frame;
      try {
        frame = readFrame(raw);
      } catch {
        throw malformed();
      }
      if (frame.kind === 'awareness') {
        if (frame.update.byteLength > maxAwarenessBytes) {
          throw refuse(new ConcordError('message-too-large', `awareness state larger than ${maxAwarenessBytes} bytes`), fields);
        }
        let entries: AwarenessEntry[];
        try {
          entries = readAwarenessUpdate(frame.update);
        } catch {
          throw malformed();
        }
        const verdict = awarenessOwners.admit(document, { holder: connection, userId: context.identity.userId }, entries, (clientId) => speakerOf(document, clientId));
        if (!verdict.ok) throw refuse(new ConcordError(verdict.code, verdict.message), fields);
        // Hocuspocus removes a connection's client ids when it closes: keep its list in step with ours.
        for (const { clientId, holder } of verdict.takenFrom) document.getClients(holder).delete(clientId);
        for (const clientId of verdict.claimed) document.getClients(connection).add(clientId);
        if (!releasedOnClose.has(connection)) {
          releasedOnClose.add(connection);
          connection.onClose((closed) => awarenessOwners.release(closed, connection));
        }
        return;
      }
      if (frame.kind !== 'document-update' || isEmptyUpdate(frame.update)) return;
      if (connection.readOnly) {
        // Hocuspocus answers a read-only connection's update with "not synced" and drops it; say why.
        connection.sendStateless(JSON.stringify({ type: 'refused', code: 'read-only', message: 'viewers cannot change documents' }));
        metrics.refusals.inc({ code: 'read-only' });
        return;
      }
      const verdict = checkUpdate(context.doc.kind, document, frame.update, context.identity);
      if (!verdict.ok) throw refuse(new ConcordError(verdict.refusal.code, verdict.refusal.message), fields);
      options.accepted?.set(raw, { documentName, context, changes: verdict.changes });
    },

    /**
     * What reaches the document's awareness, and so everyone: only the states of client ids this
     * connection holds (beforeHandleMessage refused the frame otherwise). States from other
     * instances come without a connection and pass.
     */
    async beforeHandleAwareness({ states, connection, document }: beforeHandleAwarenessPayload<ConnectionContext>) {
      if (!connection) return;
      for (const clientId of states.keys()) {
        if (!awarenessOwners.holds(document, connection, clientId)) states.delete(clientId);
      }
    },
  };
}

/** The user the current state of `clientId` names: undefined without a state, null if it names none. */
function speakerOf(document: Document, clientId: number): string | null | undefined {
  const state = document.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
  if (state === undefined) return undefined;
  return typeof state.user?.id === 'string' ? state.user.id : null;
}
