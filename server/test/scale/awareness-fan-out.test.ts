/**
 * Presence across instances: states that arrive from another instance through Redis are relayed,
 * not refused, and a connection on this instance cannot take a client id held on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.ts';
import { openRawClient, type RawClient } from '../helpers/raw-client.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

type State = { user?: { id?: string }; marker?: string };

const NAME = 'acme:notes:aw-fan-out';
let redis: TestRedis;
const servers: TestServer[] = [];
const clients: TestClient[] = [];
const raws: RawClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  for (let i = 0; i < 2; i += 1) servers.push(await startTestServer({ env: { REDIS_URL: redis.url } }));
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  raws.forEach((r) => r.socket.terminate());
  await Promise.all(servers.map((s) => s.close()));
  await redis.stop();
});

async function present(server: TestServer, sub: string): Promise<TestClient> {
  const client = connect(server.wsUrl, NAME, await signToken({ sub, org: 'acme' }));
  clients.push(client);
  client.provider.setAwarenessField('user', { id: sub, name: sub, color: '#3366ff' });
  await client.synced();
  return client;
}

const idOf = (client: TestClient) => client.provider.awareness!.clientID;
const seen = (observer: TestClient, clientId: number) => observer.provider.awareness!.getStates().get(clientId) as State | undefined;

describe('presence across instances', () => {
  it('relays states from the other instance, and refuses a local claim on a client id held there', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const victim = await present(a, 'vic');
    const neighbour = await present(a, 'nei');
    const observer = await present(b, 'obs');
    await waitFor(() => seen(observer, idOf(victim))?.user?.id === 'vic', 'the victim\'s presence on the other instance');
    await waitFor(() => seen(victim, idOf(observer))?.user?.id === 'obs', 'the observer\'s presence back');

    const mal = await openRawClient(b.wsUrl);
    raws.push(mal);
    await mal.authenticate(NAME, await signToken({ sub: 'mal', org: 'acme' }));
    const outcome = mal.nextOutcome();
    const clock = victim.provider.awareness!.meta.get(idOf(victim))!.clock;
    mal.sendAwareness(NAME, [{ clientId: idOf(victim), clock: clock + 10, state: { user: { id: 'mal', name: 'Mal' } } }]);
    const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no refusal within 10 s')), 10_000).unref());
    expect(await Promise.race([outcome, deadline])).toMatchObject({ kind: 'closed', reason: expect.stringMatching(/^impersonation: awareness client \d+ belongs to another connection/) });

    // The victim's next change reaches both instances: nothing with a higher clock got in its way.
    victim.provider.setAwarenessField('marker', 'after');
    await waitFor(() => [observer, neighbour].every((o) => seen(o, idOf(victim))?.marker === 'after') || victim.refusals.length > 0, 'the victim\'s next presence');
    expect(victim.refusals).toEqual([]);
    expect([observer, neighbour].map((o) => seen(o, idOf(victim))?.user?.id)).toEqual(['vic', 'vic']);
    expect([victim, neighbour, observer].flatMap((c) => c.refusals)).toEqual([]);
  });
});
