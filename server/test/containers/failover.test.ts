/**
 * Two containers of the image sharing this machine's PostgreSQL (a fresh database) and a Redis of
 * the test's own, behind HAProxy configured from deploy/haproxy.cfg (helpers/haproxy.ts). Real providers
 * connect through HAProxy and keep writing; one instance is killed with `docker kill`, then brought
 * back, then the other is killed. Every client must reconnect through HAProxy to the survivor,
 * presence must recover, and no acknowledged edit may be lost, including those of clients that left
 * right after their ack (they cannot resend anything, so only storage can have kept their edits).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { freePort, startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { tempDir } from '../helpers/server.ts';
import { TEST_SECRET, signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';
import { addParagraph, readFresh, startWriters, type Edit, type Writers } from '../helpers/writers.ts';
import { docker, runContainer, type Container } from './docker.ts';
import { startHaproxy, type LoadBalancer } from '../helpers/haproxy.ts';

const image = inject('concordImage');
const SHIPPED_CONFIG = fileURLToPath(new URL('../../../deploy/haproxy.cfg', import.meta.url));
const DOCUMENTS = ['acme:notes:failover-a', 'acme:notes:failover-b'];
const USERS = ['ana', 'bo', 'cy', 'di'];
/** "Within a few seconds", with room for a busy 2-core machine; the measured time is printed. */
const RECONNECT_DEADLINE_MS = 20_000;
/**
 * A provider that reconnects drops the others' presence and keeps their clocks (y-protocols), so the
 * same states, sent again by the server, are ignored until each client renews its own, every 15 s;
 * a copy nobody renewed is dropped after 30 s and comes back with the next renewal, up to 15 s on.
 * Presence comes back within those timers, not within seconds (docs/DEPLOYMENT.md, Failover): 6–18 s
 * in most runs here, 39 s in some.
 */
const PRESENCE_DEADLINE_MS = 60_000;

async function stats(container: Container): Promise<{ connections: number }> {
  return (await (await fetch(`${container.url}/stats`)).json()) as { connections: number };
}

function presentUsers(client: TestClient): Set<string> {
  const states = [...(client.provider.awareness?.getStates().values() ?? [])] as Array<{ user?: { id?: string } }>;
  return new Set(states.map((state) => state.user?.id).filter((id): id is string => Boolean(id)));
}

/** Clients that each write one edit, wait for its ack and leave, one after the other. */
function startOneShotWriters(wsUrl: string, token: string): { edits: Edit[]; stop(): Promise<void> } {
  const edits: Edit[] = [];
  let running = true;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const document = DOCUMENTS[n % DOCUMENTS.length]!;
      const client = connect(wsUrl, document, token);
      try {
        await client.synced();
        const edit: Edit = { document, text: `one-shot ${n}`, sentAt: Date.now() };
        edits.push(edit);
        addParagraph(client.doc, edit.text);
        await waitFor(() => client.provider.isSynced && client.provider.unsyncedChanges === 0, `one-shot edit ${n} to be acknowledged`, 60_000, 5);
        edit.ackedAt = Date.now();
      } finally {
        client.destroy();
      }
      // A few a second: HAProxy's address is one address to the server's connection-attempt limit.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  loop.catch(() => undefined);
  return {
    edits,
    async stop() {
      running = false;
      await loop;
    },
  };
}

describe('two instances of the image behind HAProxy', () => {
  let redis: TestRedis;
  let database: TestDatabase;
  const instances: Record<string, Container> = {};
  let lb: LoadBalancer;
  const dir = tempDir('concord-failover-');

  async function upInHaproxy(name: string): Promise<void> {
    await waitFor(async () => (await lb.serverStates())[name] === 'UP', `HAProxy to see ${name} up`, 60_000, 100);
  }

  beforeAll(async () => {
    [redis, database] = await Promise.all([startTestRedis(), createTestDatabase()]);
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, AUTH_SECRET: TEST_SECRET };
    for (const name of ['concord-1', 'concord-2']) instances[name] = await runContainer(image, { port: await freePort(), env });
    for (const instance of Object.values(instances)) {
      await waitFor(async () => (await fetch(`${instance.url}/health`)).status === 200, `${instance.name} to be healthy`, 60_000, 100);
    }
    lb = await startHaproxy(SHIPPED_CONFIG, dir, await freePort(), { 'concord-1': instances['concord-1']!.port, 'concord-2': instances['concord-2']!.port });
    await Promise.all(Object.keys(instances).map(upInHaproxy));
  });

  afterAll(async () => {
    await lb?.stop();
    for (const instance of Object.values(instances)) await instance.remove();
    await redis?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves every client to the survivor when one instance is killed, then when the other is; presence recovers and no acknowledged edit is lost', async () => {
    const writers: Writers = startWriters(
      lb.wsUrl,
      await Promise.all(
        DOCUMENTS.flatMap((document, d) => USERS.map(async (user) => ({ document, name: `${user}@${d}`, token: await signToken({ sub: user, org: 'acme' }) }))),
      ),
    );
    const oneShots = startOneShotWriters(lb.wsUrl, await signToken({ sub: 'once', org: 'acme' }));
    try {
      writers.clients.forEach((client, i) => client.provider.setAwarenessField('user', { id: USERS[i % USERS.length], name: USERS[i % USERS.length], color: '#3366ff' }));
      const presenceComplete = () => writers.clients.every((client) => USERS.every((user) => presentUsers(client).has(user)));
      await waitFor(presenceComplete, 'every client to see every user of its document', 30_000);
      await writers.progress(5);
      // leastconn spread the clients: killing either instance moves some of them.
      const spread = await Promise.all(Object.values(instances).map(stats));
      expect(spread.every((s) => s.connections > 0), `connections per instance: ${JSON.stringify(spread)}`).toBe(true);

      for (const [victim, survivor] of [['concord-1', 'concord-2'], ['concord-2', 'concord-1']] as const) {
        await upInHaproxy(survivor);
        const killedAt = performance.now();
        await docker('kill', instances[victim]!.name);
        // Every writer has an edit acknowledged after the kill: it reconnected, through HAProxy.
        await writers.progress(1, RECONNECT_DEADLINE_MS);
        const reconnectedMs = performance.now() - killedAt;
        await waitFor(presenceComplete, `presence to recover after ${victim} was killed`, PRESENCE_DEADLINE_MS, 50);
        const presenceMs = performance.now() - killedAt;
        expect((await stats(instances[survivor]!)).connections).toBeGreaterThanOrEqual(writers.clients.length);
        console.info(`${victim} killed: every writer acknowledged again after ${(reconnectedMs / 1000).toFixed(2)} s, presence complete after ${(presenceMs / 1000).toFixed(2)} s`);
        await writers.progress(3);

        await docker('start', instances[victim]!.name);
        await waitFor(async () => (await fetch(`${instances[victim]!.url}/health`)).status === 200, `${victim} to be back`, 60_000, 100);
      }

      await writers.stop();
      await oneShots.stop();
      const acknowledged = [...writers.edits, ...oneShots.edits].filter((edit) => edit.ackedAt !== undefined);
      const token = await signToken({ sub: 'auditor', org: 'acme' });
      for (const document of DOCUMENTS) {
        const stored = await readFresh(lb.wsUrl, document, token);
        const lost = acknowledged.filter((edit) => edit.document === document && !stored.has(edit.text)).map((edit) => edit.text);
        expect(lost, `acknowledged edits missing from ${document}`).toEqual([]);
      }
      console.info(`${acknowledged.length} acknowledged edits (${oneShots.edits.length} by clients that left after their ack), none lost`);
    } finally {
      writers.destroy();
      await oneShots.stop().catch(() => undefined);
    }
  });
});
