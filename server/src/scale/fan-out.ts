import type { Extension } from '@hocuspocus/server';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface FanOut {
  /** Added to the server's extensions when present. */
  extension: Extension | null;
  /** What `/health` reports under `redis`. */
  status(): 'disabled' | 'up' | 'down';
  close(): Promise<void>;
}

/** Fan-out between instances over Redis when REDIS_URL is set. */
export function createFanOut(config: Config, _logger: Logger): FanOut {
  if (config.redisUrl) throw new Error('REDIS_URL: Redis fan-out is not available yet');
  return { extension: null, status: () => 'disabled', close: async () => undefined };
}
