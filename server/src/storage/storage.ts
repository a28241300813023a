/**
 * The storage contract every backend passes (server/test/storage/contract.ts).
 *
 * A document is a snapshot plus an append-only log of Yjs updates. `append` resolves only once the
 * update is durable, which is what lets the server acknowledge it (docs/ARCHITECTURE.md,
 * "Durability"). `compact` folds the log into the snapshot in one transaction and must stay correct
 * when other instances append concurrently: it keeps every row it did not fold in.
 */

export interface StoredDocument {
  /** `Y.encodeStateAsUpdate` of the document at the last compaction, or null. */
  snapshot: Uint8Array | null;
  /** Updates appended since, oldest first. */
  updates: Uint8Array[];
  /** Total bytes of `updates`. */
  logBytes: number;
}

/** What `load` reads: the document, and its version as of that same read. */
export interface LoadedDocument extends StoredDocument {
  /**
   * Changes whenever what is stored for the document may have changed (every append, every
   * compaction that stores something) and never names two different contents of one document:
   * tables derived from documents remember it, so that at start they skip the documents unchanged
   * since they last read them (search/indexer.ts) instead of loading every one.
   */
  version: string;
}

/**
 * The version both backends give: the snapshot's time (strictly increasing per document, so two
 * compactions in one millisecond still differ; 0 without a snapshot) and the number of log rows.
 * Between two compactions the log only grows (only a compaction deletes rows, and it moves the
 * time in the same transaction), so its length names its content even where ids are assigned
 * before commit and a row can land below the highest id (PostgreSQL).
 */
export function documentVersion(snapshotTime: number | string, logRows: number | string): string {
  return `${snapshotTime}.${logRows}`;
}

/** One line of the audit trail: who changed what, from authenticated facts only. */
export interface AuditEntry {
  id: string;
  at: number;
  documentName: string;
  userId: string;
  userName: string;
  action: string;
  summary: string;
}

/** A chat message moved out of a channel's live array, as the JSON the channel view gives it. */
export interface ArchivedMessage {
  id: string;
  createdAt: number;
  message: unknown;
}

/** A named version: the document's full state when someone saved it. */
export interface VersionInfo {
  id: string;
  label: string;
  createdAt: number;
  createdBy: string;
}

export interface CompactOptions {
  /**
   * The caller promises that `current` already holds the snapshot and every logged update (the
   * document is loaded, nobody else appends, and every appended update has been applied). A backend
   * may then store it as is instead of folding the log again; one shared by instances must not.
   */
  currentHasEverything?: boolean;
}

/** Size of the write `ping({ write: true })` tries: more than a page, as a large paste is. */
export const PROBE_BYTES = 64 * 1024;

export interface DocumentStorage {
  readonly backend: 'sqlite' | 'postgres';
  load(documentName: string): Promise<LoadedDocument>;
  append(documentName: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces snapshot + log with one snapshot. `current` is the caller's in-memory state (may be
   * null); it is merged with what is stored, so nothing appended by anyone is lost.
   */
  compact(documentName: string, current: Uint8Array | null, options?: CompactOptions): Promise<void>;
  /** Several entries are stored together (one transaction), in the order given. */
  appendAudit(...entries: AuditEntry[]): Promise<void>;
  /** Newest first. */
  listAudit(documentName: string, limit: number): Promise<AuditEntry[]>;
  /** Idempotent per message id, so a retried move archives nothing twice. */
  archiveMessages(documentName: string, messages: readonly ArchivedMessage[]): Promise<void>;
  /** Newest first, older than the message `before` when given. */
  listArchive(documentName: string, options: { before?: string; limit: number }): Promise<ArchivedMessage[]>;
  saveVersion(documentName: string, version: VersionInfo, state: Uint8Array): Promise<void>;
  /** Newest first, without their states. */
  listVersions(documentName: string): Promise<VersionInfo[]>;
  /** The saved state, or null for an unknown version. */
  loadVersion(documentName: string, versionId: string): Promise<Uint8Array | null>;
  /** Every stored document (snapshot or log) → its version, as `load` would give it now; one read. */
  listDocumentVersions(): Promise<Map<string, string>>;
  /**
   * Resolves when the backend answers; rejects when it does not. With `write`, it also writes what
   * an append of PROBE_BYTES would and keeps nothing, so it resolves only when appends work again
   * (room on the disk, the database file in place, inserts allowed).
   */
  ping(options?: { write?: boolean }): Promise<void>;
  close(): Promise<void>;
}
