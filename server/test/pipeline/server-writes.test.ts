/**
 * The server's own writes take the update pipeline (reactions/server-writer.ts): stored by the time
 * they resolve, refusals counted like a client's, and writes that queue up share one commit.
 */
import { addInboxItem, inboxItems } from '@concord/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import type { DocumentStorage } from '../../src/storage/storage.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

function failingStorage(inner: DocumentStorage): DocumentStorage & { failing: boolean; appends: number } {
  const storage = {
    ...inner,
    failing: false,
    appends: 0,
    async append(name: string, update: Uint8Array) {
      if (storage.failing) throw new Error('disk full');
      storage.appends += 1;
      return inner.append(name, update);
    },
  };
  return storage;
}

function storedItems(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string[] {
  const doc = new Y.Doc();
  for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
  return inboxItems(doc).toArray().map((item) => String((item as Y.Map<unknown>).get('id')));
}

describe("the server's writes", () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('are stored by the time they resolve, and reach the open connections', async () => {
    const dataDir = tempDir();
    const storage = failingStorage(createSqliteStorage({ dataDir, durability: 'wal' }));
    const server = await startTestServer({ dataDir, deps: { storage } });
    servers.push(server);
    const owner = connect(server.wsUrl, 'acme:inbox:ana', await signToken({ sub: 'ana', org: 'acme' }));
    clients.push(owner);
    await owner.synced();

    await server.server.write('acme:inbox:ana', (doc) => void addInboxItem(doc, { id: 'i1', kind: 'system', text: 'Welcome', doc: 'acme:notes:x', at: 1 }));
    expect(storedItems(await storage.load('acme:inbox:ana'))).toEqual(['i1']);
    await waitFor(() => inboxItems(owner.doc).length === 1, 'the item at the owner');

    storage.failing = true;
    await expect(server.server.write('acme:inbox:ana', (doc) => void addInboxItem(doc, { id: 'i2', kind: 'system', text: 'Lost', doc: 'acme:notes:x', at: 2 }))).rejects.toMatchObject({ errorCode: 'storage-unavailable' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^concord_refusals_total\{code="storage-unavailable"\} 1$/m);

    // The server's write is applied before it is appended: the refused one stays live (the next
    // compaction stores it with the live state), and the writes after storage is back are stored.
    storage.failing = false;
    await server.server.write('acme:inbox:ana', (doc) => void addInboxItem(doc, { id: 'i3', kind: 'system', text: 'Back', doc: 'acme:notes:x', at: 3 }));
    await waitFor(() => inboxItems(owner.doc).length === 3, 'the items at the owner');
    await server.close();
    const reopened = createSqliteStorage({ dataDir, durability: 'wal' });
    expect(storedItems(await reopened.load('acme:inbox:ana'))).toEqual(['i1', 'i2', 'i3']);
    await reopened.close();
  });

  it('that arrive while one is being committed share the next commit; a write that throws fails alone', async () => {
    const dataDir = tempDir();
    const storage = failingStorage(createSqliteStorage({ dataDir, durability: 'wal' }));
    const server = await startTestServer({ dataDir, deps: { storage } });
    servers.push(server);
    const add = (i: number) => server.server.write('acme:inbox:bo', (doc) => void addInboxItem(doc, { id: `i${i}`, kind: 'system', text: `n${i}`, doc: 'acme:notes:x', at: i }));
    const writes = Array.from({ length: 50 }, (_, i) => add(i));
    const broken = server.server.write('acme:inbox:bo', () => {
      throw new Error('a broken reaction');
    });
    await Promise.all(writes);
    await expect(broken).rejects.toThrow('a broken reaction');
    expect(storage.appends).toBeLessThan(10);
    const stored = storedItems(await storage.load('acme:inbox:bo'));
    expect([...stored].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `i${i}`).sort());
  });
});
