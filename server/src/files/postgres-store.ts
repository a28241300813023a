/**
 * Files in PostgreSQL, so every instance serves every file: rows in `concord_files`, bytes in
 * `concord_file_chunks` as BYTEA chunks of CHUNK_BYTES, one `concord_file_blobs` row per hash.
 *
 * A blob and its chunks are written in the transaction that records the file, so a blob row never
 * stands for a partial one; a second upload of the same bytes finds the row (or waits on the first
 * transaction's unique key) and writes no chunk. Reading fetches one chunk per query, so neither
 * side ever holds more than a chunk of a file.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { FileRecord, FileStore } from './store.ts';
import { inTransaction } from '../storage/postgres-transaction.ts';

export interface PostgresFileStoreOptions {
  url: string;
  logger?: Logger;
  /** Where uploads are spooled before they go into the database. */
  spoolDir: string;
}

export const CHUNK_BYTES = 256 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;
/** Serializes schema creation when several instances start at once (another key than documents'). */
const SCHEMA_LOCK_KEY = 0x636f6e66;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS concord_files (
    id TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size BIGINT NOT NULL,
    hash TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS concord_file_blobs (
    hash TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    chunks INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS concord_file_chunks (
    hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (hash, seq)
  );
  -- Uploads are mostly compressed already (images, PDFs): do not try again.
  ALTER TABLE concord_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
  CREATE TABLE IF NOT EXISTS concord_file_settings (
    key TEXT PRIMARY KEY,
    value BYTEA NOT NULL
  );
`;

interface FileRow {
  id: string;
  org: string;
  name: string;
  type: string;
  size: string;
  hash: string;
  uploaded_by: string;
  created_at: string;
}

export async function createPostgresFileStore(options: PostgresFileStoreOptions): Promise<FileStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'PostgreSQL connection lost (files)'));
  let closed = false;
  try {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
      await client.query(SCHEMA);
    });
  } catch (error) {
    await pool.end();
    throw new Error(`DATABASE_URL: could not prepare the PostgreSQL schema for files: ${(error as Error).message}`, { cause: error });
  }

  async function chunk(hash: string, seq: number): Promise<Buffer> {
    const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM concord_file_chunks WHERE hash = $1 AND seq = $2', [hash, seq]);
    if (!rows[0]) throw new Error(`file chunk ${hash}/${seq} is missing`);
    return rows[0].data;
  }

  return {
    backend: 'postgres',
    spoolDir: options.spoolDir,
    async put(record, spoolPath) {
      try {
        let stored = false;
        await inTransaction(pool, async (client) => {
          const inserted = await client.query(
            'INSERT INTO concord_file_blobs (hash, size, chunks) VALUES ($1, $2, 0) ON CONFLICT (hash) DO NOTHING',
            [record.hash, record.size],
          );
          if (inserted.rowCount === 1) {
            let seq = 0;
            let bytes = 0;
            for await (const data of createReadStream(spoolPath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
              await client.query('INSERT INTO concord_file_chunks (hash, seq, data) VALUES ($1, $2, $3)', [record.hash, seq, data]);
              seq += 1;
              bytes += data.byteLength;
            }
            if (bytes !== record.size) throw new Error(`the spooled file has ${bytes} bytes, expected ${record.size}`);
            await client.query('UPDATE concord_file_blobs SET chunks = $2 WHERE hash = $1', [record.hash, seq]);
            stored = true;
          }
          await client.query(
            'INSERT INTO concord_files (id, org, name, type, size, hash, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [record.id, record.org, record.name, record.type, record.size, record.hash, record.uploadedBy, record.createdAt],
          );
        });
        return { stored };
      } finally {
        await rm(spoolPath, { force: true });
      }
    },
    async get(id) {
      const { rows } = await pool.query<FileRow>('SELECT * FROM concord_files WHERE id = $1', [id]);
      const row = rows[0];
      return row ? fromRow(row) : null;
    },
    async read(hash) {
      const { rows } = await pool.query<{ chunks: number }>('SELECT chunks FROM concord_file_blobs WHERE hash = $1', [hash]);
      if (!rows[0]) return null;
      const count = rows[0].chunks;
      return Readable.from((async function* () {
        for (let seq = 0; seq < count; seq += 1) yield await chunk(hash, seq);
      })());
    },
    async signingKey() {
      await pool.query("INSERT INTO concord_file_settings (key, value) VALUES ('link-key', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32)]);
      const { rows } = await pool.query<{ value: Buffer }>("SELECT value FROM concord_file_settings WHERE key = 'link-key'");
      return new Uint8Array(rows[0]!.value);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function fromRow(row: FileRow): FileRecord {
  return {
    id: row.id, org: row.org, name: row.name, type: row.type, size: Number(row.size), hash: row.hash,
    uploadedBy: row.uploaded_by, createdAt: Number(row.created_at),
  };
}

