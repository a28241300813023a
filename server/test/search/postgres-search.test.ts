/**
 * Search with PostgreSQL: the shared contract, an index shared by two instances (each indexes what
 * it appended, both answer), a rebuild when the index table is gone, and an upgrade of a
 * first-release index.
 */
import { postMessage } from '@concord/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startPostgresTestServer } from '../helpers/postgres-server.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor } from './fixtures.ts';
import { describeSearch } from './search-contract.ts';

describeSearch('PostgreSQL', startPostgresTestServer);

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

  it('rebuilds a first-release index from storage on upgrade, so prefixes match what was indexed before', async () => {
    await b?.close();
    b = undefined;
    const client = connect(a.wsUrl, 'acme:channel:general', await tokenFor('alice'));
    await client.synced();
    const id = postMessage(client.doc, { text: 'Upgraded okapi sighting', authorId: 'alice', authorName: 'Alice' }).id;
    await client.acknowledged();
    await waitFor(async () => (await find(a, 'okapi'))[0], 'the message to be indexed', 10_000, 50);
    client.destroy();
    await a.server.searchIdle();

    // Back to the first release's index: words by to_tsvector, no prefixes, no versions, no time index.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`DROP TABLE concord_search_migrations; DROP INDEX concord_search_entries_by_time;
      UPDATE concord_search_entries SET words = to_tsvector('simple', array_to_string(array(SELECT l FROM unnest(tsvector_to_array(words)) AS l WHERE l NOT LIKE '^%'), ' '))`);
    expect((await admin.query(`SELECT count(*)::int AS n FROM concord_search_entries WHERE words @@ '''^okap'''::tsquery`)).rows).toEqual([{ n: 0 }]);
    await admin.end();
    b = await startTestServer({ env: { DATABASE_URL: database.url } });
    expect((await waitFor(async () => (await find(b!, 'okap'))[0], 'the upgraded index to find it by prefix', 10_000, 50)).anchor).toBe(id);
  });
});
