import { afterEach, describe, expect, it } from 'vitest';
import { appendParagraph, notesPlainText } from '@concord/shared';
import * as Y from 'yjs';
import { createSqliteStorage } from '../src/storage/sqlite.ts';
import type { DocumentStorage } from '../src/storage/storage.ts';
import { connect, type TestClient } from './helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from './helpers/server.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

/** Real SQLite storage whose appends can be made to fail, as a full disk or a lost database would. */
function failingStorage(inner: DocumentStorage): DocumentStorage & { failing: boolean } {
  const storage = {
    ...inner,
    failing: false,
    async append(name: string, update: Uint8Array) {
      if (storage.failing) throw new Error('disk full');
      return inner.append(name, update);
    },
  };
  return storage;
}

describe('the durable log', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('keeps the document identical through compaction and reload', async () => {
    const dataDir = tempDir();
    const server = await startTestServer({ dataDir, deps: { compactAfterUpdates: 10 } });
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const writer = connect(server.wsUrl, 'acme:notes:compact', token);
    await writer.synced();
    const text = appendParagraph(writer.doc, 'start ');
    for (let i = 0; i < 45; i += 1) {
      text.insert(Math.floor(text.length / 2), `edit ${i}; `);
      if (i % 7 === 0) text.delete(0, 3);
      if (i % 10 === 0) appendParagraph(writer.doc, `paragraph ${i}`);
      // Edits queued on one connection share an append (pipeline/look-ahead.ts): waiting now and
      // then makes the log long enough to compact.
      if (i % 3 === 0) await writer.acknowledged();
    }
    await writer.acknowledged();
    await waitFor(async () => (await server.server.storage.load('acme:notes:compact')).snapshot !== null, 'a compaction');
    const live = server.server.hocuspocus.documents.get('acme:notes:compact')!;
    const before = Y.encodeStateAsUpdate(live);

    const stored = await server.server.storage.load('acme:notes:compact');
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!);
    stored.updates.forEach((u) => Y.applyUpdate(reloaded, u));
    expect(notesPlainText(reloaded)).toBe(notesPlainText(writer.doc));
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(live));

    writer.destroy();
    await server.close();
    const restarted = await startTestServer({ dataDir });
    servers.push(restarted);
    const reader = connect(restarted.wsUrl, 'acme:notes:compact', token);
    clients.push(reader);
    await reader.synced();
    expect(notesPlainText(reader.doc)).toBe(notesPlainText(writer.doc));
    const afterDoc = new Y.Doc();
    Y.applyUpdate(afterDoc, before);
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(afterDoc));
  });

  it('refuses an update it could not append, and takes it once storage is back', async () => {
    const dataDir = tempDir();
    const storage = failingStorage(createSqliteStorage({ dataDir, durability: 'wal' }));
    const server = await startTestServer({ dataDir, deps: { storage } });
    servers.push(server);
    const writer = connect(server.wsUrl, 'acme:notes:failing', await signToken({ sub: 'ana', org: 'acme' }));
    const reader = connect(server.wsUrl, 'acme:notes:failing', await signToken({ sub: 'ben', org: 'acme' }));
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);

    storage.failing = true;
    appendParagraph(writer.doc, 'must not be lost');
    await waitFor(() => writer.refusals.find((r) => r.startsWith('storage-unavailable')), 'the refusal');
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(notesPlainText(reader.doc)).toBe('');
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:failing')!)).toBe('');

    storage.failing = false;
    await waitFor(() => notesPlainText(reader.doc) === 'must not be lost', 'the edit after recovery', 15_000);
    await writer.acknowledged();
    const stored = await storage.load('acme:notes:failing');
    const doc = new Y.Doc();
    stored.updates.forEach((u) => Y.applyUpdate(doc, u));
    expect(notesPlainText(doc)).toBe('must not be lost');
  });
});
