/**
 * Tokens expiring mid-session, fuzzed: writers whose tokens expire at random moments keep writing
 * at random intervals across their expiry, until they see the close. Every writer ends with
 * `token-expired`; nothing handled after a writer's `exp` is applied, stored or broadcast; the server
 * acknowledges exactly what it stored; a reader with a valid token is never disturbed, and a canary
 * document keeps syncing.
 */
import { appendParagraph, readNotesTitle, setNotesTitle } from '@concord/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer } from '../helpers/fixture.ts';
import { openRawClient, type RawClient } from '../helpers/raw-client.ts';
import { expiresAtMs, signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const SEED = 20261126;
const WRITERS = 12;
const NAME = 'acme:notes:expiry-fuzz';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sent {
  marker: string;
  sentAt: number;
}

interface Writer {
  raw: RawClient;
  expiresAt: number;
  sent: Sent[];
}

const paragraphsOf = (doc: Y.Doc): string[] => doc.getXmlFragment('content').toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));

describe('tokens expiring mid-session (seeded fuzz)', () => {
  const fixture = useServer();
  const raws: RawClient[] = [];
  afterAll(() => raws.forEach((raw) => raw.socket.close()));

  async function write(index: number, random: () => number): Promise<Writer> {
    const token = await signToken({ sub: `writer${index}`, org: 'acme', expiresInSeconds: 2 + Math.floor(random() * 3) });
    const raw = await openRawClient(fixture.server.wsUrl);
    raws.push(raw);
    await raw.authenticate(NAME, token);
    const writer: Writer = { raw, expiresAt: expiresAtMs(token), sent: [] };
    const doc = new Y.Doc();
    const closed = () => raw.replies.some((reply) => reply.kind === 'closed');
    const send = () => {
      const marker = `w${index}n${writer.sent.length}`;
      const before = Y.encodeStateVector(doc);
      appendParagraph(doc, marker);
      writer.sent.push({ marker, sentAt: Date.now() });
      raw.sendUpdate(NAME, Y.encodeStateAsUpdate(doc, before));
    };
    // Keeps writing past exp until the close arrives (or a generous deadline passes), then once more.
    while (!closed() && Date.now() < writer.expiresAt + 10_000) {
      send();
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 120)));
    }
    send();
    return writer;
  }

  it(`ends ${WRITERS} writers at their exp and keeps everything they sent after it out`, async () => {
    const random = mulberry32(SEED);
    const reader = await fixture.synced(NAME, { sub: 'reader' });
    const writers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => write(i, random)));

    for (const writer of writers) {
      const close = writer.raw.replies.find((reply) => reply.kind === 'closed');
      expect(close).toEqual({ kind: 'closed', reason: expect.stringMatching(/^token-expired/) });
      expect(writer.sent.at(-1)!.sentAt).toBeGreaterThanOrEqual(writer.expiresAt);
    }

    const { snapshot, updates } = await fixture.server.server.storage.load(NAME);
    const stored = new Y.Doc();
    [snapshot, ...updates].forEach((update) => update && Y.applyUpdate(stored, update));
    const storedMarkers = new Set(paragraphsOf(stored));
    const live = new Set(paragraphsOf(fixture.server.server.hocuspocus.documents.get(NAME)!));
    expect(live).toEqual(storedMarkers);

    for (const writer of writers) {
      const applied = writer.sent.filter((s) => storedMarkers.has(s.marker));
      // Only what was sent before exp can have been applied (the server handled it later still).
      expect(applied.filter((s) => s.sentAt >= writer.expiresAt)).toEqual([]);
      // Acknowledged exactly what it stored: one applied ack per stored write, in order.
      expect(writer.raw.replies.filter((r) => r.kind === 'ack' && r.applied)).toHaveLength(applied.length);
      expect(applied.map((s) => s.marker)).toEqual(writer.sent.slice(0, applied.length).map((s) => s.marker));
    }

    // Broadcast is what was stored, no more: the reader converges on exactly the stored paragraphs.
    await waitFor(() => paragraphsOf(reader.doc).length === storedMarkers.size, 'the reader to have every stored write');
    expect(new Set(paragraphsOf(reader.doc))).toEqual(storedMarkers);
    expect(reader.refusals).toEqual([]);

    const [a, b] = await Promise.all([fixture.synced('acme:notes:canary', { sub: 'cara' }), fixture.synced('acme:notes:canary', { sub: 'carl' })]);
    setNotesTitle(a.doc, 'still alive');
    await waitFor(() => readNotesTitle(b.doc) === 'still alive', 'the canary to sync');
  }, 60_000);
});
