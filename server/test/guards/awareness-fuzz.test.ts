/**
 * Fuzzing presence: seeded awareness frames from three hostile connections (two editors, one viewer)
 * naming others' client ids, other users, malformed states, removals and floods of made-up client
 * ids. Each frame is refused exactly when the rules say (README, "Refusals"), nothing refused
 * reaches anyone, the honest clients are never refused, and a canary document keeps syncing.
 */
import { readNotesTitle, setNotesTitle } from '@concord/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.ts';
import { openRawClient, type AwarenessEntry, type RawClient } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const SEED = 20261126;
const FRAMES = 1_500;
const NAME = 'acme:notes:aw-fuzz';
const POOL = 4;

type Role = 'viewer' | 'editor';
type State = { user?: { id?: string }; marker?: string };
type StateKind = 'null' | 'blank' | 'self' | 'victim-user' | 'no-user' | 'user-without-id' | 'number' | 'string' | 'array';
type Target = 'victim' | 'observer' | 'own' | 'neighbour';

const entryArb = fc.record({
  target: fc.constantFrom<Target>('victim', 'observer', 'own', 'own', 'own', 'neighbour'),
  index: fc.nat(POOL - 1),
  clock: fc.oneof(fc.constantFrom(0, 1, 2 ** 30), fc.nat(1_000)),
  state: fc.constantFrom<StateKind>('null', 'null', 'blank', 'self', 'self', 'self', 'victim-user', 'no-user', 'user-without-id', 'number', 'string', 'array'),
});
const ownEntryArb = fc.record({
  target: fc.constant<Target>('own'),
  index: fc.nat(POOL - 1),
  clock: fc.oneof(fc.constantFrom(0, 1, 2 ** 30), fc.nat(1_000)),
  state: fc.constantFrom<StateKind>('null', 'blank', 'self', 'self'),
});
const frameArb = fc.record({
  attacker: fc.nat(2),
  /** Half the frames only use the sender's own client ids the right way, to be accepted. */
  entries: fc.oneof(fc.array(ownEntryArb, { minLength: 1, maxLength: 4 }), fc.array(entryArb, { minLength: 1, maxLength: 3 })),
  /** A flood of this many made-up client ids instead of `entries`, in about one frame of eight. */
  flood: fc.oneof(
    { arbitrary: fc.constant(null), weight: 7 },
    { arbitrary: fc.record({ count: fc.integer({ min: POOL + 1, max: 3_500 }), first: fc.integer({ min: 1_000_000, max: 2 ** 31 }), blank: fc.boolean() }), weight: 1 },
  ),
});

function stateOf(kind: StateKind, sender: string): unknown {
  return { null: null, blank: {}, self: { user: { id: sender } }, 'victim-user': { user: { id: 'vic' } }, 'no-user': { status: 'busy' }, 'user-without-id': { user: { name: sender } }, number: 5, string: sender, array: [sender] }[kind];
}

describe('fuzzing presence', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_SECOND: '1000000' }, deps: { upgradesPerSecondPerAddress: 1_000_000 } });
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    raws.forEach((r) => r.socket.terminate());
    await server.close();
  });

  async function present(name: string, sub: string, role: Role = 'editor'): Promise<TestClient> {
    const client = connect(server.wsUrl, name, await signToken({ sub, org: 'acme', role }));
    clients.push(client);
    client.provider.setAwarenessField('user', { id: sub, name: sub, color: '#3366ff' });
    await client.synced();
    return client;
  }
  const idOf = (client: TestClient) => client.provider.awareness!.clientID;
  const seen = (observer: TestClient, clientId: number) => observer.provider.awareness!.getStates().get(clientId) as State | undefined;

  it(`refuses exactly the forged, blanked and flooded presence among ${FRAMES} hostile awareness frames (seed ${SEED})`, async () => {
    const victim = await present(NAME, 'vic');
    const observer = await present(NAME, 'obs', 'viewer');
    const attackers = await Promise.all(
      (['mal', 'eve', 'vw'] as const).map(async (sub, a) => {
        const role: Role = sub === 'vw' ? 'viewer' : 'editor';
        const token = await signToken({ sub, org: 'acme', role });
        const raw = await openRawClient(server.wsUrl);
        raws.push(raw);
        await raw.authenticate(NAME, token);
        const pool = Array.from({ length: POOL }, (_, i) => 100 + 10 * a + i);
        // Each attacker first claims its own pool, so the others' pools are never free to take.
        raw.sendAwareness(NAME, pool.map((clientId) => ({ clientId, clock: 1, state: { user: { id: sub } } })));
        return { sub, token, raw, pool, refusals: 0 };
      }),
    );
    await waitFor(() => attackers.every((a) => a.pool.every((id) => seen(observer, id)?.user?.id === a.sub)), 'every attacker\'s own presence');

    let refused = 0;
    for (const frame of fc.sample(frameArb, { seed: SEED, numRuns: FRAMES })) {
      const attacker = attackers[frame.attacker]!;
      const neighbour = attackers[(frame.attacker + 1) % attackers.length]!;
      let entries: AwarenessEntry[];
      let expected: RegExp | undefined;
      if (frame.flood) {
        const { count, first, blank } = frame.flood;
        entries = Array.from({ length: count }, (_, i) => ({ clientId: first + i, clock: 1, state: blank ? {} : { user: { id: attacker.sub } } }));
        expected = /^message-too-large: /;
      } else {
        entries = frame.entries.map(({ target, index, clock, state }) => {
          const clientId = { victim: idOf(victim), observer: idOf(observer), own: attacker.pool[index]!, neighbour: neighbour.pool[index]! }[target];
          return { clientId, clock, state: stateOf(state, attacker.sub) };
        });
        const forged = frame.entries.some(({ target, state }) => state !== 'null' && (target !== 'own' || !['blank', 'self'].includes(state)));
        expected = forged ? /^impersonation: / : undefined;
      }
      if (!expected) {
        attacker.raw.sendAwareness(NAME, entries);
        continue;
      }
      const outcome = attacker.raw.nextOutcome();
      attacker.raw.sendAwareness(NAME, entries);
      const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no refusal within 10 s for ${JSON.stringify(frame)}`)), 10_000).unref());
      const reply = await Promise.race([outcome, deadline]);
      expect(reply.kind === 'closed' && reply.reason, JSON.stringify(frame)).toMatch(expected);
      refused += 1;
      attacker.refusals += 1;
      await attacker.raw.authenticate(NAME, attacker.token);
    }
    expect(refused).toBeGreaterThan(FRAMES / 5);
    expect(refused).toBeLessThan((FRAMES * 4) / 5);

    // Every accepted frame was handled before this (one queue per connection), and no refusal was unexpected.
    for (const attacker of attackers) attacker.raw.sendAwareness(NAME, [{ clientId: attacker.pool[0]!, clock: 2 ** 31, state: { user: { id: attacker.sub }, marker: 'end' } }]);
    await waitFor(() => attackers.every((a) => seen(observer, a.pool[0]!)?.marker === 'end'), 'every attacker\'s last frame');
    for (const attacker of attackers) expect(attacker.raw.replies.filter((r) => r.kind === 'closed').length).toBe(attacker.refusals);

    victim.provider.setAwarenessField('marker', 'still me');
    await waitFor(() => seen(observer, idOf(victim))?.marker === 'still me' || victim.refusals.length > 0, 'the victim\'s next presence');
    expect([...victim.refusals, ...observer.refusals]).toEqual([]);
    expect(seen(observer, idOf(victim))).toEqual(victim.provider.awareness!.getLocalState());
    expect(seen(victim, idOf(observer))?.user?.id).toBe('obs');

    const owners = new Map<number, string>([[idOf(victim), 'vic'], [idOf(observer), 'obs'], ...attackers.flatMap((a) => a.pool.map((id) => [id, a.sub] as [number, string]))]);
    const live = server.server.hocuspocus.documents.get(NAME)!;
    for (const states of [live.awareness.getStates(), observer.provider.awareness!.getStates(), victim.provider.awareness!.getStates()]) {
      for (const [clientId, state] of states) {
        expect(owners.has(clientId), `client ${clientId} is nobody's`).toBe(true);
        const user = (state as State).user;
        if (user !== undefined || Object.keys(state).length > 0) expect(user?.id, `the state of client ${clientId}`).toBe(owners.get(clientId));
      }
    }
    // y-protocols keeps a clock for every client id it ever applied: no made-up one was.
    expect([...live.awareness.meta.keys()].filter((id) => id !== live.clientID && !owners.has(id))).toEqual([]);

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const [a, b] = await Promise.all([present('acme:notes:canary', 'cara'), present('acme:notes:canary', 'carl')]);
    setNotesTitle(a.doc, 'after the presence fuzz');
    await waitFor(() => readNotesTitle(b.doc) === 'after the presence fuzz', 'the canary to sync');
  }, 240_000);
});
