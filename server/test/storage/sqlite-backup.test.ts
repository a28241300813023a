/**
 * The SQLite backup against the server's own storage connection, in one process so the moment the
 * backup starts is exact: updates appended (acknowledged) before it are all in the copy even while
 * they still live only in the WAL, which a copy of the database file would miss.
 */
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupSqlite } from '../../src/storage/sqlite-backup.ts';
import { createSqliteStorage, SQLITE_FILE_NAME } from '../../src/storage/sqlite.ts';
import type { DocumentStorage } from '../../src/storage/storage.ts';
import { tempDir } from '../helpers/server.ts';

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getArray<string>('edits').push([text]);
  return Y.encodeStateAsUpdate(doc, before);
}

async function edits(storage: DocumentStorage, name: string): Promise<string[]> {
  const { snapshot, updates } = await storage.load(name);
  const doc = new Y.Doc();
  for (const part of [snapshot, ...updates]) if (part) Y.applyUpdate(doc, part);
  return doc.getArray<string>('edits').toArray();
}

describe('backupSqlite', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = () => {
    const created = tempDir('concord-sqlite-backup-');
    dirs.push(created);
    return created;
  };

  it('copies every update appended before it, from the WAL too, while appends go on', async () => {
    const dataDir = dir();
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const doc = new Y.Doc();
    // Few enough appends that SQLite never checkpoints on its own: they are all in the WAL only.
    const before = Array.from({ length: 200 }, (_, i) => `before ${i}`);
    for (const text of before) await storage.append('acme:notes:wal', textUpdate(doc, text));
    expect(statSync(join(dataDir, `${SQLITE_FILE_NAME}-wal`)).size).toBeGreaterThan(0);

    const target = join(dir(), 'copy.sqlite');
    let done = false;
    const backup = backupSqlite(join(dataDir, SQLITE_FILE_NAME), target).finally(() => (done = true));
    let during = 0;
    while (!done) {
      await storage.append('acme:notes:wal', textUpdate(doc, `during ${during++}`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await backup;
    await storage.close();
    expect(during).toBeGreaterThan(0);
    expect(result).toMatchObject({ target, pages: expect.any(Number) });

    const copyDir = dir();
    copyFileSync(target, join(copyDir, SQLITE_FILE_NAME));
    const restored = createSqliteStorage({ dataDir: copyDir, durability: 'wal' });
    try {
      const copied = await edits(restored, 'acme:notes:wal');
      expect(copied.slice(0, before.length)).toEqual(before);
      // Whatever else it holds is a prefix of what was appended during the backup: one instant.
      expect(copied.slice(before.length)).toEqual(Array.from({ length: copied.length - before.length }, (_, i) => `during ${i}`));
    } finally {
      await restored.close();
    }
  });
});
