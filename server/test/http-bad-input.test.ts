/**
 * What a hostile HTTP client can send gets a typed answer and hurts nobody: malformed
 * percent-encoding and request targets on every route family, version labels that are not
 * printable text, and requests that trickle in to hold a socket.
 */
import { readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { appendParagraph, notesPlainText } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestClient } from './helpers/client.ts';
import { startChildServer } from './helpers/child-server.ts';
import { startTestServer, tempDir, type TestServer } from './helpers/server.ts';
import { TEST_SECRET, signToken } from './helpers/tokens.ts';

/** Writes `text` on a raw TCP connection and resolves with everything the server sent until it closed. */
function rawRequest(url: string, text: string, options: { trickle?: string; everyMs?: number; deadlineMs?: number } = {}): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = netConnect(Number(port), '127.0.0.1', () => socket.write(text));
    const trickle = options.trickle
      ? setInterval(() => {
          if (socket.writable) socket.write(options.trickle!);
        }, options.everyMs ?? 100)
      : undefined;
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${options.deadlineMs ?? 10_000} ms; got ${JSON.stringify(answer)}`));
    }, options.deadlineMs ?? 10_000);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(deadline);
      resolve(answer);
    });
  });
}

/** Uploads `pieces` pieces of 1 KB, one every `everyMs`, declaring `declaredPieces` KB; resolves with the status. */
function slowUpload(url: string, token: string, options: { pieces: number; declaredPieces: number; everyMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const upload = httpRequest(`${url}/api/files?name=slow.bin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(options.declaredPieces * 1024) },
    }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    upload.on('error', reject);
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === options.pieces) return clearInterval(timer);
      upload.write(Buffer.alloc(1024, sent));
      sent += 1;
      if (sent === options.declaredPieces) upload.end();
    }, options.everyMs);
    upload.on('close', () => clearInterval(timer));
  });
}

function statusLine(answer: string): string {
  return answer.split('\r\n')[0] ?? '';
}

describe('malformed request targets', () => {
  let server: TestServer;
  let token: string;
  const dataDir = tempDir();
  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_SECRET: '' } }); // dev mode: the dev-token route exists
    const issued = await fetch(`${server.url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ sub: 'ana', name: 'Ana', org: 'acme', role: 'admin' }) });
    expect(issued.status).toBe(200);
    token = ((await issued.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const malformed: Array<[string, string]> = [
    ['GET', '/%ZZ'],
    ['GET', '/assets/%E0%A4%A'],
    ['GET', '/notes/%C3'],
    ['HEAD', '/%ZZ'],
    ['GET', '/health%ZZ'],
    ['GET', '/stats/%ZZ'],
    ['GET', '/metrics%E0%A4%A'],
    ['GET', '/api/docs/%E0%A4%A'],
    ['GET', '/api/docs/acme:notes:%ZZ/activity'],
    ['GET', '/api/docs/acme:channel:%ZZ/archive'],
    ['GET', '/api/docs/%ZZ/versions'],
    ['POST', '/api/docs/acme:notes:%E0%A4%A/versions'],
    ['GET', '/api/docs/acme:notes:x/versions/%E0%A4%A'],
    ['POST', '/api/dev/token%ZZ'],
    ['GET', '/api/%ZZ'],
  ];

  it.each(malformed)('answers %s %s with 400 bad-request', async (method, path) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { body: JSON.stringify({ label: 'x', sub: 'ana', org: 'acme' }) } : {}),
    });
    expect(response.status).toBe(400);
    if (method !== 'HEAD') expect(await response.json()).toMatchObject({ error: 'bad-request' });
  });

  it('answers a request target that is not a URL with 400, as a request and as an upgrade', async () => {
    const request = await rawRequest(server.url, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statusLine(request)).toBe('HTTP/1.1 400 Bad Request');
    expect(request).toContain('"error":"bad-request"');
    const upgrade = await rawRequest(
      server.url,
      'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(statusLine(upgrade)).toBe('HTTP/1.1 400 Bad Request');
    const malformedPath = await rawRequest(
      server.url,
      'GET /collab%ZZ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(statusLine(malformedPath)).toBe('HTTP/1.1 400 Bad Request');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/concord_refusals_total\{code="bad-request"\} [1-9]\d*/);
  });

  it('stays up after an upgrade whose target is not a URL (it used to end the process)', async () => {
    const child = await startChildServer({ AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir });
    try {
      const upgrade = await rawRequest(
        child.url,
        'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      expect(statusLine(upgrade)).toBe('HTTP/1.1 400 Bad Request');
      expect((await fetch(`${child.url}/health`)).status).toBe(200);
      expect(child.process.exitCode).toBeNull();
    } finally {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  });

  it('keeps serving well-formed encoded paths', async () => {
    expect((await fetch(`${server.url}/api/docs/acme%3Anotes%3Aencoded`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/notes/caf%C3%A9`)).status).toBe(200);
  });
});

describe('version labels', () => {
  let server: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    auth = { Authorization: `Bearer ${await signToken({ sub: 'ana', org: 'acme' })}` };
  });
  afterAll(() => server.close());

  const save = (label: unknown) =>
    fetch(`${server.url}/api/docs/acme:notes:labels/versions`, { method: 'POST', headers: auth, body: JSON.stringify({ label }) });

  it.each([
    ['a line break', 'first\nsecond'],
    ['a NUL', 'bad\u0000label'],
    ['an escape sequence', '\u001b[31mred'],
    ['DEL', 'x\u007f'],
    ['a right-to-left override', 'invoice\u202Egpj.exe'],
    ['a bidi isolate', 'a\u2066b\u2069'],
    ['a left-to-right mark', '\u200Elabel'],
    ['a line separator', 'a\u2028b'],
    ['a lone surrogate', 'a\ud800b'],
    ['only spaces', '   '],
    ['201 characters', 'x'.repeat(201)],
    ['a number', 42],
  ])('refuses a label with %s as bad-request and saves nothing', async (_what, label) => {
    const response = await save(label);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad-request' });
    const list = (await (await fetch(`${server.url}/api/docs/acme:notes:labels/versions`, { headers: auth })).json()) as { versions: unknown[] };
    expect(list.versions).toEqual([]);
  });

  it('saves printable labels in any script, emoji included, trimmed', async () => {
    const labels = ['Avant la réunion', '会议前 — 草稿', 'Ready 👩‍👩‍👧 ✅', 'x'.repeat(200)];
    for (const label of labels) {
      const response = await save(`  ${label} `);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { version: { label: string } }).version.label).toBe(label);
    }
  });
});

describe('request time limits', () => {
  let server: TestServer;
  let token: string;
  let writer: TestClient;
  let reader: TestClient;
  let disconnects = 0;
  beforeAll(async () => {
    server = await startTestServer({ deps: { headersTimeoutMs: 500, requestTimeoutMs: 1_000, uploadIdleTimeoutMs: 1_000 } });
    token = await signToken({ sub: 'ana', org: 'acme' });
    writer = connect(server.wsUrl, 'acme:notes:slow', token);
    reader = connect(server.wsUrl, 'acme:notes:slow', await signToken({ sub: 'ben', org: 'acme' }));
    await Promise.all([writer.synced(), reader.synced()]);
    writer.socket.on('disconnect', () => (disconnects += 1));
    reader.socket.on('disconnect', () => (disconnects += 1));
  });
  afterAll(async () => {
    writer.destroy();
    reader.destroy();
    await server.close();
  });

  it('cuts a request body that trickles in with 408', async () => {
    const head = `POST /api/docs/acme:notes:slow/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"label":"`;
    // 1000 bytes at one per 100 ms would take 100 s.
    const answer = await rawRequest(server.url, head, { trickle: 'x', everyMs: 100, deadlineMs: 20_000 });
    expect(statusLine(answer)).toBe('HTTP/1.1 408 Request Timeout');
    // The route reading that body sees it cut: a counted refusal, not an internal error.
    await expect
      .poll(async () => /concord_refusals_total\{code="request-timeout"\} [1-9]/.test(await (await fetch(`${server.url}/metrics`)).text()), { timeout: 10_000 })
      .toBe(true);
    const list = (await (await fetch(`${server.url}/api/docs/acme:notes:slow/versions`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { versions: unknown[] };
    expect(list.versions).toEqual([]);
  });

  it('takes an upload that arrives slowly but steadily, for longer than a JSON body may take', async () => {
    // 30 pieces, one per 100 ms: 3 s, three times the bound on a JSON body (Node's own bound cut it).
    expect(await slowUpload(server.url, token, { pieces: 30, declaredPieces: 30, everyMs: 100 })).toBe(201);
  });

  it('cuts an upload that stops arriving with 408, and keeps nothing of it', async () => {
    expect(await slowUpload(server.url, token, { pieces: 3, declaredPieces: 30, everyMs: 100 })).toBe(408);
    const spools = join(server.dataDir, 'files', 'tmp');
    await expect.poll(() => readdirSync(spools).filter((name) => name.endsWith('.upload')), { timeout: 10_000 }).toEqual([]);
  });

  it('cuts headers that trickle in with 408', async () => {
    const answer = await rawRequest(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n', { trickle: 'X-Slow: 1\r\n', everyMs: 100, deadlineMs: 20_000 });
    expect(statusLine(answer)).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'request-timeout' });
  });

  it('answers headers larger than Node takes with 431 and the same JSON as every refusal', async () => {
    const answer = await rawRequest(server.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'bad-request' });
  });

  it('answers bytes that are not HTTP with 400 and the same JSON as every refusal', async () => {
    const answer = await rawRequest(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(statusLine(answer)).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'bad-request' });
  });

  it('leaves WebSocket connections open well past both limits', async () => {
    // The cut comes after both limits have passed; these connections were open before and throughout.
    const answer = await rawRequest(server.url, 'GET /stats HTTP/1.1\r\n', { trickle: 'X-Slow: 1\r\n', everyMs: 100, deadlineMs: 20_000 });
    expect(statusLine(answer)).toBe('HTTP/1.1 408 Request Timeout');
    expect(disconnects).toBe(0);
    expect([...writer.refusals, ...reader.refusals]).toEqual([]);
    appendParagraph(writer.doc, 'still connected');
    await writer.acknowledged();
    await expect.poll(() => notesPlainText(reader.doc), { timeout: 10_000 }).toBe('still connected');
    expect(disconnects).toBe(0);
  });
});
