/**
 * Acknowledged means durable (docs/PROTOCOL.md, "Sync and acknowledgement";
 * docs/ARCHITECTURE.md, "Durability").
 *
 * Hocuspocus acknowledges an update right after applying it in memory and stores documents on a
 * debounce, so a crash in that window loses edits the client was told were saved. This extension
 * appends every incoming update to the document's log in `beforeHandleMessage`, which Hocuspocus
 * awaits before it applies (and so acknowledges) the message. A failed append refuses the message:
 * the client keeps its change and resends it after reconnecting.
 *
 * Loading is snapshot + log. The log is folded into the snapshot once it passes a bound and when
 * the document unloads.
 */
import type { Document, Extension, afterHandleMessagePayload, beforeHandleMessagePayload, onChangePayload, onLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { ConcordError, isConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { isEmptyUpdate, readFrame } from '../protocol/frame.ts';
import { applyStored } from '../storage/merge.ts';
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

export function durableLog(options: DurableLogOptions): Extension & { compactAll(): Promise<void> } {
  const { storage, logger, metrics } = options;
  const compactAfterBytes = options.compactAfterBytes ?? DURABLE_LOG_DEFAULTS.compactAfterBytes;
  const compactAfterUpdates = options.compactAfterUpdates ?? DURABLE_LOG_DEFAULTS.compactAfterUpdates;
  const logSizes = new Map<string, LogSize>();
  const loaded = new Map<string, Document>();
  const compacting = new Map<string, Promise<void>>();
  // Updates appended but not yet applied, per document: while there are any, the live state does
  // not hold the whole log and compaction must fold it.
  const unapplied = new Map<string, number>();
  const appendedFrames = new WeakSet<Uint8Array>();

  async function append(documentName: string, update: Uint8Array): Promise<void> {
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

  function compact(documentName: string): Promise<void> {
    const running = compacting.get(documentName);
    if (running) return running;
    const document = loaded.get(documentName);
    const run = (async () => {
      try {
        const live = document && !document.isDestroyed ? document : undefined;
        const currentHasEverything = Boolean(live) && !options.sharedStorage && !unapplied.get(documentName);
        // Encoded and handed over in the same turn as the check above, so no append slips between.
        await storage.compact(documentName, live ? Y.encodeStateAsUpdate(live) : null, { currentHasEverything });
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

  return {
    extensionName: 'concord-durable-log',

    async onLoadDocument({ document, documentName }: onLoadDocumentPayload) {
      const stored = await storage.load(documentName);
      applyStored(document, stored);
      logSizes.set(documentName, { bytes: stored.logBytes, updates: stored.updates.length });
      loaded.set(documentName, document);
    },

    async beforeHandleMessage({ update: frame, connection, documentName }: beforeHandleMessagePayload) {
      const parsed = readFrame(frame);
      // Read-only connections never get their updates applied (Hocuspocus answers them itself).
      if (parsed.kind !== 'document-update' || connection.readOnly || isEmptyUpdate(parsed.update)) return;
      try {
        await append(documentName, parsed.update);
        appendedFrames.add(frame);
        unapplied.set(documentName, (unapplied.get(documentName) ?? 0) + 1);
      } catch (error) {
        logger.error({ err: error, documentName }, 'append failed; refusing the update');
        const refusal = isConcordError(error) ? error : new ConcordError('storage-unavailable');
        metrics.refusals.inc({ code: refusal.errorCode });
        // Closing the socket (not just this document) makes the provider reconnect with backoff and
        // resend what it holds, so the edit lands once storage is back.
        setImmediate(() => connection.webSocket.close(refusal.code, refusal.reason));
        throw refusal;
      }
    },

    async afterHandleMessage({ update: frame, documentName }: afterHandleMessagePayload) {
      if (!appendedFrames.delete(frame)) return;
      const left = (unapplied.get(documentName) ?? 1) - 1;
      if (left > 0) unapplied.set(documentName, left);
      else unapplied.delete(documentName);
    },

    // Changes that did not come from this instance's clients are logged here: the server's own
    // writes, and with per-instance storage also peers' updates arriving through Redis.
    async onChange({ update, transactionOrigin, documentName }: onChangePayload) {
      const source = (transactionOrigin as { source?: string } | null)?.source;
      if (source === 'connection' || (source === 'redis' && options.sharedStorage)) return;
      await append(documentName, update).catch((error: unknown) => {
        logger.error({ err: error, documentName }, 'append of a server-side change failed');
      });
    },

    // Hocuspocus's debounced store hook: the log already made every change durable, so only a
    // long log needs work here.
    async onStoreDocument({ documentName }) {
      const size = logSizes.get(documentName);
      if (size && (size.bytes >= compactAfterBytes || size.updates >= compactAfterUpdates)) await compact(documentName);
    },

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
