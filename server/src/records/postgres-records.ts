/**
 * The records projection in PostgreSQL, shared by every instance (each projects the documents it
 * appended, like the search index). A missing table is made anew and filled by the catch-up; so is
 * a row stored by an older server (CURRENT_ROW_KEY, records-store.ts).
 */
import pg from 'pg';
import type { FieldDefinition, RecordRow } from '@concord/shared';
import { CURRENT_ROW_KEY, type RecordsTable } from './records-store.ts';
import { inTransaction } from '../storage/postgres-transaction.ts';

/** Any constant, distinct from the storage's and the search index's: serializes creating the table. */
const SCHEMA_LOCK_KEY = 0x7265636f;

/** The database's clock, shared by every instance (their own clocks may differ). */
const CLOCK_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** A row of the current shape (records-store.ts, CURRENT_ROW_KEY). */
const CURRENT_ROW = `row ? '${CURRENT_ROW_KEY}'`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS concord_records (
    doc TEXT COLLATE "C" PRIMARY KEY,
    org TEXT NOT NULL,
    type TEXT NOT NULL,
    row JSONB NOT NULL,
    schema JSONB NOT NULL,
    state BYTEA NOT NULL,
    projected_at BIGINT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS concord_records_by_type ON concord_records (org, type, doc);
`;

export async function createPostgresRecordsTable(url: string): Promise<RecordsTable> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(SCHEMA);
  });
  return {
    async upsert(org, { row, schema }, state) {
      await pool.query(
        `INSERT INTO concord_records (doc, org, type, row, schema, state, projected_at) VALUES ($1, $2, $3, $4, $5, $6, ${CLOCK_MS})
         ON CONFLICT (doc) DO UPDATE SET row = excluded.row, schema = excluded.schema, state = excluded.state, projected_at = excluded.projected_at`,
        [row.doc, org, row.type, withoutNul(row), withoutNul(schema), state],
      );
    },
    async stateOf(doc) {
      const { rows } = await pool.query<{ state: Buffer }>(`SELECT state FROM concord_records WHERE doc = $1 AND ${CURRENT_ROW}`, [doc]);
      return rows[0] ? new Uint8Array(rows[0].state) : null;
    },
    async currentDocuments() {
      const { rows } = await pool.query<{ doc: string }>(`SELECT doc FROM concord_records WHERE ${CURRENT_ROW}`);
      return new Set(rows.map((row) => row.doc));
    },
    async list(query) {
      // Read before the rows: a row projected meanwhile is sent next time, not skipped. (A row whose
      // time was taken before this but committed after is covered by the overlap, http/records.ts.)
      const clock = await pool.query<{ now: string }>(`SELECT ${CLOCK_MS} AS now`);
      const { rows } = await pool.query<{ row: RecordRow; schema: FieldDefinition[] }>(
        'SELECT row, schema FROM concord_records WHERE org = $1 AND type = $2 AND doc > $3 AND projected_at > $4 ORDER BY doc LIMIT $5',
        [query.org, query.type, query.after ?? '', query.since ?? -1, query.limit],
      );
      return { records: rows, now: Number(clock.rows[0]!.now) };
    },
    async close() {
      await pool.end();
    },
  };
}

/** PostgreSQL text (and so JSONB) cannot hold NUL. */
const withoutNul = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v));
