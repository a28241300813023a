/**
 * Files with PostgreSQL are served by every instance (README, Files): two real instances (child
 * processes running main.ts), each with its own DATA_DIR, share one database and nothing else.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/server.ts';
import { TEST_SECRET, signToken } from '../helpers/tokens.ts';
import { blobFiles } from './disk.ts';

interface Described {
  id: string;
  url: string;
}

describe('files on two instances sharing PostgreSQL', () => {
  const dataDirs = [tempDir(), tempDir()];
  let database: TestDatabase;
  let one: ChildServer;
  let two: ChildServer;
  let ana: string;
  let bo: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    [one, two] = await Promise.all(dataDirs.map((dir) => startChildServer({ DATABASE_URL: database.url, AUTH_SECRET: TEST_SECRET, DATA_DIR: dir })));
    [ana, bo] = await Promise.all([signToken({ sub: 'ana', org: 'acme' }), signToken({ sub: 'bo', org: 'acme' })]);
  }, 60_000);

  afterAll(async () => {
    for (const server of [one, two]) server?.process.kill('SIGKILL');
    await Promise.all([one?.exited, two?.exited]);
    await database?.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function upload(server: ChildServer, token: string, bytes: Buffer): Promise<Described> {
    const response = await fetch(`${server.url}/api/files?name=shared.bin`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(201);
    return (await response.json()) as Described;
  }

  async function bytesFrom(server: ChildServer, path: string, token?: string): Promise<Buffer> {
    const response = await fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function blobRows(): Promise<number> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM concord_file_blobs')).rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  it('serves a file uploaded on one instance from the other, by token and by signed url', async () => {
    const bytes = randomBytes(700 * 1024);
    const file = await upload(one, ana, bytes);
    expect((await bytesFrom(two, `/api/files/${file.id}`, bo)).equals(bytes)).toBe(true);
    expect((await bytesFrom(two, file.url)).equals(bytes)).toBe(true);
    expect(dataDirs.flatMap(blobFiles)).toEqual([]);
  });

  it('stores bytes once when both instances receive them, even at the same moment', async () => {
    const before = await blobRows();
    const bytes = randomBytes(300 * 1024);
    const [a, b] = await Promise.all([upload(one, ana, bytes), upload(two, bo, bytes)]);
    const again = await upload(two, ana, bytes);
    expect(await blobRows()).toBe(before + 1);
    for (const file of [a, b, again]) {
      expect((await bytesFrom(one, file.url)).equals(bytes)).toBe(true);
      expect((await bytesFrom(two, file.url)).equals(bytes)).toBe(true);
    }
  });
});
