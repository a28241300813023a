/**
 * A token bucket: `perSecond` sustained, bursts of `burst`. The clock is injectable for tests.
 */
export interface RateLimit {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
}

export function createRateLimit({ perSecond, burst = perSecond * 2, now = () => performance.now() }: { perSecond: number; burst?: number; now?: () => number }): RateLimit {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const current = now();
      tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** One bucket per key, forgotten once full again (so idle keys cost nothing). */
export function createKeyedRateLimit(options: { perSecond: number; burst?: number; now?: () => number }): { take(key: string): boolean; size(): number } {
  const buckets = new Map<string, RateLimit>();
  const now = options.now ?? (() => performance.now());
  const burst = options.burst ?? options.perSecond * 2;
  const fullAfterMs = (burst / options.perSecond) * 1000;
  const lastUse = new Map<string, number>();
  return {
    take(key) {
      const current = now();
      for (const [k, at] of lastUse) {
        if (current - at < fullAfterMs) break;
        lastUse.delete(k);
        buckets.delete(k);
      }
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = createRateLimit({ ...options, now });
        buckets.set(key, bucket);
      }
      lastUse.delete(key);
      lastUse.set(key, current);
      return bucket.take();
    },
    size: () => buckets.size,
  };
}
