/**
 * A token bucket: `perSecond` sustained, bursts of `burst`. The clock is injectable for tests.
 */
export interface RateLimit {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
  /** Whole tokens that `take` would grant now, taking none. */
  available(): number;
}

export function createRateLimit({ perSecond, burst = perSecond * 2, now = () => performance.now() }: { perSecond: number; burst?: number; now?: () => number }): RateLimit {
  let tokens = burst;
  let last = now();
  function refill(): void {
    const current = now();
    tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond);
    last = current;
  }
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return Math.floor(tokens);
    },
  };
}

/**
 * One bucket per key, forgotten once full again (so idle keys cost nothing): on the next take, and
 * by one timer while any bucket is kept — a connection that goes quiet takes nothing more.
 */
export interface KeyedRateLimit {
  take(key: string): boolean;
  /** Whole tokens `key` could take now, taking none. */
  available(key: string): number;
  size(): number;
}

export function createKeyedRateLimit(options: { perSecond: number; burst?: number; now?: () => number }): KeyedRateLimit {
  const buckets = new Map<string, RateLimit>();
  const now = options.now ?? (() => performance.now());
  const burst = options.burst ?? options.perSecond * 2;
  const fullAfterMs = (burst / options.perSecond) * 1000;
  // Oldest use first: a key is moved to the end each time it is used.
  const lastUse = new Map<string, number>();
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  function forgetFull(current: number): void {
    for (const [key, at] of lastUse) {
      if (current - at < fullAfterMs) break;
      lastUse.delete(key);
      buckets.delete(key);
    }
  }

  function sweep(): void {
    sweepTimer = undefined;
    forgetFull(now());
    scheduleSweep();
  }

  function scheduleSweep(): void {
    if (sweepTimer !== undefined || lastUse.size === 0) return;
    sweepTimer = setTimeout(sweep, fullAfterMs).unref();
  }

  return {
    take(key) {
      const current = now();
      forgetFull(current);
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = createRateLimit({ ...options, now });
        buckets.set(key, bucket);
      }
      lastUse.delete(key);
      lastUse.set(key, current);
      scheduleSweep();
      return bucket.take();
    },
    available(key) {
      return buckets.get(key)?.available() ?? Math.floor(burst);
    },
    size: () => buckets.size,
  };
}
