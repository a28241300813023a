/** The server's write applied as one update (pipeline/apply.ts), on real Yjs documents. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAsServer, SERVER_ORIGIN } from '../../src/pipeline/apply.ts';

describe("the server's write applied", () => {
  it('is made on the live document as the server, and is what it changed as one update', () => {
    const live = new Y.Doc();
    live.getArray<string>('entries').push(['first']);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(live));
    const origins: unknown[] = [];
    live.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const update = applyAsServer(live, (doc) => {
      doc.getArray<string>('entries').push(['second']);
      doc.getMap('meta').set('count', 2);
    });
    expect(live.getArray('entries').toArray()).toEqual(['first', 'second']);
    expect(origins).toEqual([SERVER_ORIGIN]);
    // A peer that had what came before gets exactly this write from the update.
    Y.applyUpdate(before, update!);
    expect(before.getArray('entries').toArray()).toEqual(['first', 'second']);
    expect(before.getMap('meta').get('count')).toBe(2);
  });

  it('is null for a write that changes nothing', () => {
    expect(applyAsServer(new Y.Doc(), () => undefined)).toBeNull();
  });
});
