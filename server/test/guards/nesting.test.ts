/**
 * Shapes that cost a naive guard more than their size (issue 10): an update nesting shared types or
 * plain values deeper than MAX_NESTING_DEPTH, or deleting the same content twice, is refused as
 * `invalid-update` without being applied, stored or broadcast while a canary document keeps
 * syncing; a large legitimate deletion is accepted; and a document stored deeper than the bound
 * before it existed is still served as JSON.
 */
import {
  MAX_NESTING_DEPTH, listMessages, notesContent, notesPlainText, postMessage, readNotesTitle, setNotesTitle, type NotesView,
} from '@concord/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from '../helpers/client.ts';
import { openRawClient, type RawClient, type Reply } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];
const raws: RawClient[] = [];
let canaryRound = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  raws.forEach((r) => r.socket.terminate());
  await server.close();
});

async function client(name: string, sub: string): Promise<TestClient> {
  const c = connect(server.wsUrl, name, await signToken({ sub, org: 'acme' }));
  clients.push(c);
  await c.synced();
  return c;
}

/** `levels` elements, each inside the previous one, the deepest holding `text`; one transaction. */
function nest(into: Y.XmlFragment, levels: number, text: string): void {
  into.doc!.transact(() => {
    let parent: Y.XmlFragment = into;
    for (let i = 0; i < levels; i += 1) {
      const element = new Y.XmlElement(i % 2 ? 'listItem' : 'bulletList');
      parent.insert(0, [element]);
      parent = element;
    }
    parent.insert(0, [new Y.XmlText(text)]);
  });
}

async function expectCanaryAlive(): Promise<void> {
  canaryRound += 1;
  const [a, b] = await Promise.all([client('acme:notes:canary', 'cara'), client('acme:notes:canary', 'carl')]);
  setNotesTitle(a.doc, `canary ${canaryRound}`);
  await waitFor(() => readNotesTitle(b.doc) === `canary ${canaryRound}`, 'the canary to sync');
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
}

async function storedClients(name: string): Promise<number[]> {
  const stored = await server.server.storage.load(name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  stored.updates.forEach((u) => Y.applyUpdate(doc, u));
  return [...doc.store.clients.keys()];
}

/**
 * An attacker's raw update to `name`, made on a copy of the owner's document by `attempt` (or given
 * as bytes): returns the server's answer once it has one, with an owner and an observer connected.
 */
async function send(name: string, attempt: (doc: Y.Doc) => Uint8Array | void): Promise<{ reply: Reply; owner: TestClient; observer: TestClient; attackerClient: number }> {
  const owner = await client(name, 'ana');
  const observer = await client(name, 'obi');
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(owner.doc));
  const before = Y.encodeStateVector(scratch);
  const given = attempt(scratch);
  const update = given ?? Y.encodeStateAsUpdate(scratch, before);
  const attacker = await openRawClient(server.wsUrl);
  raws.push(attacker);
  await attacker.authenticate(name, await signToken({ sub: 'mal', org: 'acme' }));
  const outcome = attacker.nextOutcome();
  attacker.sendUpdate(name, update);
  return { reply: await outcome, owner, observer, attackerClient: scratch.clientID };
}

/** Refused as invalid-update, and harmless: nothing applied, stored or broadcast, others unaffected. */
async function expectRefused(name: string, attempt: (doc: Y.Doc) => Uint8Array | void, detail: RegExp): Promise<void> {
  const { reply, owner, observer, attackerClient } = await send(name, attempt);
  expect(reply.kind).toBe('closed');
  expect(reply.kind === 'closed' && reply.reason).toMatch(/^invalid-update: /);
  expect(reply.kind === 'closed' && reply.reason).toMatch(detail);
  const live = server.server.hocuspocus.documents.get(name)!;
  expect(live.store.clients.has(attackerClient)).toBe(false);
  expect(await storedClients(name)).not.toContain(attackerClient);
  const stamp = `still editing ${canaryRound}`;
  if (name.includes(':channel:')) {
    postMessage(owner.doc, { text: stamp, authorId: 'ana', authorName: 'Ana' });
    await waitFor(() => listMessages(observer.doc).some((m) => m.text === stamp), 'the observer to see the owner’s next message');
  } else {
    setNotesTitle(owner.doc, stamp);
    await waitFor(() => readNotesTitle(observer.doc) === stamp, 'the observer to see the owner’s next edit');
  }
  expect(observer.doc.store.clients.has(attackerClient)).toBe(false);
  expect(observer.refusals).toEqual([]);
  await expectCanaryAlive();
}

describe('nesting deeper than the bound', () => {
  it('refuses 3,000 rich-text elements each inside the previous one, sent in one update', () =>
    expectRefused('acme:notes:deep-3000', (doc) => nest(notesContent(doc), 3_000, 'down here'), new RegExp(`deeper than ${MAX_NESTING_DEPTH} levels`)), 120_000);

  it('accepts rich text nested down to the bound and refuses one level more', async () => {
    const { reply } = await send('acme:notes:at-bound', (doc) => nest(notesContent(doc), MAX_NESTING_DEPTH - 2, 'deepest allowed'));
    expect(reply).toEqual({ kind: 'ack', applied: true });
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:at-bound')!)).toBe('deepest allowed');
    await expectRefused('acme:notes:past-bound', (doc) => nest(notesContent(doc), MAX_NESTING_DEPTH - 1, 'one too deep'), /deeper than/);
  });

  it('refuses a plain value nested deeper than the bound', () =>
    expectRefused('acme:channel:deep-value', (doc) => {
      let deep: unknown = 'x';
      for (let i = 0; i < MAX_NESTING_DEPTH + 1; i += 1) deep = [deep];
      postMessage(doc, { text: 'a file', authorId: 'mal', authorName: 'Mal', attachments: [{ id: 'a1', name: 'a', url: '/a', type: 'text/plain', size: 1, extra: deep } as never] });
    }, /deeper than/));

  it('refuses a shared type as a rich-text attribute', () =>
    expectRefused('acme:notes:type-attribute', (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      notesContent(doc).insert(0, [paragraph]);
      // No editor puts a shared type in an attribute.
      paragraph.setAttribute('smuggled', new Y.XmlElement('deep') as never);
    }, /attribute/));
});

/** A delete set naming `client`'s clocks [0, length) `times` times over: what no Yjs encoder writes. */
function repeatedDeletion(client: number, length: number, times: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, times);
  for (let i = 0; i < times; i += 1) {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}

describe('deletions', () => {
  it('refuses a delete set that deletes the same content more than once', async () => {
    const seeded = await client('acme:notes:repeated-delete', 'ana');
    const text = new Y.XmlText();
    seeded.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [text]);
      notesContent(seeded.doc).insert(0, [paragraph]);
    });
    seeded.doc.transact(() => {
      for (let i = 0; i < 200; i += 1) text.insert(0, 'x');
    });
    await seeded.acknowledged();
    const length = Y.getState(seeded.doc.store, seeded.doc.clientID);
    await expectRefused('acme:notes:repeated-delete', () => repeatedDeletion(seeded.doc.clientID, length, 1_000), /more than once/);
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:repeated-delete')!)).toBe('x'.repeat(200));
  });

  it('accepts one update deleting 150,000 separate items', async () => {
    const writer = await client('acme:notes:big-delete', 'ana');
    const text = new Y.XmlText();
    writer.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [text]);
      notesContent(writer.doc).insert(0, [paragraph]);
    });
    // Typed backwards, so no two characters merge into one item; two updates, each under 1 MiB.
    const answered = () => waitFor(() => writer.refusals.length > 0 || (writer.provider.isSynced && writer.provider.unsyncedChanges === 0), 'the server to answer', 60_000);
    for (let half = 0; half < 2; half += 1) {
      writer.doc.transact(() => {
        for (let i = 0; i < 75_000; i += 1) text.insert(0, 'x');
      });
      await answered();
    }
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:big-delete')!)).toHaveLength(150_000);
    text.delete(0, text.length);
    await answered();
    expect(writer.refusals).toEqual([]);
    expect(notesPlainText(server.server.hocuspocus.documents.get('acme:notes:big-delete')!)).toBe('');
  }, 120_000);
});

describe('a document stored deeper than the bound before it existed', () => {
  it('is served as JSON, now and as a saved version, and only its shallow part can still be edited', async () => {
    const name = 'acme:notes:stored-deep';
    const legacy = new Y.Doc();
    nest(notesContent(legacy), 3_000, 'the bottom');
    setNotesTitle(legacy, 'Legacy');
    await server.server.storage.append(name, Y.encodeStateAsUpdate(legacy));
    const auth = { Authorization: `Bearer ${await signToken({ sub: 'ana', org: 'acme' })}` };

    const now = await fetch(`${server.url}/api/docs/${name}`, { headers: auth });
    expect(now.status).toBe(200);
    const view = (await now.json()) as NotesView;
    expect(view.title).toBe('Legacy');
    expect(JSON.stringify(view.content)).toContain('the bottom');

    const saved = await fetch(`${server.url}/api/docs/${name}/versions`, { method: 'POST', headers: auth, body: JSON.stringify({ label: 'deep' }) });
    expect(saved.status).toBe(201);
    const { version } = (await saved.json()) as { version: { id: string } };
    const past = await fetch(`${server.url}/api/docs/${name}/versions/${version.id}`, { headers: auth });
    expect(past.status).toBe(200);
    expect(JSON.stringify(await past.json())).toContain('the bottom');

    const editor = await client(name, 'ana');
    setNotesTitle(editor.doc, 'Renamed');
    await editor.acknowledged();
    expect(readNotesTitle(server.server.hocuspocus.documents.get(name)!)).toBe('Renamed');
    await expectRefused(name, (doc) => {
      let deepest: Y.XmlElement = notesContent(doc).get(0) as Y.XmlElement;
      while (deepest.get(0) instanceof Y.XmlElement) deepest = deepest.get(0) as Y.XmlElement;
      (deepest.get(0) as Y.XmlText).insert(0, 'more ');
    }, /deeper than/);
  }, 120_000);
});
