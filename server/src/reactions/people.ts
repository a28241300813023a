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

interface Connected {
  org: string;
  seen: PersonSeen;
  /** `socketId|documentName` of each open document connection. */
  connections: Set<string>;
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
    const work = options
      .write(workspaceDocName(person.org), (workspace) => void recordPerson(workspace, person.seen, at, refreshMs))
      .catch((error: unknown) => options.logger.error({ err: error, userId: person.seen.id, org: person.org }, 'people directory write failed'))
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
      let person = connected.get(key);
      if (!person) {
        person = { org: identity.org, seen: seenOf(identity), connections: new Set(), lastWrite: -Infinity };
        connected.set(key, person);
      }
      person.seen = seenOf(identity);
      person.connections.add(`${socketId}|${documentName}`);
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
      person.connections.delete(`${socketId}|${documentName}`);
      if (person.connections.size === 0) connected.delete(key);
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
