/**
 * Two real instances (child processes running main.ts) behind one Redis and one PostgreSQL
 * database, as docs/ARCHITECTURE.md ("Scaling out") describes: edits and presence cross, a killed
 * instance loses nothing, and a Redis outage only pauses fan-out.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStorage } from '../src/storage/sqlite.ts';
import { startChildServer, type ChildServer } from './helpers/child-server.ts';
import { connect, type TestClient } from './helpers/client.ts';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.ts';
import { startTestRedis, type TestRedis } from './helpers/redis.ts';
import { tempDir } from './helpers/server.ts';
import { TEST_SECRET, signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const LATENCY_EDITS = 200;
const KILL_EDITS = 20;

function paragraphs(doc: Y.Doc): string[] {
  return doc.getXmlFragment('content').toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([paragraph]);
}

function hasParagraph(client: TestClient, text: string): boolean {
  return paragraphs(client.doc).includes(text);
}

function presenceOf(client: TestClient, userId: string): Record<string, unknown> | undefined {
  const states = [...(client.provider.awareness?.getStates().values() ?? [])] as Array<{ user?: { id?: string } }>;
  return states.find((state) => state.user?.id === userId);
}

function setPresence(client: TestClient, id: string, status: 'online' | 'away'): void {
  client.provider.setAwarenessField('user', { id, name: id, color: '#3366ff' });
  client.provider.setAwarenessField('status', status);
  client.provider.setAwarenessField('lastActive', Date.now());
}

async function health(server: ChildServer): Promise<{ code: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/health`);
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

describe('two instances sharing Redis and PostgreSQL', () => {
  const dataDir = tempDir();
  let redis: TestRedis;
  let database: TestDatabase;
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];
  let ana: string;
  let bo: string;

  async function startInstance(): Promise<ChildServer> {
    const server = await startChildServer({ DATABASE_URL: database.url, REDIS_URL: redis.url, AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir });
    servers.push(server);
    return server;
  }

  const isLive = (server: ChildServer) => server.process.exitCode === null && server.process.signalCode === null;

  /** Two running instances, reusing those earlier tests left running. */
  async function livePair(): Promise<[ChildServer, ChildServer]> {
    const live = servers.filter(isLive);
    while (live.length < 2) live.push(await startInstance());
    return [live.at(-2)!, live.at(-1)!];
  }

  async function kill(server: ChildServer): Promise<void> {
    server.process.kill('SIGKILL');
    await server.exited;
  }

  function open(server: ChildServer, name: string, token: string, doc?: Y.Doc): TestClient {
    const client = connect(server.wsUrl, name, token, doc);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    [redis, database] = await Promise.all([startTestRedis(), createTestDatabase()]);
    [ana, bo] = await Promise.all([signToken({ sub: 'ana', org: 'acme' }), signToken({ sub: 'bo', org: 'acme' })]);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(servers.filter(isLive).map(kill));
    await redis?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries an edit and a presence change from each instance to the other', async () => {
    const [one, two] = await livePair();
    const a = open(one, 'acme:notes:cross', ana);
    const b = open(two, 'acme:notes:cross', bo);
    await Promise.all([a.synced(), b.synced()]);

    addParagraph(a.doc, 'from one');
    await waitFor(() => hasParagraph(b, 'from one'), 'the edit made on instance one to reach instance two');
    addParagraph(b.doc, 'from two');
    await waitFor(() => hasParagraph(a, 'from two'), 'the edit made on instance two to reach instance one');

    setPresence(a, 'ana', 'away');
    await waitFor(() => presenceOf(b, 'ana')?.status === 'away', "ana's presence to reach instance two");
    setPresence(b, 'bo', 'online');
    await waitFor(() => presenceOf(a, 'bo')?.status === 'online', "bo's presence to reach instance one");

    expect(await health(one)).toEqual({ code: 200, body: { status: 'ok', storage: 'postgres', redis: 'up' } });
  });

  it(`carries ${LATENCY_EDITS} edits across instances one by one, measuring the propagation latency`, async () => {
    const [one, two] = await livePair();
    const a = open(one, 'acme:notes:latency', ana);
    const b = open(two, 'acme:notes:latency', bo);
    await Promise.all([a.synced(), b.synced()]);
    const latenciesMs: number[] = [];
    for (let i = 0; i < LATENCY_EDITS; i += 1) {
      const text = `edit ${i}`;
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${text} did not reach instance two within 5 s`)), 5_000);
        const check = () => {
          if (!hasParagraph(b, text)) return;
          clearTimeout(timer);
          b.doc.off('update', check);
          resolve(performance.now());
        };
        b.doc.on('update', check);
      });
      const sent = performance.now();
      addParagraph(a.doc, text);
      latenciesMs.push((await arrived) - sent);
    }
    const sorted = [...latenciesMs].sort((x, y) => x - y);
    const median = quantile(sorted, 0.5);
    const p99 = quantile(sorted, 0.99);
    console.info(`cross-instance propagation over ${LATENCY_EDITS} edits: median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    expect(paragraphs(b.doc)).toHaveLength(LATENCY_EDITS);
    expect(p99).toBeLessThan(1_000);
  }, 60_000);

  it(`loses none of ${KILL_EDITS} acknowledged edits when instances are SIGKILLed right after the acknowledgement`, async () => {
    const [one, two] = await livePair();
    const name = 'acme:notes:killed';
    const observer = open(two, name, bo);
    const writer = open(one, name, ana);
    await Promise.all([observer.synced(), writer.synced()]);
    const written: string[] = [];
    for (let i = 0; i < KILL_EDITS; i += 1) {
      written.push(`before kill ${i}`);
      addParagraph(writer.doc, written.at(-1)!);
      await writer.acknowledged();
    }
    await kill(one);
    writer.destroy();

    // A client opening the document on the surviving instance sees every acknowledged edit.
    const survivorReader = open(two, name, bo);
    await survivorReader.synced();
    expect(written.filter((text) => !hasParagraph(survivorReader, text))).toEqual([]);

    // The writer's client reconnects through the load balancer to the survivor, writes on, and that
    // instance is killed too right after acknowledging.
    const moved = open(two, name, ana, writer.doc);
    await moved.synced();
    for (let i = 0; i < KILL_EDITS; i += 1) {
      written.push(`after move ${i}`);
      addParagraph(moved.doc, written.at(-1)!);
      await moved.acknowledged();
    }
    await kill(two);
    for (const client of [observer, survivorReader, moved]) client.destroy();

    // Every instance is gone: a fresh one serves everything from PostgreSQL.
    const fresh = await startInstance();
    const reader = open(fresh, name, bo);
    await reader.synced();
    expect(written.filter((text) => !hasParagraph(reader, text))).toEqual([]);
    expect(paragraphs(reader.doc)).toHaveLength(2 * KILL_EDITS);
  }, 60_000);

  it('keeps local clients syncing while Redis is down, reports it in /health, and resumes fan-out once Redis is back', async () => {
    const [one, two] = await livePair();
    const name = 'acme:notes:outage';
    const a = open(one, name, ana);
    const b = open(two, name, bo);
    await Promise.all([a.synced(), b.synced()]);
    addParagraph(a.doc, 'before the outage');
    await waitFor(() => hasParagraph(b, 'before the outage'), 'fan-out before the outage');

    await redis.stop();
    const during = await waitFor(async () => {
      const [h1, h2] = await Promise.all([health(one), health(two)]);
      return h1.body.redis === 'down' && h2.body.redis === 'down' ? h1 : undefined;
    }, '/health to report Redis down');
    console.info(`/health during the Redis outage: ${during.code} ${JSON.stringify(during.body)}`);
    expect(during).toEqual({ code: 200, body: { status: 'degraded', storage: 'postgres', redis: 'down' } });

    // Local sync on each instance continues: edits are acknowledged (durable) and reach other
    // clients of the same instance, and documents not open before still open.
    const a2 = open(one, name, ana);
    await a2.synced();
    addParagraph(a.doc, 'during the outage on one');
    await a.acknowledged();
    await waitFor(() => hasParagraph(a2, 'during the outage on one'), 'a local edit to reach a client of the same instance');
    addParagraph(b.doc, 'during the outage on two');
    await b.acknowledged();
    const fresh = open(two, 'acme:notes:opened-during-outage', bo);
    await fresh.synced();
    addParagraph(fresh.doc, 'new document during the outage');
    await fresh.acknowledged();

    await redis.start();
    await waitFor(async () => (await health(one)).body.redis === 'up' && (await health(two)).body.redis === 'up', '/health to report Redis up again', 15_000);

    // What changed during the outage is re-synced, and new edits and presence cross again.
    await waitFor(() => hasParagraph(b, 'during the outage on one'), "instance one's outage edit to reach instance two", 15_000);
    await waitFor(() => hasParagraph(a, 'during the outage on two'), "instance two's outage edit to reach instance one", 15_000);
    addParagraph(b.doc, 'after the outage');
    await waitFor(() => hasParagraph(a2, 'after the outage'), 'fan-out after the outage');
    setPresence(a, 'ana', 'away');
    await waitFor(() => presenceOf(b, 'ana')?.status === 'away', 'presence after the outage');
    expect((await health(two)).body).toEqual({ status: 'ok', storage: 'postgres', redis: 'up' });
  }, 60_000);

  it('shows the clients of another instance what an instance acknowledged before it died during a Redis outage', async () => {
    const [one, two] = await livePair();
    const name = 'acme:notes:died-during-outage';
    const writer = open(one, name, ana);
    const reader = open(two, name, bo);
    await Promise.all([writer.synced(), reader.synced()]);

    await redis.stop();
    await waitFor(async () => (await health(one)).body.redis === 'down' && (await health(two)).body.redis === 'down', '/health to report Redis down');
    addParagraph(writer.doc, 'acknowledged, then the instance died');
    await writer.acknowledged();
    // The writer is gone too, so nobody can resend the edit: only storage has it.
    writer.destroy();
    await kill(one);

    await redis.start();
    await waitFor(() => hasParagraph(reader, 'acknowledged, then the instance died'), 'the stored edit to reach the other instance', 15_000);
  }, 60_000);
});

describe('two instances sharing Redis, each with its own SQLite', () => {
  const dataDirs = [tempDir(), tempDir()] as const;
  let redis: TestRedis;
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const server of servers) server.process.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await redis?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  const start = async (dataDir: string) => {
    const server = await startChildServer({ REDIS_URL: redis.url, AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir });
    servers.push(server);
    return server;
  };

  it('stores updates arriving through Redis in the receiving instance too', async () => {
    const [one, two] = await Promise.all([start(dataDirs[0]), start(dataDirs[1])]);
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const name = 'acme:notes:own-sqlite';
    const a = connect(one.wsUrl, name, token);
    const b = connect(two.wsUrl, name, token);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    addParagraph(a.doc, 'written on one');
    await waitFor(() => paragraphs(b.doc).includes('written on one'), 'the edit to reach instance two');

    const storedOnTwo = createSqliteStorage({ dataDir: dataDirs[1], durability: 'wal' });
    try {
      await waitFor(async () => {
        const stored = await storedOnTwo.load(name);
        const doc = new Y.Doc();
        for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(doc, part);
        return paragraphs(doc).includes('written on one');
      }, "instance two's own SQLite to hold the edit made on instance one");
    } finally {
      await storedOnTwo.close();
    }

    two.process.kill('SIGKILL');
    await two.exited;
    const again = await start(dataDirs[1]);
    const reader = connect(again.wsUrl, name, token);
    clients.push(reader);
    await reader.synced();
    expect(paragraphs(reader.doc)).toContain('written on one');
  }, 60_000);
});
