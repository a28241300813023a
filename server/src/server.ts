/**
 * createServer(config) → a Concord server: Hocuspocus with Concord's extensions. What happens to an
 * update is the pipeline's (pipeline/pipeline.ts); no extension depends on another's order.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from '@hocuspocus/server';
import { loadDevSecret } from './auth/dev-secret.ts';
import { createTokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { authentication, type AdmissionCheck } from './extensions/authentication.ts';
import { channelRevocation } from './extensions/channel-revocation.ts';
import { combined } from './extensions/combined.ts';
import { guards } from './extensions/guards.ts';
import { heartbeat } from './extensions/heartbeat.ts';
import { tokenExpiry } from './extensions/token-expiry.ts';
import { tokenRenewal } from './extensions/token-renewal.ts';
import { trafficMetrics } from './extensions/traffic-metrics.ts';
import { createPipeline } from './pipeline/pipeline.ts';
import { createReact } from './pipeline/react.ts';
import { createRefuse } from './pipeline/refuse.ts';
import { serverReactions } from './reactions/list.ts';
import { peopleDirectory } from './reactions/people.ts';
import { createServerWriter, type ServerWrite } from './reactions/server-writer.ts';
import { channelMembership } from './guards/channel-membership.ts';
import { connectionLimitCheck } from './guards/connection-limit-check.ts';
import { createConnectionLimits } from './guards/connection-limits.ts';
import { durableLog } from './extensions/durable-log.ts';
import { createFileStore } from './files/create-store.ts';
import { createFileLinks, linkKeyFromSecret } from './files/links.ts';
import { removeStaleSpools } from './files/spool.ts';
import { createClientAddress } from './http/client-address.ts';
import { filesRoute } from './http/files.ts';
import { createAuthRoutes } from './http/auth-routes.ts';
import { httpRoutes, liveStats } from './http/routes.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { HTTP_TIMEOUT_DEFAULTS, limitHeaderTime } from './http/timeouts.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createFanOut } from './scale/fan-out.ts';
import { createSearchIndex } from './search/create-index.ts';
import { createIndexer } from './search/indexer.ts';
import { createRecordsTable } from './records/create-records.ts';
import { recordsProjection } from './records/records-store.ts';
import { createStorage } from './storage/create.ts';
import { withStorageHealth } from './storage/health.ts';
import type { DocumentStorage } from './storage/storage.ts';

const DEFAULT_WEB_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist');
// Hocuspocus's destroy waits for every document to unload; open documents are compacted before it,
// so a document that never unloads only costs this wait, and storage still closes after it (main.ts
// gives the whole stop 8 s).
const DESTROY_TIMEOUT_MS = 5_000;
/** A spool older than this was left by a process that died mid-upload. */
const STALE_SPOOL_MS = 3_600_000;

export interface ServerDeps {
  logger: Logger;
  /** Defaults to `createStorage(config)`: SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL. */
  storage?: DocumentStorage;
  webRoot?: string;
  /** Options for the durable log (compaction bounds); tests make them small. */
  compactAfterBytes?: number;
  compactAfterUpdates?: number;
  /** New WebSocket connections per second from one address; tests that open thousands raise it. */
  upgradesPerSecondPerAddress?: number;
  /** The clock open connections' token expiry is checked against (ms since the epoch); tests move it. */
  now?: () => number;
  /** How often a connected person's `lastSeenAt` may move (reactions/people.ts); tests make it small. */
  peopleRefreshMs?: number;
  /** How long an HTTP request may take to arrive (http/timeouts.ts); tests make them small. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  uploadIdleTimeoutMs?: number;
  /** False leaves the search index as it is (the bench compares fan-out with indexing on and off). */
  searchIndexing?: boolean;
}

export interface ConcordServer {
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting, compacts open documents, closes storage. */
  close(): Promise<void>;
  readonly hocuspocus: Server['hocuspocus'];
  readonly storage: DocumentStorage;
  /**
   * The server writing as itself: through the update pipeline (applied, appended, published;
   * resolves once stored). A Hocuspocus direct connection's `transact` bypasses the pipeline and is
   * not stored.
   */
  readonly write: ServerWrite;
  /** Resolves once every change so far is searchable (tests). */
  searchIdle(): Promise<void>;
}

export async function createServer(config: Config, deps: ServerDeps): Promise<ConcordServer> {
  const { logger } = deps;
  const storageHealth = withStorageHealth(deps.storage ?? (await createStorage(config, logger)), logger);
  const { storage } = storageHealth;
  const fileStore = await createFileStore(config, logger);
  await removeStaleSpools(fileStore.spoolDir, STALE_SPOOL_MS);
  const fileLinks = createFileLinks(config.authSecret ? linkKeyFromSecret(config.authSecret) : await fileStore.signingKey());
  const fanOut = await createFanOut(config, logger, storage);
  const tokens = createTokenService({
    secret: config.authSecret,
    jwksUrl: config.authJwksUrl,
    devSecret: config.devMode ? loadDevSecret(config.dataDir) : undefined,
    allowTokensWithoutExp: config.allowTokensWithoutExp,
  });
  let ready = false;

  // eslint-disable-next-line prefer-const -- metrics needs the server, the server needs metrics
  let server: Server;
  const metrics = createMetrics(() => {
    const stats = liveStats(server.hocuspocus);
    return { connections: stats.connections, documents: stats.documents };
  });
  const limits = createConnectionLimits({ perDocument: config.maxConnectionsPerDoc, perUser: config.maxConnectionsPerUser });
  const source = () => ({ storage, instance: server.hocuspocus });
  const admissionChecks: AdmissionCheck[] = [connectionLimitCheck(limits), channelMembership(source)];
  const sharedStorage = storage.backend === 'postgres';
  const refuse = createRefuse({ logger, metrics });
  const log = durableLog({ storage, logger, metrics, compactAfterBytes: deps.compactAfterBytes, compactAfterUpdates: deps.compactAfterUpdates, sharedStorage });
  // The server's writes take the pipeline too; the pipeline's react stage runs what writes them.
  const serverWriter = createServerWriter(() => server.hocuspocus, (name, document, write) => pipeline.writeAsServer(name, document, write));
  const react = createReact(serverReactions({ storage, source, write: serverWriter.write }), logger);
  const pipeline = createPipeline({ log, fanOut, react, refuse, logger, metrics, rateLimitPerSecond: config.rateLimitPerSecond, now: deps.now, sharedStorage, broadcastInCommitTurn: !fanOut.extension });
  const people = peopleDirectory({ write: serverWriter.write, logger, refreshMs: deps.peopleRefreshMs });
  const searchIndex = await createSearchIndex(config, storage);
  const records = await createRecordsTable(config, storage);
  const indexer = createIndexer({ index: searchIndex, source, logger, sharedStorage, projections: [recordsProjection(records)] });

  server = new Server({
    port: config.port,
    address: config.host,
    quiet: true,
    stopOnSignals: false,
    websocketOptions: { maxPayload: config.maxMessageBytes },
    // One extension: Hocuspocus pays per extension on every hook of every frame (extensions/combined.ts).
    extensions: [
      combined('concord', [
        authentication({ tokens, refuse, admissionChecks }),
        httpRoutes({
          tokens,
          storage,
          admissionChecks,
          metrics,
          logger,
          webRoot: deps.webRoot ?? config.webRoot ?? DEFAULT_WEB_ROOT,
          allowedOrigins: config.allowedOrigins,
          requestTimeoutMs: deps.requestTimeoutMs ?? HTTP_TIMEOUT_DEFAULTS.requestTimeoutMs,
          files: filesRoute({
            tokens, store: fileStore, links: fileLinks, maxFileBytes: config.maxFileBytes, logger,
            idleTimeoutMs: deps.uploadIdleTimeoutMs ?? HTTP_TIMEOUT_DEFAULTS.uploadIdleTimeoutMs,
          }),
          auth: createAuthRoutes({ devMode: config.devMode, oidc: config.oidc, authSecret: config.authSecret, logger, metrics }),
          searchIndex,
          records,
          health: async () => {
            const status = await storageHealth.check();
            const redis = fanOut.status();
            return status.up ? { ready, storage: storage.backend, redis } : { ready: false, storage: 'down', reason: status.reason, redis };
          },
        }),
        trafficMetrics(metrics),
        tokenExpiry({ refuse, now: deps.now }),
        tokenRenewal({ tokens, refuse }),
        guards({ refuse, limits, clientAddress: createClientAddress(config.trustedProxies), upgradesPerSecondPerAddress: deps.upgradesPerSecondPerAddress }),
        pipeline.extension,
        log,
        people,
        ...(deps.searchIndexing === false ? [] : [indexer.extension]),
        channelRevocation({ source, fanOut, logger, refuse }),
        heartbeat(),
      ]),
      ...(fanOut.extension ? [fanOut.extension] : []),
    ],
  });

  limitHeaderTime(server.httpServer, deps.headersTimeoutMs ?? HTTP_TIMEOUT_DEFAULTS.headersTimeoutMs);
  answerClientErrors(server.httpServer);

  let closing: Promise<void> | undefined;

  return {
    hocuspocus: server.hocuspocus,
    storage,
    write: serverWriter.write,
    searchIdle: () => indexer.idle(),
    async listen() {
      await server.listen();
      ready = true;
      if (deps.searchIndexing !== false) void indexer.catchUp().catch((error: unknown) => logger.error({ err: error }, 'search catch-up failed'));
      const port = server.address.port;
      return { port, url: `http://${config.host}:${port}` };
    },
    close() {
      closing ??= (async () => {
        ready = false;
        await react.idle();
        await people.stop();
        await serverWriter.release();
        await indexer.stop();
        await log.compactAll();
        const destroyed = server.destroy();
        await Promise.race([destroyed, new Promise((r) => setTimeout(r, DESTROY_TIMEOUT_MS).unref())]);
        await fanOut.close();
        await storage.close();
        await searchIndex.close();
        await records.close();
        await fileStore.close();
      })();
      return closing;
    },
  };
}
