/**
 * Where uploaded files live (README, Files): metadata rows in the same database as the documents,
 * bytes stored once per content (the sha256 of the bytes names them), so uploading the same bytes
 * again writes nothing new. Every backend passes server/test/files/store-contract.ts.
 *
 * Bytes arrive as a spooled file (see spool.ts) already hashed and bounded, so a backend never holds
 * a whole file in memory: it moves or copies the spool in, and streams stored bytes out.
 */
import type { Readable } from 'node:stream';

export interface FileRecord {
  /** Random and unguessable; `[A-Za-z0-9_-]`. */
  id: string;
  /** The uploader's org: nobody else may read the file. */
  org: string;
  name: string;
  /** The media type served (see media-type.ts). */
  type: string;
  size: number;
  /** Lowercase hex sha256 of the bytes. */
  hash: string;
  uploadedBy: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface FileStore {
  readonly backend: 'sqlite' | 'postgres';
  /** A directory for spooled uploads, on the same file system as anything `put` moves them to. */
  readonly spoolDir: string;
  /**
   * Records `record` and stores the bytes of `spoolPath` (whose sha256 is `record.hash`) unless
   * bytes with that hash are stored already. The spooled file is gone afterwards, whatever happens.
   * `stored` is false when the bytes were there already.
   */
  put(record: FileRecord, spoolPath: string): Promise<{ stored: boolean }>;
  /** The record, or null for an unknown id. */
  get(id: string): Promise<FileRecord | null>;
  /** The stored bytes with that hash as a stream, or null when there are none. */
  read(hash: string): Promise<Readable | null>;
  /** 32 random bytes made once and shared by every instance using this store. */
  signingKey(): Promise<Uint8Array>;
  close(): Promise<void>;
}
