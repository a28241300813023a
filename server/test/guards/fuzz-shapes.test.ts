/**
 * Fuzzing with update shapes rather than bytes (issue 10): deep nesting of shared types and of
 * plain values, long sibling chains, wide maps, and repeated deletions, at seeded random sizes,
 * against real documents. Each shape's verdict is known in advance and must be exactly that; every
 * refusal is `invalid-update` and leaves the live, stored and observed documents as they were, and
 * a canary document keeps syncing throughout.
 */
import {
  MAX_NESTING_DEPTH, appendParagraph, defineForm, formFields, notesContent, postMessage, readNotesTitle, setNotesTitle, upsertNotesEntry, viewDocument,
  type DocKind,
} from '@concord/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from '../helpers/client.ts';
import { openRawClient, type RawClient } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const SEED = 20261125;
const EXTRA_STEPS = 12;

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
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const NOTES = 'acme:notes:shapes';
const CHANNEL = 'acme:channel:shapes';
const WORKSPACE = 'acme:workspace:main';
const FORM = 'acme:form:deal.shapes';
const TARGETS: Record<string, DocKind> = { [NOTES]: 'notes', [CHANNEL]: 'channel', [WORKSPACE]: 'workspace', [FORM]: 'form' };

/** A shape makes one update on a copy of the document (or returns raw bytes) and knows its verdict. */
interface Shape {
  name: string;
  target: string;
  accepted: boolean;
  make(doc: Y.Doc, marker: string): Uint8Array | void;
}

function nest(parent: Y.XmlFragment, levels: number, text: string): void {
  for (let i = 0; i < levels; i += 1) {
    const element = new Y.XmlElement(i % 2 ? 'listItem' : 'bulletList');
    parent.insert(0, [element]);
    parent = element;
  }
  parent.insert(0, [new Y.XmlText(text)]);
}

function deepValue(levels: number, marker: string): unknown {
  let value: unknown = marker;
  for (let i = 0; i < levels; i += 1) value = i % 2 ? { [marker]: value } : [value];
  return value;
}

function repeatedDeletion(client: number, length: number, times: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, times);
  for (let i = 0; i < times; i += 1) {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}

const SHAPES: Shape[] = [
  { name: 'rich text nested past the bound', target: NOTES, accepted: false, make: (doc, m) => nest(notesContent(doc), between(MAX_NESTING_DEPTH - 1, 4_000), m) },
  { name: 'rich text nested to the bound', target: NOTES, accepted: true, make: (doc, m) => nest(notesContent(doc), between(1, MAX_NESTING_DEPTH - 2), m) },
  {
    name: 'a long chain of characters typed backwards', target: NOTES, accepted: true,
    make: (doc, m) => {
      const text = appendParagraph(doc, m);
      for (let i = between(1_000, 60_000); i > 0; i -= 1) text.insert(0, 'x');
    },
  },
  { name: 'a long chain of paragraphs', target: NOTES, accepted: true, make: (doc, m) => { for (let i = between(100, 5_000); i > 0; i -= 1) appendParagraph(doc, m); } },
  {
    name: 'a formatting value nested past the bound', target: NOTES, accepted: false,
    make: (doc, m) => appendParagraph(doc, m).format(0, 1, { link: deepValue(between(MAX_NESTING_DEPTH + 1, 2_000), m) }),
  },
  {
    name: 'a shared type as a rich-text attribute', target: NOTES, accepted: false,
    make: (doc, m) => {
      const paragraph = new Y.XmlElement('paragraph');
      notesContent(doc).insert(0, [paragraph]);
      paragraph.setAttribute(m, new Y.XmlElement('hidden') as never);
    },
  },
  {
    name: 'the same deletion repeated', target: NOTES, accepted: false,
    make: (doc) => {
      const [client, structs] = [...doc.store.clients].find(([, s]) => s.length > 0)!;
      const last = structs[structs.length - 1]!;
      return repeatedDeletion(client, last.id.clock + last.length, between(2, 50_000));
    },
  },
  { name: 'many messages at once', target: CHANNEL, accepted: true, make: (doc, m) => { for (let i = between(100, 3_000); i > 0; i -= 1) postMessage(doc, { text: m, authorId: 'mal', authorName: 'Mal' }); } },
  {
    name: 'an attachment nested past the bound', target: CHANNEL, accepted: false,
    make: (doc, m) => void postMessage(doc, { text: m, authorId: 'mal', authorName: 'Mal', attachments: [{ id: 'a', name: 'a', url: '/a', type: 'text/plain', size: 1, extra: deepValue(between(MAX_NESTING_DEPTH + 1, 3_000), m) } as never] }),
  },
  {
    name: 'maps nested in a message', target: CHANNEL, accepted: false,
    make: (doc, m) => {
      const message = postMessage(doc, { text: m, authorId: 'mal', authorName: 'Mal' });
      let map = doc.getArray<Y.Map<unknown>>('messages').toArray().find((candidate) => candidate.get('id') === message.id)!;
      for (let i = between(2, 3_000); i > 0; i -= 1) {
        const inner = new Y.Map<unknown>();
        map.set(m, inner);
        map = inner;
      }
    },
  },
  { name: 'a wide directory map', target: WORKSPACE, accepted: true, make: (doc, m) => { for (let i = between(100, 5_000); i > 0; i -= 1) upsertNotesEntry(doc, { id: `n${m.slice(3, -1)}x${i}`, title: m }); } },
  {
    name: 'thousands of writes to one field', target: FORM, accepted: true,
    make: (doc, m) => {
      const writes = formFields(doc).get('stage')!;
      for (let i = between(100, 3_000); i > 0; i -= 1) writes.set(`w${m.slice(3, -1)}x${i}`, { value: 'won', by: 'mal', byName: m, at: i, supersedes: [] });
    },
  },
  {
    name: 'thousands of writes, the last one invalid', target: FORM, accepted: false,
    make: (doc, m) => {
      const writes = formFields(doc).get('stage')!;
      const count = between(100, 3_000);
      for (let i = count; i > 0; i -= 1) writes.set(`w${m.slice(3, -1)}x${i}`, { value: i === 1 ? 'bogus' : 'won', by: 'mal', byName: m, at: i, supersedes: [] });
    },
  },
];

describe('fuzzing the server with update shapes', () => {
  let server: TestServer;
  const providers: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ deps: { upgradesPerSecondPerAddress: 1_000_000 } });
  });
  afterAll(async () => {
    providers.forEach((p) => p.destroy());
    await server.close();
  });

  async function provider(name: string, sub: string): Promise<TestClient> {
    const client = connect(server.wsUrl, name, await signToken({ sub, org: 'acme' }));
    providers.push(client);
    await client.synced();
    return client;
  }

  async function storedDoc(name: string): Promise<Y.Doc> {
    const stored = await server.server.storage.load(name);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    stored.updates.forEach((u) => Y.applyUpdate(doc, u));
    return doc;
  }

  const sameState = (kind: DocKind, a: Y.Doc, b: Y.Doc) =>
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && JSON.stringify(viewDocument(kind, a)) === JSON.stringify(viewDocument(kind, b));

  it(`gives every shape its verdict and nothing more (seed ${SEED})`, async () => {
    const token = await signToken({ sub: 'mal', org: 'acme', role: 'admin' });
    const mirrors = new Map<string, Y.Doc>();
    const attackers = new Map<string, RawClient>();
    const observers = new Map<string, TestClient>();
    for (const name of Object.keys(TARGETS)) {
      const mirror = new Y.Doc();
      const attacker = await openRawClient(server.wsUrl);
      await attacker.authenticate(name, token);
      if (name === FORM) {
        defineForm(mirror, { title: 'Deal', entityType: 'deal', entityId: 'shapes', schema: [{ name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] }] });
        formFields(mirror).set('stage', new Y.Map());
        const outcome = attacker.nextOutcome();
        attacker.sendUpdate(name, Y.encodeStateAsUpdate(mirror));
        expect(await outcome).toEqual({ kind: 'ack', applied: true });
      }
      mirrors.set(name, mirror);
      attackers.set(name, attacker);
      observers.set(name, await provider(name, 'obi'));
    }
    const [cara, carl] = [await provider('acme:notes:canary', 'cara'), await provider('acme:notes:canary', 'carl')];

    const order = [...SHAPES].sort(() => random() - 0.5);
    for (let i = 0; i < EXTRA_STEPS; i += 1) order.push(SHAPES[Math.floor(random() * SHAPES.length)]!);
    const verdicts: string[] = [];
    const refusedMarkers: string[] = [];
    for (const [step, shape] of order.entries()) {
      const name = shape.target;
      const kind = TARGETS[name]!;
      const live = server.server.hocuspocus.documents.get(name)!;
      // The server writes too (activity, the channel archive): build on what it holds now.
      const mirror = mirrors.get(name)!;
      Y.applyUpdate(mirror, Y.encodeStateAsUpdate(live, Y.encodeStateVector(mirror)));
      const viewBefore = JSON.stringify(viewDocument(kind, live));
      // A fresh client id per update, so refused content is recognizable by its id anywhere.
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(mirror));
      const before = Y.encodeStateVector(scratch);
      const marker = `<mk${step}>`;
      let update!: Uint8Array;
      scratch.transact(() => {
        update = shape.make(scratch, marker) ?? new Uint8Array();
      });
      if (update.byteLength === 0) update = Y.encodeStateAsUpdate(scratch, before);
      expect(update.byteLength, shape.name).toBeLessThan(1024 * 1024);

      const attacker = attackers.get(name)!;
      const outcome = attacker.nextOutcome();
      attacker.sendUpdate(name, update);
      const reply = await outcome;
      verdicts.push(`${shape.name}: ${reply.kind === 'ack' ? 'accepted' : reply.kind === 'closed' ? reply.reason.split(':')[0] : reply.kind}`);
      expect(verdicts.at(-1)).toBe(`${shape.name}: ${shape.accepted ? 'accepted' : 'invalid-update'}`);

      const observer = observers.get(name)!;
      if (shape.accepted) {
        expect(Y.getState(live.store, scratch.clientID)).toBe(Y.getState(scratch.store, scratch.clientID));
        await waitFor(() => Y.getState(observer.doc.store, scratch.clientID) === Y.getState(scratch.store, scratch.clientID), `${shape.name}: the observer to get it`, 60_000);
        continue;
      }
      refusedMarkers.push(marker);
      await attacker.authenticate(name, token);
      expect(live.store.clients.has(scratch.clientID)).toBe(false);
      expect(JSON.stringify(viewDocument(kind, live))).not.toContain(marker);
      // Only the notes page has no writer but the clients: nothing may have changed in it at all.
      if (name === NOTES) expect(JSON.stringify(viewDocument(kind, live))).toBe(viewBefore);
      expect((await storedDoc(name)).store.clients.has(scratch.clientID)).toBe(false);
      expect(observer.doc.store.clients.has(scratch.clientID)).toBe(false);
      setNotesTitle(cara.doc, marker);
      await waitFor(() => readNotesTitle(carl.doc) === marker, 'the canary to sync');
    }
    expect(verdicts.length).toBe(SHAPES.length + EXTRA_STEPS);
    for (const name of Object.keys(TARGETS)) {
      const stored = await server.server.storage.load(name);
      const bytes = Buffer.concat([stored.snapshot ?? new Uint8Array(), ...stored.updates]).toString('utf8');
      expect(refusedMarkers.filter((m) => bytes.includes(m)), `refused content stored in ${name}`).toEqual([]);
      const live = server.server.hocuspocus.documents.get(name)!;
      await waitFor(() => sameState(TARGETS[name]!, observers.get(name)!.doc, live), `the observer of ${name} to match the server`, 60_000);
      expect(observers.get(name)!.refusals).toEqual([]);
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    attackers.forEach((a) => a.socket.terminate());
  }, 600_000);
});
