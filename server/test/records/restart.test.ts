/**
 * The records table lives in the documents' SQLite file: it survives a restart, and is rebuilt from
 * storage when it is gone or when a document changed while the projection was not looking.
 */
import { join } from 'node:path';
import { writeField } from '@concord/shared';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyStored } from '../../src/storage/merge.ts';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { connect } from '../helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { listRecords, tokenFor, writeDeal } from './fixtures.ts';

describe('the records projection across restarts (SQLite)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function seed(dataDir: string): Promise<void> {
    server = await startTestServer({ dataDir });
    const client = connect(server.wsUrl, 'acme:form:deal.5', await tokenFor('alice'));
    await client.synced();
    await writeDeal(client, '5', 'Umbrella', { company: 'Umbrella', amount: 500, stage: 'lead' });
    await server.server.searchIdle();
    client.destroy();
    await server.close();
    server = undefined;
  }
  const deals = async () => (await listRecords(server!.url, await tokenFor('bob'), { type: 'deal' })).body.rows ?? [];

  it('keeps the rows: listed right after a restart', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const db = new Database(join(dataDir, 'concord.sqlite'), { readonly: true });
    expect(db.prepare('SELECT doc FROM records').all()).toEqual([{ doc: 'acme:form:deal.5' }]);
    db.close();
    server = await startTestServer({ dataDir });
    expect((await deals()).map((r) => r.fields)).toEqual([{ company: 'Umbrella', amount: 500, stage: 'lead' }]);
  });

  it('rebuilds from storage when the table was dropped', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const db = new Database(join(dataDir, 'concord.sqlite'));
    db.exec('DROP TABLE records');
    db.close();
    server = await startTestServer({ dataDir });
    const row = await waitFor(async () => (await deals())[0], 'the rebuilt row', 10_000, 50);
    expect(row).toMatchObject({ id: 'deal.5', title: 'Umbrella', fields: { amount: 500 } });
  });

  it('projects again a row stored by an older server, without the heads of its fields', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const db = new Database(join(dataDir, 'concord.sqlite'));
    db.exec("UPDATE records SET row = json_remove(row, '$.heads')");
    expect(db.prepare("SELECT json_type(row, '$.heads') AS heads FROM records").all()).toEqual([{ heads: null }]);
    db.close();
    server = await startTestServer({ dataDir });
    const row = await waitFor(async () => (await deals()).find((r) => r.heads !== undefined), 'the row to be projected again', 10_000, 50);
    expect(Object.keys(row.heads).sort()).toEqual(['amount', 'company', 'stage']);
  });

  it('projects again a document whose stored state is newer than its row', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    // An update stored while the projection did not see it (as another process would have written).
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const doc = new Y.Doc();
    applyStored(doc, await storage.load('acme:form:deal.5'));
    const before = Y.encodeStateVector(doc);
    writeField(doc, 'stage', 'won', { id: 'alice', name: 'alice' });
    await storage.append('acme:form:deal.5', Y.encodeStateAsUpdate(doc, before));
    await storage.close();
    server = await startTestServer({ dataDir });
    const row = await waitFor(async () => (await deals()).find((r) => r.fields.stage === 'won'), 'the newer state to be projected', 10_000, 50);
    expect(row.id).toBe('deal.5');
  });
});
