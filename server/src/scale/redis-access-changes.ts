/**
 * Changes of who may open which channel, announced to the other instances over the fan-out's Redis
 * connections (docs/DEPLOYMENT.md). An instance receives a document's updates only while it has that
 * document open, and the workspace directory is often open on one instance only; so every change is
 * announced on one channel all instances subscribe to, carrying the new access of each channel that
 * changed, and a peer decides from the message alone, without reading the directory.
 *
 * Ordering is what makes "receives nothing afterwards" hold across instances: the announcement is
 * published on the same connection as, and after, the directory update that made the change, and
 * every instance reads it on the same subscriber connection as every document update; so a peer
 * closes a removed member's connections before it relays anything published after the removal.
 */
import type { Redis } from '@hocuspocus/extension-redis';
import { CHANNEL_VISIBILITIES } from '@concord/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import type { ChannelAccessChange } from '../guards/channel-membership.ts';
import type { Logger } from '../logger.ts';

/**
 * Not a document name: the Redis extension's own handler sees every message on the subscriber
 * connection, reads this where it expects a document name, finds no such document and ignores it.
 */
const ADDRESS = '~access';

const changeSchema = z.object({
  org: z.string(),
  channels: z.record(z.string(), z.object({ visibility: z.enum(CHANNEL_VISIBILITIES), members: z.array(z.string()) }).nullable()),
});

export type AccessChangeListener = (change: ChannelAccessChange | null) => void;

export interface RedisAccessChanges {
  publish(change: ChannelAccessChange): void;
  subscribe(listener: AccessChangeListener): void;
  /** Tells listeners that announcements may have been missed (Redis was down): `null`. */
  missed(): void;
}

export function createRedisAccessChanges(redis: Redis, options: { logger: Logger; isUp: () => boolean }): RedisAccessChanges {
  const { logger } = options;
  const channel = `${redis.configuration.prefix}:${ADDRESS}`;
  const identifier = Buffer.from(redis.configuration.identifier, 'utf-8');
  const listeners = new Set<AccessChangeListener>();
  const notify = (change: ChannelAccessChange | null) => listeners.forEach((listener) => listener(change));

  // ioredis queues this until connected and subscribes again after every reconnect.
  redis.sub.subscribe(channel).catch((error: unknown) => logger.warn({ err: error }, 'Redis subscribe to access changes failed'));
  redis.sub.on('messageBuffer', (from: Buffer, data: Buffer) => {
    if (from.toString('utf-8') !== channel) return;
    // The extension's framing: identifier length, identifier (our own messages are skipped), message.
    const idLength = data[0] ?? 0;
    if (data.subarray(1, 1 + idLength).equals(identifier)) return;
    try {
      const decoder = decoding.createDecoder(data.subarray(1 + idLength));
      decoding.readVarString(decoder);
      notify(changeSchema.parse(JSON.parse(decoding.readVarString(decoder))));
    } catch (error) {
      logger.warn({ err: error }, 'ignored an unreadable access change from Redis');
    }
  });

  return {
    publish(change) {
      if (!options.isUp()) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, ADDRESS);
      encoding.writeVarString(encoder, JSON.stringify(change));
      const message = Buffer.concat([Buffer.from([identifier.length]), identifier, encoding.toUint8Array(encoder)]);
      redis.pub.publish(channel, message).catch((error: unknown) => logger.warn({ err: error }, 'Redis publish of an access change failed'));
    },
    subscribe: (listener) => void listeners.add(listener),
    missed: () => notify(null),
  };
}
