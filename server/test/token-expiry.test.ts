/**
 * A token is checked for as long as a connection lives, not only when it opens: at `exp` the
 * document connection ends with `token-expired`, and nothing it sends afterwards is applied or
 * stored. A token without `exp` is refused unless AUTH_ALLOW_TOKENS_WITHOUT_EXP is set.
 */
import { appendParagraph, readNotesTitle, setNotesTitle } from '@concord/shared';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TestClient } from './helpers/client.ts';
import { useServer } from './helpers/fixture.ts';
import { openRawClient, type RawClient } from './helpers/raw-client.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { expiresAtMs, signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const EXPIRY_DEADLINE_MS = 15_000;

async function stored(server: TestServer, name: string): Promise<string> {
  const { snapshot, updates } = await server.server.storage.load(name);
  return [snapshot, ...updates].filter(Boolean).map((u) => Buffer.from(u!).toString('latin1')).join('');
}

function untilPast(ms: number): Promise<unknown> {
  return waitFor(() => Date.now() > ms, 'the token to expire', EXPIRY_DEADLINE_MS);
}

/** An update of a fresh client that adds one paragraph reading `text`. */
function paragraphUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  appendParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('a token that expires while its connection is open', () => {
  const fixture = useServer();
  const raws: RawClient[] = [];
  afterAll(() => raws.forEach((raw) => raw.socket.close()));

  it('ends the document connection with token-expired at exp', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 2 });
    const client = await fixture.synced('acme:notes:expiring', token);
    setNotesTitle(client.doc, 'before exp');
    await client.acknowledged();
    expect(client.refusals).toEqual([]);

    await untilPast(expiresAtMs(token));
    await waitFor(() => client.refusals.find((r) => r.startsWith('token-expired')), 'the connection to end with token-expired', EXPIRY_DEADLINE_MS);
    const live = fixture.server.server.hocuspocus.documents.get('acme:notes:expiring');
    expect(live?.getConnections().length ?? 0).toBe(0);
  });

  it('applies and stores nothing the connection sends after exp', async () => {
    const name = 'acme:notes:late-writes';
    const token = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 2 });
    const raw = await openRawClient(fixture.server.wsUrl);
    raws.push(raw);
    await raw.authenticate(name, token);
    const doc = new Y.Doc();
    raw.sendUpdate(name, paragraphUpdate(doc, 'sent-before-exp'));
    expect(await raw.nextOutcome()).toEqual({ kind: 'ack', applied: true });

    await untilPast(expiresAtMs(token));
    raw.sendUpdate(name, paragraphUpdate(doc, 'sent-after-exp'));
    // Either the close at exp came first (then the write went nowhere) or the write is refused.
    const outcome = await waitFor(
      () => raw.replies.find((r) => r.kind === 'closed') ?? raw.replies.filter((r) => r.kind === 'ack').at(1),
      'the late write to be answered',
      EXPIRY_DEADLINE_MS,
    );
    expect(outcome).toEqual({ kind: 'closed', reason: expect.stringMatching(/^token-expired/) });
    const reader = await fixture.synced(name, { sub: 'ben' });
    const content = JSON.stringify(reader.doc.getXmlFragment('content').toJSON());
    expect(content).toContain('sent-before-exp');
    expect(content).not.toContain('sent-after-exp');
    const text = await stored(fixture.server, name);
    expect(text).toContain('sent-before-exp');
    expect(text).not.toContain('sent-after-exp');
  });

  it('lets a provider whose token is a function reconnect with a fresh token, keeping an edit made after expiry', async () => {
    const name = 'acme:notes:renewed';
    let token = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 2 });
    const expiresAt = expiresAtMs(token);
    const socket = new HocuspocusProviderWebsocket({ url: fixture.server.wsUrl, delay: 50, maxDelay: 200, minDelay: 20 });
    const closes: string[] = [];
    // The token is read on every (re)authentication, as the web client does.
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, token: () => token, onClose: ({ event }) => void closes.push(event.reason) });
    provider.attach();
    try {
      await waitFor(() => provider.isSynced, 'the provider to sync');
      await untilPast(expiresAt);
      await waitFor(() => closes.find((r) => r.startsWith('token-expired')), 'the token-expired close', EXPIRY_DEADLINE_MS);
      setNotesTitle(provider.document, 'written while expired');

      token = await signToken({ sub: 'ana', org: 'acme' });
      // As the web client does (web/src/collab/documentRegistry.ts): authenticate again on the open
      // socket. A detach would send a close that the server holds and applies to the next connection.
      await provider.sendToken();
      provider.startSync();
      await waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, 'the edit to be acknowledged');
      const reader = await fixture.synced(name, { sub: 'ben' });
      await waitFor(() => readNotesTitle(reader.doc) === 'written while expired', 'the edit made while expired to arrive');
      // The renewed connection stays open: a later edit arrives too.
      setNotesTitle(provider.document, 'written after renewal');
      await waitFor(() => readNotesTitle(reader.doc) === 'written after renewal', 'the edit made after renewal to arrive');
      expect(closes.filter((r) => !r.startsWith('token-expired'))).toEqual([]);
    } finally {
      provider.destroy();
      socket.destroy();
    }
  });
});

describe('the per-message check', () => {
  let skewMs = 0;
  let server: TestServer;
  afterAll(async () => server?.close());

  it('refuses a message handled after exp even before the close at exp has run', async () => {
    server = await startTestServer({ deps: { now: () => Date.now() + skewMs } });
    const name = 'acme:notes:clock';
    const raw = await openRawClient(server.wsUrl);
    await raw.authenticate(name, await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 3600 }));
    const doc = new Y.Doc();
    raw.sendUpdate(name, paragraphUpdate(doc, 'on-time'));
    expect(await raw.nextOutcome()).toEqual({ kind: 'ack', applied: true });

    // The server's clock passes exp; the close scheduled for exp (an hour away in real time) has not run.
    skewMs = 2 * 3600 * 1000;
    raw.sendUpdate(name, paragraphUpdate(doc, 'too-late'));
    const outcome = await raw.nextOutcome();
    expect(outcome.kind).toBe('closed');
    expect((outcome as { reason: string }).reason).toMatch(/^token-expired/);
    const text = await stored(server, name);
    expect(text).toContain('on-time');
    expect(text).not.toContain('too-late');
    raw.socket.close();
  });
});

describe('a token without exp', () => {
  const strict = useServer();
  const lenient = useServer({ env: { AUTH_ALLOW_TOKENS_WITHOUT_EXP: 'true' } });

  it('is refused at connect and over HTTP', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: null });
    const client: TestClient = await strict.client('acme:notes:no-exp', token);
    expect(await waitFor(() => client.refusals[0], 'the refusal')).toMatch(/^unauthorized: the token has no exp/);
    const response = await fetch(`${strict.server.url}/api/docs/acme:notes:no-exp`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/no exp/) });
  });

  it('is admitted, and never expires, with AUTH_ALLOW_TOKENS_WITHOUT_EXP=true', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: null });
    const client = await lenient.synced('acme:notes:no-exp', token);
    setNotesTitle(client.doc, 'no exp');
    await client.acknowledged();
    expect(client.refusals).toEqual([]);
    const response = await fetch(`${lenient.server.url}/api/docs/acme:notes:no-exp`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });
});
