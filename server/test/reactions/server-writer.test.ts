/** The server's write as one update (reactions/server-writer.ts), on real Yjs documents. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { catchUp, writeOn } from '../../src/reactions/server-writer.ts';

describe("the server's write as one update", () => {
  it("is what the write changes, made as the server's client id, without touching the live document", () => {
    const live = new Y.Doc();
    const peer = new Y.Doc();
    peer.getArray<string>('entries').push(['first']);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(peer));
    const liveId = live.clientID;
    const server = 42;
    const copy = new Y.Doc();
    catchUp(copy, live);
    const update = writeOn(copy, (doc) => doc.getArray<string>('entries').push(['second', 'third']), server);
    expect(live.getArray('entries').toArray()).toEqual(['first']);
    expect(update).not.toBeNull();
    Y.applyUpdate(live, update!);
    expect(live.getArray('entries').toArray()).toEqual(['first', 'second', 'third']);

    // The copy catches up with what others wrote meanwhile, then writes on top of it.
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
    peer.getArray<string>('entries').push(['fourth']);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(peer));
    catchUp(copy, live);
    const next = writeOn(copy, (doc) => doc.getArray<string>('entries').delete(0, 1), server);
    Y.applyUpdate(live, next!);
    expect(live.getArray('entries').toArray()).toEqual(['second', 'third', 'fourth']);
    expect(copy.getArray('entries').toArray()).toEqual(['second', 'third', 'fourth']);
    // One client id for every write, and the live document keeps its own (Yjs changes it when an
    // update it did not make carries it).
    expect([...Y.decodeStateVector(Y.encodeStateVector(live)).keys()].sort()).toEqual([peer.clientID, server].sort());
    expect(live.clientID).toBe(liveId);
  });

  it('is null for a write that changes nothing', () => {
    expect(writeOn(new Y.Doc(), () => undefined, 42)).toBeNull();
  });
});
