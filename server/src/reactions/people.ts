/**
 * The workspace's people directory (docs/PROTOCOL.md, "People"), kept by the server from
 * authenticated connections: a person's entry is written the first time they connect to any
 * document of their org, and `lastSeenAt` is refreshed at most once per `refreshMs` while they stay
 * connected. Writes go through the server writer, so they are durable and broadcast like any other.
 */
import { PEOPLE_REFRESH_MS, recordPerson, workspaceDocName, type PersonSeen } from '@concord/shared';
import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server';
import type { Identity } from '../auth/claims.ts';
import type { ConnectionContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import type { ServerWrite } from './server-writer.ts';

export interface PeopleOptions {
  write: ServerWrite;
  logger: Logger;
  refreshMs?: number;
  now?: () => number;
}

/**
 * One per connected person, for as long as they have a document open: at 10,000 idle connections
 * of distinct users this is 10,000 records, so it holds no more than it must (the identity the
 * connection already holds, not a copy; one connection key, a set only for a second).
 */
interface Connected {
  identity: Identity;
  /** `socketId|documentName` of each open document connection. */
  connections: string | Set<string>;
  lastWrite: number;
}

/** How often connected people are looked at, as a share of `refreshMs` (a timer firing a little early must not skip a whole period). */
const CHECKS_PER_REFRESH = 4;

export function peopleDirectory(options: PeopleOptions): Extension & { stop(): Promise<void> } {
  const refreshMs = options.refreshMs ?? PEOPLE_REFRESH_MS;
  const now = options.now ?? Date.now;
  const connected = new Map<string, Connected>();
  const pending = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  function record(person: Connected): void {
    const at = now();
    person.lastWrite = at;
    const { org, userId } = person.identity;
    const work = options
      .write(workspaceDocName(org), (workspace) => void recordPerson(workspace, seenOf(person.identity), at, refreshMs))
      .catch((error: unknown) => options.logger.error({ err: error, userId, org }, 'people directory write failed'))
      .finally(() => pending.delete(work));
    pending.add(work);
  }

  function refresh(): void {
    const at = now();
    for (const person of connected.values()) if (at - person.lastWrite >= refreshMs) record(person);
  }

  const keyOf = (identity: Identity) => `${identity.org}\u0000${identity.userId}`;
  const seenOf = (identity: Identity): PersonSeen => ({
    id: identity.userId,
    name: identity.name,
    role: identity.role,
    ...(identity.avatar !== undefined ? { avatar: identity.avatar } : {}),
  });

  return {
    extensionName: 'concord-people',

    async connected({ context, documentName, socketId }: connectedPayload<ConnectionContext>) {
      const identity = context?.identity;
      if (!identity) return;
      const key = keyOf(identity);
      const connection = `${socketId}|${documentName}`;
      let person = connected.get(key);
      if (!person) {
        person = { identity, connections: connection, lastWrite: -Infinity };
        connected.set(key, person);
      } else {
        person.identity = identity;
        if (typeof person.connections === 'string') {
          if (person.connections !== connection) person.connections = new Set([person.connections, connection]);
        } else person.connections.add(connection);
      }
      if (now() - person.lastWrite >= refreshMs) record(person);
      timer ??= setInterval(refresh, Math.max(1, Math.floor(refreshMs / CHECKS_PER_REFRESH)));
      timer.unref();
    },

    async onDisconnect({ context, documentName, socketId }: onDisconnectPayload<ConnectionContext>) {
      const identity = context?.identity;
      if (!identity) return;
      const key = keyOf(identity);
      const person = connected.get(key);
      if (!person) return;
      const connection = `${socketId}|${documentName}`;
      if (typeof person.connections === 'string') {
        if (person.connections === connection) connected.delete(key);
      } else {
        person.connections.delete(connection);
        if (person.connections.size === 0) connected.delete(key);
      }
      if (connected.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    },

    /** Stops refreshing and waits for the writes under way (shutdown, before the server writer lets go). */
    async stop() {
      clearInterval(timer);
      timer = undefined;
      connected.clear();
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
