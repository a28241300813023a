import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../src/scale/redis-url.ts';

describe('REDIS_URL parsing', () => {
  it('defaults the port to 6379', () => {
    expect(parseRedisUrl('redis://cache')).toEqual({ host: 'cache', port: 6379 });
  });

  it('reads credentials, database number and TLS', () => {
    expect(parseRedisUrl('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
  });

  it('reads a password without a user name', () => {
    expect(parseRedisUrl('redis://:secret@127.0.0.1:7000')).toEqual({ host: '127.0.0.1', port: 7000, password: 'secret' });
  });
});
