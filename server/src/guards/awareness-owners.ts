/**
 * Who may speak for an awareness client id (README, "Refusals"). Presence is keyed by client id,
 * and y-protocols lets anyone who names a client id with a higher clock replace its state; so each
 * document remembers which connection introduced each client id, and only that connection may set
 * it. The rules, per document on this instance:
 *
 * - The first connection to send a state for a client id holds it. Another connection of the same
 *   user may take it over: a client that reconnects keeps its client id, and its old socket can
 *   still look open to the server for a while. A connection of another user may never take it.
 * - A connection holds at most `maxClientsPerConnection` client ids over its life; removing one does
 *   not free a place (Hocuspocus ignores removals, so the state would stay).
 * - When a connection closes, its client ids stay reserved for its user (the newest
 *   `reservedPerDocument` of them), so nobody else can grab them before the client comes back.
 * - A client id whose state came from another instance (through Redis) belongs to the user that
 *   state names.
 * - Every state names the connection's own user (`user.id`), except the empty state `{}` a provider
 *   starts with before the app sets its presence.
 * - A removal (`null`) of another connection's client id is not refused: providers send one when
 *   a peer times out in their view. It is never applied (the guards only let a connection's own
 *   client ids through).
 *
 * Documents and connections are only used as keys, so this knows nothing of Hocuspocus.
 */
import type { AwarenessEntry } from '../protocol/awareness-update.ts';

export interface AwarenessOwnersOptions {
  maxClientsPerConnection: number;
  reservedPerDocument: number;
}

export interface Speaker<Holder> {
  /** The document connection the frame came on. */
  holder: Holder;
  userId: string;
}

export type AwarenessVerdict<Holder> =
  | { ok: true; claimed: number[]; takenFrom: Array<{ clientId: number; holder: Holder }> }
  | { ok: false; code: 'impersonation' | 'message-too-large'; message: string };

/** The user a client id's current state belongs to: undefined without a state, null if it names none. */
export type CurrentSpeaker = (clientId: number) => string | null | undefined;

interface DocumentOwners<Holder> {
  held: Map<number, { holder: Holder; userId: string }>;
  byHolder: Map<Holder, Set<number>>;
  /** Client ids of closed connections → their user, oldest first. */
  reserved: Map<number, string>;
}

export function createAwarenessOwners<Holder extends object>(options: AwarenessOwnersOptions) {
  const documents = new WeakMap<object, DocumentOwners<Holder>>();
  const ownersOf = (document: object): DocumentOwners<Holder> => {
    let owners = documents.get(document);
    if (!owners) {
      owners = { held: new Map(), byHolder: new Map(), reserved: new Map() };
      documents.set(document, owners);
    }
    return owners;
  };

  return {
    /**
     * Checks every entry of one awareness update; claims its client ids only if all pass.
     * `current` answers for client ids nobody on this instance holds (states from other instances).
     */
    admit(document: object, speaker: Speaker<Holder>, entries: AwarenessEntry[], current: CurrentSpeaker): AwarenessVerdict<Holder> {
      const owners = ownersOf(document);
      const mine = owners.byHolder.get(speaker.holder) ?? new Set<number>();
      const claimed = new Set<number>();
      const takenFrom: Array<{ clientId: number; holder: Holder }> = [];
      for (const { clientId, state } of entries) {
        if (state === null) continue;
        if (!speaksAs(state, speaker.userId)) return { ok: false, code: 'impersonation', message: 'awareness user.id must be your own user id' };
        const holding = owners.held.get(clientId);
        if (holding?.holder === speaker.holder || claimed.has(clientId)) continue;
        const owner = holding ? holding.userId : owners.reserved.has(clientId) ? owners.reserved.get(clientId) : current(clientId);
        if (owner !== undefined && owner !== speaker.userId) {
          return { ok: false, code: 'impersonation', message: `awareness client ${clientId} belongs to another connection` };
        }
        if (holding) takenFrom.push({ clientId, holder: holding.holder });
        claimed.add(clientId);
      }
      if (mine.size + claimed.size > options.maxClientsPerConnection) {
        return { ok: false, code: 'message-too-large', message: `more than ${options.maxClientsPerConnection} awareness client ids on one connection` };
      }
      for (const clientId of claimed) {
        const previous = owners.held.get(clientId);
        if (previous) owners.byHolder.get(previous.holder)?.delete(clientId);
        owners.held.set(clientId, { holder: speaker.holder, userId: speaker.userId });
        owners.reserved.delete(clientId);
        mine.add(clientId);
      }
      if (mine.size > 0) owners.byHolder.set(speaker.holder, mine);
      return { ok: true, claimed: [...claimed], takenFrom };
    },

    holds(document: object, holder: Holder, clientId: number): boolean {
      return documents.get(document)?.held.get(clientId)?.holder === holder;
    },

    /** The connection closed: its client ids are reserved for its user. */
    release(document: object, holder: Holder): void {
      const owners = documents.get(document);
      const mine = owners?.byHolder.get(holder);
      if (!owners || !mine) return;
      owners.byHolder.delete(holder);
      for (const clientId of mine) {
        const userId = owners.held.get(clientId)!.userId;
        owners.held.delete(clientId);
        owners.reserved.set(clientId, userId);
      }
      for (const clientId of owners.reserved.keys()) {
        if (owners.reserved.size <= options.reservedPerDocument) break;
        owners.reserved.delete(clientId);
      }
    },
  };
}

/** A state speaks as `userId` if it names that user, or is the empty state a provider starts with. */
function speaksAs(state: unknown, userId: string): boolean {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return false;
  const { user } = state as { user?: unknown };
  if (user === undefined) return Object.keys(state).length === 0;
  return typeof user === 'object' && user !== null && (user as { id?: unknown }).id === userId;
}
