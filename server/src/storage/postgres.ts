/**
 * PostgreSQL storage (the `pg` driver), shared by every instance when DATABASE_URL is set.
 *
 * Appends are group-committed (group-commit.ts): those made while the previous INSERT is in flight
 * go in the next one, a single autocommitted multi-row INSERT, and each resolves once that row is
 * committed (and, with the default `synchronous_commit = on`, in the WAL on disk), so an
 * acknowledged update survives any instance dying. Several instances append to the same log at once; compaction therefore takes a
 * per-document transaction lock, folds exactly the rows it read and deletes only those ids. Ids
 * come from a sequence and are assigned before commit, so "every id up to the last one read" could
 * include a row another instance committed late: deleting by id list keeps such rows.
 */
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { createGroupCommit } from './group-commit.ts';
import { compactionChangesNothing, foldUpdates } from './merge.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { PROBE_BYTES, type DocumentStorage, type LoadedDocument, documentVersion } from './storage.ts';
import { inTransaction } from './postgres-transaction.ts';

export interface PostgresStorageOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  logger?: Logger;
  /** Pool size per instance. */
  maxConnections?: number;
  /** Appends per INSERT at most; 1 commits each on its own (the benchmark's "before"). */
  maxBatchAppends?: number;
}

interface Append {
  name: string;
  update: Uint8Array;
}

const INSERT_UPDATE = 'INSERT INTO concord_updates (name, data) VALUES ($1, $2)';
/** One statement for the whole batch; ids follow the batch's order, which is the order of the appends. */
const INSERT_UPDATES = `
  INSERT INTO concord_updates (name, data)
  SELECT a.name, a.data FROM unnest($1::TEXT[], $2::BYTEA[]) WITH ORDINALITY AS a(name, data, ord) ORDER BY a.ord
`;

const CONNECT_TIMEOUT_MS = 10_000;
/** Any constant: serializes schema creation when several instances start at once. */
const SCHEMA_LOCK_KEY = 0x636f6e63;

/** Migration 1, the first release's tables (storage/schema-version.ts; docs/DEPLOYMENT.md, Upgrades). */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS concord_snapshots (
    name TEXT PRIMARY KEY,
    state BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS concord_updates (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS concord_updates_by_name ON concord_updates (name, id);
  CREATE TABLE IF NOT EXISTS concord_audit (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    at BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS concord_audit_by_name ON concord_audit (name, seq);
  CREATE TABLE IF NOT EXISTS concord_archive (
    seq BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    message_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    message JSONB NOT NULL,
    UNIQUE (name, message_id)
  );
  CREATE TABLE IF NOT EXISTS concord_versions (
    seq BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    state BYTEA NOT NULL,
    UNIQUE (name, id)
  );
`;

/** The snapshot's time in microseconds: exact, and the same text on every instance whatever its time zone. */
const SNAPSHOT_TIME = '(extract(epoch FROM updated_at) * 1000000)::BIGINT';

/**
 * Snapshot and log in one statement, so both come from the same MVCC snapshot: a compaction
 * committing in between cannot make a row vanish from the log before it shows in the snapshot.
 */
const READ_DOCUMENT = `
  SELECT NULL::BIGINT AS id, state AS data, ${SNAPSHOT_TIME} AS at FROM concord_snapshots WHERE name = $1
  UNION ALL
  SELECT id, data, NULL FROM (SELECT id, data FROM concord_updates WHERE name = $1 ORDER BY id) AS log
`;

/** Every document's version (documentVersion) in one statement, so from one MVCC snapshot too. */
const LIST_VERSIONS = `
  SELECT name, max(at)::TEXT AS at, sum(rows)::TEXT AS rows FROM (
    SELECT name, ${SNAPSHOT_TIME} AS at, 0::BIGINT AS rows FROM concord_snapshots
    UNION ALL
    SELECT name, 0, count(*) FROM concord_updates GROUP BY name
  ) AS versions GROUP BY name
`;

interface DocumentRow {
  /** null for the snapshot row; a decimal string (int8) for log rows. */
  id: string | null;
  data: Buffer;
  /** The snapshot's SNAPSHOT_TIME (int8, as a decimal string); null for log rows. */
  at: string | null;
}

interface ReadDocument extends LoadedDocument {
  ids: string[];
}

export async function createPostgresStorage(options: PostgresStorageOptions): Promise<DocumentStorage> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client losing its connection emits here; unhandled, it would crash the process. The
  // next query gets a fresh connection (or fails, and the caller refuses the update).
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'PostgreSQL connection lost'));
  let closed = false;

  try {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
      await migratePostgres(client, SCHEMA);
    });
  } catch (error) {
    await pool.end();
    throw new Error(`DATABASE_URL: could not prepare the PostgreSQL schema: ${(error as Error).message}`, { cause: error });
  }

  async function read(queryable: pg.Pool | pg.PoolClient, name: string): Promise<ReadDocument> {
    const { rows } = await queryable.query<DocumentRow>(READ_DOCUMENT, [name]);
    let snapshot: Uint8Array | null = null;
    const updates: Uint8Array[] = [];
    const ids: string[] = [];
    let logBytes = 0;
    let snapshotTime = '0';
    for (const row of rows) {
      const data = new Uint8Array(row.data);
      if (row.id === null) {
        snapshot = data;
        snapshotTime = row.at ?? snapshotTime;
      } else {
        updates.push(data);
        ids.push(row.id);
        logBytes += data.byteLength;
      }
    }
    return { snapshot, updates, logBytes, version: documentVersion(snapshotTime, ids.length), ids };
  }

  const appends = createGroupCommit<Append>({
    async commit(batch) {
      const bytes = (update: Uint8Array) => Buffer.from(update.buffer, update.byteOffset, update.byteLength);
      // Alone, the plain INSERT: cheaper to plan than unnesting arrays of one.
      if (batch.length === 1) await pool.query(INSERT_UPDATE, [batch[0]!.name, bytes(batch[0]!.update)]);
      else await pool.query(INSERT_UPDATES, [batch.map((a) => a.name), batch.map((a) => bytes(a.update))]);
    },
    maxItems: options.maxBatchAppends,
    bytesOf: (append) => append.update.byteLength,
  });

  return {
    backend: 'postgres',
    async load(name) {
      const { snapshot, updates, logBytes, version } = await read(pool, name);
      return { snapshot, updates, logBytes, version };
    },
    append(name, update) {
      return appends.add({ name, update });
    },
    async compact(name, current) {
      await inTransaction(pool, async (client) => {
        // One compactor per document across all instances; appends take no lock and carry on.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
        const stored = await read(client, name);
        const state = foldUpdates([stored.snapshot, ...stored.updates, current]);
        if (compactionChangesNothing(stored.snapshot, stored.ids.length, state)) return;
        // The time is part of the document's version (storage.ts, documentVersion): kept strictly
        // increasing per document, whatever the clock does.
        await client.query(
          `INSERT INTO concord_snapshots (name, state, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET state = excluded.state,
             updated_at = greatest(excluded.updated_at, concord_snapshots.updated_at + interval '1 microsecond')`,
          [name, Buffer.from(state)],
        );
        if (stored.ids.length > 0) await client.query('DELETE FROM concord_updates WHERE id = ANY($1::BIGINT[])', [stored.ids]);
      });
    },
    async appendAudit(...entries) {
      if (entries.length === 0) return;
      await pool.query(
        `INSERT INTO concord_audit (id, name, at, user_id, user_name, action, summary)
         SELECT e.id, e.name, e.at, e.user_id, e.user_name, e.action, e.summary
         FROM jsonb_to_recordset($1::jsonb) AS e(ord INT, id TEXT, name TEXT, at BIGINT, user_id TEXT, user_name TEXT, action TEXT, summary TEXT)
         ORDER BY e.ord`,
        [JSON.stringify(entries.map((e, ord) => ({ ord, id: e.id, name: e.documentName, at: e.at, user_id: e.userId, user_name: e.userName, action: e.action, summary: e.summary })))],
      );
    },
    async listAudit(name, limit) {
      const { rows } = await pool.query<{ id: string; name: string; at: string; user_id: string; user_name: string; action: string; summary: string }>(
        'SELECT id, name, at, user_id, user_name, action, summary FROM concord_audit WHERE name = $1 ORDER BY seq DESC LIMIT $2',
        [name, limit],
      );
      return rows.map((row) => ({ id: row.id, documentName: row.name, at: Number(row.at), userId: row.user_id, userName: row.user_name, action: row.action, summary: row.summary }));
    },
    async archiveMessages(name, messages) {
      if (messages.length === 0) return;
      await pool.query(
        `INSERT INTO concord_archive (name, message_id, created_at, message)
         SELECT $1, m.id, m.created_at, m.message FROM jsonb_to_recordset($2::jsonb) AS m(ord INT, id TEXT, created_at BIGINT, message JSONB)
         ORDER BY m.ord ON CONFLICT (name, message_id) DO NOTHING`,
        [name, JSON.stringify(messages.map((m, ord) => ({ ord, id: m.id, created_at: m.createdAt, message: m.message })))],
      );
    },
    async listArchive(name, { before, limit }) {
      const { rows } = await pool.query<{ message_id: string; created_at: string; message: unknown }>(
        `SELECT message_id, created_at, message FROM concord_archive
         WHERE name = $1 AND ($2::TEXT IS NULL OR seq < (SELECT seq FROM concord_archive AS a WHERE a.name = $1 AND a.message_id = $2))
         ORDER BY seq DESC LIMIT $3`,
        [name, before ?? null, limit],
      );
      return rows.map((row) => ({ id: row.message_id, createdAt: Number(row.created_at), message: row.message }));
    },
    async saveVersion(name, version, state) {
      await pool.query(
        'INSERT INTO concord_versions (name, id, label, created_at, created_by, state) VALUES ($1, $2, $3, $4, $5, $6)',
        [name, version.id, version.label, version.createdAt, version.createdBy, Buffer.from(state)],
      );
    },
    async listVersions(name) {
      const { rows } = await pool.query<{ id: string; label: string; created_at: string; created_by: string }>(
        'SELECT id, label, created_at, created_by FROM concord_versions WHERE name = $1 ORDER BY seq DESC',
        [name],
      );
      return rows.map((row) => ({ id: row.id, label: row.label, createdAt: Number(row.created_at), createdBy: row.created_by }));
    },
    async loadVersion(name, id) {
      const { rows } = await pool.query<{ state: Buffer }>('SELECT state FROM concord_versions WHERE name = $1 AND id = $2', [name, id]);
      return rows[0] ? new Uint8Array(rows[0].state) : null;
    },
    async listDocumentVersions() {
      const { rows } = await pool.query<{ name: string; at: string; rows: string }>(LIST_VERSIONS);
      return new Map(rows.map((row) => [row.name, documentVersion(row.at, row.rows)]));
    },
    async ping(options) {
      if (!options?.write) {
        await pool.query('SELECT 1');
        return;
      }
      // An append rolled back: the same table, constraints and room, and nothing kept.
      await inTransaction(pool, async (client) => {
        await client.query("INSERT INTO concord_updates (name, data) VALUES ('', $1)", [Buffer.alloc(PROBE_BYTES)]);
      }, 'ROLLBACK');
    },
    async close() {
      if (closed) return;
      closed = true;
      await appends.idle();
      await pool.end();
    },
  };
}

