import * as Y from 'yjs';
import { mergeUpdatesInGroups } from '../protocol/merge-updates.ts';
import type { StoredDocument } from './storage.ts';

/**
 * One snapshot from a stored snapshot, its log and an optional in-memory state. Applying to a
 * fresh document (rather than `Y.mergeUpdates`) lets garbage collection drop deleted content.
 */
export function foldUpdates(parts: Array<Uint8Array | null>): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const part of parts) if (part && part.byteLength > 0) Y.applyUpdate(doc, part);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Whether a compaction would store exactly what is stored: no log rows to fold and the new state the
 * snapshot's very bytes (Yjs encodes one content the same way each time). Such a compaction writes
 * nothing, so the document keeps its version (storage.ts, documentVersion): a document only opened
 * while the server ran, compacted at shutdown, is not read again by the next start's catch-up.
 */
export function compactionChangesNothing(snapshot: Uint8Array | null, logRows: number, state: Uint8Array): boolean {
  return logRows === 0 && snapshot !== null && Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength).equals(state);
}

/** Applies a stored document (snapshot, then its log) to `doc` in one transaction. */
export function applyStored(doc: Y.Doc, stored: StoredDocument, origin?: unknown): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  }, origin);
}

/**
 * A stored document as one update: the snapshot alone when the log is empty (as after every
 * unload), else snapshot and log merged without applying them — in groups, since a log of
 * thousands of updates merged at once costs Yjs time quadratic in their number.
 */
export function storedState(stored: StoredDocument): Uint8Array | null {
  if (stored.updates.length === 0) return stored.snapshot;
  return mergeUpdatesInGroups(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
}
