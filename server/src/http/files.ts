/**
 * The files API (README, Files):
 * - `POST /api/files?name=<file name>`, Bearer token, the bytes as body with their Content-Type →
 *   201 `{id, name, type, size, url}`;
 * - `GET /api/files/:id` with the Bearer token, or with the signed `url`'s `exp` and `sig` and no
 *   headers → the bytes;
 * - `GET /api/files/:id/info`, Bearer token → the same JSON as the upload, with a fresh `url`.
 *
 * Files belong to the uploader's org; to anyone else a file does not exist (404). Every file is
 * served with nosniff and a sandboxing CSP, and only real PNG/JPEG/GIF/WebP images inline, so an
 * uploaded page can never run in Concord's origin.
 */
import { isInlineImageType } from '@concord/shared';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Identity } from '../auth/claims.ts';
import type { TokenService } from '../auth/tokens.ts';
import { ConcordError } from '../errors.ts';
import { contentDisposition, parseFileName } from '../files/file-name.ts';
import type { FileLinks } from '../files/links.ts';
import { declaredType, resolveType } from '../files/media-type.ts';
import { spoolBody } from '../files/spool.ts';
import type { FileRecord, FileStore } from '../files/store.ts';
import type { Logger } from '../logger.ts';
import { bearerToken, sendJson } from './respond.ts';

export interface FilesRouteOptions {
  tokens: TokenService;
  store: FileStore;
  links: FileLinks;
  maxFileBytes: number;
  /** The longest pause between two pieces of an upload's body (timeouts.ts). */
  idleTimeoutMs: number;
  logger: Logger;
  now?: () => number;
}

/** Answers a files request and returns true, or returns false for any other request. */
export type FilesRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

const FILE_PATH = /^\/api\/files\/([A-Za-z0-9_-]{1,64})(\/info)?$/;

export interface FileDescription {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

export function filesRoute(options: FilesRouteOptions): FilesRoute {
  const { tokens, store, links, logger } = options;
  const now = options.now ?? Date.now;

  const describe = (record: FileRecord): FileDescription => ({
    id: record.id, name: record.name, type: record.type, size: record.size, url: links.sign(record.id).url,
  });

  async function upload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const identity = await tokens.verify(bearerToken(request));
    if (identity.role === 'viewer') throw new ConcordError('read-only', 'viewers cannot upload files');
    const name = parseFileName(url.searchParams.get('name'));
    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) > options.maxFileBytes) {
      throw new ConcordError('file-too-large', `the file is larger than MAX_FILE_BYTES (${options.maxFileBytes} bytes)`);
    }
    if (length === '0') throw new ConcordError('bad-request', 'the body is empty: send the file as the body');
    const spooled = await spoolBody(request, { dir: store.spoolDir, maxBytes: options.maxFileBytes, idleTimeoutMs: options.idleTimeoutMs });
    if (spooled.size === 0) {
      await rm(spooled.path, { force: true });
      throw new ConcordError('bad-request', 'the body is empty: send the file as the body');
    }
    const record: FileRecord = {
      id: randomBytes(16).toString('base64url'),
      org: identity.org,
      name,
      type: resolveType(declaredType(request.headers['content-type']), spooled.head),
      size: spooled.size,
      hash: spooled.hash,
      uploadedBy: identity.userId,
      createdAt: now(),
    };
    const { stored } = await store.put(record, spooled.path);
    logger.info({ fileId: record.id, org: record.org, size: record.size, type: record.type, stored }, 'file uploaded');
    sendJson(response, 201, describe(record));
  }

  /** The record a request may read: by signed link, or by token within the token's org. */
  async function authorizedRecord(request: IncomingMessage, id: string, url: URL, allowSigned: boolean): Promise<{ record: FileRecord; signedUntil?: number }> {
    const params = url.searchParams;
    if (allowSigned && (params.has('sig') || params.has('exp'))) {
      links.check(id, params.get('exp'), params.get('sig'));
      const record = await store.get(id);
      if (!record) throw new ConcordError('not-found', 'no such file');
      return { record, signedUntil: Number(params.get('exp')) * 1000 };
    }
    const identity: Identity = await tokens.verify(bearerToken(request));
    const record = await store.get(id);
    // Another org's file is answered like a missing one: its existence is not theirs to learn.
    if (!record || record.org !== identity.org) throw new ConcordError('not-found', 'no such file');
    return { record };
  }

  async function serve(response: ServerResponse, record: FileRecord, signedUntil: number | undefined): Promise<void> {
    const body = await store.read(record.hash);
    if (!body) {
      logger.error({ fileId: record.id, hash: record.hash }, 'the bytes of a recorded file are missing');
      throw new ConcordError('storage-unavailable', 'the file cannot be read');
    }
    const cache = signedUntil === undefined ? 'private, no-cache' : `private, max-age=${Math.max(0, Math.floor((signedUntil - now()) / 1000))}, immutable`;
    response.writeHead(200, {
      'Content-Type': record.type,
      'Content-Length': String(record.size),
      'Content-Disposition': contentDisposition(isInlineImageType(record.type) ? 'inline' : 'attachment', record.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': cache,
    });
    await pipeline(body, response).catch((error: NodeJS.ErrnoException) => {
      // The reader going away mid-download is theirs to retry; anything else is worth a look.
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') logger.debug({ fileId: record.id }, 'file download cut short');
      else logger.warn({ err: error, fileId: record.id }, 'file download failed');
    });
  }

  return async (request, response, url) => {
    const method = request.method ?? 'GET';
    if (url.pathname === '/api/files' && method === 'POST') {
      try {
        await upload(request, response, url);
      } catch (error) {
        if (request.destroyed && !request.complete) {
          logger.info({ err: error }, 'upload aborted by the client');
          return true;
        }
        // What is left of a refused body is not read: answer, then close the connection.
        if (!request.complete) response.setHeader('Connection', 'close');
        throw error;
      }
      return true;
    }
    const match = FILE_PATH.exec(url.pathname);
    if (!match || method !== 'GET') return false;
    const [, id, info] = match;
    const { record, signedUntil } = await authorizedRecord(request, id!, url, !info);
    if (info) sendJson(response, 200, describe(record));
    else await serve(response, record, signedUntil);
    return true;
  };
}
