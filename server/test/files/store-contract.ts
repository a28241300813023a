/**
 * The file store contract: every backend runs this one suite (sqlite-store.test.ts,
 * postgres-store.test.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord, FileStore } from '../../src/files/store.ts';

export interface FileStoreFixture {
  /** Opens the same underlying store each time it is called. */
  open(): Promise<FileStore>;
  /** How many distinct blobs the backend holds. */
  blobCount(): Promise<number>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** Writes `bytes` as a spool in the store's spool dir and returns the record to put. */
async function spool(store: FileStore, bytes: Buffer, overrides: Partial<FileRecord> = {}): Promise<{ record: FileRecord; path: string }> {
  await mkdir(store.spoolDir, { recursive: true });
  counter += 1;
  const path = join(store.spoolDir, `contract-${process.pid}-${counter}.upload`);
  writeFileSync(path, bytes);
  const record: FileRecord = {
    id: `file-${counter}-${randomBytes(4).toString('hex')}`,
    org: 'acme',
    name: 'report.pdf',
    type: 'application/pdf',
    size: bytes.byteLength,
    hash: createHash('sha256').update(bytes).digest('hex'),
    uploadedBy: 'ana',
    createdAt: 1_700_000_000_000 + counter,
    ...overrides,
  };
  return { record, path };
}

export function describeFileStoreContract(backend: string, makeFixture: () => Promise<FileStoreFixture>): void {
  describe(`the ${backend} file store contract`, () => {
    let fixture: FileStoreFixture;
    let store: FileStore;
    beforeAll(async () => {
      fixture = await makeFixture();
      store = await fixture.open();
    });
    afterAll(async () => {
      await store.close();
      await fixture.cleanup();
    });

    it('records a file, gives its record back, and streams its bytes', async () => {
      const bytes = randomBytes(1024 * 1024 + 3);
      const { record, path } = await spool(store, bytes, { name: 'Überweisung Q3.pdf' });
      expect(await store.put(record, path)).toEqual({ stored: true });
      expect(existsSync(path)).toBe(false);
      expect(await store.get(record.id)).toEqual(record);
      const stream = await store.read(record.hash);
      expect(stream).not.toBeNull();
      expect((await buffer(stream!)).equals(bytes)).toBe(true);
    });

    it('stores the same bytes once, however often and under whatever name they are uploaded', async () => {
      const bytes = randomBytes(4096);
      const before = await fixture.blobCount();
      const first = await spool(store, bytes, { name: 'a.bin' });
      const second = await spool(store, bytes, { name: 'b.bin', org: 'globex', uploadedBy: 'eve' });
      expect(await store.put(first.record, first.path)).toEqual({ stored: true });
      expect(await store.put(second.record, second.path)).toEqual({ stored: false });
      expect(existsSync(second.path)).toBe(false);
      expect(await fixture.blobCount()).toBe(before + 1);
      expect((await store.get(second.record.id))?.name).toBe('b.bin');
      expect((await buffer((await store.read(second.record.hash))!)).equals(bytes)).toBe(true);
    });

    it('answers null for an unknown id or hash', async () => {
      expect(await store.get('no-such-file')).toBeNull();
      expect(await store.read('0'.repeat(64))).toBeNull();
    });

    it('refuses a second record with the same id and still removes the spool', async () => {
      const { record, path } = await spool(store, randomBytes(10));
      await store.put(record, path);
      const again = await spool(store, randomBytes(10), { id: record.id });
      await expect(store.put(again.record, again.path)).rejects.toThrow();
      expect(existsSync(again.path)).toBe(false);
    });

    it('keeps one signing key of 32 bytes', async () => {
      const key = await store.signingKey();
      expect(key.byteLength).toBe(32);
      expect(Buffer.from(await store.signingKey()).equals(Buffer.from(key))).toBe(true);
    });

    it('still holds everything after it is closed and opened again, and another opening shares it', async () => {
      const bytes = randomBytes(2000);
      const { record, path } = await spool(store, bytes);
      await store.put(record, path);
      const key = await store.signingKey();
      await store.close();
      store = await fixture.open();
      const other = await fixture.open();
      try {
        for (const each of [store, other]) {
          expect(await each.get(record.id)).toEqual(record);
          expect((await buffer((await each.read(record.hash))!)).equals(bytes)).toBe(true);
          expect(Buffer.from(await each.signingKey()).equals(Buffer.from(key))).toBe(true);
        }
      } finally {
        await other.close();
      }
    });
  });
}
