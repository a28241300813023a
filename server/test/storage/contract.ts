/**
 * The storage contract: every backend runs this one suite (SQLite here, PostgreSQL in its own file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStorage } from '../../src/storage/storage.ts';

export interface StorageFixture {
  /** Opens the same underlying store each time it is called. */
  open(): Promise<DocumentStorage>;
  cleanup(): Promise<void>;
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(parts: Array<Uint8Array | null>): string {
  const doc = new Y.Doc();
  for (const part of parts) if (part) Y.applyUpdate(doc, part);
  return doc.getText('t').toString();
}

export function describeStorageContract(backend: string, makeFixture: () => Promise<StorageFixture>): void {
  describe(`the ${backend} storage contract`, () => {
    let fixture: StorageFixture;
    let storage: DocumentStorage;
    beforeAll(async () => {
      fixture = await makeFixture();
      storage = await fixture.open();
    });
    afterAll(async () => {
      await storage.close();
      await fixture.cleanup();
    });

    it('loads an unknown document as empty', async () => {
      expect(await storage.load('acme:notes:none')).toEqual({ snapshot: null, updates: [], logBytes: 0, version: expect.any(String) });
    });

    it('returns appended updates in order with their size', async () => {
      const doc = new Y.Doc();
      const updates = ['a', 'b', 'c'].map((t) => textUpdate(doc, t));
      for (const update of updates) await storage.append('acme:notes:order', update);
      const stored = await storage.load('acme:notes:order');
      expect(stored.snapshot).toBeNull();
      expect(stored.updates.map((u) => Buffer.from(u))).toEqual(updates.map((u) => Buffer.from(u)));
      expect(stored.logBytes).toBe(updates.reduce((n, u) => n + u.byteLength, 0));
    });

    it('keeps the order of appends made at once and while others are being committed, per document', async () => {
      const names = ['acme:notes:group-a', 'acme:notes:group-b'];
      const docs = names.map(() => new Y.Doc());
      const expected = names.map((): Uint8Array[] => []);
      const appended: Array<Promise<void>> = [];
      for (let wave = 0; wave < 2; wave += 1) {
        for (let i = 0; i < 30; i += 1) {
          const update = textUpdate(docs[i % 2]!, String.fromCharCode(97 + (i % 26)));
          expected[i % 2]!.push(update);
          appended.push(storage.append(names[i % 2]!, update));
        }
        // The second wave arrives while the first is being committed.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(appended);
      for (const [index, name] of names.entries()) {
        const stored = await storage.load(name);
        expect(stored.updates.map((u) => Buffer.from(u))).toEqual(expected[index]!.map((u) => Buffer.from(u)));
      }
    });

    it('folds the log into one snapshot that holds the same document', async () => {
      const doc = new Y.Doc();
      for (const t of ['one ', 'two ', 'three']) await storage.append('acme:notes:fold', textUpdate(doc, t));
      await storage.compact('acme:notes:fold', null);
      const stored = await storage.load('acme:notes:fold');
      expect(stored.updates).toEqual([]);
      expect(stored.logBytes).toBe(0);
      expect(textOf([stored.snapshot])).toBe('one two three');
    });

    it('merges the in-memory state with what is stored when compacting', async () => {
      const stored = new Y.Doc();
      await storage.append('acme:notes:merge', textUpdate(stored, 'stored '));
      const memory = new Y.Doc();
      textUpdate(memory, 'memory');
      await storage.compact('acme:notes:merge', Y.encodeStateAsUpdate(memory));
      const text = textOf([(await storage.load('acme:notes:merge')).snapshot]);
      expect(text).toContain('stored ');
      expect(text).toContain('memory');
    });

    it('ends with the same document when the caller says its state has everything', async () => {
      const doc = new Y.Doc();
      for (const t of ['all ', 'of ', 'it']) await storage.append('acme:notes:complete', textUpdate(doc, t));
      await storage.compact('acme:notes:complete', Y.encodeStateAsUpdate(doc), { currentHasEverything: true });
      const stored = await storage.load('acme:notes:complete');
      expect(stored.updates).toEqual([]);
      expect(textOf([stored.snapshot])).toBe('all of it');
      await storage.append('acme:notes:complete', textUpdate(doc, '!'));
      expect(textOf([(await storage.load('acme:notes:complete')).snapshot, ...(await storage.load('acme:notes:complete')).updates])).toBe('all of it!');
    });

    it('keeps updates appended after a compaction', async () => {
      const doc = new Y.Doc();
      await storage.append('acme:notes:after', textUpdate(doc, 'before '));
      await storage.compact('acme:notes:after', Y.encodeStateAsUpdate(doc));
      await storage.append('acme:notes:after', textUpdate(doc, 'after'));
      const stored = await storage.load('acme:notes:after');
      expect(stored.updates).toHaveLength(1);
      expect(textOf([stored.snapshot, ...stored.updates])).toBe('before after');
    });

    it('keeps documents apart and lists them', async () => {
      const a = new Y.Doc();
      const b = new Y.Doc();
      await storage.append('acme:notes:list-a', textUpdate(a, 'A'));
      await storage.append('acme:notes:list-b', textUpdate(b, 'B'));
      expect(textOf((await storage.load('acme:notes:list-a')).updates)).toBe('A');
      expect(textOf((await storage.load('acme:notes:list-b')).updates)).toBe('B');
      expect([...(await storage.listDocumentVersions()).keys()]).toEqual(expect.arrayContaining(['acme:notes:list-a', 'acme:notes:list-b', 'acme:notes:fold']));
    });

    it('gives a document a new version at every append and every compaction, even several in one millisecond, and lists the one load gives', async () => {
      const name = 'acme:notes:versions';
      const doc = new Y.Doc();
      const version = async () => {
        const loaded = (await storage.load(name)).version;
        expect((await storage.listDocumentVersions()).get(name)).toBe(loaded);
        return loaded;
      };
      const seen: string[] = [];
      await storage.append(name, textUpdate(doc, 'a'));
      seen.push(await version());
      await storage.append('acme:notes:versions-other', textUpdate(new Y.Doc(), 'elsewhere'));
      expect(await version()).toBe(seen[0]);
      await storage.append(name, textUpdate(doc, 'b'));
      seen.push(await version());
      // Back to back, each with content of its own (the caller's state has more than was logged):
      // enough of them that several fall in one millisecond.
      for (const t of 'cdefghijklmnopqrstuvwxyz') {
        textUpdate(doc, t);
        await storage.compact(name, Y.encodeStateAsUpdate(doc));
        seen.push(await version());
      }
      await storage.append(name, textUpdate(doc, '!'));
      seen.push(await version());
      await storage.compact(name, null);
      seen.push(await version());
      expect(new Set(seen).size).toBe(seen.length);
      expect(textOf([(await storage.load(name)).snapshot])).toBe('abcdefghijklmnopqrstuvwxyz!');
    });

    it('keeps the audit trail per document, newest first', async () => {
      for (let i = 1; i <= 3; i += 1) {
        await storage.appendAudit({ id: `a${i}`, at: i, documentName: 'acme:notes:audited', userId: 'ana', userName: 'Ana', action: 'edited', summary: `edit ${i}` });
      }
      await storage.appendAudit({ id: 'other', at: 9, documentName: 'acme:notes:other', userId: 'ben', userName: 'Ben', action: 'edited', summary: 'x' });
      const entries = await storage.listAudit('acme:notes:audited', 2);
      expect(entries.map((e) => e.id)).toEqual(['a3', 'a2']);
      expect(entries[0]).toEqual({ id: 'a3', at: 3, documentName: 'acme:notes:audited', userId: 'ana', userName: 'Ana', action: 'edited', summary: 'edit 3' });
    });

    it('stores several audit entries at once, in the order given', async () => {
      const entry = (id: string, documentName: string) => ({ id, at: 1, documentName, userId: 'ana', userName: 'Ana', action: 'edited', summary: id });
      await storage.appendAudit(entry('b1', 'acme:notes:batched'), entry('c1', 'acme:notes:batched-other'), entry('b2', 'acme:notes:batched'), entry('b3', 'acme:notes:batched'));
      await storage.appendAudit();
      expect((await storage.listAudit('acme:notes:batched', 10)).map((e) => e.id)).toEqual(['b3', 'b2', 'b1']);
      expect((await storage.listAudit('acme:notes:batched-other', 10)).map((e) => e.id)).toEqual(['c1']);
    });

    it('archives messages once each and pages through them newest first', async () => {
      const messages = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, createdAt: i, message: { id: `m${i}`, text: `old ${i}` } }));
      await storage.archiveMessages('acme:channel:archived', messages.slice(0, 3));
      await storage.archiveMessages('acme:channel:archived', messages.slice(2));
      const newest = await storage.listArchive('acme:channel:archived', { limit: 2 });
      expect(newest.map((m) => m.id)).toEqual(['m4', 'm3']);
      expect(newest[0]).toEqual({ id: 'm4', createdAt: 4, message: { id: 'm4', text: 'old 4' } });
      const older = await storage.listArchive('acme:channel:archived', { before: 'm3', limit: 10 });
      expect(older.map((m) => m.id)).toEqual(['m2', 'm1', 'm0']);
      expect(await storage.listArchive('acme:channel:none', { limit: 10 })).toEqual([]);
    });

    it('saves named versions and reads them back', async () => {
      const doc = new Y.Doc();
      textUpdate(doc, 'first draft');
      await storage.saveVersion('acme:notes:versioned', { id: 'v1', label: 'Draft', createdAt: 1, createdBy: 'ana' }, Y.encodeStateAsUpdate(doc));
      textUpdate(doc, ', final');
      await storage.saveVersion('acme:notes:versioned', { id: 'v2', label: 'Final', createdAt: 2, createdBy: 'ben' }, Y.encodeStateAsUpdate(doc));
      expect(await storage.listVersions('acme:notes:versioned')).toEqual([
        { id: 'v2', label: 'Final', createdAt: 2, createdBy: 'ben' },
        { id: 'v1', label: 'Draft', createdAt: 1, createdBy: 'ana' },
      ]);
      expect(textOf([await storage.loadVersion('acme:notes:versioned', 'v1')])).toBe('first draft');
      expect(await storage.loadVersion('acme:notes:versioned', 'nope')).toBeNull();
      await expect(storage.saveVersion('acme:notes:versioned', { id: 'v1', label: 'again', createdAt: 3, createdBy: 'ana' }, new Uint8Array([0, 0]))).rejects.toThrow();
    });

    it('still holds everything after it is closed and opened again', async () => {
      const doc = new Y.Doc();
      await storage.append('acme:notes:reopen', textUpdate(doc, 'kept'));
      await storage.close();
      storage = await fixture.open();
      await storage.ping();
      expect(textOf((await storage.load('acme:notes:reopen')).updates)).toBe('kept');
      expect(textOf([(await storage.load('acme:notes:fold')).snapshot])).toBe('one two three');
    });

    it('keeps the version when a compaction would store exactly what is stored', async () => {
      const name = 'acme:notes:same';
      const doc = new Y.Doc();
      await storage.append(name, textUpdate(doc, 'same'));
      await storage.compact(name, null);
      const version = (await storage.load(name)).version;
      await storage.compact(name, null);
      await storage.compact(name, Y.encodeStateAsUpdate(doc));
      await storage.compact(name, Y.encodeStateAsUpdate(doc), { currentHasEverything: true });
      expect((await storage.load(name)).version).toBe(version);
      textUpdate(doc, '!');
      await storage.compact(name, Y.encodeStateAsUpdate(doc), { currentHasEverything: true });
      expect((await storage.load(name)).version).not.toBe(version);
      expect(textOf([(await storage.load(name)).snapshot])).toBe('same!');
    });

    it('probes with a write that leaves nothing behind', async () => {
      const before = await storage.listDocumentVersions();
      await storage.ping({ write: true });
      await storage.ping({ write: true });
      expect(await storage.listDocumentVersions()).toEqual(before);
      expect(await storage.load('')).toEqual({ snapshot: null, updates: [], logBytes: 0, version: expect.any(String) });
    });

    it('rejects appends once closed', async () => {
      const closed = await fixture.open();
      await closed.close();
      await expect(closed.append('acme:notes:closed', new Uint8Array([0, 0]))).rejects.toThrow();
      await expect(closed.ping()).rejects.toThrow();
      await expect(closed.ping({ write: true })).rejects.toThrow();
    });
  });
}
