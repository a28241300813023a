/**
 * Awareness frames' own small path beside the update pipeline: presence is never stored, so it is
 * only checked (size, and who may speak for which client id: guards/awareness-owners.ts), then
 * Hocuspocus applies and relays it. `filter` is what reaches the document's awareness: only the
 * states of client ids the connection holds. States from other instances come without a
 * connection and pass.
 */
import type { Connection, Document } from '@hocuspocus/server';
import { ConcordError } from '../errors.ts';
import { createAwarenessOwners } from '../guards/awareness-owners.ts';
import { readAwarenessUpdate, type AwarenessEntry } from '../protocol/awareness-update.ts';

export const AWARENESS_DEFAULTS = {
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

export interface AwarenessOptions {
  maxAwarenessBytes?: number;
  /** Awareness client ids one document connection may introduce (see guards/awareness-owners.ts). */
  maxAwarenessClientsPerConnection?: number;
}

export function createAwarenessPath(options: AwarenessOptions = {}) {
  const maxAwarenessBytes = options.maxAwarenessBytes ?? AWARENESS_DEFAULTS.maxAwarenessBytes;
  const owners = createAwarenessOwners<Connection>({
    maxClientsPerConnection: options.maxAwarenessClientsPerConnection ?? AWARENESS_DEFAULTS.maxAwarenessClientsPerConnection,
    reservedPerDocument: AWARENESS_DEFAULTS.reservedAwarenessClientsPerDocument,
  });
  const releasedOnClose = new WeakSet<Connection>();

  return {
    /** Checks an awareness update from `connection` and records the client ids it now holds. */
    admit(states: Uint8Array, connection: Connection, document: Document, userId: string): ConcordError | null {
      if (states.byteLength > maxAwarenessBytes) return new ConcordError('message-too-large', `awareness state larger than ${maxAwarenessBytes} bytes`);
      let entries: AwarenessEntry[];
      try {
        entries = readAwarenessUpdate(states);
      } catch {
        return new ConcordError('malformed-frame');
      }
      const verdict = owners.admit(document, { holder: connection, userId }, entries, (clientId) => speakerOf(document, clientId));
      if (!verdict.ok) return new ConcordError(verdict.code, verdict.message);
      // Hocuspocus removes a connection's client ids when it closes: keep its list in step with ours.
      for (const { clientId, holder } of verdict.takenFrom) document.getClients(holder).delete(clientId);
      for (const clientId of verdict.claimed) document.getClients(connection).add(clientId);
      if (!releasedOnClose.has(connection)) {
        releasedOnClose.add(connection);
        connection.onClose((closed) => owners.release(closed, connection));
      }
      return null;
    },

    filter(states: Map<number, unknown>, connection: Connection | undefined, document: Document): void {
      if (!connection) return;
      for (const clientId of states.keys()) {
        if (!owners.holds(document, connection, clientId)) states.delete(clientId);
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
