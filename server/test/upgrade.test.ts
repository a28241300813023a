/**
 * Upgrades (docs/DEPLOYMENT.md, Upgrades): today's server started on the databases of the release
 * before schema versions were recorded (server/test/fixtures/, made by that release's code) serves
 * everything they hold and records version 1; a database from a newer release is refused untouched.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPostgresStorage } from '../src/storage/postgres.ts';
import { createSqliteStorage, SQLITE_FILE_NAME } from '../src/storage/sqlite.ts';
import { connect } from './helpers/client.ts';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.ts';
import { startTestServer, tempDir, type TestServer } from './helpers/server.ts';
import { signToken } from './helpers/tokens.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const NOTES = 'acme:notes:handbook';
const CHANNEL = 'acme:chat:general';

function paragraphs(doc: Y.Doc): string[] {
  return doc.getXmlFragment('content').toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

async function getJson(server: TestServer, path: string, token: string): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, `GET ${path}`).toBe(200);
  return response.json();
}

/** What make-previous-release.ts wrote, read back through today's server. */
async function expectPreviousReleaseContent(server: TestServer): Promise<void> {
  const token = await signToken({ sub: 'ana', org: 'acme', role: 'admin' });
  const client = connect(server.wsUrl, NOTES, token);
  try {
    await client.synced();
    expect(paragraphs(client.doc)).toEqual(['Written by the previous release', 'Still in the log']);
  } finally {
    client.destroy();
  }
  const notes = encodeURIComponent(NOTES);
  expect(await getJson(server, `/api/docs/${notes}/versions`, token)).toMatchObject({ versions: [{ id: 'first-draft', label: 'First draft', createdBy: 'ana' }] });
  expect(await getJson(server, `/api/docs/${notes}/activity`, token)).toMatchObject({ activity: [{ id: 'audit-1', summary: 'wrote the handbook' }] });
  expect(await server.server.storage.listArchive(CHANNEL, { limit: 10 })).toMatchObject([{ id: 'message-1', message: { text: 'archived hello' } }]);
}

describe('upgrading a SQLite database', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function userVersion(dataDir: string): number {
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  }

  it("serves the previous release's documents, versions, audit and archive, and records schema version 1", async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    copyFileSync(join(FIXTURES, 'previous-release.sqlite'), join(dataDir, SQLITE_FILE_NAME));
    expect(userVersion(dataDir)).toBe(0);

    for (const start of ['upgrade', 'restart']) {
      const server = await startTestServer({ dataDir });
      try {
        await expectPreviousReleaseContent(server);
      } finally {
        await server.close();
      }
      expect(userVersion(dataDir), `after the ${start}`).toBe(1);
    }
  });

  it('refuses a database from a newer release and leaves it as it was', () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.pragma('user_version = 2');
    db.close();

    expect(() => createSqliteStorage({ dataDir, durability: 'wal' })).toThrow(/schema version 2, newer than this server's 1/);
    const after = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(2);
      expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    } finally {
      after.close();
    }
  });
});

describe('upgrading a PostgreSQL database', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it("serves the previous release's documents, versions, audit and archive, and records schema version 1", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    execFileSync('psql', ['--quiet', '--no-psqlrc', '--set', 'ON_ERROR_STOP=1', '--file', join(FIXTURES, 'previous-release.sql'), database.url], { stdio: 'pipe' });
    expect(await query(database.url, "SELECT to_regclass('concord_schema_migrations') AS t")).toEqual([{ t: null }]);

    for (const start of ['upgrade', 'restart']) {
      const server = await startTestServer({ env: { DATABASE_URL: database.url } });
      try {
        await expectPreviousReleaseContent(server);
      } finally {
        await server.close();
      }
      expect(await query(database.url, 'SELECT version FROM concord_schema_migrations ORDER BY version'), `after the ${start}`).toEqual([{ version: 1 }]);
    }
  });

  it('refuses a database from a newer release and leaves it as it was', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await query(database.url, 'CREATE TABLE concord_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now()); INSERT INTO concord_schema_migrations (version) VALUES (1), (2)');

    await expect(createPostgresStorage({ url: database.url })).rejects.toThrow(/schema version 2, newer than this server's 1/);
    expect(await query(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).toEqual([{ table_name: 'concord_schema_migrations' }]);
  });
});
