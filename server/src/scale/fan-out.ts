import type { Extension } from '@hocuspocus/server';
import type { Config } from '../config.ts';
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
  close(): Promise<void>;
}

/** Fan-out between instances over Redis when REDIS_URL is set (loaded only then: it is heavy to import). */
export async function createFanOut(config: Config, logger: Logger, storage: DocumentStorage): Promise<FanOut> {
  if (config.redisUrl) return (await import('./redis-fan-out.ts')).createRedisFanOut({ url: config.redisUrl, logger, sharedStorage: storage.backend === 'postgres' ? storage : undefined });
  return { extension: null, status: () => 'disabled', close: async () => undefined };
}
