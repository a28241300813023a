import { appendParagraph, notesContent, setNotesTitle } from '@concord/shared';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './helpers/client.ts';
import { rmSync } from 'node:fs';
import { startTestServer, tempDir, type TestServer } from './helpers/server.ts';
import { signToken } from './helpers/tokens.ts';

describe('HTTP on the WebSocket port', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const writer = connect(server.wsUrl, 'acme:notes:exported', await signToken({ sub: 'ana', org: 'acme' }));
    await writer.synced();
    setNotesTitle(writer.doc, 'Exported title');
    await writer.acknowledged();
    writer.destroy();
  });
  afterAll(() => server.close());

  const get = (path: string, token?: string) =>
    fetch(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  it('exports a document as JSON to a token that may open it', async () => {
    const response = await get('/api/docs/acme:notes:exported', await signToken({ sub: 'ben', org: 'acme', role: 'viewer' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: 'Exported title', content: [] });
  });

  it('answers 401 without a valid token', async () => {
    const missing = await get('/api/docs/acme:notes:exported');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'unauthorized' });
    const expired = await get('/api/docs/acme:notes:exported', await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: -5 }));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: 'token-expired' });
  });

  it('answers 403 for a document the token may not open', async () => {
    const otherOrg = await get('/api/docs/acme:notes:exported', await signToken({ sub: 'eve', org: 'globex' }));
    expect(otherOrg.status).toBe(403);
    expect(await otherOrg.json()).toMatchObject({ error: 'forbidden' });
    const otherInbox = await get('/api/docs/acme:inbox:ben', await signToken({ sub: 'ana', org: 'acme' }));
    expect(otherInbox.status).toBe(403);
  });

  it('answers 400 for a malformed name', async () => {
    const response = await get('/api/docs/acme:nope:x', await signToken({ sub: 'ana', org: 'acme' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unknown-kind' });
  });

  it('reports health, stats and metrics', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', storage: 'sqlite', redis: 'disabled' });
    const stats = await (await get('/stats')).json();
    expect(stats).toEqual({ connections: expect.any(Number), documents: expect.any(Number), users: expect.any(Number) });
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toContain('concord_append_seconds_bucket');
    expect(metrics).toContain('concord_refusals_total');
    expect(metrics).toMatch(/concord_append_seconds_count [1-9]\d*/);
    expect(metrics).toMatch(/concord_messages_in_total\{type="document-update"\} [1-9]\d*/);
    expect(metrics).toMatch(/concord_refusals_total\{code="[a-z-]+"\} [1-9]\d*/);
  });

  it('offers dev tokens only in dev mode', async () => {
    const body = JSON.stringify({ sub: 'ana', name: 'Ana', org: 'acme', role: 'editor' });
    const refused = await fetch(`${server.url}/api/dev/token`, { method: 'POST', body });
    expect(refused.status).toBe(404);

    const dev = await startTestServer({ env: { AUTH_SECRET: '' } });
    try {
      const issued = await fetch(`${dev.url}/api/dev/token`, { method: 'POST', body });
      expect(issued.status).toBe(200);
      const { token } = (await issued.json()) as { token: string };
      const exported = await fetch(`${dev.url}/api/docs/acme:notes:x`, { headers: { Authorization: `Bearer ${token}` } });
      expect(exported.status).toBe(200);
      const bad = await fetch(`${dev.url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ sub: 'a b', org: 'acme' }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: 'bad-request' });
    } finally {
      await dev.close();
    }
  });

  it('keeps dev-mode tokens valid across a restart', async () => {
    const dataDir = tempDir();
    const body = JSON.stringify({ sub: 'ana', name: 'Ana', org: 'acme', role: 'editor' });
    const first = await startTestServer({ dataDir, env: { AUTH_SECRET: '' } });
    const { token } = (await (await fetch(`${first.url}/api/dev/token`, { method: 'POST', body })).json()) as { token: string };
    await first.close();
    const second = await startTestServer({ dataDir, env: { AUTH_SECRET: '' } });
    try {
      const response = await fetch(`${second.url}/api/docs/acme:notes:x`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses WebSocket upgrades outside /collab', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});

describe('named versions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('saves a version, lists it and reads it back as JSON while the document moves on', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const writer = connect(server.wsUrl, 'acme:notes:history', token);
    await writer.synced();
    setNotesTitle(writer.doc, 'First title');
    await writer.acknowledged();
    const auth = { Authorization: `Bearer ${token}` };
    const saved = await fetch(`${server.url}/api/docs/acme:notes:history/versions`, { method: 'POST', headers: auth, body: JSON.stringify({ label: 'Before the rename' }) });
    expect(saved.status).toBe(201);
    const { version } = (await saved.json()) as { version: { id: string; label: string; createdBy: string } };
    expect(version).toMatchObject({ label: 'Before the rename', createdBy: 'ana' });

    setNotesTitle(writer.doc, 'Second title');
    await writer.acknowledged();
    writer.destroy();

    const list = (await (await fetch(`${server.url}/api/docs/acme:notes:history/versions`, { headers: auth })).json()) as { versions: Array<{ id: string }> };
    expect(list.versions.map((v) => v.id)).toEqual([version.id]);
    const past = (await (await fetch(`${server.url}/api/docs/acme:notes:history/versions/${version.id}`, { headers: auth })).json()) as { document: { title: string } };
    expect(past.document.title).toBe('First title');
    const now = (await (await fetch(`${server.url}/api/docs/acme:notes:history`, { headers: auth })).json()) as { title: string };
    expect(now.title).toBe('Second title');

    expect((await fetch(`${server.url}/api/docs/acme:notes:history/versions/nope`, { headers: auth })).status).toBe(404);
    const viewer = { Authorization: `Bearer ${await signToken({ sub: 'vic', org: 'acme', role: 'viewer' })}` };
    expect((await fetch(`${server.url}/api/docs/acme:notes:history/versions`, { method: 'POST', headers: viewer, body: '{"label":"x"}' })).status).toBe(403);
    expect((await fetch(`${server.url}/api/docs/acme:notes:history/versions`, { method: 'POST', headers: auth, body: '{"label":""}' })).status).toBe(400);
    expect((await fetch(`${server.url}/api/docs/globex:notes:history/versions`, { headers: auth })).status).toBe(403);
  });

  it('gives a version as the Yjs update it was saved as, formatting and all, to anyone who may read the page', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const writer = connect(server.wsUrl, 'acme:notes:formatted', token);
    await writer.synced();
    const text = appendParagraph(writer.doc, 'Launch on ');
    text.insert(text.length, 'Monday', { bold: {} });
    await writer.acknowledged();
    const saved = await fetch(`${server.url}/api/docs/acme:notes:formatted/versions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{"label":"Bold"}' });
    const { version } = (await saved.json()) as { version: { id: string } };
    text.insert(0, 'Maybe: ');
    await writer.acknowledged();
    writer.destroy();

    const viewer = { Authorization: `Bearer ${await signToken({ sub: 'vic', org: 'acme', role: 'viewer' })}` };
    const response = await fetch(`${server.url}/api/docs/acme:notes:formatted/versions/${version.id}?format=update`, { headers: viewer });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: { id: string; label: string }; update: string };
    expect(body.version).toMatchObject({ id: version.id, label: 'Bold' });
    const past = new Y.Doc();
    Y.applyUpdate(past, Buffer.from(body.update, 'base64'));
    const paragraph = notesContent(past).get(0) as Y.XmlElement;
    expect((paragraph.get(0) as Y.XmlText).toDelta()).toEqual([{ insert: 'Launch on ' }, { insert: 'Monday', attributes: { bold: {} } }]);

    const json = (await (await fetch(`${server.url}/api/docs/acme:notes:formatted/versions/${version.id}`, { headers: viewer })).json()) as { document: unknown; update?: string };
    expect(json.document).toMatchObject({ content: [{ type: 'paragraph', children: [{ type: 'text', text: 'Launch on Monday' }] }] });
    expect(json.update).toBeUndefined();
    const bad = await fetch(`${server.url}/api/docs/acme:notes:formatted/versions/${version.id}?format=xml`, { headers: viewer });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad-request' });
    expect((await fetch(`${server.url}/api/docs/acme:notes:formatted/versions/nope?format=update`, { headers: viewer })).status).toBe(404);
    expect((await fetch(`${server.url}/api/docs/acme:notes:formatted/versions/${version.id}?format=update`)).status).toBe(401);
  });
});
