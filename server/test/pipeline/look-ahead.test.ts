/**
 * Updates queued on one connection share a check, an append and a publish (server/src/pipeline/
 * look-ahead.ts), and still each get their own acknowledgement after the commit that holds them.
 * A burst that a refusal interrupts stores exactly what came before the refused frame, and the rate
 * limit counts every frame that joined. The burst is sent in one go over a raw WebSocket so that it
 * is queued behind the first frame when the server handles it.
 */
import { listMessages, postMessage } from '@concord/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer, type ServerFixture } from '../helpers/fixture.ts';
import { openRawClient, type RawClient, type Reply } from '../helpers/raw-client.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const RATE = 20;

/** Each message as the update a client would send for it, in order. */
function messageUpdates(texts: string[], authorId = 'ana'): Uint8Array[] {
  const doc = new Y.Doc();
  return texts.map((text) => {
    const before = Y.encodeStateVector(doc);
    postMessage(doc, { text, authorId, authorName: authorId });
    return Y.encodeStateAsUpdate(doc, before);
  });
}

async function storedTexts(fixture: ServerFixture, name: string): Promise<{ texts: string[]; entries: number }> {
  const stored = await fixture.server.server.storage.load(name);
  const doc = new Y.Doc();
  for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
  return { texts: listMessages(doc).map((m) => m.text), entries: stored.updates.length };
}

function acks(replies: Reply[]): Reply[] {
  return replies.filter((reply) => reply.kind === 'ack');
}

describe('updates queued on one connection', () => {
  const fixture = useServer({ env: { RATE_LIMIT_PER_SECOND: String(RATE) } });
  const raws: RawClient[] = [];
  afterAll(() => raws.forEach((raw) => raw.socket.close()));

  async function writer(name: string, userId = 'ana'): Promise<RawClient> {
    const raw = await openRawClient(fixture.server.wsUrl);
    raws.push(raw);
    await raw.authenticate(name, await signToken({ sub: userId, org: 'acme' }));
    return raw;
  }

  it('are stored in fewer appends than frames, and each is acknowledged once stored', async () => {
    const name = 'acme:channel:burst';
    const observer = await fixture.synced(name, { sub: 'obi' });
    const raw = await writer(name);
    const texts = Array.from({ length: 30 }, (_, i) => `message ${i}`);
    for (const update of messageUpdates(texts)) raw.sendUpdate(name, update);

    await waitFor(() => acks(raw.replies).length === texts.length || undefined, 'an acknowledgement for every frame');
    expect(acks(raw.replies)).toEqual(texts.map(() => ({ kind: 'ack', applied: true })));
    const stored = await storedTexts(fixture, name);
    expect(stored.texts).toEqual(texts);
    // One append per frame would be 30 entries: if this fails, the frames were not merged (did
    // Hocuspocus rename the connection's message queue that look-ahead.ts reads?).
    expect(stored.entries).toBeLessThan(texts.length / 2);
    await waitFor(() => listMessages(observer.doc).length === texts.length || undefined, 'the observer to see every message');
    expect(listMessages(observer.doc).map((m) => m.text)).toEqual(texts);
  });

  it('store and send on what came before a refused frame, and nothing from it on', async () => {
    const name = 'acme:channel:interrupted';
    const observer = await fixture.synced(name, { sub: 'obi' });
    const raw = await writer(name);
    const doc = new Y.Doc();
    const send = (write: () => void) => {
      const before = Y.encodeStateVector(doc);
      write();
      raw.sendUpdate(name, Y.encodeStateAsUpdate(doc, before));
    };
    for (let i = 0; i < 5; i += 1) send(() => postMessage(doc, { text: `fine ${i}`, authorId: 'ana', authorName: 'Ana' }));
    send(() => postMessage(doc, { text: 'forged', authorId: 'bo', authorName: 'Bo' }));
    for (let i = 5; i < 8; i += 1) send(() => postMessage(doc, { text: `fine ${i}`, authorId: 'ana', authorName: 'Ana' }));

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^impersonation|^invalid-update/) });
    expect(acks(raw.replies)).toHaveLength(5);
    const fine = ['fine 0', 'fine 1', 'fine 2', 'fine 3', 'fine 4'];
    expect((await storedTexts(fixture, name)).texts).toEqual(fine);
    const live = fixture.server.server.hocuspocus.documents.get(name)!;
    expect(listMessages(live).map((m) => m.text)).toEqual(fine);
    await waitFor(() => listMessages(observer.doc).length === fine.length || undefined, 'the observer to see the five');
    expect(listMessages(observer.doc).map((m) => m.text)).toEqual(fine);
  });

  it('count against the rate limit frame by frame: past it, nothing more is stored', async () => {
    const name = 'acme:channel:flood';
    const raw = await writer(name, 'flo');
    const texts = Array.from({ length: RATE * 4 }, (_, i) => `flood ${i}`);
    for (const update of messageUpdates(texts, 'flo')) raw.sendUpdate(name, update);

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^rate-limited/) });
    const acknowledged = acks(raw.replies).length;
    // The bucket holds two seconds' worth; a little more may refill while the burst is handled.
    expect(acknowledged).toBeGreaterThanOrEqual(RATE * 2 - 1);
    expect(acknowledged).toBeLessThan(RATE * 3);
    expect((await storedTexts(fixture, name)).texts).toEqual(texts.slice(0, acknowledged));
  });
});
