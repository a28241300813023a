/**
 * The server as a participant: its writes take the update pipeline (pipeline/pipeline.ts,
 * `writeAsServer`) with the server as author: applied to the live document (and so broadcast),
 * appended, published to peers. Writes to one document that arrive while one is being committed
 * share the next commit, as one update.
 *
 * The document stays loaded (a Hocuspocus direct connection) for `idleMs` after the last write: the
 * server often writes to a document nobody holds open (an org's activity feed, an inbox), and
 * reopening it for every entry meant loading, unloading and compacting it each time (the worst
 * ratio in docs/BENCHMARKS.md).
 */
import type { Document, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';

export type ServerWrite = (documentName: string, write: (doc: Y.Doc) => void) => Promise<void>;

/** Takes the server's write through the pipeline: resolves once it is applied and durable. */
export type CommitServerWrite = (documentName: string, document: Document, write: (doc: Y.Doc) => void) => Promise<void>;

export interface ServerWriter {
  write: ServerWrite;
  /** Closes every held connection (shutdown). */
  release(): Promise<void>;
}

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

export const SERVER_WRITER_IDLE_MS = 30_000;

interface Queued {
  write: (doc: Y.Doc) => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createServerWriter(instance: () => Hocuspocus, commit: CommitServerWrite, idleMs = SERVER_WRITER_IDLE_MS): ServerWriter {
  const held = new Map<string, { connection: Promise<DirectConnection>; timer?: NodeJS.Timeout }>();
  // Writes waiting for their document's next commit: those that arrive while one is in flight share
  // the next (a storm of people connecting is one workspace update per commit, not one each).
  const queued = new Map<string, Queued[]>();
  const draining = new Set<string>();

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

  /** Commits `batch` as one update; each write's promise settles with it. */
  async function writeBatch(documentName: string, batch: readonly Queued[]): Promise<void> {
    const failed = new Map<Queued, unknown>();
    try {
      const { document } = await hold(documentName);
      if (!document) throw new Error(`${documentName} was closed before the server could write to it`);
      await commit(documentName, document, (doc) => {
        for (const queued of batch) {
          try {
            queued.write(doc);
          } catch (error) {
            failed.set(queued, error);
          }
        }
      });
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    for (const queued of batch) {
      if (failed.has(queued)) queued.reject(failed.get(queued));
      else queued.resolve();
    }
  }

  async function drain(documentName: string): Promise<void> {
    draining.add(documentName);
    try {
      for (let batch = queued.get(documentName); batch; batch = queued.get(documentName)) {
        queued.delete(documentName);
        await writeBatch(documentName, batch);
      }
    } finally {
      draining.delete(documentName);
    }
  }

  return {
    write(documentName, write) {
      return new Promise((resolve, reject) => {
        const batch = queued.get(documentName) ?? [];
        batch.push({ write, resolve, reject });
        queued.set(documentName, batch);
        if (!draining.has(documentName)) void drain(documentName);
      });
    },
    async release() {
      await Promise.all([...held.keys()].map(release));
    },
  };
}
