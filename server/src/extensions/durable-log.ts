/**
 * Acknowledged means durable (docs/PROTOCOL.md, "Sync and acknowledgement";
 * docs/ARCHITECTURE.md, "Durability").
 *
 * Hocuspocus acknowledges an update right after applying it in memory and stores documents on a
 * debounce, so a crash in that window loses edits the client was told were saved. So every update
 * is appended to the document's log before it is applied: the update pipeline's append stage
 * (pipeline/append.ts) calls `append` here and waits for it, and marks it `applied` once Hocuspocus
 * (or, for the server's writes, the pipeline) has applied it.
 *
 * This extension owns the rest of a document's life in storage, loading and storing through
 * Hocuspocus's database extension: its `fetch` is snapshot + log, its `store` (Hocuspocus's debounce)
 * folds the log into the snapshot once the log passes a bound; the log is folded when the document
 * unloads too.
 */
import { Database } from '@hocuspocus/extension-database';
import type { Document, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { storedState } from '../storage/merge.ts';
import type { DocumentStorage } from '../storage/storage.ts';

export interface DurableLogOptions {
  storage: DocumentStorage;
  logger: Logger;
  metrics: Metrics;
  /** Fold the log into the snapshot once it holds this many bytes. */
  compactAfterBytes?: number;
  /** …or this many updates, whichever comes first. */
  compactAfterUpdates?: number;
  /**
   * Whether every instance writes to this same storage (PostgreSQL). Then updates arriving through
   * Redis were appended by the instance that received them; otherwise (SQLite per instance) they are
   * appended here too.
   */
  sharedStorage?: boolean;
}

interface LogSize {
  bytes: number;
  updates: number;
}

export const DURABLE_LOG_DEFAULTS = {
  compactAfterBytes: 4 * 1024 * 1024,
  compactAfterUpdates: 5_000,
};

export interface DocumentLog {
  /** Resolves once the update is durable; until `applied`, compaction folds the log, not the live state. */
  append(documentName: string, update: Uint8Array): Promise<void>;
  applied(documentName: string): void;
  /** Appends an update already applied (one from another instance that this storage does not share). */
  appendApplied(documentName: string, update: Uint8Array): Promise<void>;
  compactAll(): Promise<void>;
}

export function durableLog(options: DurableLogOptions): Extension & DocumentLog {
  const { storage, logger, metrics } = options;
  const compactAfterBytes = options.compactAfterBytes ?? DURABLE_LOG_DEFAULTS.compactAfterBytes;
  const compactAfterUpdates = options.compactAfterUpdates ?? DURABLE_LOG_DEFAULTS.compactAfterUpdates;
  const logSizes = new Map<string, LogSize>();
  const loaded = new Map<string, Document>();
  const compacting = new Map<string, Promise<void>>();
  // Updates appended but not yet applied, per document: while there are any, the live state does
  // not hold the whole log and compaction must fold it.
  const unapplied = new Map<string, number>();

  async function appendToLog(documentName: string, update: Uint8Array): Promise<void> {
    const started = performance.now();
    await storage.append(documentName, update);
    metrics.appendSeconds.observe((performance.now() - started) / 1000);
    const size = logSizes.get(documentName) ?? { bytes: 0, updates: 0 };
    size.bytes += update.byteLength;
    size.updates += 1;
    logSizes.set(documentName, size);
    if (size.bytes >= compactAfterBytes || size.updates >= compactAfterUpdates) {
      // After this message is applied: compaction folds what is stored, so timing only matters for cost.
      setImmediate(() => void compact(documentName).catch(() => undefined));
    }
  }

  /** `state`, when given, is the live document encoded in this same turn (the database extension's store). */
  function compact(documentName: string, state?: Uint8Array): Promise<void> {
    const running = compacting.get(documentName);
    if (running) return running;
    const document = loaded.get(documentName);
    const run = (async () => {
      try {
        const live = document && !document.isDestroyed ? document : undefined;
        const currentHasEverything = Boolean(live) && !options.sharedStorage && !unapplied.get(documentName);
        // Encoded and handed over in the same turn as the check above, so no append slips between.
        await storage.compact(documentName, live ? (state ?? Y.encodeStateAsUpdate(live)) : null, { currentHasEverything });
        logSizes.set(documentName, { bytes: 0, updates: 0 });
        metrics.compactions.inc();
      } catch (error) {
        logger.error({ err: error, documentName }, 'compaction failed; the log keeps every update');
        throw error;
      } finally {
        compacting.delete(documentName);
      }
    })();
    compacting.set(documentName, run);
    return run;
  }

  const isLong = (documentName: string): boolean => {
    const size = logSizes.get(documentName);
    return Boolean(size && (size.bytes >= compactAfterBytes || size.updates >= compactAfterUpdates));
  };

  const database = new Database({
    async fetch({ documentName }) {
      const stored = await storage.load(documentName);
      logSizes.set(documentName, { bytes: stored.logBytes, updates: stored.updates.length });
      return storedState(stored);
    },
    // Hocuspocus's debounced store, asked only when the log is long (onStoreDocument below): the log
    // already made every change durable.
    async store({ documentName, state }) {
      await compact(documentName, state);
    },
  });

  return {
    extensionName: 'concord-durable-log',

    async append(documentName, update) {
      await appendToLog(documentName, update);
      unapplied.set(documentName, (unapplied.get(documentName) ?? 0) + 1);
    },

    applied(documentName) {
      const left = (unapplied.get(documentName) ?? 1) - 1;
      if (left > 0) unapplied.set(documentName, left);
      else unapplied.delete(documentName);
    },

    appendApplied: appendToLog,

    async onLoadDocument(payload) {
      await database.onLoadDocument(payload);
      loaded.set(payload.documentName, payload.document);
    },

    // The database extension encodes the whole document for every debounced store; only a long log
    // has a use for it, so a short one does not ask (a page being edited stores every few seconds).
    onStoreDocument: (payload) => (isLong(payload.documentName) ? database.onStoreDocument(payload) : Promise.resolve()),

    async beforeUnloadDocument({ documentName }) {
      const size = logSizes.get(documentName);
      if (size && size.updates > 0) await compact(documentName);
    },

    async afterUnloadDocument({ documentName }) {
      loaded.delete(documentName);
      logSizes.delete(documentName);
      unapplied.delete(documentName);
    },

    async compactAll() {
      await Promise.allSettled([...loaded.keys()].map((name) => compact(name)));
    },
  };
}
