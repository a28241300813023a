/**
 * SQLite storage (better-sqlite3, WAL). Appends are synchronous statements, so an append that
 * returned is in the WAL: it survives a killed process. `fsync` durability (synchronous=FULL) also
 * makes it survive power loss.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Durability } from '../config.ts';
import { foldUpdates } from './merge.ts';
import type { DocumentStorage, StoredDocument } from './storage.ts';

export interface SqliteStorageOptions {
  /** Directory of `concord.sqlite`, or `:memory:` for a throwaway database. */
  dataDir: string;
  durability: Durability;
}

export function createSqliteStorage(options: SqliteStorageOptions): DocumentStorage {
  const file = options.dataDir === ':memory:' ? ':memory:' : join(ensureDir(options.dataDir), 'concord.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'fsync' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS snapshots (
      name TEXT PRIMARY KEY,
      state BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS updates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
  `);

  const selectSnapshot = db.prepare<[string], { state: Buffer }>('SELECT state FROM snapshots WHERE name = ?');
  const selectUpdates = db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM updates WHERE name = ? ORDER BY id');
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (name, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare<[string, Uint8Array, number]>(
    'INSERT INTO snapshots (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
  );
  const deleteUpdatesUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE name = ? AND id <= ?');
  const selectNames = db.prepare<[], { name: string }>('SELECT name FROM snapshots UNION SELECT DISTINCT name FROM updates');

  function read(name: string): StoredDocument & { lastId: number } {
    const snapshot = selectSnapshot.get(name);
    const rows = selectUpdates.all(name);
    let logBytes = 0;
    for (const row of rows) logBytes += row.data.byteLength;
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      logBytes,
      lastId: rows.length > 0 ? rows[rows.length - 1]!.id : 0,
    };
  }

  const compactTransaction = db.transaction((name: string, current: Uint8Array | null) => {
    const stored = read(name);
    const state = foldUpdates([stored.snapshot, ...stored.updates, current]);
    upsertSnapshot.run(name, state, Date.now());
    deleteUpdatesUpTo.run(name, stored.lastId);
  });

  return {
    backend: 'sqlite',
    async load(name) {
      const { snapshot, updates, logBytes } = read(name);
      return { snapshot, updates, logBytes };
    },
    async append(name, update) {
      insertUpdate.run(name, update);
    },
    async compact(name, current) {
      compactTransaction.immediate(name, current);
    },
    async listDocuments() {
      return selectNames.all().map((row) => row.name);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
