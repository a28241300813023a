import { describe, expect, it } from 'vitest';
import { createKeyedRateLimit } from '../../src/guards/rate-limit.ts';
import { waitFor } from '../helpers/wait.ts';

describe('keyed rate limit', () => {
  it('refuses past the burst and refills at the sustained rate', () => {
    let clock = 0;
    const limit = createKeyedRateLimit({ perSecond: 10, burst: 2, now: () => clock });
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, false]);
    expect(limit.take('b')).toBe(true);
    clock += 100;
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
  });

  it('forgets a full bucket on the next take of any key', () => {
    let clock = 0;
    const limit = createKeyedRateLimit({ perSecond: 10, burst: 2, now: () => clock });
    limit.take('a');
    clock += 200;
    limit.take('b');
    expect(limit.size()).toBe(1);
  });

  // A connection that goes quiet takes nothing more; its bucket used to stay until some other key
  // was used, so a server whose connections had all gone idle kept one per connection.
  it('forgets full buckets when nothing more is taken', async () => {
    const limit = createKeyedRateLimit({ perSecond: 100, burst: 2 });
    for (const key of ['a', 'b', 'c']) limit.take(key);
    expect(limit.size()).toBe(3);
    await waitFor(() => limit.size() === 0, 'idle buckets to be forgotten', 2_000);
  });
});
