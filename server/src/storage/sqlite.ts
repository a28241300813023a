/**
 * SQLite storage (better-sqlite3, WAL). Appends are group-committed (group-commit.ts): those made in
 * the same turn of the event loop are written in one transaction, and each resolves once that
 * transaction committed, so an append that resolved is in the WAL: it survives a killed process.
 * `fsync` durability (synchronous=FULL) also makes it survive power loss, and there one flush per
 * batch instead of per append is what group commit buys. Every write, and `ping`, then checks that the database files are
 * still the ones at their paths (file-identity.ts): a write into a deleted file is refused, not
 * acknowledged.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Durability, TestCrashPoint } from '../config.ts';
import type { Logger } from '../logger.ts';
import { watchFileIdentity } from './file-identity.ts';
import { createGroupCommit } from './group-commit.ts';
import { migrateSqlite } from './sqlite-migrations.ts';
import { compactionChangesNothing, foldUpdates } from './merge.ts';
import { PROBE_BYTES, type ArchivedMessage, type AuditEntry, type DocumentStorage, type LoadedDocument, documentVersion } from './storage.ts';
import { crashForTest } from './test-crash.ts';

export interface SqliteStorageOptions {
  /** Directory of `concord.sqlite`, or `:memory:` for a throwaway database. */
  dataDir: string;
  durability: Durability;
  /**
   * Caps the database at this many pages (SQLite's `max_page_count`; never below its size at open),
   * so writes past it fail with SQLite's "database or disk is full". Tests use it to fill a database
   * for real.
   */
  maxPageCount?: number;
  /** Appends per transaction at most; 1 commits each on its own (the benchmark's "before"). */
  maxBatchAppends?: number;
  /** Test only (CONCORD_TEST_CRASH_AT, test-crash.ts). */
  testCrashAt?: TestCrashPoint;
  logger?: Logger;
}

interface Append {
  name: string;
  update: Uint8Array;
}

/** The database's file name in DATA_DIR (the backup command reads it too). */
export const SQLITE_FILE_NAME = 'concord.sqlite';

export function createSqliteStorage(options: SqliteStorageOptions): DocumentStorage {
  const file = options.dataDir === ':memory:' ? ':memory:' : join(ensureDir(options.dataDir), SQLITE_FILE_NAME);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'fsync' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // Migration 1, the first release's tables (storage/schema-version.ts; docs/DEPLOYMENT.md, Upgrades).
  migrateSqlite(db, `
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
    CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      at INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      action TEXT NOT NULL,
      summary TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_by_name ON audit (name, seq);
    CREATE TABLE IF NOT EXISTS archive (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      message TEXT NOT NULL,
      UNIQUE (name, message_id)
    );
    CREATE TABLE IF NOT EXISTS versions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      id TEXT NOT NULL,
      label TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      state BLOB NOT NULL,
      UNIQUE (name, id)
    );
  `);
  if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxPageCount))}`);
  const assertFilesInPlace = file === ':memory:' ? () => undefined : watchFileIdentity([file, `${file}-wal`].filter((path) => existsSync(path)));

  const selectSnapshot = db.prepare<[string], { state: Buffer; updated_at: number }>('SELECT state, updated_at FROM snapshots WHERE name = ?');
  const selectUpdates = db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM updates WHERE name = ? ORDER BY id');
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (name, data) VALUES (?, ?)');
  const crash = crashForTest(options.testCrashAt, options.logger);
  const insertBatch = db.transaction((batch: readonly Append[]) => {
    batch.forEach(({ name, update }, written) => {
      if (written === Math.floor(batch.length / 2)) crash?.('mid-batch', batch.map((a) => a.name), written);
      insertUpdate.run(name, update);
    });
  });
  const appends = createGroupCommit<Append>({
    async commit(batch) {
      insertBatch.immediate(batch);
      assertFilesInPlace();
      crash?.('after-commit', batch.map((a) => a.name), batch.length);
    },
    maxItems: options.maxBatchAppends,
    bytesOf: (append) => append.update.byteLength,
  });
  // The time is part of the document's version (storage.ts, documentVersion): kept strictly
  // increasing per document, so two compactions in one millisecond (or across a clock step back)
  // still give two versions.
  const upsertSnapshot = db.prepare<[string, Uint8Array, number]>(
    `INSERT INTO snapshots (name, state, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = max(excluded.updated_at, snapshots.updated_at + 1)`,
  );
  const deleteUpdatesUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE name = ? AND id <= ?');
  const insertAudit = db.prepare<[string, string, number, string, string, string, string]>(
    'INSERT INTO audit (id, name, at, user_id, user_name, action, summary) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectAudit = db.prepare<[string, number], { id: string; name: string; at: number; user_id: string; user_name: string; action: string; summary: string }>(
    'SELECT id, name, at, user_id, user_name, action, summary FROM audit WHERE name = ? ORDER BY seq DESC LIMIT ?',
  );
  const insertArchived = db.prepare<[string, string, number, string]>(
    'INSERT INTO archive (name, message_id, created_at, message) VALUES (?, ?, ?, ?) ON CONFLICT (name, message_id) DO NOTHING',
  );
  const selectArchive = db.prepare<{ name: string; before: string | null; limit: number }, { message_id: string; created_at: number; message: string }>(`
    SELECT message_id, created_at, message FROM archive
    WHERE name = @name AND (@before IS NULL OR seq < (SELECT seq FROM archive AS a WHERE a.name = @name AND a.message_id = @before))
    ORDER BY seq DESC LIMIT @limit`);
  const auditMany = db.transaction((entries: readonly AuditEntry[]) => {
    for (const e of entries) insertAudit.run(e.id, e.documentName, e.at, e.userId, e.userName, e.action, e.summary);
  });
  const archiveMany = db.transaction((name: string, messages: readonly ArchivedMessage[]) => {
    for (const m of messages) insertArchived.run(name, m.id, m.createdAt, JSON.stringify(m.message));
  });
  const insertVersion = db.prepare<[string, string, string, number, string, Uint8Array]>(
    'INSERT INTO versions (name, id, label, created_at, created_by, state) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectVersions = db.prepare<[string], { id: string; label: string; created_at: number; created_by: string }>(
    'SELECT id, label, created_at, created_by FROM versions WHERE name = ? ORDER BY seq DESC',
  );
  const selectVersionState = db.prepare<[string, string], { state: Buffer }>('SELECT state FROM versions WHERE name = ? AND id = ?');
  const selectDocumentVersions = db.prepare<[], { name: string; at: number; rows: number }>(`
    SELECT name, max(at) AS at, sum(rows) AS rows FROM (
      SELECT name, updated_at AS at, 0 AS rows FROM snapshots
      UNION ALL
      SELECT name, 0, count(*) FROM updates GROUP BY name
    ) GROUP BY name`);

  function read(name: string): LoadedDocument & { lastId: number } {
    const snapshot = selectSnapshot.get(name);
    const rows = selectUpdates.all(name);
    let logBytes = 0;
    for (const row of rows) logBytes += row.data.byteLength;
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      logBytes,
      version: documentVersion(snapshot?.updated_at ?? 0, rows.length),
      lastId: rows.length > 0 ? rows[rows.length - 1]!.id : 0,
    };
  }

  const compactTransaction = db.transaction((name: string, current: Uint8Array | null) => {
    const stored = read(name);
    const state = foldUpdates([stored.snapshot, ...stored.updates, current]);
    if (compactionChangesNothing(stored.snapshot, stored.updates.length, state)) return;
    upsertSnapshot.run(name, state, Date.now());
    deleteUpdatesUpTo.run(name, stored.lastId);
  });

  const insertProbe = db.prepare<[number]>("INSERT INTO updates (name, data) VALUES ('', zeroblob(?))");
  const deleteUpdate = db.prepare<[number | bigint]>('DELETE FROM updates WHERE id = ?');
  // Needs new pages and a commit as a large append does, and keeps nothing.
  const probeTransaction = db.transaction(() => {
    deleteUpdate.run(insertProbe.run(PROBE_BYTES).lastInsertRowid);
  });

  const selectLastId = db.prepare<[string], { id: number | null }>('SELECT MAX(id) AS id FROM updates WHERE name = ?');
  // The live state already holds everything: store it, drop the log, skip re-applying the log.
  const replaceTransaction = db.transaction((name: string, current: Uint8Array) => {
    const lastId = selectLastId.get(name)?.id ?? 0;
    if (lastId === 0 && compactionChangesNothing(selectSnapshot.get(name)?.state ?? null, 0, current)) return;
    upsertSnapshot.run(name, current, Date.now());
    deleteUpdatesUpTo.run(name, lastId);
  });

  return {
    backend: 'sqlite',
    async load(name) {
      const { snapshot, updates, logBytes, version } = read(name);
      return { snapshot, updates, logBytes, version };
    },
    append(name, update) {
      return appends.add({ name, update });
    },
    async compact(name, current, options) {
      if (current && options?.currentHasEverything) replaceTransaction.immediate(name, current);
      else compactTransaction.immediate(name, current);
      assertFilesInPlace();
    },
    async appendAudit(...entries) {
      auditMany.immediate(entries);
      assertFilesInPlace();
    },
    async listAudit(name, limit) {
      return selectAudit.all(name, limit).map((row) => ({
        id: row.id, documentName: row.name, at: row.at, userId: row.user_id, userName: row.user_name, action: row.action, summary: row.summary,
      }));
    },
    async archiveMessages(name, messages) {
      archiveMany.immediate(name, messages);
      assertFilesInPlace();
    },
    async listArchive(name, { before, limit }) {
      return selectArchive.all({ name, before: before ?? null, limit }).map((row) => ({ id: row.message_id, createdAt: row.created_at, message: JSON.parse(row.message) as unknown }));
    },
    async saveVersion(name, version, state) {
      insertVersion.run(name, version.id, version.label, version.createdAt, version.createdBy, state);
      assertFilesInPlace();
    },
    async listVersions(name) {
      return selectVersions.all(name).map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, createdBy: row.created_by }));
    },
    async loadVersion(name, id) {
      const row = selectVersionState.get(name, id);
      return row ? new Uint8Array(row.state) : null;
    },
    async listDocumentVersions() {
      return new Map(selectDocumentVersions.all().map((row) => [row.name, documentVersion(row.at, row.rows)]));
    },
    async ping(options) {
      if (options?.write) probeTransaction.immediate();
      else db.prepare('SELECT 1').get();
      assertFilesInPlace();
    },
    async close() {
      await appends.idle();
      if (db.open) db.close();
    },
  };
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
