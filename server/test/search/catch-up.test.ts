/**
 * The catch-up at start reads only documents that changed since everything derived from them was
 * last brought up to date from storage (search/indexer.ts): counted by its own log line, on a real
 * SQLite file and a real PostgreSQL database across real restarts.
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { postMessage, writeField } from '@concord/shared';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { applyStored } from '../../src/storage/merge.ts';
import { createPostgresStorage } from '../../src/storage/postgres.ts';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import type { DocumentStorage } from '../../src/storage/storage.ts';
import { connect } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { listRecords, writeDeal } from '../records/fixtures.ts';
import { search, tokenFor } from './fixtures.ts';

const CHANNEL = 'acme:channel:general';
const FORM = 'acme:form:deal.5';

interface Backend {
  start(logger?: pino.Logger): Promise<TestServer>;
  /** Storage opened beside the stopped server, as a second instance writing the same store would. */
  storage(): Promise<DocumentStorage>;
  /** Runs SQL on the database the index and the records live in. */
  sql(statements: string): Promise<void>;
}

function sqliteBackend(): Backend {
  const dataDir = tempDir();
  return {
    start: (logger) => startTestServer({ dataDir, deps: logger ? { logger } : {} }),
    storage: async () => createSqliteStorage({ dataDir, durability: 'wal' }),
    async sql(statements) {
      const db = new Database(join(dataDir, 'concord.sqlite'));
      db.exec(statements);
      db.close();
    },
  };
}

function postgresBackend(database: TestDatabase): Backend {
  return {
    start: (logger) => startTestServer({ env: { DATABASE_URL: database.url }, deps: logger ? { logger } : {} }),
    storage: () => createPostgresStorage({ url: database.url }),
    async sql(statements) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(statements);
      await client.end();
    },
  };
}

interface CatchUpLine {
  msg: string;
  unchanged: number;
  read: number;
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe.each([
  { name: 'SQLite', backend: async () => sqliteBackend(), oldIndex: 'ALTER TABLE search_docs DROP COLUMN storage_version', records: 'records' },
  {
    name: 'PostgreSQL',
    backend: async () => {
      const database = await createTestDatabase();
      databases.push(database);
      return postgresBackend(database);
    },
    oldIndex: 'ALTER TABLE concord_search_docs DROP COLUMN storage_version; DELETE FROM concord_search_migrations WHERE version = 4',
    records: 'concord_records',
  },
])('the search catch-up at start ($name)', ({ backend: makeBackend, oldIndex, records }) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Starts the server, waits for its catch-up, stops it, and gives the catch-up's counts. */
  async function restart(backend: Backend): Promise<Omit<CatchUpLine, 'msg'>> {
    const lines: CatchUpLine[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as CatchUpLine);
        done();
      },
    });
    server = await backend.start(pino({ level: 'info' }, stream));
    const done = await waitFor(() => lines.find((line) => line.msg === 'search catch-up done'), 'the catch-up to finish');
    await server.server.searchIdle();
    await server.close();
    server = undefined;
    return { unchanged: done.unchanged, read: done.read };
  }

  /** A channel message and a deal written through real clients, then stopped and started once. */
  async function seed(): Promise<Backend> {
    const backend = await makeBackend();
    server = await backend.start();
    const channel = connect(server.wsUrl, CHANNEL, await tokenFor('alice'));
    const form = connect(server.wsUrl, FORM, await tokenFor('alice'));
    await Promise.all([channel.synced(), form.synced()]);
    postMessage(channel.doc, { text: 'Seeded seahorse', authorId: 'alice', authorName: 'Alice' });
    await channel.acknowledged();
    await writeDeal(form, '5', 'Umbrella', { company: 'Umbrella', amount: 500, stage: 'lead' });
    await server.server.searchIdle();
    channel.destroy();
    form.destroy();
    await server.close();
    server = undefined;
    // Indexed from the live copies, which carry no storage version: this start reads them once.
    expect(await restart(backend)).toEqual({ unchanged: 0, read: 2 });
    return backend;
  }

  /** Changes a stored document the way another process would, while no server runs. */
  async function changeStored(backend: Backend, name: string, change: (doc: Y.Doc) => void, how: 'append' | 'compact'): Promise<void> {
    const storage = await backend.storage();
    try {
      const doc = new Y.Doc();
      applyStored(doc, await storage.load(name));
      const before = Y.encodeStateVector(doc);
      change(doc);
      if (how === 'append') await storage.append(name, Y.encodeStateAsUpdate(doc, before));
      else await storage.compact(name, Y.encodeStateAsUpdate(doc));
    } finally {
      await storage.close();
    }
  }

  async function startAndFind(backend: Backend, q: string) {
    server = await backend.start();
    const token = await tokenFor('bob');
    return waitFor(async () => (await search(server!.url, token, { q })).body.results?.[0], `a result for ${q}`);
  }

  it('reads no document that is unchanged since it was last caught up', async () => {
    const backend = await seed();
    expect(await restart(backend)).toEqual({ unchanged: 2, read: 0 });
    server = await backend.start();
    expect((await search(server.url, await tokenFor('bob'), { q: 'seahorse' })).body.results).toHaveLength(1);
  });

  it('reads no document that clients only opened while the server ran', async () => {
    const backend = await seed();
    server = await backend.start();
    const clients = [CHANNEL, FORM].map(async (name) => connect(server!.wsUrl, name, await tokenFor('alice')));
    for (const client of await Promise.all(clients)) {
      await client.synced();
      client.destroy();
    }
    // Stopping compacts every loaded document: with nothing new, it stores nothing.
    await server.close();
    server = undefined;
    expect(await restart(backend)).toEqual({ unchanged: 2, read: 0 });
  });

  it('reads and indexes again a document appended to while the server was down', async () => {
    const backend = await seed();
    await changeStored(backend, CHANNEL, (doc) => postMessage(doc, { text: 'Unseen ocelot', authorId: 'alice', authorName: 'Alice' }), 'append');
    expect(await restart(backend)).toEqual({ unchanged: 1, read: 1 });
    expect((await startAndFind(backend, 'ocelot')).doc).toBe(CHANNEL);
  });

  it('reads and projects again a document compacted with new content while the server was down', async () => {
    const backend = await seed();
    await changeStored(backend, FORM, (doc) => writeField(doc, 'stage', 'won', { id: 'alice', name: 'alice' }), 'compact');
    expect(await restart(backend)).toEqual({ unchanged: 1, read: 1 });
    server = await backend.start();
    const token = await tokenFor('bob');
    const rows = (await listRecords(server.url, token, { type: 'deal' })).body.rows;
    expect(rows?.map((row) => row.fields.stage)).toEqual(['won']);
  });

  it('projects again a document whose records row is gone, though the document did not change', async () => {
    const backend = await seed();
    await backend.sql(`DELETE FROM ${records}`);
    expect(await restart(backend)).toEqual({ unchanged: 1, read: 1 });
  });

  it('reads every document once when the index is from before versions were recorded, and none at the next start', async () => {
    const backend = await seed();
    await backend.sql(oldIndex);
    expect(await restart(backend)).toEqual({ unchanged: 0, read: 2 });
    expect(await restart(backend)).toEqual({ unchanged: 2, read: 0 });
  });
});
