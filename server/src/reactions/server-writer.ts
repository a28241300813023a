/**
 * The server as a participant: its writes take the same pipeline as a client's update
 * (pipeline/pipeline.ts, `writeAsServer`) with the server as author: appended, published to peers,
 * then applied to the live document and so broadcast. The write runs on a copy of the document, and
 * what it changed is that one update. The copy is kept while the document is held and brought up to
 * date with only what it lacks before each write (a full copy per write made a storm of people
 * connecting quadratic in the workspace's size); a write the pipeline refused drops it.
 *
 * Every write of this process is made as one client id of its own (not the live document's: Yjs
 * gives a document a new id when an update it did not make carries its id), so the state vector
 * does not grow per write; one document's writes are committed one batch at a time, each starting
 * from a state that holds the previous one.
 *
 * The document stays loaded (a Hocuspocus direct connection) for `idleMs` after the last write: the
 * server often writes to a document nobody holds open (an org's activity feed, an inbox), and
 * reopening it for every entry meant loading, unloading and compacting it each time (the worst
 * ratio in docs/BENCHMARKS.md).
 */
import type { Document, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';

export type ServerWrite = (documentName: string, write: (doc: Y.Doc) => void) => Promise<void>;

/** Takes the server's update through the pipeline: resolves once it is durable and applied. */
export type CommitServerUpdate = (documentName: string, document: Document, update: Uint8Array) => Promise<void>;

export interface ServerWriter {
  write: ServerWrite;
  /** Closes every held connection (shutdown). */
  release(): Promise<void>;
}

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

export const SERVER_WRITER_IDLE_MS = 30_000;

/** Brings `copy` up to date with `document`: only what it lacks is encoded. */
export function catchUp(copy: Y.Doc, document: Y.Doc): void {
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document, Y.encodeStateVector(copy)));
}

/**
 * What `write` changes in `copy`, made as `clientId`, as one update (null when it changes nothing).
 * The copy keeps the change.
 */
export function writeOn(copy: Y.Doc, write: (doc: Y.Doc) => void, clientId: number): Uint8Array | null {
  copy.clientID = clientId;
  let update: Uint8Array | null = null;
  const collect = (made: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, made]) : made;
  };
  copy.on('update', collect);
  try {
    copy.transact(() => write(copy));
  } finally {
    copy.off('update', collect);
  }
  return update;
}

interface Queued {
  write: (doc: Y.Doc) => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createServerWriter(instance: () => Hocuspocus, commit: CommitServerUpdate, idleMs = SERVER_WRITER_IDLE_MS): ServerWriter {
  const held = new Map<string, { connection: Promise<DirectConnection>; timer?: NodeJS.Timeout; copy?: { of: Document; doc: Y.Doc } }>();
  // Writes waiting for their document's next commit: those that arrive while one is in flight share
  // the next (a storm of people connecting is one workspace update per commit, not one each).
  const queued = new Map<string, Queued[]>();
  const draining = new Set<string>();
  const clientId = new Y.Doc().clientID;

  function release(documentName: string): Promise<void> {
    const entry = held.get(documentName);
    if (!entry) return Promise.resolve();
    held.delete(documentName);
    clearTimeout(entry.timer);
    entry.copy?.doc.destroy();
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

  /** The held copy of `document`, up to date with it (made afresh for a document loaded anew). */
  function copyOf(documentName: string, document: Document): Y.Doc {
    const entry = held.get(documentName);
    if (!entry) throw new Error(`${documentName} was released before the server could write to it`);
    if (entry.copy?.of !== document) {
      entry.copy?.doc.destroy();
      entry.copy = { of: document, doc: new Y.Doc({ gc: document.gc }) };
    }
    catchUp(entry.copy.doc, document);
    return entry.copy.doc;
  }

  /** Commits `batch` as one update; each write's promise settles with it. */
  async function writeBatch(documentName: string, batch: readonly Queued[]): Promise<void> {
    const failed = new Map<Queued, unknown>();
    try {
      const { document } = await hold(documentName);
      if (!document) throw new Error(`${documentName} was closed before the server could write to it`);
      const copy = copyOf(documentName, document);
      const update = writeOn(copy, (doc) => {
        for (const queued of batch) {
          try {
            queued.write(doc);
          } catch (error) {
            failed.set(queued, error);
          }
        }
      }, clientId);
      if (update) {
        try {
          await commit(documentName, document, update);
        } catch (error) {
          // The copy holds writes the document never got: start the next batch from the document.
          const entry = held.get(documentName);
          if (entry?.copy?.doc === copy) {
            copy.destroy();
            entry.copy = undefined;
          }
          throw error;
        }
      }
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
