/**
 * Fuzzing with 10,000 frames: random bytes, random bytes behind a real document address, and random
 * but well-formed Yjs updates (valid and invalid) against real documents. The server stays
 * healthy, acknowledges exactly what it applied, and stores no part of any refused update.
 */
import { defineForm, formFields, postMessage, setReaction, editMessage, markRead, channelMessages, writeField, appendParagraph, setNotesTitle, type DocKind, validateDocument } from '@concord/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameFor, openRawClient, type RawClient } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';

const SEED = 20261121;
const RANDOM_FRAMES = 2_000;
const ADDRESSED_RANDOM_FRAMES = 2_000;
const UPDATES = 6_000;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomBytes = (max: number) => Uint8Array.from({ length: 1 + Math.floor(random() * max) }, () => Math.floor(random() * 256));

type Op = (doc: Y.Doc, marker: string) => void;

const channelOps: Op[] = [
  (doc, m) => void postMessage(doc, { text: m, authorId: 'fuzz', authorName: 'Fuzz' }),
  (doc, m) => void postMessage(doc, { text: m, authorId: 'ana', authorName: 'Ana' }),
  (doc, m) => void postMessage(doc, { text: m, authorId: 'fuzz', authorName: 'Fuzz', kind: 'system' }),
  (doc) => { const first = channelMessages(doc).get(0); if (first) setReaction(doc, first.get('id') as string, '👍', pick(['fuzz', 'ana']), true); },
  (doc) => { const last = channelMessages(doc).get(channelMessages(doc).length - 1); if (last) markRead(doc, pick(['fuzz', 'ana']), last.get('id') as string); },
  (doc, m) => { const any = channelMessages(doc).get(Math.floor(random() * channelMessages(doc).length)); if (any) editMessage(doc, any.get('id') as string, m); },
  (doc) => { if (channelMessages(doc).length > 0) channelMessages(doc).delete(0, 1); },
  (doc, m) => doc.getMap(pick(['evil', 'reads', 'messages'])).set(m, pick([1, 'x', null, { a: m }])),
  (doc, m) => { const any = channelMessages(doc).get(0); if (any) any.set(pick(['text', 'authorId', 'createdAt', 'zzz']), pick([m, 7, true])); },
];

const formOps: Op[] = [
  (doc) => writeField(doc, 'amount', Math.floor(random() * 1000), { id: 'fuzz', name: 'Fuzz' }),
  (doc) => writeField(doc, 'stage', pick(['lead', 'won', 'lost']), { id: 'fuzz', name: 'Fuzz' }),
  (doc) => writeField(doc, 'amount', 3, { id: 'ana', name: 'Ana' }),
  (doc, m) => (formFields(doc).get('amount') as Y.Map<unknown> | undefined)?.set(m.replace(/[<>]/g, ''), { value: m, by: 'fuzz', byName: 'F', at: 1, supersedes: [] }),
  (doc, m) => { const writes = formFields(doc).get('stage') as Y.Map<unknown> | undefined; const key = writes && [...writes.keys()][0]; if (key) writes.set(key, { value: 'won', by: 'fuzz', byName: m, at: 2, supersedes: [] }); },
  (doc, m) => doc.getMap('meta').set(pick(['title', 'schema', 'other']), pick([m, 5, [{ name: m }]])),
  (doc, m) => doc.getMap('texts').set('amount', new Y.Text(m)),
];

const notesOps: Op[] = [
  (doc, m) => void appendParagraph(doc, m),
  (doc, m) => setNotesTitle(doc, m),
  (doc, m) => doc.getMap('meta').set('title', pick([42, { m }, m])),
  (doc, m) => doc.getXmlFragment('content').insert(0, [new Y.XmlText(m.repeat(pick([1, 30_000])))]),
  (doc, m) => doc.getArray(pick(['content', 'junk'])).insert(0, [m]),
];

const TARGETS: Array<{ name: string; kind: DocKind; ops: Op[] }> = [
  { name: 'acme:channel:fuzz', kind: 'channel', ops: channelOps },
  { name: 'acme:form:deal.fuzz', kind: 'form', ops: formOps },
  { name: 'acme:notes:fuzz', kind: 'notes', ops: notesOps },
];

describe('fuzzing the server', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ deps: { upgradesPerSecondPerAddress: 1_000_000 } });
    token = await signToken({ sub: 'fuzz', org: 'acme' });
  });
  afterAll(() => server.close());

  it(`survives ${RANDOM_FRAMES + ADDRESSED_RANDOM_FRAMES + UPDATES} hostile frames (seed ${SEED})`, async () => {
    // 1. Random bytes, with and without a real document's address in front.
    let client: RawClient | undefined;
    for (let i = 0; i < RANDOM_FRAMES + ADDRESSED_RANDOM_FRAMES; i += 1) {
      if (!client || client.socket.readyState !== client.socket.OPEN) {
        client = await openRawClient(server.wsUrl);
        if (i >= RANDOM_FRAMES) await client.authenticate(TARGETS[0]!.name, token).catch(() => undefined);
      }
      const frame = i < RANDOM_FRAMES
        ? randomBytes(64)
        : frameFor(TARGETS[0]!.name, (e) => { encoding.writeVarUint(e, Math.floor(random() * 12)); encoding.writeUint8Array(e, randomBytes(48)); });
      client.send(frame);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    client?.socket.terminate();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    // 2. Well-formed updates, built against a mirror of what the server accepted.
    const mirrors = new Map<string, Y.Doc>();
    const clients = new Map<string, RawClient>();
    const setup = await openRawClient(server.wsUrl);
    for (const target of TARGETS) {
      const mirror = new Y.Doc();
      if (target.kind === 'form') defineForm(mirror, { title: 'Fuzz deal', entityType: 'deal', entityId: 'fuzz', schema: [
        { name: 'amount', label: 'Amount', type: 'number' }, { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] },
      ] });
      await setup.authenticate(target.name, token);
      if (target.kind === 'form') {
        setup.sendUpdate(target.name, Y.encodeStateAsUpdate(mirror));
        expect(await setup.nextOutcome()).toEqual({ kind: 'ack', applied: true });
      }
      mirrors.set(target.name, mirror);
      const c = await openRawClient(server.wsUrl);
      await c.authenticate(target.name, token);
      clients.set(target.name, c);
    }
    // `setup` stays connected so a refusal (which closes one document connection) never unloads a document.

    const refusedMarkers: string[] = [];
    let accepted = 0;
    // A scratch copy of each mirror to make the next change on; rebuilt only after a refusal.
    const scratches = new Map<string, Y.Doc>();
    const scratchOf = (name: string) => {
      let scratch = scratches.get(name);
      if (!scratch) {
        scratch = new Y.Doc();
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(mirrors.get(name)!));
        scratches.set(name, scratch);
      }
      return scratch;
    };
    for (let i = 0; i < UPDATES; i += 1) {
      const target = pick(TARGETS);
      const mirror = mirrors.get(target.name)!;
      const scratch = scratchOf(target.name);
      const before = Y.encodeStateVector(scratch);
      const marker = `<mk${i}>`;
      try {
        pick(target.ops)(scratch, marker);
      } catch {
        scratches.delete(target.name);
        continue; // the model refused the operation locally: nothing to send
      }
      const update = Y.encodeStateAsUpdate(scratch, before);
      if (update.byteLength <= 2) continue;
      const c = clients.get(target.name)!;
      const outcome = c.nextOutcome();
      c.sendUpdate(target.name, update);
      const reply = await outcome;
      if (reply.kind === 'ack' && reply.applied) {
        Y.applyUpdate(mirror, update);
        accepted += 1;
      } else {
        refusedMarkers.push(marker);
        scratches.delete(target.name);
        await c.authenticate(target.name, token);
      }
    }
    expect(accepted).toBeGreaterThan(UPDATES / 5);
    expect(refusedMarkers.length).toBeGreaterThan(UPDATES / 5);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    for (const target of TARGETS) {
      const stored = await server.server.storage.load(target.name);
      const bytes = Buffer.concat([stored.snapshot ?? new Uint8Array(), ...stored.updates]).toString('utf8');
      const leaked = refusedMarkers.filter((m) => bytes.includes(m));
      expect(leaked, `refused content stored in ${target.name}`).toEqual([]);
      const live = server.server.hocuspocus.documents.get(target.name)!;
      expect(Y.encodeStateVector(live)).toEqual(Y.encodeStateVector(mirrors.get(target.name)!));
      expect(validateDocument(target.kind, live)).toEqual([]);
    }
    clients.forEach((c) => c.socket.terminate());
    setup.socket.terminate();
  }, 240_000);
});
