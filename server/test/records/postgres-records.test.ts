/** The records projection with PostgreSQL: the shared contract, and a rebuild when its table is gone. */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startPostgresTestServer } from '../helpers/postgres-server.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { listRecords, tokenFor, writeDeal } from './fixtures.ts';
import { describeRecords } from './records-contract.ts';

describeRecords('PostgreSQL', startPostgresTestServer);

describe('the records table rebuilt (PostgreSQL)', () => {
  let database: TestDatabase | undefined;
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('is filled again from storage when its table was dropped', async () => {
    database = await createTestDatabase();
    server = await startTestServer({ env: { DATABASE_URL: database.url } });
    const client = connect(server.wsUrl, 'acme:form:deal.7', await tokenFor('alice'));
    await client.synced();
    await writeDeal(client, '7', 'Initech', { company: 'Initech', amount: 70 });
    await server.server.searchIdle();
    client.destroy();
    await server.close();

    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('DROP TABLE concord_records');
    await admin.end();
    server = await startTestServer({ env: { DATABASE_URL: database.url } });
    const token = await tokenFor('bob');
    const rows = await waitFor(async () => (await listRecords(server!.url, token, { type: 'deal' })).body.rows?.[0], 'the rebuilt row');
    expect(rows).toMatchObject({ id: 'deal.7', fields: { company: 'Initech', amount: 70 } });
  });

  it('projects again a row stored by an older server, without the heads of its fields', async () => {
    await server!.server.searchIdle();
    await server!.close();
    const admin = new pg.Client({ connectionString: database!.url });
    await admin.connect();
    await admin.query("UPDATE concord_records SET row = row - 'heads'");
    await admin.end();
    server = await startTestServer({ env: { DATABASE_URL: database!.url } });
    const token = await tokenFor('bob');
    const row = await waitFor(async () => (await listRecords(server!.url, token, { type: 'deal' })).body.rows?.find((r) => r.heads !== undefined), 'the row to be projected again');
    expect(Object.keys(row.heads).sort()).toEqual(['amount', 'company']);
  });
});
