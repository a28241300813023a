/**
 * A table derived from documents that the indexer keeps beside the search index (indexer.ts): the
 * same dirty marking off the acknowledgement path, the same catch-up from storage at start. Each
 * projection remembers the state vector it last projected a document at, so a missing or stale
 * table rebuilds itself from storage like the index does.
 */
import type * as Y from 'yjs';
import type { IndexedDocument } from './index.ts';

export interface DocumentProjection {
  /** Whether documents of this kind feed the projection. */
  accepts(doc: IndexedDocument): boolean;
  /** `Y.encodeStateVector` of the document when it was last projected; null if never. */
  projectedState(name: string): Promise<Uint8Array | null>;
  /**
   * Documents whose rows it can vouch for (projectedState not null), in one read. The catch-up at
   * start skips a document only if the projection has it: a dropped table, or rows of an older
   * shape, are projected again although the document did not change.
   */
  projectedDocuments(): Promise<ReadonlySet<string>>;
  /**
   * Reads what it needs from `ydoc` now (synchronously: the document may be a live one) and returns
   * the write to run afterwards.
   */
  project(doc: IndexedDocument, ydoc: Y.Doc, state: Uint8Array): () => Promise<void>;
}
