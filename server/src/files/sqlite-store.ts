/**
 * Files on one machine: rows in `concord.sqlite` (a table of its own beside the documents'), bytes
 * under `DATA_DIR/files/sha256/<first two hex digits>/<hash>`. A spooled upload is renamed into place
 * (atomic: a blob file is always complete), or dropped when that hash is stored already.
 */
import { randomBytes } from 'node:crypto';
import { constants, mkdirSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { FileRecord, FileStore } from './store.ts';

export interface SqliteFileStoreOptions {
  dataDir: string;
}

interface FileRow {
  id: string;
  org: string;
  name: string;
  type: string;
  size: number;
  hash: string;
  uploaded_by: string;
  created_at: number;
}

export function createSqliteFileStore(options: SqliteFileStoreOptions): FileStore {
  const root = join(options.dataDir, 'files');
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, 'concord.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS files (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      size INTEGER NOT NULL,
      hash TEXT NOT NULL,
      uploaded_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS file_settings (
      key TEXT PRIMARY KEY,
      value BLOB NOT NULL
    );
  `);
  const insertFile = db.prepare<FileRow>(
    'INSERT INTO files (id, org, name, type, size, hash, uploaded_by, created_at) VALUES (@id, @org, @name, @type, @size, @hash, @uploaded_by, @created_at)',
  );
  const selectFile = db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?');
  const insertKey = db.prepare<[Buffer]>("INSERT INTO file_settings (key, value) VALUES ('link-key', ?) ON CONFLICT (key) DO NOTHING");
  const selectKey = db.prepare<[], { value: Buffer }>("SELECT value FROM file_settings WHERE key = 'link-key'");

  const blobPath = (hash: string) => join(root, 'sha256', hash.slice(0, 2), hash);

  return {
    backend: 'sqlite',
    spoolDir: join(root, 'tmp'),
    async put(record, spoolPath) {
      let stored = false;
      try {
        const target = blobPath(record.hash);
        if (!(await exists(target))) {
          await mkdir(dirname(target), { recursive: true });
          // Two uploads of the same bytes may both get here; either rename leaves the same content.
          await rename(spoolPath, target);
          await syncDirectory(dirname(target));
          stored = true;
        }
        insertFile.run(toRow(record));
      } finally {
        await rm(spoolPath, { force: true });
      }
      return { stored };
    },
    async get(id) {
      const row = selectFile.get(id);
      return row ? fromRow(row) : null;
    },
    async read(hash) {
      const handle = await open(blobPath(hash), constants.O_RDONLY).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return handle ? handle.createReadStream() : null;
    },
    async signingKey() {
      insertKey.run(randomBytes(32));
      return new Uint8Array(selectKey.get()!.value);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

async function exists(path: string): Promise<boolean> {
  const handle = await open(path, constants.O_RDONLY).catch(() => null);
  await handle?.close();
  return handle !== null;
}

/** A rename is durable once its directory is flushed. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function toRow(record: FileRecord): FileRow {
  return {
    id: record.id, org: record.org, name: record.name, type: record.type, size: record.size, hash: record.hash,
    uploaded_by: record.uploadedBy, created_at: record.createdAt,
  };
}

function fromRow(row: FileRow): FileRecord {
  return {
    id: row.id, org: row.org, name: row.name, type: row.type, size: row.size, hash: row.hash,
    uploadedBy: row.uploaded_by, createdAt: row.created_at,
  };
}
