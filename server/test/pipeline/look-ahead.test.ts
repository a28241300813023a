/**
 * Typing queued on one connection shares a check, an append and a publish (server/src/pipeline/
 * look-ahead.ts), and every frame still gets its own acknowledgement after the commit that holds
 * it. A run that a refusal interrupts stores exactly what came before the refused frame; the rate
 * limit counts every frame that joined; and updates that do more than type are checked one after
 * the other, as if none had been queued; a run's acknowledgements leave in one write. Each burst
 * is sent in one go over a raw WebSocket so that it is queued behind the first frame when the
 * server handles it.
 */
import { appendParagraph, channelMessages, listMessages, notesPlainText, postMessage } from '@concord/shared';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer, type ServerFixture } from '../helpers/fixture.ts';
import { openRawClient, type RawClient, type Reply } from '../helpers/raw-client.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const RATE = 20;

/** A client document whose every change is sent as its own frame, at once. */
function sender(raw: RawClient, name: string) {
  const doc = new Y.Doc();
  return {
    doc,
    send(write: (doc: Y.Doc) => void) {
      const before = Y.encodeStateVector(doc);
      write(doc);
      raw.sendUpdate(name, Y.encodeStateAsUpdate(doc, before));
    },
  };
}

/** A paragraph, then `count` frames typing one character each into it. */
function typeInto(client: ReturnType<typeof sender>, count: number): void {
  let text!: Y.XmlText;
  client.send((doc) => (text = appendParagraph(doc)));
  for (let i = 0; i < count; i += 1) client.send(() => text.insert(text.length, String.fromCharCode(97 + (i % 26))));
}

async function stored(fixture: ServerFixture, name: string): Promise<{ doc: Y.Doc; entries: number }> {
  const { snapshot, updates } = await fixture.server.server.storage.load(name);
  const doc = new Y.Doc();
  for (const update of [snapshot, ...updates]) if (update) Y.applyUpdate(doc, update);
  return { doc, entries: updates.length };
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

  it('store typing in fewer appends than frames, each frame acknowledged once stored', async () => {
    const name = 'acme:notes:burst';
    const observer = await fixture.synced(name, { sub: 'obi' });
    const raw = await writer(name);
    const client = sender(raw, name);
    typeInto(client, 30);
    const frames = 31;

    await waitFor(() => acks(raw.replies).length === frames || undefined, 'an acknowledgement for every frame');
    expect(acks(raw.replies)).toEqual(Array.from({ length: frames }, () => ({ kind: 'ack', applied: true })));
    const { doc, entries } = await stored(fixture, name);
    expect(notesPlainText(doc)).toBe(notesPlainText(client.doc));
    // One append per frame would be 31 entries: if this fails, the typing was not merged (did
    // Hocuspocus rename the connection's message queue that look-ahead.ts reads?).
    expect(entries).toBeLessThan(frames / 2);
    await waitFor(() => notesPlainText(observer.doc) === notesPlainText(client.doc) || undefined, 'the observer to see every character');
  });

  it('write the acknowledgements of a run to the socket together', async () => {
    const name = 'acme:notes:acknowledged-together';
    const raw = await writer(name);
    // The server's end of this connection, its writes counted (server/src/pipeline/acknowledge-together.ts).
    const [connection] = fixture.server.server.hocuspocus.documents.get(name)!.getConnections();
    const socket = Reflect.get(connection.webSocket, '_socket') as Socket;
    let writes = 0;
    const { _write, _writev } = socket;
    socket._write = (...args) => ((writes += 1), _write.apply(socket, args));
    socket._writev = (...args) => ((writes += 1), _writev!.apply(socket, args));
    const client = sender(raw, name);
    typeInto(client, 30);
    const frames = 31;

    await waitFor(() => acks(raw.replies).length === frames || undefined, 'an acknowledgement for every frame');
    // One write per acknowledgement would be 31 (the paragraph's, then one per character).
    expect(writes).toBeLessThan(frames / 2);
    expect(notesPlainText((await stored(fixture, name)).doc)).toBe(notesPlainText(client.doc));
  });

  it('store and send on what came before a refused frame, and nothing from it on', async () => {
    const name = 'acme:notes:interrupted';
    const observer = await fixture.synced(name, { sub: 'obi' });
    const raw = await writer(name);
    const client = sender(raw, name);
    typeInto(client, 4);
    const typed = notesPlainText(client.doc);
    // Typing too, but into a root notes do not have: the run is refused merged, then frame by frame.
    client.send((doc) => doc.getText('evil').insert(0, 'x'));
    typeInto(client, 2);

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^invalid-update/) });
    expect(acks(raw.replies)).toHaveLength(5);
    const { doc } = await stored(fixture, name);
    expect(notesPlainText(doc)).toBe(typed);
    expect(doc.share.has('evil')).toBe(false);
    const live = fixture.server.server.hocuspocus.documents.get(name)!;
    expect(notesPlainText(live)).toBe(typed);
    expect(live.share.has('evil')).toBe(false);
    await waitFor(() => notesPlainText(observer.doc) === typed || undefined, 'the observer to see what was typed');
    expect(observer.doc.share.has('evil')).toBe(false);
  });

  it('count against the rate limit frame by frame: past it, nothing more is stored', async () => {
    const name = 'acme:notes:flood';
    const raw = await writer(name, 'flo');
    const client = sender(raw, name);
    typeInto(client, RATE * 4);

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^rate-limited/) });
    const acknowledged = acks(raw.replies).length;
    // The bucket holds two seconds' worth; a little more may refill while the burst is handled.
    expect(acknowledged).toBeGreaterThanOrEqual(RATE * 2 - 1);
    expect(acknowledged).toBeLessThan(RATE * 3);
    // The paragraph, then one character per acknowledged frame after it.
    expect(notesPlainText((await stored(fixture, name)).doc)).toHaveLength(acknowledged - 1);
  });

  it('check what is more than typing frame by frame: a message posted, then removed, is refused as if sent alone', async () => {
    const name = 'acme:channel:post-and-remove';
    const raw = await writer(name);
    const client = sender(raw, name);
    client.send((doc) => void postMessage(doc, { id: 'm1', text: 'posted', authorId: 'ana', authorName: 'Ana' }));
    client.send((doc) => channelMessages(doc).delete(0, 1));

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^invalid-update/) });
    expect(acks(raw.replies)).toHaveLength(1);
    expect(listMessages((await stored(fixture, name)).doc).map((m) => m.id)).toEqual(['m1']);
  });

  it('check every frame’s own delete set: a crafted one followed by typing is refused and not applied', async () => {
    const name = 'acme:notes:crafted';
    const observer = await fixture.synced(name, { sub: 'obi' });
    const raw = await writer(name);
    const client = sender(raw, name);
    client.send((doc) => void appendParagraph(doc, 'hello'));
    // The same one-character range a thousand times: Yjs would walk the document once per range.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, client.doc.clientID);
    encoding.writeVarUint(encoder, 1000);
    for (let i = 0; i < 1000; i += 1) {
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint(encoder, 1);
    }
    raw.sendUpdate(name, encoding.toUint8Array(encoder));
    typeInto(client, 2);

    const closed = await waitFor(() => raw.replies.find((reply) => reply.kind === 'closed'), 'the refusal');
    expect(closed).toEqual({ kind: 'closed', reason: expect.stringMatching(/^invalid-update/) });
    expect(acks(raw.replies)).toHaveLength(1);
    expect(notesPlainText((await stored(fixture, name)).doc)).toBe('hello');
    expect(notesPlainText(fixture.server.server.hocuspocus.documents.get(name)!)).toBe('hello');
    await waitFor(() => notesPlainText(observer.doc) === 'hello' || undefined, 'the observer to see the paragraph');
  });
});
