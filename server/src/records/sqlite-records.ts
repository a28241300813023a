/**
 * The records projection in SQLite, in the documents' database file. A missing table is made anew
 * and then filled from storage by the indexer's catch-up (search/indexer.ts).
 */
import Database from 'better-sqlite3';
import type { RecordRow } from '@concord/shared';
import type { RecordsTable } from './records-store.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    doc TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    type TEXT NOT NULL,
    row TEXT NOT NULL,
    state BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS records_by_type ON records (org, type, doc);
`;

export function createSqliteRecordsTable(file: string): RecordsTable {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const upsert = db.prepare<[string, string, string, string, Uint8Array]>(
    'INSERT INTO records (doc, org, type, row, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc) DO UPDATE SET row = excluded.row, state = excluded.state',
  );
  const selectState = db.prepare<[string], { state: Buffer }>('SELECT state FROM records WHERE doc = ?');
  const selectRows = db.prepare<[string, string, string, number], { row: string }>(
    'SELECT row FROM records WHERE org = ? AND type = ? AND doc > ? ORDER BY doc LIMIT ?',
  );
  return {
    async upsert(org, type, row, state) {
      upsert.run(row.doc, org, type, JSON.stringify(row), state);
    },
    async stateOf(doc) {
      const found = selectState.get(doc);
      return found ? new Uint8Array(found.state) : null;
    },
    async list(query) {
      return selectRows.all(query.org, query.type, query.after ?? '', query.limit).map((r) => JSON.parse(r.row) as RecordRow);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
