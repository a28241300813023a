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
 * does not grow per write; one document's writes run one at a time, each copy starting from a state
 * that holds the previous write.
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

export function createServerWriter(instance: () => Hocuspocus, commit: CommitServerUpdate, idleMs = SERVER_WRITER_IDLE_MS): ServerWriter {
  const held = new Map<string, { connection: Promise<DirectConnection>; timer?: NodeJS.Timeout; copy?: { of: Document; doc: Y.Doc } }>();
  const writing = new Map<string, Promise<void>>();
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

  async function writeNow(documentName: string, write: (doc: Y.Doc) => void): Promise<void> {
    const { document } = await hold(documentName);
    if (!document) throw new Error(`${documentName} was closed before the server could write to it`);
    const copy = copyOf(documentName, document);
    const update = writeOn(copy, write, clientId);
    if (!update) return;
    try {
      await commit(documentName, document, update);
    } catch (error) {
      // The copy holds a write the document never got: start the next one from the document.
      const entry = held.get(documentName);
      if (entry?.copy?.doc === copy) {
        copy.destroy();
        entry.copy = undefined;
      }
      throw error;
    }
  }

  return {
    write(documentName, write) {
      const previous = writing.get(documentName) ?? Promise.resolve();
      const next = previous.then(() => writeNow(documentName, write));
      const settled = next.catch(() => undefined);
      writing.set(documentName, settled);
      void settled.then(() => {
        if (writing.get(documentName) === settled) writing.delete(documentName);
      });
      return next;
    },
    async release() {
      await Promise.all([...held.keys()].map(release));
    },
  };
}
