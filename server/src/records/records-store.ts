/**
 * The records projection (docs/ARCHITECTURE.md, "Records"): one row per form document, kept by the
 * search indexer from acknowledged updates (search/projection.ts) and read by `GET /api/records`.
 * Opening 2,000 deals to list them would load 2,000 documents; the list reads this table instead.
 */
import { readRecord, type RecordRead } from '@concord/shared';
import type { DocumentProjection } from '../search/projection.ts';

export interface RecordsQuery {
  org: string;
  type: string;
  limit: number;
  /** Rows after this document name (the last one of the previous page). */
  after?: string;
  /** Only rows projected after this time (ms, the store's clock). */
  since?: number;
}

export interface RecordsListing {
  records: RecordRead[];
  /** The store's clock when it was read: rows projected later are not in `records`. */
  now: number;
}

/**
 * A key every row stored by this server has and rows of older servers lack (`heads`, the ids a
 * write made from the list supersedes): a row without it counts as never projected, so the
 * indexer's catch-up at start projects its document again and an existing table upgrades in place.
 * The next key a row gains replaces this one.
 */
export const CURRENT_ROW_KEY = 'heads' satisfies keyof RecordRead['row'];

/** What a backend stores: the row and the schema as JSON, found by org, type and document name. */
export interface RecordsTable {
  upsert(org: string, record: RecordRead, state: Uint8Array): Promise<void>;
  /** The state its row was projected at; null when it has none, or one of an older shape (CURRENT_ROW_KEY). */
  stateOf(doc: string): Promise<Uint8Array | null>;
  /** Every document whose row stateOf would give a state for. */
  currentDocuments(): Promise<ReadonlySet<string>>;
  /** Rows ordered by document name. */
  list(query: RecordsQuery): Promise<RecordsListing>;
  close(): Promise<void>;
}

export function recordsProjection(table: RecordsTable): DocumentProjection {
  return {
    accepts: (doc) => doc.kind === 'form',
    projectedState: (name) => table.stateOf(name),
    projectedDocuments: () => table.currentDocuments(),
    project(doc, ydoc, state) {
      const record = readRecord(doc.name, ydoc);
      return async () => {
        if (record) await table.upsert(doc.org, record, state);
      };
    },
  };
}
