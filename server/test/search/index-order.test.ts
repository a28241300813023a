/**
 * The index's order and paging, straight against each backend: newest first across PostgreSQL's
 * query windows (three entries, each next twice as long, so a few dozen entries cross many), equal
 * times at a window's edge, a page ending mid-window, filters applied inside every window, and an
 * existing PostgreSQL index upgraded in place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchCursor, SearchEntry, SearchHit, SearchIndex, SearchQuery } from '../../src/search/index.ts';
import { createPostgresSearchIndex } from '../../src/search/postgres-index.ts';
import { createSqliteSearchIndex } from '../../src/search/sqlite-index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** Entries of one channel: `alpha` in all, `rare` in every ninth; times spread unevenly, some equal. */
function channelEntries(channel: number): SearchEntry[] {
  return Array.from({ length: 40 }, (_, i) => ({
    anchor: `m${channel}.${i}`,
    title: '',
    body: `alpha ${i % 9 === 0 ? 'rare' : 'common'} words ${i % 2 === 0 ? 'even' : 'odd'}`,
    // Three channels interleave; every fifth message shares its time with the next channel's.
    at: T0 + i * (i < 20 ? 1_000 : HOUR) + (i % 5 === 0 ? 0 : channel),
  }));
}

const CHANNELS = [0, 1, 2].map((c) => ({ doc: { name: `acme:channel:c${c}`, org: 'acme', kind: 'channel' as const }, entries: channelEntries(c) }));
const NOTES = { doc: { name: 'acme:notes:n', org: 'acme', kind: 'notes' as const }, entries: [{ anchor: '', title: 'Alpha plan', body: 'alpha rare page', at: T0 + 25 * HOUR }] };
const OTHER_ORG = { doc: { name: 'globex:channel:c0', org: 'globex', kind: 'channel' as const }, entries: channelEntries(0) };

interface Expected {
  doc: string;
  anchor: string;
  at: number;
}

/** What a query must return, in order: matches newest first (equal times in any order both backends keep). */
function expected(match: (body: string) => boolean, keep: (doc: string, kind: string) => boolean = () => true): Expected[] {
  return [...CHANNELS, NOTES]
    .flatMap(({ doc, entries }) => entries.filter((e) => keep(doc.name, doc.kind) && match(`${e.title} ${e.body}`.toLowerCase())).map((e) => ({ doc: doc.name, anchor: e.anchor, at: e.at })))
    .sort((a, b) => b.at - a.at);
}

const shape = (hits: readonly SearchHit[]): Expected[] => hits.map((h) => ({ doc: h.doc, anchor: h.anchor, at: h.at }));
/** Equal times may come in either order; compare sorted within each time. */
const canonical = (list: readonly Expected[]): Expected[] => [...list].sort((a, b) => b.at - a.at || a.doc.localeCompare(b.doc) || a.anchor.localeCompare(b.anchor));

async function allPages(index: SearchIndex, query: Omit<SearchQuery, 'limit' | 'after'>, limit: number): Promise<{ hits: SearchHit[]; pages: number }> {
  const hits: SearchHit[] = [];
  let after: SearchCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = await index.search({ ...query, limit: limit + 1, ...(after ? { after } : {}) });
    pages += 1;
    hits.push(...page.slice(0, limit));
    if (page.length <= limit) return { hits, pages };
    const last = page[limit - 1]!;
    after = { at: last.at, id: last.id };
  }
}

function describeOrder(backend: string, open: () => Promise<{ index: SearchIndex; close(): Promise<void> }>): void {
  describe(`search index order (${backend})`, () => {
    let target: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      target = await open();
      for (const { doc, entries } of [...CHANNELS, OTHER_ORG]) {
        await target.index.addArchived(doc, entries.slice(0, 20), entries[19]!.anchor);
        await target.index.replaceDocument(doc, entries.slice(20), new Uint8Array([1]));
      }
      await target.index.replaceDocument(NOTES.doc, NOTES.entries, new Uint8Array([1]));
    });
    afterAll(() => target.close());
    const base = { org: 'acme', exclude: [] as string[] };

    it('returns the newest page first, for a common word and for a rare one spread over time', async () => {
      const common = await target.index.search({ ...base, tokens: ['alpha'], limit: 7 });
      expect(canonical(shape(common))).toEqual(canonical(expected((b) => b.includes('alpha')).slice(0, 7)));
      const rare = await target.index.search({ ...base, tokens: ['rare'], limit: 50 });
      expect(shape(rare).map((h) => h.at)).toEqual(expected((b) => b.includes('rare')).map((e) => e.at));
      expect(canonical(shape(rare))).toEqual(canonical(expected((b) => b.includes('rare'))));
    });

    it('pages through every match once, newest first, with pages ending inside windows and at equal times', async () => {
      for (const limit of [1, 4, 7]) {
        const { hits, pages } = await allPages(target.index, { ...base, tokens: ['alpha'] }, limit);
        const all = expected((b) => b.includes('alpha'));
        expect(hits.map((h) => h.at), `limit ${limit}`).toEqual(all.map((e) => e.at));
        expect(canonical(shape(hits)), `limit ${limit}`).toEqual(canonical(all));
        expect(pages).toBe(Math.ceil(all.length / limit));
      }
    });

    it('matches the prefix of the last word and every other word whole, in every window', async () => {
      const hits = await target.index.search({ ...base, tokens: ['alpha', 'ev'], limit: 100 });
      expect(canonical(shape(hits))).toEqual(canonical(expected((b) => b.includes('alpha') && / ev/.test(b))));
      expect(await target.index.search({ ...base, tokens: ['ev', 'alpha'], limit: 100 })).toEqual([]);
      expect(await target.index.search({ ...base, tokens: ['nowhere'], limit: 100 })).toEqual([]);
    });

    it('finds entries written after a search, newer and older than all before, in their place', async () => {
      // An org of its own, searched once (so its windows are laid out), then written to at both ends.
      const doc = { name: 'initech:channel:late', org: 'initech', kind: 'channel' as const };
      const middle = Array.from({ length: 10 }, (_, i) => ({ anchor: `mid${i}`, title: '', body: 'latecomer', at: T0 + i * HOUR }));
      await target.index.replaceDocument(doc, middle, new Uint8Array([1]));
      const query = { org: 'initech', exclude: [], tokens: ['latecomer'] };
      expect(await target.index.search({ ...query, limit: 2 })).toHaveLength(2);
      await target.index.addArchived(doc, [{ anchor: 'old', title: '', body: 'latecomer', at: T0 - 100 * HOUR }], 'old');
      await target.index.replaceDocument(doc, [...middle, { anchor: 'new', title: '', body: 'latecomer', at: T0 + 100 * HOUR }], new Uint8Array([2]));
      const order = ['new', ...middle.map((e) => e.anchor).reverse(), 'old'];
      expect((await target.index.search({ ...query, limit: 20 })).map((h) => h.anchor)).toEqual(order);
      expect((await allPages(target.index, query, 2)).hits.map((h) => h.anchor)).toEqual(order);
    });

    it('leaves out excluded documents, other kinds and other orgs inside every window, still filling the page', async () => {
      const hits = await allPages(target.index, { ...base, tokens: ['alpha'], kind: 'channel', exclude: ['acme:channel:c1'] }, 6);
      const keep = (doc: string, kind: string) => kind === 'channel' && doc !== 'acme:channel:c1';
      expect(canonical(shape(hits.hits))).toEqual(canonical(expected((b) => b.includes('alpha'), keep)));
      const page = await target.index.search({ ...base, tokens: ['rare'], exclude: ['acme:channel:c0', 'acme:channel:c2'], limit: 3 });
      expect(shape(page)).toEqual(expected((b) => b.includes('rare'), (doc) => doc !== 'acme:channel:c0' && doc !== 'acme:channel:c2').slice(0, 3));
      expect((await target.index.search({ ...base, org: 'globex', tokens: ['rare'], limit: 100 })).map((h) => h.doc)).toEqual(Array(5).fill('globex:channel:c0'));
    });
  });
}

describeOrder('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-search-order-'));
  const index = createSqliteSearchIndex(join(dir, 'concord.sqlite'));
  return {
    index,
    async close() {
      await index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

let database: TestDatabase | undefined;
describeOrder('PostgreSQL', async () => {
  database = await createTestDatabase();
  const index = await createPostgresSearchIndex(database.url, { firstWindow: 3, windowGrowth: 2 });
  return {
    index,
    async close() {
      await index.close();
      await database!.drop();
    },
  };
});

describe('search index upgrade (PostgreSQL)', () => {
  let upgraded: TestDatabase;
  beforeAll(async () => {
    upgraded = await createTestDatabase();
  });
  afterAll(() => upgraded.drop());

  it('upgrades a first-release index in place: the time index added, entries emptied for the indexer to rebuild', async () => {
    const client = new pg.Client({ connectionString: upgraded.url });
    await client.connect();
    try {
      // The tables as the first release made them, with no version recorded.
      await client.query(`
        CREATE TABLE concord_search_entries (id BIGSERIAL PRIMARY KEY, doc TEXT NOT NULL, org TEXT NOT NULL, kind TEXT NOT NULL,
          anchor TEXT NOT NULL, archived BOOLEAN NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, at BIGINT NOT NULL,
          words TSVECTOR NOT NULL, UNIQUE (doc, anchor));
        CREATE INDEX concord_search_entries_words ON concord_search_entries USING GIN (words);
        CREATE TABLE concord_search_docs (doc TEXT PRIMARY KEY, state BYTEA NOT NULL, archived_through TEXT);
        INSERT INTO concord_search_entries (doc, org, kind, anchor, archived, title, body, at, words)
          VALUES ('acme:channel:c0', 'acme', 'channel', 'm1', false, '', 'old narwhal', ${T0}, to_tsvector('simple', 'old narwhal'));
        INSERT INTO concord_search_docs (doc, state) VALUES ('acme:channel:c0', '\\x01');`);
      const doc = { name: 'acme:channel:c0', org: 'acme', kind: 'channel' as const };
      const index = await createPostgresSearchIndex(upgraded.url, { firstWindow: 3, windowGrowth: 2 });
      try {
        // Old entries have no prefix lexemes: gone, and the document unknown, so it is indexed again.
        expect(await index.indexedState(doc.name)).toBeNull();
        expect(await index.search({ org: 'acme', tokens: ['narwh'], exclude: [], limit: 5 })).toEqual([]);
        await index.replaceDocument(doc, [{ anchor: 'm1', title: '', body: 'old narwhal', at: T0 }], new Uint8Array([2]));
        // No storage version recorded before this release: the first catch-up reads every document.
        expect(await index.caughtUpVersions()).toEqual(new Map());
        await index.recordCaughtUp(doc.name, '1.0');
      } finally {
        await index.close();
      }
      const restarted = await createPostgresSearchIndex(upgraded.url, { firstWindow: 3, windowGrowth: 2 });
      try {
        expect(shape(await restarted.search({ org: 'acme', tokens: ['narwh'], exclude: [], limit: 5 }))).toEqual([{ doc: doc.name, anchor: 'm1', at: T0 }]);
        expect(await restarted.indexedState(doc.name)).toEqual({ state: new Uint8Array([2]), archivedThrough: null });
        expect(await restarted.caughtUpVersions()).toEqual(new Map([[doc.name, '1.0']]));
      } finally {
        await restarted.close();
      }
      expect((await client.query('SELECT version FROM concord_search_migrations ORDER BY version')).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
      expect((await client.query("SELECT to_regclass('concord_search_entries_by_time') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
      expect((await client.query("SELECT reloptions FROM pg_class WHERE relname = 'concord_search_entries_words'")).rows).toEqual([{ reloptions: ['gin_pending_list_limit=256'] }]);
    } finally {
      await client.end();
    }
  });
});
