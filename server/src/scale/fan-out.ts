import type { Extension } from '@hocuspocus/server';
import type { Config } from '../config.ts';
import type { ChannelAccessChange } from '../guards/channel-membership.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/storage.ts';

export interface FanOut {
  /** Added to the server's extensions when present. */
  extension: Extension | null;
  /**
   * What `/health` reports under `redis`. `down` does not make the instance unready: local clients
   * keep syncing and every update stays durable, only other instances stop seeing it until Redis
   * is back (see docs/DEPLOYMENT.md).
   */
  status(): 'disabled' | 'up' | 'down';
  /**
   * Hands a checked, durable update to the other instances before it is applied here (the
   * pipeline's publish stage); waits a bounded time and never throws.
   */
  publishUpdate(documentName: string, update: Uint8Array): Promise<void>;
  /** Announces to the other instances who may now open the channels that changed. */
  publishAccessChange(change: ChannelAccessChange): void;
  /**
   * `listener` gets every change another instance announced, and `null` when announcements may have
   * been missed (after a Redis outage): then every open channel connection is to be checked again.
   */
  onAccessChange(listener: (change: ChannelAccessChange | null) => void): void;
  close(): Promise<void>;
}

/** Fan-out between instances over Redis when REDIS_URL is set (loaded only then: it is heavy to import). */
export async function createFanOut(config: Config, logger: Logger, storage: DocumentStorage): Promise<FanOut> {
  if (config.redisUrl) return (await import('./redis-fan-out.ts')).createRedisFanOut({ url: config.redisUrl, logger, sharedStorage: storage.backend === 'postgres' ? storage : undefined });
  return { extension: null, publishUpdate: async () => undefined, status: () => 'disabled', publishAccessChange: () => undefined, onAccessChange: () => undefined, close: async () => undefined };
}
