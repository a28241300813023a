/**
 * The search index in PostgreSQL, shared by every instance: one row per entry with a `tsvector`
 * under a GIN index. Words are folded in JavaScript (lowercase, accents removed; index.ts) and
 * handed to the `simple` configuration as plain space-separated tokens, so the database needs no
 * extension and matches exactly what SQLite matches. Missing tables are made anew (then every
 * document is indexed again, search/indexer.ts).
 */
import pg from 'pg';
import { tokenize, type IndexedDocument, type SearchEntry, type SearchHit, type SearchIndex, type SearchKind } from './index.ts';

/** Any constant, distinct from the storage's: serializes creating the search tables. */
const SCHEMA_LOCK_KEY = 0x73656172;
const TABLES = ['concord_search_entries', 'concord_search_docs'];

const SCHEMA = `
  CREATE TABLE concord_search_entries (
    id BIGSERIAL PRIMARY KEY,
    doc TEXT NOT NULL,
    org TEXT NOT NULL,
    kind TEXT NOT NULL,
    anchor TEXT NOT NULL,
    archived BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL,
    words TSVECTOR NOT NULL,
    UNIQUE (doc, anchor)
  );
  CREATE INDEX concord_search_entries_words ON concord_search_entries USING GIN (words);
  CREATE TABLE concord_search_docs (
    doc TEXT PRIMARY KEY,
    state BYTEA NOT NULL,
    archived_through TEXT
  );
`;

const INSERT_ENTRIES = (archived: boolean) => `
  INSERT INTO concord_search_entries (doc, org, kind, anchor, archived, title, body, at, words)
  SELECT $1, $2, $3, e.anchor, ${archived}, e.title, e.body, e.at, to_tsvector('simple', e.words)
  FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[]) AS e (anchor, title, body, at, words)
  ON CONFLICT (doc, anchor) DO ${archived ? 'UPDATE SET archived = true' : 'NOTHING'}`;

interface HitRow {
  id: string;
  doc: string;
  kind: SearchKind;
  anchor: string;
  title: string;
  body: string;
  at: string;
}

export async function createPostgresSearchIndex(url: string): Promise<SearchIndex> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    const { rows } = await client.query<{ present: number }>(`SELECT count(*)::int AS present FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL`, [TABLES]);
    if (rows[0]!.present === TABLES.length) return;
    for (const table of TABLES) await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(SCHEMA);
  });

  async function insert(client: pg.PoolClient, doc: IndexedDocument, entries: readonly SearchEntry[], archived: boolean): Promise<void> {
    if (entries.length === 0) return;
    await client.query(INSERT_ENTRIES(archived), [
      doc.name, doc.org, doc.kind,
      // PostgreSQL text cannot hold NUL.
      entries.map((e) => e.anchor), entries.map((e) => withoutNul(e.title)), entries.map((e) => withoutNul(e.body)), entries.map((e) => e.at),
      entries.map((e) => tokenize(`${e.title} ${e.body}`).join(' ')),
    ]);
  }

  return {
    async replaceDocument(doc, entries, state) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM concord_search_entries WHERE doc = $1 AND NOT archived', [doc.name]);
        await insert(client, doc, entries, false);
        await client.query('INSERT INTO concord_search_docs (doc, state) VALUES ($1, $2) ON CONFLICT (doc) DO UPDATE SET state = excluded.state', [doc.name, state]);
      });
    },
    async changeDocument(doc, changed, removed, state) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM concord_search_entries WHERE doc = $1 AND NOT archived AND anchor = ANY ($2::text[])', [doc.name, [...removed, ...changed.map((e) => e.anchor)]]);
        await insert(client, doc, changed, false);
        await client.query('INSERT INTO concord_search_docs (doc, state) VALUES ($1, $2) ON CONFLICT (doc) DO UPDATE SET state = excluded.state', [doc.name, state]);
      });
    },
    async addArchived(doc, entries, through) {
      await inTransaction(pool, async (client) => {
        await insert(client, doc, entries, true);
        await client.query(
          `INSERT INTO concord_search_docs (doc, state, archived_through) VALUES ($1, '', $2) ON CONFLICT (doc) DO UPDATE SET archived_through = excluded.archived_through`,
          [doc.name, through],
        );
      });
    },
    async indexedState(name) {
      const { rows } = await pool.query<{ state: Buffer; archived_through: string | null }>('SELECT state, archived_through FROM concord_search_docs WHERE doc = $1', [name]);
      const row = rows[0];
      return row ? { state: new Uint8Array(row.state), archivedThrough: row.archived_through } : null;
    },
    async search(query): Promise<SearchHit[]> {
      // Tokens are letters and digits only; quoted, and the last one a prefix (README "Search").
      const tsquery = query.tokens.map((t, i) => `'${t}'${i === query.tokens.length - 1 ? ':*' : ''}`).join(' & ');
      const { rows } = await pool.query<HitRow>(
        `SELECT id, doc, kind, anchor, title, body, at FROM concord_search_entries
         WHERE words @@ to_tsquery('simple', $1) AND org = $2
           AND ($3::text IS NULL OR kind = $3)
           AND NOT (doc = ANY ($4::text[]))
           AND ($5::bigint IS NULL OR (at, id) < ($5, $6))
         ORDER BY at DESC, id DESC
         LIMIT $7`,
        [tsquery, query.org, query.kind ?? null, query.exclude, query.after?.at ?? null, query.after?.id ?? 0, query.limit],
      );
      return rows.map((row) => ({ ...row, id: Number(row.id), at: Number(row.at) }));
    },
    async close() {
      await pool.end();
    },
  };
}

const withoutNul = (text: string): string => text.replaceAll('\u0000', '');

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
