/**
 * The search index in PostgreSQL, shared by every instance: one row per entry with a `tsvector`
 * under a GIN index. Words are folded in JavaScript (lowercase, accents removed; index.ts) and
 * stored as lexemes verbatim with their prefixes (postgres-lexemes.ts), so the database needs no
 * extension or text configuration and matches exactly what SQLite matches; plus a btree by
 * (org, at) that a query walks newest first one window at a time. Missing tables are made anew
 * (then every document is indexed again, search/indexer.ts); existing ones are migrated, versioned
 * on their own.
 */
import pg from 'pg';
import { migratePostgresTables } from '../storage/postgres-migrations.ts';
import { entryLexemes, tsqueryOf } from './postgres-lexemes.ts';
import type { IndexedDocument, SearchEntry, SearchHit, SearchIndex, SearchKind } from './index.ts';
import { inTransaction } from '../storage/postgres-transaction.ts';

/** Any constant, distinct from the storage's: serializes creating the search tables. */
const SCHEMA_LOCK_KEY = 0x73656172;
const TABLES = ['concord_search_entries', 'concord_search_docs'];
const VERSIONS = 'concord_search_migrations';

/** `MIGRATIONS[n]` takes the search tables from version n to n + 1 (storage/schema-version.ts). */
const MIGRATIONS = [
  // 1: the first release's tables (IF NOT EXISTS adopts those made before versions were recorded).
  `CREATE TABLE IF NOT EXISTS concord_search_entries (
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
  CREATE INDEX IF NOT EXISTS concord_search_entries_words ON concord_search_entries USING GIN (words);
  CREATE TABLE IF NOT EXISTS concord_search_docs (
    doc TEXT PRIMARY KEY,
    state BYTEA NOT NULL,
    archived_through TEXT
  );`,
  // 2: entries by time, for querying newest first one window at a time (search below).
  'CREATE INDEX IF NOT EXISTS concord_search_entries_by_time ON concord_search_entries (org, at, id)',
  // 3: entries hold prefix lexemes (postgres-lexemes.ts). Emptied, so the indexer rebuilds them from
  // storage at start, as for a missing index. GIN keeps new entries in a list every query reads
  // through until it is merged (4 MB by default, ~2.5 ms a scan): kept small.
  `TRUNCATE concord_search_entries, concord_search_docs;
   ALTER INDEX concord_search_entries_words SET (gin_pending_list_limit = 256)`,
  // 4: the storage version each document was last caught up at (SearchIndex.recordCaughtUp). Empty
  // at first: the next catch-up reads every document once, as it always did.
  'ALTER TABLE concord_search_docs ADD COLUMN IF NOT EXISTS storage_version TEXT',
];

/**
 * Entries in the first window of a query; each next window spans WINDOW_GROWTH times the time of
 * the one before. A word common enough to fill a page does so in the first window. A query reaches
 * window k + 1 only when window k held less than a page, so (for entries spread evenly in time) each
 * window reads fewer than a page times WINDOW_GROWTH matches, and a rare word needs few round trips.
 */
const FIRST_WINDOW = 4096;
const WINDOW_GROWTH = 32;
const LAYOUT_TTL_MS = 10_000;
/** Orgs whose layout is kept at once (the map is emptied past this). */
const MAX_LAYOUTS = 10_000;

interface Layout {
  first: number | null;
  width: number;
  oldest: number | null;
}

const INSERT_ENTRIES = (archived: boolean) => `
  INSERT INTO concord_search_entries (doc, org, kind, anchor, archived, title, body, at, words)
  SELECT $1, $2, $3, e.anchor, ${archived}, e.title, e.body, e.at, array_to_tsvector(string_to_array(e.words, ' '))
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

export interface PostgresSearchOptions {
  /** Entries in a query's first window (tests make it small to cross windows with a few entries). */
  firstWindow?: number;
  /** How many times longer each next window is. */
  windowGrowth?: number;
}

export async function createPostgresSearchIndex(url: string, options: PostgresSearchOptions = {}): Promise<SearchIndex> {
  const firstWindow = options.firstWindow ?? FIRST_WINDOW;
  const windowGrowth = options.windowGrowth ?? WINDOW_GROWTH;
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    const { rows } = await client.query<{ present: number }>(`SELECT count(*)::int AS present FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL`, [TABLES]);
    if (rows[0]!.present !== TABLES.length) {
      for (const table of [...TABLES, VERSIONS]) await client.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await migratePostgresTables(client, VERSIONS, 'the PostgreSQL search index', MIGRATIONS);
  });

  async function insert(client: pg.PoolClient, doc: IndexedDocument, entries: readonly SearchEntry[], archived: boolean): Promise<void> {
    if (entries.length === 0) return;
    await client.query(INSERT_ENTRIES(archived), [
      doc.name, doc.org, doc.kind,
      // PostgreSQL text cannot hold NUL.
      entries.map((e) => e.anchor), entries.map((e) => withoutNul(e.title)), entries.map((e) => withoutNul(e.body)), entries.map((e) => e.at),
      entries.map((e) => entryLexemes(`${e.title} ${e.body}`).join(' ')),
    ]);
  }

  /**
   * Where an org's windows start: the oldest time among its newest `firstWindow` entries (null when
   * it has fewer), the time they span, and its oldest entry's time (null when it has none). Kept a
   * few seconds: entries written since then fall in the first window or the last, open-ended one,
   * so a stale layout costs a larger window, never a missed entry.
   */
  const layouts = new Map<string, Layout & { until: number }>();
  async function layoutOf(org: string): Promise<Layout> {
    const kept = layouts.get(org);
    if (kept && kept.until > Date.now()) return kept;
    const { rows } = await pool.query<{ newest: string | null; first: string | null; oldest: string | null }>(
      `SELECT (SELECT max(at) FROM concord_search_entries WHERE org = $1) AS newest,
              (SELECT at FROM concord_search_entries WHERE org = $1 ORDER BY at DESC, id DESC OFFSET $2 LIMIT 1) AS first,
              (SELECT min(at) FROM concord_search_entries WHERE org = $1) AS oldest`,
      [org, firstWindow - 1],
    );
    const { newest, first, oldest } = rows[0]!;
    const layout = {
      first: first === null ? null : Number(first),
      width: first === null ? 0 : Number(newest) - Number(first) + 1,
      oldest: oldest === null ? null : Number(oldest),
    };
    // An org with no entries yet is asked again: its first ones must be found at once.
    if (layout.oldest === null) return layout;
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layouts.set(org, { ...layout, until: Date.now() + LAYOUT_TTL_MS });
    return layout;
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
    async caughtUpVersions() {
      const { rows } = await pool.query<{ doc: string; version: string }>('SELECT doc, storage_version AS version FROM concord_search_docs WHERE storage_version IS NOT NULL');
      return new Map(rows.map((row) => [row.doc, row.version]));
    },
    async recordCaughtUp(name, version) {
      await pool.query('UPDATE concord_search_docs SET storage_version = $1 WHERE doc = $2', [version, name]);
    },
    async search(query): Promise<SearchHit[]> {
      const tsquery = tsqueryOf(query.tokens);
      // Sorting every match by time costs as much as there are matches (thousands for a common
      // word). Instead: windows of the newest entries, each a bounded range of the time index, until
      // the page is full. The planner then either walks the window newest first and stops at the
      // page (common words), or intersects the word's GIN bitmap with the window's (rare ones);
      // either way only the window's matches are read.
      const hits: SearchHit[] = [];
      const { first, width: firstWidth, oldest } = await layoutOf(query.org);
      if (oldest === null) return hits;
      // Below this (at, id): the cursor, then each window's oldest time (id 0 is below every id).
      let below: [number, number] = query.after ? [query.after.at, query.after.id] : [Number.MAX_SAFE_INTEGER, 0];
      let from = first;
      let width = firstWidth;
      const next = () => {
        width *= windowGrowth;
        from = from !== null && from - width > oldest ? from - width : null;
      };
      // Windows wholly above the cursor hold nothing for this page.
      while (from !== null && from > below[0]) next();
      while (hits.length < query.limit) {
        const { rows } = await pool.query<HitRow>(
          `SELECT id, doc, kind, anchor, title, body, at FROM concord_search_entries
           WHERE words @@ $1::tsquery AND org = $2
             AND ($3::text IS NULL OR kind = $3)
             AND NOT (doc = ANY ($4::text[]))
             AND (at, id) < ($5, $6) AND ($7::bigint IS NULL OR at >= $7)
           ORDER BY at DESC, id DESC
           LIMIT $8`,
          [tsquery, query.org, query.kind ?? null, query.exclude, below[0], below[1], from, query.limit - hits.length],
        );
        for (const row of rows) hits.push({ ...row, id: Number(row.id), at: Number(row.at) });
        if (from === null) break;
        below = [from, 0];
        next();
      }
      return hits;
    },
    async close() {
      await pool.end();
    },
  };
}

const withoutNul = (text: string): string => text.replaceAll('\u0000', '');

