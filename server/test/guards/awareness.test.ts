/**
 * Presence is per connection: a document connection speaks only for the awareness client ids it
 * introduced, every state it sets names its own user, and nobody can flood a document with made-up
 * clients. Each refusal has its code, nothing of it reaches anyone, the victim keeps its presence
 * and its connection, and a canary document keeps syncing.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { readNotesTitle, setNotesTitle } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from '../helpers/client.ts';
import * as encoding from 'lib0/encoding';
import { frameFor, openRawClient, type AwarenessEntry, type RawClient } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

type Role = 'viewer' | 'editor';
type State = { user?: { id?: string }; marker?: string } & Record<string, unknown>;

let server: TestServer;
const clients: TestClient[] = [];
const raws: RawClient[] = [];
let canaryRound = 0;
let markers = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  raws.forEach((r) => r.socket.terminate());
  await server.close();
});

const presenceFor = (sub: string) => ({ user: { id: sub, name: sub.toUpperCase(), color: '#3366ff' }, status: 'online', lastActive: Date.now() });

async function token(sub: string, role: Role = 'editor'): Promise<string> {
  return signToken({ sub, org: 'acme', role });
}

/** A real provider with its presence set, synced. */
async function present(name: string, sub: string, role: Role = 'editor'): Promise<TestClient> {
  const client = connect(server.wsUrl, name, await token(sub, role));
  clients.push(client);
  client.provider.setAwarenessField('user', presenceFor(sub).user);
  await client.synced();
  return client;
}

async function attacker(name: string, sub: string, role: Role = 'editor'): Promise<RawClient> {
  const raw = await openRawClient(server.wsUrl);
  raws.push(raw);
  await raw.authenticate(name, await token(sub, role));
  return raw;
}

const idOf = (client: TestClient) => client.provider.awareness!.clientID;
const clockOf = (client: TestClient) => client.provider.awareness!.meta.get(idOf(client))!.clock;
const seen = (observer: TestClient, clientId: number) => observer.provider.awareness!.getStates().get(clientId) as State | undefined;
const live = (name: string) => server.server.hocuspocus.documents.get(name)!;

/**
 * Orders the check after whatever the server relayed before: the victim changes its presence and
 * the observer must see exactly that (a forged state with a higher clock would hide it), unless
 * the victim was refused.
 */
async function victimStillSpeaks(victim: TestClient, observer: TestClient): Promise<void> {
  markers += 1;
  const marker = `m${markers}`;
  victim.provider.setAwarenessField('marker', marker);
  await waitFor(() => seen(observer, idOf(victim))?.marker === marker || victim.refusals.length > 0, "the victim's next presence");
  expect(victim.refusals).toEqual([]);
  const own = victim.provider.awareness!.getLocalState() as State;
  expect(own.marker).toBe(marker);
  expect(seen(observer, idOf(victim))).toEqual(own);
}

/** Sends an awareness frame the server must refuse; resolves with the close reason. */
async function refused(raw: RawClient, name: string, entries: AwarenessEntry[]): Promise<string> {
  const outcome = raw.nextOutcome();
  raw.sendAwareness(name, entries);
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no refusal within 10 s')), 10_000).unref());
  const reply = await Promise.race([outcome, deadline]);
  if (reply.kind !== 'closed') throw new Error(`expected a refusal, got ${JSON.stringify(reply)}`);
  return reply.reason;
}

async function expectCanaryAlive(): Promise<void> {
  canaryRound += 1;
  const [a, b] = await Promise.all([present('acme:notes:canary', 'cara'), present('acme:notes:canary', 'carl')]);
  setNotesTitle(a.doc, `canary ${canaryRound}`);
  await waitFor(() => readNotesTitle(b.doc) === `canary ${canaryRound}`, 'the canary to sync');
}

function madeUpEntries(count: number, first: number, state: unknown): AwarenessEntry[] {
  return Array.from({ length: count }, (_, i) => ({ clientId: first + i, clock: 1, state }));
}

describe('awareness: a connection speaks only for its own client ids', () => {
  it('refuses a state for another connection\'s client id, even with a higher clock; the victim keeps its presence and its connection', async () => {
    const name = 'acme:notes:aw-forge';
    const victim = await present(name, 'vic');
    const observer = await present(name, 'obs');
    await waitFor(() => seen(observer, idOf(victim))?.user?.id === 'vic', 'the victim\'s presence');
    const mal = await attacker(name, 'mal');
    expect(await refused(mal, name, [{ clientId: idOf(victim), clock: clockOf(victim) + 10, state: presenceFor('mal') }])).toMatch(
      /^impersonation: awareness client \d+ belongs to another connection/,
    );
    await victimStillSpeaks(victim, observer);
    expect(seen(observer, idOf(victim))?.user?.id).toBe('vic');
    expect(seen(victim, idOf(victim))?.user?.id).toBe('vic');
    await expectCanaryAlive();
  });

  it('refuses a state that names another user or no user, and a blank state for someone else\'s client id', async () => {
    const name = 'acme:notes:aw-user';
    const victim = await present(name, 'vic');
    const observer = await present(name, 'obs');
    const ownId = 7_000_001;
    const cases: Array<{ entry: AwarenessEntry; code: RegExp }> = [
      { entry: { clientId: ownId, clock: 1, state: presenceFor('vic') }, code: /^impersonation: awareness user.id must be your own user id/ },
      { entry: { clientId: ownId, clock: 2, state: { status: 'busy', lastActive: 1 } }, code: /^impersonation: awareness user.id must be your own user id/ },
      { entry: { clientId: ownId, clock: 3, state: 'mal' }, code: /^impersonation: awareness user.id must be your own user id/ },
      { entry: { clientId: idOf(victim), clock: clockOf(victim) + 10, state: {} }, code: /^impersonation: awareness client \d+ belongs to another connection/ },
    ];
    const mal = await attacker(name, 'mal');
    for (const { entry, code } of cases) {
      expect(await refused(mal, name, [entry])).toMatch(code);
      await mal.authenticate(name, await token('mal'));
    }
    await victimStillSpeaks(victim, observer);
    expect([...observer.provider.awareness!.getStates().keys()].sort()).toEqual([idOf(victim), idOf(observer)].sort());
    expect([...live(name).awareness.getStates().keys()].sort()).toEqual([idOf(victim), idOf(observer)].sort());
    await expectCanaryAlive();
  });

  for (const role of ['editor', 'viewer'] as const) {
    it(`refuses a flood of made-up client ids from ${role === 'editor' ? 'an editor' : 'a viewer'}: nothing relayed, nothing kept`, async () => {
      const name = `acme:notes:aw-flood-${role}`;
      const victim = await present(name, 'vic');
      const observer = await present(name, 'obs');
      // About 24 KB each, under the 32 KiB awareness bound: 3,500 blank states, or 1,000 with a user.
      const frames = [madeUpEntries(3_500, 1_000_000, {}), madeUpEntries(1_000, 2_000_000, { user: { id: 'mal' } })];
      const mal = await attacker(name, 'mal', role);
      for (let round = 0; round < 10; round += 1) {
        for (const entries of frames) {
          const shifted = entries.map((entry) => ({ ...entry, clientId: entry.clientId + round * 10_000 }));
          expect(await refused(mal, name, shifted)).toMatch(/^message-too-large: more than 4 awareness client ids on one connection/);
          await mal.authenticate(name, await token('mal', role));
        }
      }
      await victimStillSpeaks(victim, observer);
      expect(observer.provider.awareness!.getStates().size).toBe(2);
      expect(live(name).awareness.getStates().size).toBe(2);
      // y-protocols keeps a clock for every client id it ever applied: none of the made-up ones.
      expect([...live(name).awareness.meta.keys()].sort()).toEqual([live(name).clientID, idOf(victim), idOf(observer)].sort());
      await expectCanaryAlive();
    });
  }

  it('counts client ids over the connection\'s life: a fifth one in a later frame is refused, the four before it go when it closes', async () => {
    const name = 'acme:notes:aw-trickle';
    const observer = await present(name, 'obs');
    const mal = await attacker(name, 'mal');
    for (let i = 1; i <= 4; i += 1) mal.sendAwareness(name, [{ clientId: 9_000_000 + i, clock: 1, state: presenceFor('mal') }]);
    await waitFor(() => observer.provider.awareness!.getStates().size === 5, 'four states of one connection');
    expect(await refused(mal, name, [{ clientId: 9_000_005, clock: 1, state: presenceFor('mal') }])).toMatch(/^message-too-large: more than 4 awareness client ids on one connection/);
    await waitFor(() => observer.provider.awareness!.getStates().size === 1, 'the refused connection\'s states to go');
    expect(live(name).awareness.getStates().has(9_000_005)).toBe(false);
    await expectCanaryAlive();
  });

  it('closes only the socket of an awareness update that cannot be decoded', async () => {
    const name = 'acme:notes:aw-malformed';
    const victim = await present(name, 'vic');
    const observer = await present(name, 'obs');
    const mal = await attacker(name, 'mal');
    const closed = mal.closed;
    mal.send(frameFor(name, (e) => {
      encoding.writeVarUint(e, 1);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, 7_000_004);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, '{"user": not json');
      encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
    }));
    expect(await closed).toBe(4400);
    expect(live(name).awareness.getStates().has(7_000_004)).toBe(false);
    await victimStillSpeaks(victim, observer);
    await expectCanaryAlive();
  });

  it('ignores a removal for another connection\'s client id without relaying it, as providers send one when a peer times out', async () => {
    const name = 'acme:notes:aw-remove';
    const victim = await present(name, 'vic');
    const observer = await present(name, 'obs');
    const mal = await attacker(name, 'mal');
    mal.sendAwareness(name, [{ clientId: idOf(victim), clock: clockOf(victim) + 10, state: null }]);
    mal.sendAwareness(name, [{ clientId: 7_000_002, clock: 1, state: presenceFor('mal') }]);
    await waitFor(() => seen(observer, 7_000_002)?.user?.id === 'mal', 'the sender\'s own presence');
    expect(seen(observer, idOf(victim))?.user?.id).toBe('vic');
    await victimStillSpeaks(victim, observer);
    expect(mal.replies.filter((r) => r.kind === 'closed')).toEqual([]);
  });

  it('keeps a departed client\'s id for its user: another user cannot take it, the client itself comes back with it', async () => {
    const name = 'acme:notes:aw-return';
    const victim = await present(name, 'vic');
    const observer = await present(name, 'obs');
    const victimId = idOf(victim);
    victim.socket.disconnect();
    await waitFor(() => !live(name).awareness.getStates().has(victimId), 'the victim\'s presence to go');
    const mal = await attacker(name, 'mal');
    expect(await refused(mal, name, [{ clientId: victimId, clock: clockOf(victim) + 10, state: presenceFor('mal') }])).toMatch(/^impersonation: awareness client \d+ belongs to another connection/);
    void victim.socket.connect();
    await victim.synced();
    // Its presence comes back with its next change (the server already has the clock it resends).
    await victimStillSpeaks(victim, observer);
    expect(seen(observer, victimId)?.user?.id).toBe('vic');
    await expectCanaryAlive();
  });

  it('lets another connection of the same user take its client id over (a reconnect whose old socket has not closed yet)', async () => {
    const name = 'acme:notes:aw-takeover';
    const observer = await present(name, 'obs');
    const clientId = 7_000_003;
    const old = await attacker(name, 'ana');
    old.sendAwareness(name, [{ clientId, clock: 1, state: { ...presenceFor('ana'), marker: 'old' } }]);
    await waitFor(() => seen(observer, clientId)?.marker === 'old', 'the first connection\'s state');
    const fresh = await attacker(name, 'ana');
    fresh.sendAwareness(name, [{ clientId, clock: 2, state: { ...presenceFor('ana'), marker: 'fresh' } }]);
    await waitFor(() => seen(observer, clientId)?.marker === 'fresh', 'the second connection\'s state');
    old.socket.terminate();
    await waitFor(() => live(name).getConnectionsCount() === 2, 'the old connection to close');
    expect(seen(observer, clientId)?.marker).toBe('fresh');
    expect(fresh.replies.filter((r) => r.kind === 'closed')).toEqual([]);
    fresh.socket.terminate();
    await waitFor(() => seen(observer, clientId) === undefined, 'the state to go with its last connection');
  });

  it('relays ordinary presence from editors and viewers, and drops it when their connection closes', async () => {
    const name = 'acme:notes:aw-plain';
    const editor = await present(name, 'ed');
    const viewer = await present(name, 'vie', 'viewer');
    const blank = connect(server.wsUrl, name, await token('blank'));
    clients.push(blank);
    await blank.synced();
    await waitFor(() => seen(editor, idOf(viewer))?.user?.id === 'vie' && seen(viewer, idOf(editor))?.user?.id === 'ed', 'both presences');
    // A provider's awareness starts as an empty state; one that never sets presence renews it every
    // 15 s with a higher clock, as this does at once.
    blank.provider.awareness!.setLocalState({});
    await waitFor(() => seen(editor, idOf(blank)) !== undefined, 'the blank state');
    await victimStillSpeaks(viewer, editor);
    expect([editor, viewer, blank].flatMap((c) => c.refusals)).toEqual([]);
    viewer.destroy();
    await waitFor(() => seen(editor, idOf(viewer)) === undefined, 'the viewer\'s presence to go');
  });

  it('carries presence for several documents over one socket, each with its own client id', async () => {
    const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, delay: 50, maxDelay: 200, minDelay: 20 });
    const names = ['acme:notes:aw-tab-1', 'acme:notes:aw-tab-2', 'acme:channel:aw-tab-3'];
    const refusals: string[] = [];
    const tabToken = await token('tab');
    const providers = names.map((name) => {
      const provider = new HocuspocusProvider({ websocketProvider: socket, name, token: tabToken, document: new Y.Doc(), onClose: ({ event }) => void (event.reason && refusals.push(event.reason)) });
      provider.setAwarenessField('user', presenceFor('tab').user);
      provider.attach();
      return provider;
    });
    try {
      const observers = await Promise.all(names.map((name) => present(name, 'obs')));
      await waitFor(() => observers.every((o, i) => seen(o, providers[i]!.awareness!.clientID)?.user?.id === 'tab'), 'presence on every document');
      providers.forEach((p) => p.setAwarenessField('status', 'busy'));
      await waitFor(() => observers.every((o, i) => seen(o, providers[i]!.awareness!.clientID)?.status === 'busy'), 'the change on every document');
      expect(refusals).toEqual([]);
    } finally {
      providers.forEach((p) => p.destroy());
      socket.destroy();
    }
  });
});
