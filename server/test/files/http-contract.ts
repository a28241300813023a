/**
 * The files API (README, Files) against a real server, hostile uploads included: one suite that runs
 * on SQLite (http-sqlite.test.ts) and on PostgreSQL (http-postgres.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLinks, linkKeyFromSecret } from '../../src/files/links.ts';
import { TEST_SECRET, signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';
import { spoolFiles } from './disk.ts';

export const TEST_MAX_FILE_BYTES = 1024 * 1024;

export interface FilesHttpFixture {
  url: string;
  dataDir: string;
  /** Distinct stored contents. */
  blobCount(): Promise<number>;
  close(): Promise<void>;
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 '), randomBytes(64)]);
const HTML = Buffer.from('<!doctype html><script>localStorage.setItem("pwned", "1")</script><h1>hello</h1>');

interface Described {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

export function describeFilesHttp(backend: string, start: () => Promise<FilesHttpFixture>): void {
  describe(`the files API on ${backend}`, () => {
    let fixture: FilesHttpFixture;
    let ana: string;
    let vic: string;
    let eve: string;
    beforeAll(async () => {
      fixture = await start();
      [ana, vic, eve] = await Promise.all([
        signToken({ sub: 'ana', org: 'acme' }),
        signToken({ sub: 'vic', org: 'acme', role: 'viewer' }),
        signToken({ sub: 'eve', org: 'globex' }),
      ]);
    });
    afterAll(() => fixture?.close());

    const post = (name: string | null, body: Buffer | undefined, options: { token?: string; type?: string } = {}) =>
      fetch(`${fixture.url}/api/files${name === null ? '' : `?name=${encodeURIComponent(name)}`}`, {
        method: 'POST',
        headers: {
          ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.type ? { 'content-type': options.type } : {}),
        },
        ...(body ? { body: new Uint8Array(body) } : {}),
      });

    async function upload(name: string, body: Buffer, type = 'application/octet-stream'): Promise<Described> {
      const response = await post(name, body, { token: ana, type });
      expect(response.status).toBe(201);
      return (await response.json()) as Described;
    }

    const get = (path: string, token?: string) => fetch(`${fixture.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    async function expectRefusal(response: Response, status: number, code: string): Promise<void> {
      expect({ status: response.status, body: await response.json() }).toMatchObject({ status, body: { error: code } });
    }

    it('stores an upload and serves it with the token, and with its signed url without any header', async () => {
      const bytes = randomBytes(600 * 1024);
      const file = await upload('contract.pdf', bytes, 'application/pdf');
      expect(file).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), name: 'contract.pdf', type: 'application/pdf', size: bytes.byteLength, url: expect.stringMatching(/^\/api\/files\/[A-Za-z0-9_-]+\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/) });
      const exp = Number(new URL(file.url, 'http://x').searchParams.get('exp')) * 1000;
      expect(exp - Date.now()).toBeGreaterThan(24 * 3600 * 1000);

      const byToken = await get(`/api/files/${file.id}`, ana);
      expect(byToken.status).toBe(200);
      expect(Buffer.from(await byToken.arrayBuffer()).equals(bytes)).toBe(true);
      const bySignature = await get(file.url);
      expect(bySignature.status).toBe(200);
      expect(bySignature.headers.get('content-length')).toBe(String(bytes.byteLength));
      expect(Buffer.from(await bySignature.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('serves real PNG, JPEG, GIF and WebP images inline and everything else as an attachment, always with nosniff and a sandbox', async () => {
      const cases: Array<[string, Buffer, string, string]> = [
        ['a.png', PNG, 'image/png', 'inline'],
        ['a.jpg', JPEG, 'image/jpeg', 'inline'],
        ['a.gif', GIF, 'image/gif', 'inline'],
        ['a.webp', WEBP, 'image/webp', 'inline'],
        // A JPEG labelled PNG is still shown, as what it is.
        ['mislabelled.png', JPEG, 'image/png', 'inline'],
        ['a.pdf', Buffer.from('%PDF-1.7 ...'), 'application/pdf', 'attachment'],
        ['a.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml', 'attachment'],
        ['a.txt', Buffer.from('plain'), 'text/plain; charset=utf-8', 'attachment'],
      ];
      for (const [name, bytes, declared, disposition] of cases) {
        const file = await upload(name, bytes, declared);
        const response = await get(file.url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition'), name).toMatch(new RegExp(`^${disposition}; `));
        expect(response.headers.get('content-type'), name).toBe(file.type);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
        await response.arrayBuffer();
      }
    });

    it('never serves an uploaded HTML page as a page, whether it says text/html or claims to be a PNG', async () => {
      const page = await upload('page.html', HTML, 'text/html');
      expect(page.type).toBe('text/html');
      const liar = await upload('innocent.png', HTML, 'image/png');
      expect(liar.type).toBe('application/octet-stream');
      for (const file of [page, liar]) {
        const response = await get(file.url);
        expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('content-security-policy')).toContain('sandbox');
        expect(await response.text()).toBe(HTML.toString());
      }
    });

    it('stores the same bytes once however often they are uploaded', async () => {
      const bytes = randomBytes(300 * 1024);
      const before = await fixture.blobCount();
      const [one, two] = [await upload('one.bin', bytes), await upload('two.bin', bytes)];
      expect(one.id).not.toBe(two.id);
      expect(await fixture.blobCount()).toBe(before + 1);
      expect(Buffer.from(await (await get(two.url)).arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('gives a fresh signed url with /info, to members of the org only', async () => {
      const file = await upload('info.pdf', Buffer.from('%PDF- info'), 'application/pdf');
      const info = await get(`/api/files/${file.id}/info`, await signToken({ sub: 'vic', org: 'acme', role: 'viewer' }));
      expect(info.status).toBe(200);
      expect(await info.json()).toEqual(file);
      await expectRefusal(await get(`/api/files/${file.id}/info`, eve), 404, 'not-found');
      await expectRefusal(await get(`/api/files/${file.id}/info`), 401, 'unauthorized');
      // A link is not a token: it opens the bytes, nothing else.
      await expectRefusal(await get(`/api/files/${file.id}/info${new URL(file.url, 'http://x').search}`), 401, 'unauthorized');
    });

    it("keeps files to the uploader's org: to anyone else they do not exist", async () => {
      const file = await upload('private.pdf', Buffer.from('%PDF- private'), 'application/pdf');
      await expectRefusal(await get(`/api/files/${file.id}`, eve), 404, 'not-found');
      await expectRefusal(await get(`/api/files/${file.id}`), 401, 'unauthorized');
      await expectRefusal(await get(`/api/files/${file.id}`, 'not-a-token'), 401, 'unauthorized');
      await expectRefusal(await get('/api/files/no-such-file', ana), 404, 'not-found');
      expect((await get(`/api/files/${file.id}`, vic)).status).toBe(200);
    });

    it('refuses uploads by viewers and without a valid token, and stores nothing', async () => {
      const before = await fixture.blobCount();
      await expectRefusal(await post('v.pdf', randomBytes(100), { token: vic }), 403, 'read-only');
      await expectRefusal(await post('v.pdf', randomBytes(100)), 401, 'unauthorized');
      await expectRefusal(await post('v.pdf', randomBytes(100), { token: await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: -5 }) }), 401, 'token-expired');
      expect(await fixture.blobCount()).toBe(before);
      expect(spoolFiles(fixture.dataDir)).toEqual([]);
    });

    it('refuses a file larger than MAX_FILE_BYTES, declared or streamed without a length, and keeps nothing of it', async () => {
      const before = await fixture.blobCount();
      const declared = await post('big.bin', randomBytes(TEST_MAX_FILE_BYTES + 1), { token: ana });
      await expectRefusal(declared, 413, 'file-too-large');
      let chunks = 12;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (chunks-- > 0) controller.enqueue(new Uint8Array(randomBytes(100 * 1024)));
          else controller.close();
        },
      });
      const streamed = await fetch(`${fixture.url}/api/files?name=big.bin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ana}` },
        body,
        duplex: 'half',
      } as RequestInit);
      await expectRefusal(streamed, 413, 'file-too-large');
      expect(await fixture.blobCount()).toBe(before);
      await waitFor(() => spoolFiles(fixture.dataDir).length === 0, 'the refused spool to be removed');
      // Exactly the limit is fine.
      expect((await post('limit.bin', randomBytes(TEST_MAX_FILE_BYTES), { token: ana })).status).toBe(201);
    });

    it('refuses an empty body, and a missing name', async () => {
      await expectRefusal(await post('empty.txt', Buffer.alloc(0), { token: ana }), 400, 'bad-request');
      await expectRefusal(await post('empty.txt', undefined, { token: ana }), 400, 'bad-request');
      await expectRefusal(await post(null, randomBytes(10), { token: ana }), 400, 'bad-request');
      await expectRefusal(await post('   ', randomBytes(10), { token: ana }), 400, 'bad-request');
    });

    it('refuses forged, tampered, borrowed, expired and incomplete signatures', async () => {
      const file = await upload('signed.pdf', Buffer.from('%PDF- signed'), 'application/pdf');
      const other = await upload('other.pdf', Buffer.from('%PDF- other'), 'application/pdf');
      const params = new URL(file.url, 'http://x').searchParams;
      const exp = params.get('exp')!;
      const sig = params.get('sig')!;
      const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
      const forged = createFileLinks(randomBytes(32)).sign(file.id).url;
      const expired = createFileLinks(linkKeyFromSecret(TEST_SECRET), () => Date.now() - 3 * 24 * 3600 * 1000).sign(file.id).url;
      const refused = [
        forged,
        `/api/files/${file.id}?exp=${exp}&sig=${flipped}`,
        `/api/files/${file.id}?exp=${Number(exp) + 86400}&sig=${sig}`,
        `/api/files/${other.id}?exp=${exp}&sig=${sig}`,
        expired,
        `/api/files/${file.id}?exp=${exp}`,
        `/api/files/${file.id}?sig=${sig}`,
        `/api/files/${file.id}?exp=soon&sig=${sig}`,
      ];
      for (const path of refused) {
        const response = await get(path);
        expect(response.status, path).toBe(403);
        expect(await response.json()).toMatchObject({ error: 'forbidden' });
      }
      expect(await (await get(expired)).json()).toMatchObject({ message: 'the file link has expired' });
      expect((await get(file.url)).status).toBe(200);
    });

    it('takes a name as a name, never a path, and names the download in RFC 5987 form', async () => {
      const before = await fixture.blobCount();
      const tricky = await upload('../../../etc/passwd', Buffer.from('root:x:0:0'), 'text/plain');
      expect(tricky.name).toBe('passwd');
      const windows = await upload('..\\..\\boot.ini', Buffer.from('[boot]'), 'text/plain');
      expect(windows.name).toBe('boot.ini');
      expect(await fixture.blobCount()).toBe(before + 2);
      expect(() => statSync(join(fixture.dataDir, '..', 'etc'))).toThrow();

      const unicode = await upload('Überweisung "Q3" (final)*.pdf', Buffer.from('%PDF- unicode'), 'application/pdf');
      const response = await get(unicode.url);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="_berweisung _Q3_ (final)*.pdf"; filename*=UTF-8''%C3%9Cberweisung%20%22Q3%22%20%28final%29%2A.pdf`,
      );
    });

    it('refuses names with control characters or direction overrides', async () => {
      for (const name of ['a\r\nSet-Cookie: x=1.pdf', 'nul\u0000.pdf', 'tab\t.pdf', 'evil\u202efdp.exe', 'c1\u0085.pdf', '..', 'dir/']) {
        const response = await post(name, randomBytes(10), { token: ana });
        expect(response.status, JSON.stringify(name)).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'bad-request' });
      }
    });

    it('writes a slow upload to disk as it arrives, and leaves nothing behind when the client gives up', async () => {
      const before = await fixture.blobCount();
      const sent = 400 * 1024;
      const request = httpRequest(`${fixture.url}/api/files?name=slow.bin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ana}`, 'content-length': String(TEST_MAX_FILE_BYTES) },
      });
      request.on('error', () => undefined);
      request.write(randomBytes(sent));
      const spoolDir = join(fixture.dataDir, 'files', 'tmp');
      await waitFor(() => spoolFiles(fixture.dataDir).some((name) => statSync(join(spoolDir, name)).size >= sent), 'the first bytes to be spooled before the body ends');
      request.destroy();
      await waitFor(() => spoolFiles(fixture.dataDir).length === 0, 'the aborted spool to be removed');
      expect(await fixture.blobCount()).toBe(before);
      expect((await get('/health')).status).toBe(200);
    });
  });
}
