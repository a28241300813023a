/**
 * Fan-out between instances through Redis pub/sub: Hocuspocus's Redis extension, adapted to
 * Concord in four ways.
 *
 * 1. Acknowledged means announced. The extension publishes only a state vector, one event-loop turn
 *    after the update was applied, i.e. after the client got its acknowledgement; an instance killed
 *    in that window leaves the other instances' open copies without an update the client was told
 *    was saved (it is in storage, but a loaded document never re-reads storage). So every update is
 *    also published itself by the pipeline's publish stage (`publishUpdate`, pipeline/publish.ts),
 *    once checked and durable and before Hocuspocus applies and acknowledges it. Redis has handed it
 *    to every subscribed instance before it answers the PUBLISH.
 * 2. No Redis lock around storing. The extension's `onStoreDocument` takes a Redlock and skips every
 *    later store hook when another instance holds it (and fails them while Redis is down). Concord's
 *    store hook only compacts the durable log, which the storage already serializes per document
 *    (an advisory lock in PostgreSQL; a private file with SQLite), and every update is durable long
 *    before it runs. So that hook is left out and Redis never decides whether we compact.
 * 3. A Redis outage degrades fan-out only. Publishing is skipped while Redis is down (nothing piles
 *    up in ioredis's offline queue, no unhandled rejections), and loading a document waits for Redis
 *    at most `LOAD_WAIT_MS`, so local clients keep opening and editing documents.
 * 4. Fan-out resumes by itself. Pub/sub keeps nothing, so what changed during the outage is
 *    re-synced when both connections are back: every open document announces its state vector again
 *    (the extension's own `afterLoadDocument`), peers answer with what it lacks and ask for what
 *    they lack, and awareness is queried afresh. Access changes announced meanwhile are lost too, so
 *    open channel connections are then checked again (`onAccessChange(null)`).
 */
import { Redis } from '@hocuspocus/extension-redis';
import { OutgoingMessage, type Document, type Extension, type Hocuspocus, type afterLoadDocumentPayload } from '@hocuspocus/server';
import type { Logger } from '../logger.ts';
import { applyStored } from '../storage/merge.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import type { FanOut } from './fan-out.ts';
import { createRedisAccessChanges } from './redis-access-changes.ts';
import { parseRedisUrl } from './redis-url.ts';

export interface RedisFanOutOptions {
  url: string;
  logger: Logger;
  /**
   * Storage every instance shares (PostgreSQL), read again when Redis comes back: an instance that
   * died during the outage can no longer answer for its edits, but they are stored.
   */
  sharedStorage?: DocumentStorage;
  /** Channel and key prefix, shared by all instances of one deployment. */
  prefix?: string;
}

const AWAIT_INITIAL_SYNC_MS = 1_000;
/** How long loading a document waits on Redis (subscribe + a peer's state) before going on without. */
const LOAD_WAIT_MS = AWAIT_INITIAL_SYNC_MS + 1_000;
const DESTROY_WAIT_MS = 2_000;
/** How long an update waits for Redis to take its PUBLISH before being applied without. */
const PUBLISH_WAIT_MS = 1_000;
export function createRedisFanOut(options: RedisFanOutOptions): FanOut {
  const { logger } = options;
  const { host, port, ...connection } = parseRedisUrl(options.url);
  const redis = new Redis({
    host,
    port,
    prefix: options.prefix ?? 'concord',
    awaitInitialSyncTimeout: AWAIT_INITIAL_SYNC_MS,
    // Queued commands (a subscribe issued during an outage) wait for the reconnect instead of
    // failing after 20 retries; ioredis reconnects forever, backing off up to 2 s.
    options: { ...connection, maxRetriesPerRequest: null },
  });
  const clients = [redis.pub, redis.sub];
  let instance: Hocuspocus | undefined;
  let wasUp = false;
  let everUp = false;
  let closed = false;

  const identifier = Buffer.from(redis.configuration.identifier, 'utf-8');

  /** The extension's framing: identifier length, identifier (peers skip their own), message. */
  function publishToPeers(documentName: string, message: Uint8Array): Promise<number> {
    const channel = `${redis.configuration.prefix}:${documentName}`;
    return redis.pub.publish(channel, Buffer.concat([Buffer.from([identifier.length]), identifier, message]));
  }

  const isUp = () => clients.every((client) => client.status === 'ready');
  const access = createRedisAccessChanges(redis, { logger, isUp });
  /** A connection attempt has failed (as opposed to the first one still being under way). */
  const isKnownDown = () => clients.some((client) => ['reconnecting', 'close', 'end'].includes(client.status));

  function onStatusChange(): void {
    const up = isUp();
    if (up === wasUp || closed) return;
    wasUp = up;
    if (!up) {
      logger.warn('Redis is unreachable: fan-out paused, local clients keep syncing');
      return;
    }
    logger.info(everUp ? 'Redis is back: re-syncing open documents with other instances' : 'Redis fan-out connected');
    const afterOutage = everUp;
    everUp = true;
    // After the current tick, so ioredis has re-issued its own subscriptions first.
    setImmediate(() => void resyncOpenDocuments().then(() => afterOutage && !closed && access.missed()));
  }

  for (const client of clients) {
    client.on('ready', onStatusChange);
    client.on('close', onStatusChange);
    client.on('end', onStatusChange);
    // Without a listener ioredis prints every failed reconnect attempt.
    client.on('error', (error: Error) => logger.debug({ err: error }, 'Redis connection error'));
  }

  function loadPayload(documentName: string, document: Document, hocuspocus: Hocuspocus): afterLoadDocumentPayload {
    return {
      documentName,
      document,
      instance: hocuspocus,
      context: {},
      requestHeaders: new Headers(),
      requestParameters: new URLSearchParams(),
      socketId: '',
      connectionConfig: { readOnly: false, isAuthenticated: true },
    };
  }

  async function resyncOpenDocuments(): Promise<void> {
    if (!instance) return;
    const hocuspocus = instance;
    await Promise.allSettled(
      [...hocuspocus.documents].map(async ([name, document]) => {
        try {
          if (options.sharedStorage) await catchUpFromStorage(options.sharedStorage, name, document);
          await redis.afterLoadDocument(loadPayload(name, document, hocuspocus));
        } catch (error) {
          logger.warn({ err: error, documentName: name }, 'Redis re-sync failed for a document');
        }
      }),
    );
  }

  /** Applies what storage holds and the open copy lacks; as origin "redis", it is not appended again. */
  async function catchUpFromStorage(storage: DocumentStorage, name: string, document: Document): Promise<void> {
    const stored = await storage.load(name);
    if (document.isDestroyed) return;
    applyStored(document, stored, { source: 'redis' });
  }

  /** Runs a publishing hook only while Redis is up; a failure is logged, never thrown. */
  function whenUp<T>(hook: (payload: T) => Promise<unknown>): (payload: T) => Promise<void> {
    return async (payload) => {
      if (!isUp()) return;
      await hook.call(redis, payload).catch((error: unknown) => logger.warn({ err: error }, 'Redis publish failed'));
    };
  }

  const extension: Extension = {
    extensionName: 'concord-redis-fan-out',

    async onConfigure(payload) {
      instance = payload.instance;
      await redis.onConfigure(payload);
    },

    async afterLoadDocument(payload) {
      const subscribed = redis.afterLoadDocument(payload).catch((error: unknown) => {
        logger.warn({ err: error, documentName: payload.documentName }, 'Redis subscribe failed; fan-out resumes on reconnect');
      });
      // During a known outage do not wait at all; while connecting or up, wait a bounded time.
      if (isKnownDown()) return;
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, LOAD_WAIT_MS).unref())]);
    },

    onChange: whenUp(redis.onChange),
    onAwarenessUpdate: whenUp(redis.onAwarenessUpdate),
    beforeBroadcastStateless: whenUp(redis.beforeBroadcastStateless),
    afterStoreDocument: (payload) => redis.afterStoreDocument(payload),
    beforeUnloadDocument: (payload) => redis.beforeUnloadDocument(payload),
    afterUnloadDocument: (payload) => redis.afterUnloadDocument(payload),

    async onDestroy() {
      await close();
    },
  };

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    // The extension quits its clients politely; during an outage that would wait for a reconnect.
    await Promise.race([redis.onDestroy().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, DESTROY_WAIT_MS).unref())]);
    for (const client of clients) client.disconnect(false);
  }

  async function publishUpdate(documentName: string, update: Uint8Array): Promise<void> {
    if (!isUp()) return;
    const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update).toUint8Array();
    await Promise.race([
      publishToPeers(documentName, message).catch((error: unknown) => logger.warn({ err: error, documentName }, 'Redis publish failed')),
      new Promise((resolve) => setTimeout(resolve, PUBLISH_WAIT_MS).unref()),
    ]);
  }

  return {
    extension,
    publishUpdate,
    status: () => (isUp() ? 'up' : 'down'),
    publishAccessChange: access.publish,
    onAccessChange: access.subscribe,
    close,
  };
}
