/**
 * Storage that stops working shows: writes are refused with `storage-unavailable` (never
 * acknowledged), `/health` answers 503 with `"storage": "down"` and the reason's code (never the
 * error's text, which can name a host, a port or a path: /health needs no login; the log has it),
 * the refusals are counted, and all of it clears once a write works again. Real failures only: database files
 * deleted or replaced under a running server, a database that is full, a PostgreSQL table that
 * refuses inserts.
 */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { connect as connectTcp, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { appendParagraph, notesPlainText } from '@concord/shared';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const DB_FILE = 'concord.sqlite';

async function health(server: TestServer): Promise<{ code: number; body: Record<string, unknown>; text: string }> {
  const response = await fetch(`${server.url}/health`);
  const text = await response.text();
  return { code: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

/** What a down answer and a refused client must not tell: where the storage is. */
function expectNothingOf(secrets: readonly string[], ...said: string[]): void {
  for (const secret of secrets) for (const text of said) expect(text).not.toContain(secret);
}

async function refusalsCounted(server: TestServer, code: string): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const match = new RegExp(`^concord_refusals_total\\{code="${code}"\\} (\\d+)$`, 'm').exec(metrics);
  return match ? Number(match[1]) : 0;
}

function storageRefusals(client: TestClient): string[] {
  return client.refusals.filter((reason) => reason.startsWith('storage-unavailable'));
}

function storedText(updates: Array<Uint8Array | null>): string {
  const doc = new Y.Doc();
  for (const update of updates) if (update) Y.applyUpdate(doc, update);
  return notesPlainText(doc);
}

/**
 * A TCP path to PostgreSQL that can be cut and restored on the same port: a database that becomes
 * unreachable, whose client errors then name the address they tried.
 */
async function cuttablePath(target: URL): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const listener = createNetServer((socket) => {
    const upstream = connectTcp(Number(target.port || 5432), target.hostname);
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    socket.pipe(upstream).pipe(socket);
  });
  const listen = (port: number) => new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = listener.address() as AddressInfo;
  return {
    port,
    cut: () => new Promise<void>((resolve) => {
      listener.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
    restore: () => listen(port),
  };
}

describe('storage health', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.close()));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function writer(server: TestServer, name: string): Promise<TestClient> {
    const client = connect(server.wsUrl, name, await signToken({ sub: 'ana', org: 'acme' }));
    clients.push(client);
    await client.synced();
    return client;
  }

  it('refuses writes and answers 503 once the SQLite files are deleted under the running server', async () => {
    const server = await startTestServer();
    servers.push(server);
    const client = await writer(server, 'acme:notes:deleted');
    appendParagraph(client.doc, 'stored before');
    await client.acknowledged();
    expect(await health(server)).toMatchObject({ code: 200, body: { status: 'ok', storage: 'sqlite' } });

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(server.dataDir, `${DB_FILE}${suffix}`), { force: true });
    appendParagraph(client.doc, 'written after the loss');
    // Refused on every retry, never acknowledged: the provider keeps the change.
    await waitFor(() => storageRefusals(client).length >= 3, 'three refusals of the resent update');
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:deleted')!)).toBe('stored before');

    const down = await health(server);
    expect(down.code).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', storage: 'down', reason: 'database-file-replaced' });
    expectNothingOf([server.dataDir, DB_FILE], down.text, ...client.refusals);
    expect(await refusalsCounted(server, 'storage-unavailable')).toBeGreaterThan(0);

    const token = await signToken({ sub: 'ana', org: 'acme' });
    const version = await fetch(`${server.url}/api/docs/acme:notes:deleted/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ label: 'after the loss' }),
    });
    expect(version.status).toBe(503);
    expect(await version.json()).toMatchObject({ error: 'storage-unavailable' });
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
  });

  it('answers 503 once the SQLite file is replaced by another file', async () => {
    const server = await startTestServer();
    servers.push(server);
    const client = await writer(server, 'acme:notes:replaced');
    appendParagraph(client.doc, 'stored before');
    await client.acknowledged();

    const file = join(server.dataDir, DB_FILE);
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);
    const down = await waitFor(async () => {
      const answer = await health(server);
      return answer.code === 503 ? answer : undefined;
    }, '/health to answer 503');
    expect(down.body).toMatchObject({ storage: 'down', reason: 'database-file-replaced' });
    appendParagraph(client.doc, 'written after the swap');
    await waitFor(() => storageRefusals(client).length > 0, 'the refusal');
    expectNothingOf([server.dataDir, DB_FILE], down.text, ...client.refusals);
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
  });

  it('answers 503 while the SQLite database is full and recovers once there is room again', async () => {
    const dataDir = tempDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Another connection holds room in the file that it gives back later, as a disk being cleaned up.
    const other = new Database(join(dataDir, DB_FILE));
    cleanups.push(() => void other.close());
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE filler (data BLOB)');
    other.prepare('INSERT INTO filler (data) VALUES (zeroblob(?))').run(256 * 1024);
    // The server's database may not grow past the pages it has when it opens: it is full.
    const storage = createSqliteStorage({ dataDir, durability: 'wal', maxPageCount: 1 });
    const server = await startTestServer({ dataDir, deps: { storage } });
    servers.push(server);
    const client = await writer(server, 'acme:notes:full');

    appendParagraph(client.doc, `a long paragraph ${'x'.repeat(20_000)}`);
    await waitFor(() => storageRefusals(client).length > 0, 'the refusal');
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    const down = await health(server);
    expect(down.code).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', storage: 'down', reason: 'disk-full' });
    expectNothingOf([dataDir, DB_FILE], down.text, ...client.refusals);
    // While down, /health probes with a write that needs room as an append does: still full, still down.
    expect((await health(server)).code).toBe(503);
    expect(await refusalsCounted(server, 'storage-unavailable')).toBeGreaterThan(0);

    other.exec('DELETE FROM filler');
    await waitFor(async () => (await health(server)).code === 200, '/health to recover', 15_000);
    expect((await health(server)).body).toMatchObject({ status: 'ok', storage: 'sqlite' });
    await client.acknowledged();
    const stored = await storage.load('acme:notes:full');
    expect(storedText([stored.snapshot, ...stored.updates])).toMatch(/^a long paragraph x{20000}$/);
  });

  it('refuses every update of a group commit that fails, acknowledges none, and takes them all once there is room', async () => {
    const dataDir = tempDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const other = new Database(join(dataDir, DB_FILE));
    cleanups.push(() => void other.close());
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE filler (data BLOB)');
    other.prepare('INSERT INTO filler (data) VALUES (zeroblob(?))').run(256 * 1024);
    const storage = createSqliteStorage({ dataDir, durability: 'wal', maxPageCount: 1 });
    const server = await startTestServer({ dataDir, deps: { storage } });
    servers.push(server);
    const names = ['a', 'b', 'c', 'd'].map((id) => `acme:notes:batch-${id}`);
    const writers = await Promise.all(names.map((name) => writer(server, name)));

    // In one turn: their appends share commits, every one of which fails.
    writers.forEach((client, i) => appendParagraph(client.doc, `writer ${i} ${'x'.repeat(20_000)}`));
    await waitFor(() => writers.every((client) => storageRefusals(client).length > 0), 'every writer to be refused');
    expect(writers.map((client) => client.provider.unsyncedChanges > 0)).toEqual([true, true, true, true]);
    expect(await refusalsCounted(server, 'storage-unavailable')).toBeGreaterThanOrEqual(writers.length);
    for (const name of names) expect((await storage.load(name)).updates).toEqual([]);

    other.exec('DELETE FROM filler');
    await waitFor(async () => (await health(server)).code === 200, '/health to recover', 15_000);
    await Promise.all(writers.map((client) => client.acknowledged()));
    for (const [i, name] of names.entries()) {
      const stored = await storage.load(name);
      expect(storedText([stored.snapshot, ...stored.updates])).toBe(`writer ${i} ${'x'.repeat(20_000)}`);
    }
  });

  it('with PostgreSQL unreachable, says so without its address, and recovers once it is back', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const url = new URL(database.url);
    const path = await cuttablePath(url);
    cleanups.push(() => path.cut());
    const viaPath = new URL(database.url);
    viaPath.hostname = '127.0.0.1';
    viaPath.port = String(path.port);
    const server = await startTestServer({ env: { DATABASE_URL: viaPath.href } });
    servers.push(server);
    const client = await writer(server, 'acme:notes:pg-away');

    await path.cut();
    const down = await waitFor(async () => {
      const answer = await health(server);
      return answer.code === 503 ? answer : undefined;
    }, '/health to answer 503');
    expect(down.body).toMatchObject({ status: 'unavailable', storage: 'down', reason: 'unreachable' });
    appendParagraph(client.doc, 'waits for the database');
    await waitFor(() => storageRefusals(client).length > 0, 'the refusal');
    expectNothingOf([`127.0.0.1:${path.port}`, String(path.port), url.host], down.text, ...client.refusals);

    await path.restore();
    await waitFor(async () => (await health(server)).code === 200, '/health to recover', 15_000);
    await client.acknowledged();
  });

  it('with PostgreSQL, an append that fails turns storage down until a write works again', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    const server = await startTestServer({ env: { DATABASE_URL: database.url }, deps: { logger } });
    servers.push(server);
    const client = await writer(server, 'acme:notes:pg');
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanups.push(() => admin.end());

    await admin.query('ALTER TABLE concord_updates ADD CONSTRAINT concord_test_refuses CHECK (false) NOT VALID');
    appendParagraph(client.doc, 'waits for the database');
    await waitFor(() => storageRefusals(client).length > 0, 'the refusal');
    expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    const down = await health(server);
    expect(down.code).toBe(503);
    expect(down.body).toMatchObject({ storage: 'down', reason: 'write-failed' });
    const { host, hostname, port } = new URL(database.url);
    expectNothingOf([host, hostname, `:${port}`, 'concord_test_refuses'], down.text, ...client.refusals);
    // The operator finds the error itself in the log.
    expect(logged.find((line) => line.includes('storage is down'))).toMatch(/concord_test_refuses/);
    expect((await health(server)).code).toBe(503);
    expect(await refusalsCounted(server, 'storage-unavailable')).toBeGreaterThan(0);

    await admin.query('ALTER TABLE concord_updates DROP CONSTRAINT concord_test_refuses');
    await waitFor(async () => (await health(server)).code === 200, '/health to recover', 15_000);
    expect((await health(server)).body).toMatchObject({ status: 'ok', storage: 'postgres' });
    await client.acknowledged();
    const stored = await server.server.storage.load('acme:notes:pg');
    expect(storedText([stored.snapshot, ...stored.updates])).toBe('waits for the database');
  });
});
