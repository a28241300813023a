/**
 * The index lives in the documents' SQLite file: it survives a restart, and is rebuilt from
 * storage when its tables are gone or when documents changed while it was not looking.
 */
import { join } from 'node:path';
import { postMessage } from '@concord/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { connect } from '../helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor } from './fixtures.ts';

describe('the search index across restarts (SQLite)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function seed(dataDir: string, text: string): Promise<string> {
    server = await startTestServer({ dataDir });
    const client = connect(server.wsUrl, 'acme:channel:general', await tokenFor('alice'));
    await client.synced();
    const id = postMessage(client.doc, { text, authorId: 'alice', authorName: 'Alice' }).id;
    await client.acknowledged();
    await server.server.searchIdle();
    client.destroy();
    await server.close();
    server = undefined;
    return id;
  }

  const find = async (q: string) => (await search(server!.url, await tokenFor('bob'), { q })).body.results ?? [];

  it('keeps the index: found right after a restart, before anything is indexed again', async () => {
    const dataDir = tempDir();
    const id = await seed(dataDir, 'Persistent pelican');
    const db = new Database(join(dataDir, 'concord.sqlite'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'pelican'").get()).toEqual({ n: 1 });
    db.close();
    server = await startTestServer({ dataDir });
    expect((await find('pelican')).map((r) => r.anchor)).toEqual([id]);
  });

  it('rebuilds from storage when an index table was dropped', async () => {
    const dataDir = tempDir();
    const id = await seed(dataDir, 'Rebuilt raccoon');
    const db = new Database(join(dataDir, 'concord.sqlite'));
    db.exec('DROP TABLE search_entries');
    db.close();
    server = await startTestServer({ dataDir });
    const found = await waitFor(async () => (await find('raccoon'))[0], 'the rebuilt index to find the message', 10_000, 50);
    expect(found.anchor).toBe(id);
  });

  it('indexes documents whose stored state is newer than the index', async () => {
    const dataDir = tempDir();
    await seed(dataDir, 'Before the outage');
    // An update stored while the index did not see it (as another process would have written).
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const doc = new Y.Doc();
    const stored = await storage.load('acme:channel:general');
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    const id = postMessage(doc, { text: 'Unseen ocelot', authorId: 'alice', authorName: 'Alice' }).id;
    await storage.append('acme:channel:general', Y.encodeStateAsUpdate(doc, before));
    await storage.close();
    server = await startTestServer({ dataDir });
    const found = await waitFor(async () => (await find('ocelot'))[0], 'the newer state to be indexed', 10_000, 50);
    expect(found.anchor).toBe(id);
  });
});
