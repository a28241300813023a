/** What the database extension's `fetch` hands Hocuspocus: a stored document as one update. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedState } from '../../src/storage/merge.ts';

describe('a stored document as one update', () => {
  it('is the snapshot itself when the log is empty, and null when nothing is stored', () => {
    const snapshot = Y.encodeStateAsUpdate(new Y.Doc());
    expect(storedState({ snapshot, updates: [], logBytes: 0 })).toBe(snapshot);
    expect(storedState({ snapshot: null, updates: [], logBytes: 0 })).toBeNull();
  });

  it('holds the snapshot and every logged update', () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'snap');
    const snapshot = Y.encodeStateAsUpdate(writer);
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    writer.getText('t').insert(4, ' and log');
    writer.getText('t').delete(0, 1);
    const state = storedState({ snapshot, updates, logBytes: 0 });
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, state!);
    expect(loaded.getText('t').toString()).toBe('nap and log');
    const logOnly = new Y.Doc();
    Y.applyUpdate(logOnly, storedState({ snapshot: null, updates: [Y.encodeStateAsUpdate(writer)], logBytes: 0 })!);
    expect(logOnly.getText('t').toString()).toBe('nap and log');
  });

  it('holds every update of a log longer than a merge group, in their order', () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'snapshot:');
    const snapshot = Y.encodeStateAsUpdate(writer);
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 100; i += 1) writer.getText('t').insert(writer.getText('t').length, ` ${i}`);
    writer.getText('t').delete(0, 'snapshot'.length);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, storedState({ snapshot, updates, logBytes: 0 })!);
    expect(loaded.getText('t').toString()).toBe(writer.getText('t').toString());
  });
});
