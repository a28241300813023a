import { afterAll, beforeAll } from 'vitest';
import type { ChildServer } from './child-server.ts';
import { useChildServers } from './child-server-fixture.ts';
import type { TestClient } from './client.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { startTestRedis, type TestRedis } from './redis.ts';

/**
 * Instances scaled out as in production: a Redis of the file's own and a PostgreSQL database made
 * for it and dropped after it. `start()` runs one more instance on them; clients passed to `track`
 * are destroyed after the file, before the instances are killed; `redis()` can stop and restart it.
 */
export function useSharedBackends(): { start(): Promise<ChildServer>; track(client: TestClient): TestClient; redis(): TestRedis } {
  const children = useChildServers();
  const clients: TestClient[] = [];
  let redis: TestRedis | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    [redis, database] = await Promise.all([startTestRedis(), createTestDatabase()]);
  });
  // Registered after useChildServers' clean-up, so it runs before it: clients go first, and the
  // database is dropped with FORCE whatever is still connected.
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await redis?.stop();
    await database?.drop();
  });
  return {
    start: () => children.start({ DATABASE_URL: database!.url, REDIS_URL: redis!.url }),
    redis: () => redis!,
    track(client) {
      clients.push(client);
      return client;
    },
  };
}
