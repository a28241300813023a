/**
 * The server as a participant: its writes go through a Hocuspocus direct connection, so they are
 * broadcast like anyone's and appended to the durable log (transaction origin "local").
 *
 * The connection stays open for `idleMs` after the last write: the server often writes to a
 * document nobody holds open (an org's activity feed, an inbox), and reopening it for every entry
 * meant loading, unloading and compacting it each time (the worst ratio in docs/BENCHMARKS.md).
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';

export type ServerWrite = (documentName: string, write: (doc: Y.Doc) => void) => Promise<void>;

export interface ServerWriter {
  write: ServerWrite;
  /** Closes every held connection (shutdown). */
  release(): Promise<void>;
}

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

export const SERVER_WRITER_IDLE_MS = 30_000;

export function createServerWriter(instance: () => Hocuspocus, idleMs = SERVER_WRITER_IDLE_MS): ServerWriter {
  const held = new Map<string, { connection: Promise<DirectConnection>; timer?: NodeJS.Timeout }>();

  function release(documentName: string): Promise<void> {
    const entry = held.get(documentName);
    if (!entry) return Promise.resolve();
    held.delete(documentName);
    clearTimeout(entry.timer);
    return entry.connection.then((connection) => connection.disconnect(), () => undefined);
  }

  function hold(documentName: string): Promise<DirectConnection> {
    let entry = held.get(documentName);
    if (!entry) {
      const connection = instance().openDirectConnection(documentName, { server: true });
      entry = { connection };
      held.set(documentName, entry);
      connection.catch(() => held.delete(documentName));
    }
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void release(documentName), idleMs);
    entry.timer.unref();
    return entry.connection;
  }

  return {
    async write(documentName, write) {
      const connection = await hold(documentName);
      await connection.transact((doc) => write(doc));
    },
    async release() {
      await Promise.all([...held.keys()].map(release));
    },
  };
}
