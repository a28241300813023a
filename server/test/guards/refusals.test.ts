/**
 * Every refusal path: the client gets the code, nothing of the refused change is applied, stored or
 * broadcast, and a canary document on the same server keeps syncing.
 */
import {
  addChannel, addInboxItem, dmSecondId, appendActivity, formMeta, inboxUnreadCount, markInboxRead, updateMeeting, upsertNotesEntry, CHANNEL_ROOTS, channelMessages, defineForm, deleteMessage, editMessage, formFields, inboxItems,
  postMessage, readField, restoreMessage, scheduleMeeting, setMeetingStatus, setNotesTitle, setReaction, viewDocument, writeField,
  readNotesTitle, recordPerson, type DocKind,
} from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];
let canaryRound = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
});

async function client(name: string, sub: string, role: 'viewer' | 'editor' | 'admin' = 'editor'): Promise<TestClient> {
  const c = connect(server.wsUrl, name, await signToken({ sub, name: sub.toUpperCase(), org: 'acme', role }));
  clients.push(c);
  await c.synced();
  return c;
}

function kindOf(name: string): DocKind {
  return name.split(':')[1] as DocKind;
}

async function storedView(name: string): Promise<string> {
  const stored = await server.server.storage.load(name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  stored.updates.forEach((u) => Y.applyUpdate(doc, u));
  return JSON.stringify(viewDocument(kindOf(name), doc));
}

async function expectCanaryAlive(): Promise<void> {
  canaryRound += 1;
  const [a, b] = await Promise.all([client('acme:notes:canary', 'cara'), client('acme:notes:canary', 'carl')]);
  setNotesTitle(a.doc, `canary ${canaryRound}`);
  await waitFor(() => readNotesTitle(b.doc) === `canary ${canaryRound}`, 'the canary to sync');
}

/**
 * Seeds `name` as `owner`, lets `attacker` try `attempt`, and checks the refusal and its harmlessness.
 */
async function expectRefused(options: {
  name: string;
  seed?: (doc: Y.Doc) => void;
  attacker: string;
  attackerRole?: 'editor' | 'admin';
  attempt: (doc: Y.Doc) => void;
  code: string;
}): Promise<void> {
  const owner = await client(options.name, 'ana');
  if (options.seed) {
    options.seed(owner.doc);
    await owner.acknowledged();
  }
  const observer = await client(options.name, 'obi');
  const live = server.server.hocuspocus.documents.get(options.name)!;

  const attacker = await client(options.name, options.attacker, options.attackerRole);
  options.attempt(attacker.doc);
  const reason = await waitFor(() => attacker.refusals.find((r) => r.includes(':')), 'the refusal');
  expect(reason.split(':')[0]).toBe(options.code);

  // A later legitimate edit reaches the observer; the refused one never did, nor the live or stored document.
  setNotesTitleOrTouch(owner.doc, options.name);
  await waitFor(() => observer.doc.store.clients.get(owner.doc.clientID)?.length === owner.doc.store.clients.get(owner.doc.clientID)?.length, 'the observer to catch up');
  expect(observer.doc.store.clients.has(attacker.doc.clientID)).toBe(false);
  expect(live.store.clients.has(attacker.doc.clientID)).toBe(false);
  // The server's own writes (activity from earlier tests' posts) may still be on their way to
  // storage and to the owner: wait until both hold what the server holds, then compare.
  const view = (doc: Y.Doc) => JSON.stringify(viewDocument(kindOf(options.name), doc));
  const settled = async () => (await storedView(options.name)) === view(live) && view(owner.doc) === view(live);
  await waitFor(async () => (await settled()) || undefined, 'storage and the owner to catch up').catch(() => undefined);
  const after = view(live);
  expect(await storedView(options.name)).toBe(after);
  // The owner never saw the refused change: the server's document is exactly the owner's.
  expect(after).toBe(view(owner.doc));
  await expectCanaryAlive();
}

/** One harmless write per kind, used to show that the document still syncs after a refusal. */
function setNotesTitleOrTouch(doc: Y.Doc, name: string): void {
  const stamp = `touched ${Date.now()}`;
  switch (kindOf(name)) {
    case 'notes': return setNotesTitle(doc, stamp);
    case 'channel': return void postMessage(doc, { text: stamp, authorId: 'ana', authorName: 'Ana' });
    case 'meeting': return updateMeeting(doc, { title: stamp });
    case 'form': return void formMeta(doc).set('title', stamp);
    case 'workspace': return upsertNotesEntry(doc, { id: 'touched', title: stamp });
    case 'inbox': throw new Error('an inbox has one writer');
  }
}

const dealSchema = [
  { name: 'amount', label: 'Amount', type: 'number' as const },
  { name: 'stage', label: 'Stage', type: 'enum' as const, options: ['lead', 'won', 'lost'] },
];

describe('refusing bad updates', () => {
  it('refuses a root the kind does not have', () =>
    expectRefused({ name: 'acme:notes:r1', attacker: 'mal', attempt: (doc) => doc.getMap('evil').set('x', 1), code: 'invalid-update' }));

  it('refuses a value of the wrong type', () =>
    expectRefused({ name: 'acme:notes:r2', attacker: 'mal', attempt: (doc) => doc.getMap('meta').set('title', 42), code: 'invalid-update' }));

  it('refuses oversized text', () =>
    expectRefused({ name: 'acme:notes:r3', attacker: 'mal', attempt: (doc) => doc.getXmlFragment('content').insert(0, [new Y.XmlText('x'.repeat(200_000))]), code: 'invalid-update' }));

  it('refuses a message posted in another user’s name', () =>
    expectRefused({
      name: 'acme:channel:c1', seed: (doc) => postMessage(doc, { text: 'hello', authorId: 'ana', authorName: 'Ana' }),
      attacker: 'mal', attempt: (doc) => postMessage(doc, { text: 'I am Ana', authorId: 'ana', authorName: 'Ana' }), code: 'impersonation',
    }));

  it('refuses editing someone else’s message', () =>
    expectRefused({
      name: 'acme:channel:c2', seed: (doc) => postMessage(doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' }),
      attacker: 'mal', attempt: (doc) => editMessage(doc, 'm1', 'changed'), code: 'impersonation',
    }));

  it('refuses deleting someone else’s message, softly or for good', async () => {
    await expectRefused({
      name: 'acme:channel:c3', seed: (doc) => postMessage(doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' }),
      attacker: 'mal', attempt: (doc) => deleteMessage(doc, 'm1'), code: 'impersonation',
    });
    await expectRefused({ name: 'acme:channel:c3', attacker: 'ana2', attempt: (doc) => channelMessages(doc).delete(0, 1), code: 'invalid-update' });
  });

  it('refuses taking back the delete of someone else’s message', () =>
    expectRefused({
      name: 'acme:channel:c3b',
      seed: (doc) => {
        postMessage(doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' });
        deleteMessage(doc, 'm1');
      },
      attacker: 'mal', attempt: (doc) => restoreMessage(doc, 'm1', { text: 'words Ana never wrote' }), code: 'impersonation',
    }));

  it('refuses a reaction or a read receipt in someone else’s name', async () => {
    await expectRefused({
      name: 'acme:channel:c4', seed: (doc) => postMessage(doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' }),
      attacker: 'mal', attempt: (doc) => setReaction(doc, 'm1', '👍', 'ana', true), code: 'impersonation',
    });
    await expectRefused({ name: 'acme:channel:c4', attacker: 'mal', attempt: (doc) => doc.getMap(CHANNEL_ROOTS.reads).set('ana', 'm1'), code: 'impersonation' });
  });

  it('refuses a form write in someone else’s name, a wrong value, and a changed write', async () => {
    const seed = (doc: Y.Doc) => {
      defineForm(doc, { title: 'Deal 42', entityType: 'deal', entityId: '42', schema: dealSchema });
      writeField(doc, 'amount', 100, { id: 'ana', name: 'Ana' }, { writeId: 'w1' });
    };
    await expectRefused({ name: 'acme:form:deal.42', seed, attacker: 'mal', attempt: (doc) => writeField(doc, 'amount', 5, { id: 'ana', name: 'Ana' }), code: 'impersonation' });
    await expectRefused({
      name: 'acme:form:deal.42', attacker: 'mal',
      attempt: (doc) => (formFields(doc).get('stage') as Y.Map<unknown>).set('w2', { value: 'bogus', by: 'mal', byName: 'Mal', at: 1, supersedes: [] }),
      code: 'invalid-update',
    });
    await expectRefused({
      name: 'acme:form:deal.42', attacker: 'mal',
      attempt: (doc) => (formFields(doc).get('amount') as Y.Map<unknown>).set('w1', { value: 1, by: 'mal', byName: 'Mal', at: 2, supersedes: [] }),
      code: 'invalid-update',
    });
    const reader = await client('acme:form:deal.42', 'rita');
    expect(readField(reader.doc, 'amount').value).toBe(100);
  });

  it('refuses a meeting status move the schema does not allow', () =>
    expectRefused({
      name: 'acme:meeting:m1', seed: (doc) => scheduleMeeting(doc, { title: 'Standup', scheduledAt: Date.now(), durationMin: 15, createdBy: 'ana' }),
      attacker: 'mal', attempt: (doc) => doc.getMap('meta').set('status', 'paused'), code: 'invalid-update',
    }));

  it('refuses writes to server-written parts', async () => {
    await expectRefused({
      name: 'acme:workspace:main', attacker: 'mal',
      attempt: (doc) => appendActivity(doc, { userId: 'ana', userName: 'Ana', doc: 'acme:notes:x', action: 'edited', summary: 'forged', at: 1 }),
      code: 'invalid-update',
    });
  });

  it('refuses a client writing the people directory: a new person, or its own entry made admin', async () => {
    await expectRefused({
      name: 'acme:workspace:main', attacker: 'mal',
      attempt: (doc) => void recordPerson(doc, { id: 'ghost', name: 'Ghost', role: 'admin' }, 1),
      code: 'invalid-update',
    });
    await expectRefused({
      name: 'acme:workspace:main', attacker: 'mal',
      attempt: (doc) => void recordPerson(doc, { id: 'mal', name: 'MAL', role: 'admin' }, Date.now(), 0),
      code: 'invalid-update',
    });
  });

  it('refuses a direct message whose id does not name exactly its members, its creator among them', async () => {
    const squat = (id: string, members: string[], visibility: 'dm' | 'public' = 'dm') => (doc: Y.Doc) =>
      void addChannel(doc, { id, name: 'mine now', visibility, members, createdBy: 'mal' });
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat('dm.ana.bo', ['mal']), code: 'invalid-update' });
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat('dm.ana.bo', ['ana', 'bo', 'mal']), code: 'invalid-update' });
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat('dm.ana.bo', ['ana', 'bo']), code: 'invalid-update' });
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat('dm.ana.mal', ['ana', 'mal'], 'public'), code: 'invalid-update' });
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat('chat', ['mal']), code: 'invalid-update' });
    // The second id is for a conversation whose first id another channel holds; dm.ana.mal is free.
    await expectRefused({ name: 'acme:workspace:main', attacker: 'mal', attempt: squat(dmSecondId(['ana', 'mal']), ['ana', 'mal']), code: 'invalid-update' });
  });

  it('refuses a client adding to an inbox, and lets the owner mark an item read', async () => {
    await server.server.write('acme:inbox:mal', (doc) => void addInboxItem(doc, { id: 'i1', kind: 'system', text: 'Welcome', doc: 'acme:notes:x', at: 1 }));
    const owner = await client('acme:inbox:mal', 'mal');
    markInboxRead(owner.doc, 'i1', 2);
    await owner.acknowledged();
    const live = server.server.hocuspocus.documents.get('acme:inbox:mal')!;
    expect(inboxUnreadCount(live)).toBe(0);
    const before = JSON.stringify(viewDocument('inbox', live));

    const item = new Y.Map<unknown>();
    item.set('id', 'forged');
    inboxItems(owner.doc).push([item]);
    expect(await waitFor(() => owner.refusals[0], 'the refusal')).toMatch(/^invalid-update: items\/#: only the server adds or removes inbox items/);
    expect(JSON.stringify(viewDocument('inbox', live))).toBe(before);
    expect(await storedView('acme:inbox:mal')).toBe(before);
    await expectCanaryAlive();
  });

  it('refuses the owner marking an inbox item resolved: only the server says a conflict is settled', async () => {
    await server.server.write('acme:inbox:mel', (doc) => void addInboxItem(doc, { id: 'c1', kind: 'conflict', text: 'Amount on Deal has 2 competing values: review it', doc: 'acme:form:deal', anchor: 'amount', at: 1 }));
    const owner = await client('acme:inbox:mel', 'mel');
    const live = server.server.hocuspocus.documents.get('acme:inbox:mel')!;
    const before = JSON.stringify(viewDocument('inbox', live));

    (inboxItems(owner.doc).get(0) as Y.Map<unknown>).set('resolvedAt', 2);
    expect(await waitFor(() => owner.refusals[0], 'the refusal')).toMatch(/^invalid-update: .*only the server writes inbox items/);
    expect(JSON.stringify(viewDocument('inbox', live))).toBe(before);
    expect(await storedView('acme:inbox:mel')).toBe(before);
    expect(inboxUnreadCount(live)).toBe(1);
    await expectCanaryAlive();
  });
});

describe('private channels', () => {
  it('keeps private channels to their members', async () => {
    const admin = await client('acme:workspace:main', 'ana', 'admin');
    addChannel(admin.doc, { id: 'secret', name: 'Secret', visibility: 'private', createdBy: 'ana', members: ['ana', 'ben'] });
    await admin.acknowledged();
    const outsider = connect(server.wsUrl, 'acme:channel:secret', await signToken({ sub: 'mal', org: 'acme' }));
    clients.push(outsider);
    expect(await waitFor(() => outsider.refusals[0], 'the refusal')).toMatch(/^forbidden: this private channel is open to its members only/);
    const member = await client('acme:channel:secret', 'ben');
    expect(member.refusals).toEqual([]);
    const response = await fetch(`${server.url}/api/docs/acme:channel:secret`, { headers: { Authorization: `Bearer ${await signToken({ sub: 'mal', org: 'acme' })}` } });
    expect(response.status).toBe(403);
  });
});

describe('meeting moves that are allowed', () => {
  it('accepts scheduled → active → paused → active → ended', async () => {
    const host = await client('acme:meeting:ok', 'ana');
    scheduleMeeting(host.doc, { title: 'Planning', scheduledAt: Date.now(), durationMin: 30, createdBy: 'ana' });
    for (const status of ['active', 'paused', 'active', 'ended'] as const) setMeetingStatus(host.doc, status);
    await host.acknowledged();
    expect(host.refusals).toEqual([]);
    expect(server.server.hocuspocus.documents.get('acme:meeting:ok')!.getMap('meta').get('status')).toBe('ended');
  });
});
