/**
 * Group commit: items added while a commit is in flight, or in the same turn of the event loop,
 * are committed together by the next commit, and each `add` settles only once the commit that
 * holds its item has. A durable append therefore still resolves only when it is durable (README,
 * Architecture), but a thousand appends waiting on a disk flush pay for one flush, not a thousand
 * (docs/BENCHMARKS.md, Group commit).
 *
 * Items are committed in the order they were added, one commit at a time. A commit that fails
 * rejects every item it held with its error and nothing else: the next batch is tried on its own.
 */

export interface GroupCommitOptions<T> {
  /** Commits every item or none (one transaction); resolves once they are durable. */
  commit(batch: readonly T[]): Promise<void>;
  /** At most this many items per commit; 1 commits each on its own (benchmarks compare with it). */
  maxItems?: number;
  /** Stop filling a batch once it holds this many bytes; a larger item still goes alone. */
  maxBytes?: number;
  bytesOf?(item: T): number;
}

export interface GroupCommit<T> {
  /** Resolves once a commit holding `item` succeeded; rejects with that commit's error. */
  add(item: T): Promise<void>;
  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void>;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

export const GROUP_COMMIT_DEFAULTS = {
  maxItems: 1_000,
  maxBytes: 16 * 1024 * 1024,
};

export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const maxItems = Math.max(1, options.maxItems ?? GROUP_COMMIT_DEFAULTS.maxItems);
  const maxBytes = options.maxBytes ?? GROUP_COMMIT_DEFAULTS.maxBytes;
  const bytesOf = options.bytesOf ?? (() => 0);
  const queue: Array<Pending<T>> = [];
  // A flush is scheduled or a commit is in flight: new items wait for the next flush.
  let busy = false;
  let idleWaiters: Array<() => void> = [];

  function takeBatch(): Array<Pending<T>> {
    let count = 0;
    let bytes = 0;
    while (count < queue.length && count < maxItems) {
      const size = bytesOf(queue[count]!.item);
      if (count > 0 && bytes + size > maxBytes) break;
      bytes += size;
      count += 1;
    }
    return queue.splice(0, count);
  }

  // setImmediate rather than a microtask: every message read from the sockets in this turn of the
  // event loop has reached `add` by then, so they share the commit.
  function schedule(): void {
    busy = true;
    setImmediate(() => void flush());
  }

  async function flush(): Promise<void> {
    const batch = takeBatch();
    try {
      await options.commit(batch.map((pending) => pending.item));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
    if (queue.length > 0) return schedule();
    busy = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!busy) schedule();
      });
    },
    idle() {
      if (!busy) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
