/**
 * HTTP on the WebSocket's port (docs/PROTOCOL.md, "HTTP API"), as a Hocuspocus extension:
 * `onRequest` answers and then rejects with an empty value so Hocuspocus adds nothing; `onUpgrade`
 * admits WebSocket upgrades on `/collab` only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Extension, Hocuspocus, onRequestPayload, onUpgradePayload } from '@hocuspocus/server';
import { z } from 'zod';
import { claimsSchema } from '../auth/claims.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { ConnectionContext } from '../context.ts';
import type { ErrorCode } from '@concord/shared';
import { ConcordError, isConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { AdmissionCheck } from '../extensions/authentication.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import type { AuthRoutes } from './auth-routes.ts';
import { getChannelArchive, getDocumentActivity, getDocumentJson, getDocumentVersion, listDocumentVersions, saveDocumentVersion } from './docs.ts';
import type { FilesRoute } from './files.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';
import { decodePathSegment, requestUrl } from './request-target.ts';
import { bearerToken, readJsonBody, sendError, sendJson } from './respond.ts';
import { searchDocuments } from './search.ts';
import { listRecords } from './records.ts';
import type { RecordsTable } from '../records/records-store.ts';
import { serveStatic } from './static.ts';
import type { SearchIndex } from '../search/index.ts';

export const COLLAB_PATH = '/collab';

export interface HttpRoutesOptions {
  tokens: TokenService;
  storage: DocumentStorage;
  admissionChecks: readonly AdmissionCheck[];
  metrics: Metrics;
  logger: Logger;
  webRoot: string;
  allowedOrigins: string[];
  /** How long a JSON body may take to arrive (timeouts.ts). */
  requestTimeoutMs: number;
  /** `/api/files` (files.ts). */
  files: FilesRoute;
  /** `/api/auth/…`: sign-in (auth-routes.ts). */
  auth: AuthRoutes;
  /** `/api/search` (search.ts). */
  searchIndex: SearchIndex;
  /** `/api/records` (records.ts). */
  records: RecordsTable;
  /** Extra facts for `/health`: storage (and why it is down), Redis. */
  health: () => Promise<{ ready: boolean; storage: string; reason?: string; redis: string }>;
}

const devTokenBody = claimsSchema.extend({ ttlSeconds: z.number().int().min(60).max(30 * 24 * 3600).optional() });

export function httpRoutes(options: HttpRoutesOptions): Extension {
  const { tokens, storage, metrics, logger } = options;

  async function route(request: IncomingMessage, response: ServerResponse, instance: Hocuspocus): Promise<void> {
    const url = requestUrl(request);
    const path = url.pathname;
    const method = request.method ?? 'GET';

    if (method === 'GET' && path === '/health') {
      const health = await options.health();
      // Redis down is `degraded` but still 200: local clients keep syncing durably (docs/DEPLOYMENT.md).
      const status = !health.ready ? 'unavailable' : health.redis === 'down' ? 'degraded' : 'ok';
      sendJson(response, health.ready ? 200 : 503, { status, storage: health.storage, ...(health.reason ? { reason: health.reason } : {}), redis: health.redis });
      return;
    }
    if (method === 'GET' && path === '/stats') {
      sendJson(response, 200, liveStats(instance));
      return;
    }
    if (method === 'GET' && path === '/metrics') {
      response.writeHead(200, { 'Content-Type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return;
    }
    const docMatch = /^\/api\/docs\/([^/]+)(?:\/(activity|archive|versions)(?:\/([^/]+))?)?$/.exec(path);
    if (docMatch) {
      const deps = { tokens, storage, instance, admissionChecks: options.admissionChecks };
      const [, rawName, section, versionId] = docMatch;
      const name = decodePathSegment(rawName!);
      const token = bearerToken(request);
      if (method === 'POST' && section === 'versions' && !versionId) {
        sendJson(response, 201, { version: await saveDocumentVersion(deps, token, name, await readJsonBody(request, options.requestTimeoutMs)) });
        return;
      }
      if (method === 'GET' && (!versionId || section === 'versions')) {
        const body =
          section === 'activity' ? await getDocumentActivity(deps, token, name, url.searchParams)
          : section === 'archive' ? await getChannelArchive(deps, token, name, url.searchParams)
          : section === 'versions' && versionId ? await getDocumentVersion(deps, token, name, decodePathSegment(versionId), url.searchParams)
          : section === 'versions' ? await listDocumentVersions(deps, token, name)
          : await getDocumentJson(deps, token, name);
        sendJson(response, 200, body);
        return;
      }
    }
    if (path.startsWith('/api/auth/') && (await options.auth(request, response, url))) return;
    if (method === 'GET' && path === '/api/search') {
      sendJson(response, 200, await searchDocuments({ tokens, storage, instance, index: options.searchIndex }, bearerToken(request), url.searchParams));
      return;
    }
    if (method === 'GET' && path === '/api/records') {
      sendJson(response, 200, await listRecords({ tokens, records: options.records }, bearerToken(request), url.searchParams));
      return;
    }
    if (await options.files(request, response, url)) return;
    if (path === '/api/dev/token' && method === 'POST' && tokens.issue) {
      const body = devTokenBody.safeParse(await readJsonBody(request, options.requestTimeoutMs));
      if (!body.success) {
        const issue = body.error.issues[0];
        throw new ConcordError('bad-request', `${String(issue?.path[0] ?? 'body')}: ${issue?.message ?? 'invalid'}`);
      }
      const { ttlSeconds, ...claims } = body.data;
      sendJson(response, 200, { token: await tokens.issue(claims, ttlSeconds) });
      return;
    }
    if (path.startsWith('/api/')) throw new ConcordError('not-found', `no route ${method} ${path}`);
    if (method !== 'GET' && method !== 'HEAD') throw new ConcordError('not-found', `no route ${method} ${path}`);
    serveStatic(options.webRoot, path, response);
  }

  return {
    extensionName: 'concord-http',

    async onRequest({ request, response, instance }: onRequestPayload) {
      try {
        await route(request, response, instance);
      } catch (error) {
        if (isConcordError(error)) {
          metrics.refusals.inc({ code: error.errorCode });
          // What is left of an unread body is not read: answer, then close the connection.
          if (!request.complete) response.setHeader('Connection', 'close');
          sendError(response, error);
        } else {
          logger.error({ err: error, url: request.url }, 'request failed');
          if (!response.headersSent) sendJson(response, 500, { error: 'internal', message: 'internal error' });
        }
      }
      // An empty rejection stops Hocuspocus's default "Welcome" reply.
      throw null;
    },

    // Anything this throws other than null becomes an unhandled rejection in Hocuspocus's upgrade
    // listener, which ends the process: every refusal is answered here.
    async onUpgrade({ request, socket }: onUpgradePayload) {
      const refusal = upgradeRefusal(request, options.allowedOrigins);
      if (refusal) {
        metrics.refusals.inc({ code: refusal.code });
        refuseUpgrade(socket, refusal.status);
        throw null;
      }
    },
  };
}

function upgradeRefusal(request: IncomingMessage, allowedOrigins: readonly string[]): { code: ErrorCode; status: string } | null {
  let path: string;
  try {
    path = requestUrl(request).pathname;
  } catch {
    return { code: 'bad-request', status: '400 Bad Request' };
  }
  if (path !== COLLAB_PATH) return { code: 'not-found', status: '404 Not Found' };
  const origin = request.headers.origin;
  if (origin && allowedOrigins.length > 0 && !allowedOrigins.includes(origin)) return { code: 'forbidden', status: '403 Forbidden' };
  return null;
}

export function liveStats(instance: Hocuspocus): { connections: number; documents: number; users: number } {
  const users = new Set<string>();
  let connections = 0;
  for (const document of instance.documents.values()) {
    for (const connection of document.getConnections()) {
      connections += 1;
      const context = connection.context as Partial<ConnectionContext> | undefined;
      if (context?.identity) users.add(context.identity.userId);
    }
  }
  return { connections, documents: instance.documents.size, users: users.size };
}
