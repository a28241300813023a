/**
 * The search index in SQLite: FTS5 (unicode61, diacritics removed) in the same database file as
 * the documents, over an ordinary table of entries (external content), plus the state each
 * document was indexed at. If any of its tables is missing, all are made anew and every document
 * is indexed again (search/indexer.ts).
 */
import Database from 'better-sqlite3';
import type { IndexedDocument, SearchEntry, SearchHit, SearchIndex, SearchKind } from './index.ts';

const TABLES = ['search_entries', 'search_fts', 'search_docs'];
/** Entries per millisecond before ids spill into the next one; with MAX_AT, ids stay below 2^53. */
const IDS_PER_MS = 2048;
const MAX_AT = 2 ** 42 - 1;

const SCHEMA = `
  CREATE TABLE search_entries (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    org TEXT NOT NULL,
    kind TEXT NOT NULL,
    anchor TEXT NOT NULL,
    archived INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE (doc, anchor)
  );
  CREATE INDEX search_entries_by_org ON search_entries (org, at);
  CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6');
  CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  END;
  CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  END;
  CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
  END;
  CREATE TABLE search_docs (
    doc TEXT PRIMARY KEY,
    state BLOB NOT NULL,
    archived_through TEXT
  );
`;
/**
 * Added after the first release: an index made before gains the column empty, so the catch-up at
 * start reads every document once (as it always did) and skips only those it recorded since.
 */
const CAUGHT_UP_COLUMN = 'storage_version';

/** `file` is the documents' database (storage/sqlite.ts), or ':memory:'. */
export function createSqliteSearchIndex(file: string): SearchIndex {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const present = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`).all();
  if (present.length !== TABLES.length) {
    db.transaction(() => {
      for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(SCHEMA);
    }).immediate();
  }
  if (!db.prepare<[string, string], { name: string }>('SELECT name FROM pragma_table_info(?) WHERE name = ?').get('search_docs', CAUGHT_UP_COLUMN)) {
    db.exec(`ALTER TABLE search_docs ADD COLUMN ${CAUGHT_UP_COLUMN} TEXT`);
  }

  // Ids follow time (the entry's `at` in the high bits), so FTS5 hands matches over newest first and
  // a query stops after `limit` of them instead of sorting every match.
  const selectLastIdFrom = db.prepare<[number, number], { id: number | null }>('SELECT max(id) AS id FROM search_entries WHERE id >= ? AND id < ?');
  const selectIdTaken = db.prepare<[number], { id: number }>('SELECT id FROM search_entries WHERE id = ?');
  function idAt(at: number): number {
    const base = Math.min(MAX_AT, Math.max(0, Math.floor(at))) * IDS_PER_MS;
    let id = (selectLastIdFrom.get(base, base + IDS_PER_MS)?.id ?? base - 1) + 1;
    while (selectIdTaken.get(id)) id += 1;
    return id;
  }
  const deleteLive = db.prepare<[string]>('DELETE FROM search_entries WHERE doc = ? AND archived = 0');
  const deleteLiveAnchor = db.prepare<[string, string]>('DELETE FROM search_entries WHERE doc = ? AND anchor = ? AND archived = 0');
  const insertLive = db.prepare<[number, string, string, string, string, string, string, number]>(
    'INSERT INTO search_entries (id, doc, org, kind, anchor, archived, title, body, at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (doc, anchor) DO NOTHING',
  );
  const insertArchived = db.prepare<[number, string, string, string, string, string, string, number]>(
    `INSERT INTO search_entries (id, doc, org, kind, anchor, archived, title, body, at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
     ON CONFLICT (doc, anchor) DO UPDATE SET archived = 1`,
  );
  const upsertDoc = db.prepare<[string, Uint8Array]>('INSERT INTO search_docs (doc, state) VALUES (?, ?) ON CONFLICT (doc) DO UPDATE SET state = excluded.state');
  const setArchivedThrough = db.prepare<[string, string]>(
    'INSERT INTO search_docs (doc, state, archived_through) VALUES (?, x\'\', ?) ON CONFLICT (doc) DO UPDATE SET archived_through = excluded.archived_through',
  );
  const selectCaughtUp = db.prepare<[], { doc: string; version: string }>(`SELECT doc, ${CAUGHT_UP_COLUMN} AS version FROM search_docs WHERE ${CAUGHT_UP_COLUMN} IS NOT NULL`);
  const updateCaughtUp = db.prepare<[string, string]>(`UPDATE search_docs SET ${CAUGHT_UP_COLUMN} = ? WHERE doc = ?`);
  const selectDoc = db.prepare<[string], { state: Buffer; archived_through: string | null }>('SELECT state, archived_through FROM search_docs WHERE doc = ?');
  const selectHits = db.prepare<
    { match: string; org: string; kind: string | null; exclude: string; afterId: number | null; limit: number },
    { id: number; doc: string; kind: SearchKind; anchor: string; title: string; body: string; at: number }
  >(`
    SELECT e.id, e.doc, e.kind, e.anchor, e.title, e.body, e.at
    FROM search_fts JOIN search_entries AS e ON e.id = search_fts.rowid
    WHERE search_fts MATCH @match AND e.org = @org
      AND (@kind IS NULL OR e.kind = @kind)
      AND e.doc NOT IN (SELECT value FROM json_each(@exclude))
      AND (@afterId IS NULL OR search_fts.rowid < @afterId)
    ORDER BY search_fts.rowid DESC
    LIMIT @limit`);

  const replace = db.transaction((doc: IndexedDocument, entries: readonly SearchEntry[], state: Uint8Array) => {
    deleteLive.run(doc.name);
    for (const e of entries) insertLive.run(idAt(e.at), doc.name, doc.org, doc.kind, e.anchor, e.title, e.body, e.at);
    upsertDoc.run(doc.name, state);
  });
  const change = db.transaction((doc: IndexedDocument, changed: readonly SearchEntry[], removed: readonly string[], state: Uint8Array) => {
    for (const anchor of removed) deleteLiveAnchor.run(doc.name, anchor);
    for (const e of changed) {
      deleteLiveAnchor.run(doc.name, e.anchor);
      insertLive.run(idAt(e.at), doc.name, doc.org, doc.kind, e.anchor, e.title, e.body, e.at);
    }
    upsertDoc.run(doc.name, state);
  });
  const archive = db.transaction((doc: IndexedDocument, entries: readonly SearchEntry[], through: string) => {
    for (const e of entries) insertArchived.run(idAt(e.at), doc.name, doc.org, doc.kind, e.anchor, e.title, e.body, e.at);
    setArchivedThrough.run(doc.name, through);
  });

  return {
    async replaceDocument(doc, entries, state) {
      replace.immediate(doc, entries, state);
    },
    async changeDocument(doc, changed, removed, state) {
      change.immediate(doc, changed, removed, state);
    },
    async addArchived(doc, entries, through) {
      archive.immediate(doc, entries, through);
    },
    async indexedState(name) {
      const row = selectDoc.get(name);
      return row ? { state: new Uint8Array(row.state), archivedThrough: row.archived_through } : null;
    },
    async caughtUpVersions() {
      return new Map(selectCaughtUp.all().map((row) => [row.doc, row.version]));
    },
    async recordCaughtUp(name, version) {
      updateCaughtUp.run(version, name);
    },
    async search(query): Promise<SearchHit[]> {
      // Tokens are letters and digits only; quoted, and the last one a prefix (README "Search").
      const match = query.tokens.map((t, i) => `"${t}"${i === query.tokens.length - 1 ? '*' : ''}`).join(' ');
      return selectHits.all({
        match,
        org: query.org,
        kind: query.kind ?? null,
        exclude: JSON.stringify(query.exclude),
        afterId: query.after?.id ?? null,
        limit: query.limit,
      });
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
