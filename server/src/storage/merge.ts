import * as Y from 'yjs';

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
