/**
 * Streams an upload to a temporary file while hashing and counting it, so no file is held in memory
 * and nothing partial is ever stored: a body that is too large, aborted or failing leaves no file
 * behind (the temporary one is removed), and only a complete spool is handed to a FileStore.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConcordError } from '../errors.ts';

/** Enough leading bytes to recognise every image format served inline (media-type.ts). */
const HEAD_BYTES = 16;
const SPOOL_SUFFIX = '.upload';

export interface Spooled {
  path: string;
  /** Lowercase hex sha256. */
  hash: string;
  size: number;
  /** The first bytes, for recognising the format. */
  head: Uint8Array;
}

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  /** The longest pause between two chunks before the upload is cut with `request-timeout`. */
  idleTimeoutMs: number;
}

export async function spoolBody(body: Readable, options: SpoolOptions): Promise<Spooled> {
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, `${randomBytes(12).toString('hex')}${SPOOL_SUFFIX}`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const idle = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => idle.abort(new ConcordError('request-timeout', `no part of the upload arrived for ${options.idleTimeoutMs / 1000} s`)), options.idleTimeoutMs);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      armIdleTimer();
      size += chunk.byteLength;
      if (size > options.maxBytes) return done(new ConcordError('file-too-large', `the file is larger than MAX_FILE_BYTES (${options.maxBytes} bytes)`));
      if (head.byteLength < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.byteLength)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    // Read without destroying the body on a refusal, so the request can still be answered (413).
    armIdleTimer();
    await pipeline(body.iterator({ destroyOnReturn: false }), meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }), { signal: idle.signal }).catch((error: unknown) => {
      throw idle.signal.aborted ? idle.signal.reason : error;
    });
    // 201 promises the file is kept: flush it before anyone records it.
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  } finally {
    clearTimeout(idleTimer);
  }
  return { path, hash: hash.digest('hex'), size, head: new Uint8Array(head) };
}

/**
 * Removes spools a crashed process left behind. Only old ones: instances sharing a DATA_DIR may be
 * spooling right now.
 */
export async function removeStaleSpools(dir: string, olderThanMs: number, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith(SPOOL_SUFFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > olderThanMs) await rm(path, { force: true });
  }
}
