/**
 * The people directory across instances sharing PostgreSQL and Redis: someone who connects on one
 * instance is in the directory on the other, with one entry (one joinedAt) however many instances
 * saw them, and another org still never sees them.
 */
import { getPerson, listPeople } from '@concord/shared';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { tempDir } from '../helpers/server.ts';
import { TEST_SECRET, signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

describe('people on two instances', () => {
  const dataDir = tempDir();
  let redis: TestRedis;
  let database: TestDatabase;
  let one: ChildServer;
  let two: ChildServer;
  const clients: TestClient[] = [];

  const open = async (server: ChildServer, name: string, sub: string, org = 'acme') => {
    const client = connect(server.wsUrl, name, await signToken({ sub, name: sub.toUpperCase(), org }));
    clients.push(client);
    await client.synced();
    return client;
  };

  beforeAll(async () => {
    [redis, database] = await Promise.all([startTestRedis(), createTestDatabase()]);
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir };
    [one, two] = await Promise.all([startChildServer(env), startChildServer(env)]);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const server of [one, two]) {
      if (server && server.process.exitCode === null) {
        server.process.kill('SIGKILL');
        await server.exited;
      }
    }
    await redis?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists someone who connected on the other instance, once, and keeps them from another org', async () => {
    await open(one, 'acme:channel:general', 'bo');
    const anaOnTwo = await open(two, 'acme:workspace:main', 'ana');
    const bo = await waitFor(() => getPerson(anaOnTwo.doc, 'bo'), 'bo in the directory on instance two');
    expect(bo).toMatchObject({ name: 'BO', role: 'editor' });

    // Bo on instance two as well: that instance finds his entry and leaves it (it is fresh). Dee's,
    // written after it by the same instance, shows when that has happened.
    await open(two, 'acme:notes:plan', 'bo');
    await open(two, 'acme:notes:plan', 'dee');
    await waitFor(() => getPerson(anaOnTwo.doc, 'dee'), 'dee in the directory on instance two');
    expect(getPerson(anaOnTwo.doc, 'bo')).toEqual(bo);

    const cyOnOne = await open(one, 'acme:workspace:main', 'cy');
    await waitFor(() => getPerson(cyOnOne.doc, 'cy') && getPerson(cyOnOne.doc, 'dee'), 'cy and dee in the directory on instance one');
    expect(getPerson(cyOnOne.doc, 'bo')).toEqual(bo);
    expect(listPeople(cyOnOne.doc).map((p) => p.id)).toEqual(['ana', 'bo', 'cy', 'dee']);

    const zed = await open(one, 'globex:workspace:main', 'zed', 'globex');
    await waitFor(() => getPerson(zed.doc, 'zed'), 'zed in globex’s directory');
    expect(listPeople(zed.doc).map((p) => p.id)).toEqual(['zed']);
  }, 60_000);
});
