/**
 * Merging in groups (server/src/protocol/merge-updates.ts) gives the update merging at once gives:
 * a run of typing longer than a group, and groups of groups, yield the same document.
 */
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeUpdatesInGroups } from '../../src/protocol/merge-updates.ts';

/** `count` updates of one client typing and deleting at seeded random places in a text. */
function typing(count: number, seed: number): { updates: Uint8Array[]; text: string } {
  const random = prng.create(seed);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) {
    const at = prng.uint32(random, 0, text.length);
    if (text.length > 0 && prng.bool(random) && at < text.length) text.delete(at, 1);
    else text.insert(at, prng.word(random, 1, 3));
  }
  return { updates, text: text.toString() };
}

function applied(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('merging updates in groups', () => {
  it.each([
    { count: 300, group: 32 },
    { count: 300, group: 4 },
    { count: 5, group: 32 },
    { count: 32, group: 32 },
    { count: 33, group: 32 },
    { count: 1, group: 2 },
  ])('gives the same document as merging $count updates at once (groups of $group)', ({ count, group }) => {
    const { updates, text } = typing(count, count + group);
    const grouped = applied(mergeUpdatesInGroups(updates, group));
    const atOnce = applied(Y.mergeUpdates(updates));
    expect(grouped.getText('t').toString()).toBe(text);
    expect(Y.encodeStateAsUpdate(grouped)).toEqual(Y.encodeStateAsUpdate(atOnce));
  });

  it('refuses groups that could never shrink the list', () => {
    const { updates } = typing(3, 1);
    for (const group of [1, 0, 2.5, Number.NaN]) expect(() => mergeUpdatesInGroups(updates, group)).toThrow(RangeError);
  });
});
