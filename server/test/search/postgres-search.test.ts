/**
 * Search with PostgreSQL: the shared contract, an index shared by two instances (each indexes what
 * it appended, both answer), and a rebuild when the index table is gone.
 */
import { postMessage } from '@concord/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor } from './fixtures.ts';
import { describeSearch } from './search-contract.ts';

describeSearch('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const server = await startTestServer({ env: { DATABASE_URL: database.url } });
  return {
    server,
    async close() {
      await server.close();
      await database.drop();
    },
  };
});

describe('search shared by instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestServer({ env: { DATABASE_URL: database.url } });
  });
  afterAll(async () => {
    await b?.close();
    await a.close();
    await database.drop();
  });
  const find = async (server: TestServer, q: string) => (await search(server.url, await tokenFor('bob'), { q })).body.results ?? [];

  it('finds on one instance what was written on another, and rebuilds when the index table is dropped', async () => {
    b = await startTestServer({ env: { DATABASE_URL: database.url } });
    const client = connect(a.wsUrl, 'acme:channel:general', await tokenFor('alice'));
    await client.synced();
    const id = postMessage(client.doc, { text: 'Shared narwhal news', authorId: 'alice', authorName: 'Alice' }).id;
    await client.acknowledged();
    expect((await waitFor(async () => (await find(b!, 'narwhal'))[0], 'instance b to find it', 10_000, 50)).anchor).toBe(id);
    client.destroy();
    await a.server.searchIdle();
    await b.close();
    b = undefined;

    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('DROP TABLE concord_search_entries');
    await admin.end();
    b = await startTestServer({ env: { DATABASE_URL: database.url } });
    expect((await waitFor(async () => (await find(b!, 'narwh'))[0], 'the rebuilt index to find it', 10_000, 50)).anchor).toBe(id);
  });
});
