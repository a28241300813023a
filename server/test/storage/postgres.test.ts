import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPostgresStorage } from '../../src/storage/postgres.ts';
import type { DocumentStorage } from '../../src/storage/storage.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { describeStorageContract } from './contract.ts';

describeStorageContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return {
    open: () => createPostgresStorage({ url: database.url }),
    cleanup: () => database.drop(),
  };
});

function paragraphUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getArray<string>('lines').push([text]);
  return Y.encodeStateAsUpdate(doc, before);
}

function linesOf(parts: Array<Uint8Array | null>): string[] {
  const doc = new Y.Doc();
  for (const part of parts) if (part) Y.applyUpdate(doc, part);
  return doc.getArray<string>('lines').toArray();
}

describe('PostgreSQL storage shared by several instances', () => {
  let database: TestDatabase;
  let a: DocumentStorage;
  let b: DocumentStorage;
  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([createPostgresStorage({ url: database.url }), createPostgresStorage({ url: database.url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  it('keeps every update when one instance compacts while others append and compact', async () => {
    const name = 'acme:notes:concurrent';
    const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const expected: string[] = [];
    const work: Array<Promise<void>> = [];
    for (let i = 0; i < 60; i += 1) {
      const writer = writers[i % writers.length]!;
      const text = `line ${i}`;
      expected.push(text);
      work.push((i % 2 === 0 ? a : b).append(name, paragraphUpdate(writer, text)));
      if (i % 10 === 5) work.push(a.compact(name, null), b.compact(name, null));
    }
    await Promise.all(work);
    const stored = await a.load(name);
    expect(linesOf([stored.snapshot, ...stored.updates]).sort()).toEqual([...expected].sort());
    await b.compact(name, null);
    const compacted = await b.load(name);
    expect(compacted.updates).toEqual([]);
    expect(linesOf([compacted.snapshot]).sort()).toEqual([...expected].sort());
  });

  it('creates its schema when several instances start at once', async () => {
    const more = await Promise.all([1, 2, 3].map(() => createPostgresStorage({ url: database.url })));
    await Promise.all(more.map((storage) => storage.ping()));
    await Promise.all(more.map((storage) => storage.close()));
  });
});

describe('PostgreSQL storage start-up', () => {
  it('fails with a message naming DATABASE_URL when the database does not exist', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/concord_test_does_not_exist';
    await expect(createPostgresStorage({ url })).rejects.toThrow(/DATABASE_URL/);
  });
});
