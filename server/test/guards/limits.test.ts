/**
 * Limits and malformed input: each refusal has its code, touches only the offending connection,
 * and a canary document keeps syncing.
 */
import { appendParagraph, notesPlainText, readNotesTitle, setNotesTitle } from '@concord/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { connect, type TestClient } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ env });
  servers.push(server);
  return server;
}

async function open(server: TestServer, name: string, sub: string): Promise<TestClient> {
  const client = connect(server.wsUrl, name, await signToken({ sub, org: 'acme' }));
  clients.push(client);
  return client;
}

async function expectCanaryAlive(server: TestServer): Promise<void> {
  const [a, b] = [await open(server, 'acme:notes:canary', 'cara'), await open(server, 'acme:notes:canary', 'carl')];
  await Promise.all([a.synced(), b.synced()]);
  const title = `alive ${Math.random()}`;
  setNotesTitle(a.doc, title);
  await waitFor(() => readNotesTitle(b.doc) === title, 'the canary to sync');
}

describe('limits', () => {
  it('refuses a connection past MAX_CONNECTIONS_PER_DOC', async () => {
    const server = await start({ MAX_CONNECTIONS_PER_DOC: '2' });
    const first = await open(server, 'acme:notes:full', 'u1');
    const second = await open(server, 'acme:notes:full', 'u2');
    await Promise.all([first.synced(), second.synced()]);
    const third = await open(server, 'acme:notes:full', 'u3');
    expect(await waitFor(() => third.refusals[0], 'the refusal')).toMatch(/^too-many-connections: this document already has 2 connections/);
    first.destroy();
    await waitFor(() => server.server.hocuspocus.documents.get('acme:notes:full')?.getConnectionsCount() === 1, 'the first to leave');
    const fourth = await open(server, 'acme:notes:full', 'u4');
    await fourth.synced();
    await expectCanaryAlive(server);
  });

  it('refuses a user past MAX_CONNECTIONS_PER_USER, counting every document', async () => {
    const server = await start({ MAX_CONNECTIONS_PER_USER: '2' });
    const a = await open(server, 'acme:notes:a', 'busy');
    const b = await open(server, 'acme:notes:b', 'busy');
    await Promise.all([a.synced(), b.synced()]);
    const c = await open(server, 'acme:notes:c', 'busy');
    expect(await waitFor(() => c.refusals[0], 'the refusal')).toMatch(/^too-many-connections: you already have 2 open document connections/);
    const other = await open(server, 'acme:notes:c', 'someone-else');
    await other.synced();
    await expectCanaryAlive(server);
  });

  it('refuses a client that sends faster than RATE_LIMIT_PER_SECOND for long, and lets bursts pass', async () => {
    const server = await start({ RATE_LIMIT_PER_SECOND: '20' });
    const bursty = await open(server, 'acme:notes:rate', 'bursty');
    await bursty.synced();
    for (let i = 0; i < 30; i += 1) setNotesTitle(bursty.doc, `burst ${i}`);
    await bursty.acknowledged();
    expect(bursty.refusals).toEqual([]);

    const flooder = await open(server, 'acme:notes:rate', 'flooder');
    await flooder.synced();
    for (let i = 0; i < 200; i += 1) appendParagraph(flooder.doc, `flood ${i}`);
    expect(await waitFor(() => flooder.refusals[0], 'the refusal')).toMatch(/^rate-limited: more than 20 messages per second/);
    const live = server.server.hocuspocus.documents.get('acme:notes:rate')!;
    expect(notesPlainText(live).split('\n').filter(Boolean).length).toBeLessThan(200);
    await expectCanaryAlive(server);
  });

  it('closes a socket that sends a message larger than MAX_MESSAGE_BYTES, and only that socket', async () => {
    const server = await start({ MAX_MESSAGE_BYTES: '65536' });
    const big = await open(server, 'acme:notes:big', 'big');
    await big.synced();
    const closed = new Promise<number>((resolve) => big.socket.on('close', ({ event }: { event: { code: number } }) => resolve(event.code)));
    appendParagraph(big.doc, 'y'.repeat(70_000));
    expect(await closed).toBe(1009);
    await expectCanaryAlive(server);
  });

  it('refuses awareness that claims another user, or is too large', async () => {
    const server = await start();
    const imposter = await open(server, 'acme:notes:aw', 'mal');
    const watcher = await open(server, 'acme:notes:aw', 'wat');
    await Promise.all([imposter.synced(), watcher.synced()]);
    imposter.provider.setAwarenessField('user', { id: 'ana', name: 'Ana', color: '#f00' });
    expect(await waitFor(() => imposter.refusals[0], 'the refusal')).toMatch(/^impersonation: awareness user.id must be your own user id/);
    const states = [...watcher.provider.awareness!.getStates().values()];
    expect(states.some((s) => (s.user as { id?: string } | undefined)?.id === 'ana')).toBe(false);

    const chatty = await open(server, 'acme:notes:aw', 'chatty');
    await chatty.synced();
    chatty.provider.setAwarenessField('blob', 'z'.repeat(40_000));
    expect(await waitFor(() => chatty.refusals[0], 'the refusal')).toMatch(/^message-too-large: awareness state larger than/);
    await expectCanaryAlive(server);
  });

  it('closes only the socket that sends a malformed frame', async () => {
    const server = await start();
    const victim = await open(server, 'acme:notes:frames', 'vic');
    await victim.synced();
    const raw = new WebSocket(server.wsUrl);
    await new Promise((resolve) => raw.once('open', resolve));
    const token = await signToken({ sub: 'raw', org: 'acme' });
    const auth = encoding.createEncoder();
    encoding.writeVarString(auth, 'acme:notes:frames');
    encoding.writeVarUint(auth, 2);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, token);
    raw.send(encoding.toUint8Array(auth));
    await waitFor(() => server.server.hocuspocus.documents.get('acme:notes:frames')?.getConnectionsCount() === 2, 'the raw client to join');
    const bad = encoding.createEncoder();
    encoding.writeVarString(bad, 'acme:notes:frames');
    encoding.writeVarUint(bad, 0);
    encoding.writeVarUint(bad, 2);
    encoding.writeUint8(bad, 0xff);
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.send(encoding.toUint8Array(bad));
    expect(await closed).toBe(4400);
    setNotesTitle(victim.doc, 'still here');
    await victim.acknowledged();
    await expectCanaryAlive(server);
  });
});
