/**
 * The records projection in SQLite, in the documents' database file. A missing table is made anew
 * and then filled from storage by the indexer's catch-up (search/indexer.ts); so is a row stored by
 * an older server (CURRENT_ROW_KEY, records-store.ts).
 */
import Database from 'better-sqlite3';
import type { FieldDefinition, RecordRow } from '@concord/shared';
import { CURRENT_ROW_KEY, type RecordsTable } from './records-store.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    doc TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    type TEXT NOT NULL,
    row TEXT NOT NULL,
    schema TEXT NOT NULL,
    state BLOB NOT NULL,
    projected_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS records_by_type ON records (org, type, doc);
`;

export function createSqliteRecordsTable(file: string): RecordsTable {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const upsert = db.prepare<[string, string, string, string, string, Uint8Array, number]>(
    `INSERT INTO records (doc, org, type, row, schema, state, projected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET row = excluded.row, schema = excluded.schema, state = excluded.state, projected_at = excluded.projected_at`,
  );
  const current = `json_type(row, '$.${CURRENT_ROW_KEY}') IS NOT NULL`;
  const selectState = db.prepare<[string], { state: Buffer }>(`SELECT state FROM records WHERE doc = ? AND ${current}`);
  const selectCurrent = db.prepare<[], { doc: string }>(`SELECT doc FROM records WHERE ${current}`);
  const selectRows = db.prepare<[string, string, string, number, number], { row: string; schema: string }>(
    'SELECT row, schema FROM records WHERE org = ? AND type = ? AND doc > ? AND projected_at > ? ORDER BY doc LIMIT ?',
  );
  return {
    async upsert(org, { row, schema }, state) {
      upsert.run(row.doc, org, row.type, JSON.stringify(row), JSON.stringify(schema), state, Date.now());
    },
    async stateOf(doc) {
      const found = selectState.get(doc);
      return found ? new Uint8Array(found.state) : null;
    },
    async currentDocuments() {
      return new Set(selectCurrent.all().map((row) => row.doc));
    },
    async list(query) {
      // One process writes this file, synchronously: nothing lands between reading the clock and the rows.
      const now = Date.now();
      const rows = selectRows.all(query.org, query.type, query.after ?? '', query.since ?? -1, query.limit);
      return { now, records: rows.map((r) => ({ row: JSON.parse(r.row) as RecordRow, schema: JSON.parse(r.schema) as FieldDefinition[] })) };
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
