import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { notesContent } from '@concord/shared';
import * as Y from 'yjs';
import { connect } from './helpers/client.ts';
import { startChildServer, type ChildServer } from './helpers/child-server.ts';
import { tempDir } from './helpers/server.ts';
import { TEST_SECRET, signToken } from './helpers/tokens.ts';

const ROUNDS = 20;
const EDITS_PER_ROUND = 3;
const DOC = 'acme:notes:crash';

function paragraphs(doc: Y.Doc): string[] {
  return notesContent(doc).toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  notesContent(doc).push([paragraph]);
}

describe('acknowledged means durable', () => {
  const dataDir = tempDir();
  const started: ChildServer[] = [];
  const start = async () => {
    const server = await startChildServer({ DATA_DIR: dataDir, AUTH_SECRET: TEST_SECRET });
    started.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of started) server.process.kill('SIGKILL');
    await Promise.all(started.map((server) => server.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged edit when the server is SIGKILLed right after the acknowledgement, ${ROUNDS} rounds`, async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const written: string[] = [];
    let lost = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const live = await start();
      const client = connect(live.wsUrl, DOC, token);
      await client.synced();
      const seen = paragraphs(client.doc);
      lost += written.filter((text) => !seen.includes(text)).length;
      for (let edit = 0; edit < EDITS_PER_ROUND; edit += 1) {
        const text = `round ${round} edit ${edit}`;
        addParagraph(client.doc, text);
        written.push(text);
      }
      await client.acknowledged();
      live.process.kill('SIGKILL');
      await live.exited;
      client.destroy();
    }
    const live = await start();
    const reader = connect(live.wsUrl, DOC, token);
    await reader.synced();
    const final = paragraphs(reader.doc);
    reader.destroy();
    lost += written.filter((text) => !final.includes(text)).length;
    expect(lost).toBe(0);
    expect(final).toHaveLength(ROUNDS * EDITS_PER_ROUND);
  }, 120_000);

  it('stops cleanly on SIGTERM, compacting open documents first', async () => {
    const server = await start();
    const client = connect(server.wsUrl, DOC, await signToken({ sub: 'ana', org: 'acme' }));
    await client.synced();
    addParagraph(client.doc, 'before SIGTERM');
    await client.acknowledged();
    server.process.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    client.destroy();
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));

    const { createSqliteStorage } = await import('../src/storage/sqlite.ts');
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const stored = await storage.load(DOC);
    await storage.close();
    expect(stored.updates).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(paragraphs(doc)).toContain('before SIGTERM');
  }, 60_000);
});
