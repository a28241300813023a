/**
 * Storage health, for `/health` and for the callers of every write.
 *
 * A write that fails (an append, a compaction, an audit entry, an archive move, a version), or a
 * ping that fails, turns storage `down` with the kind of that failure as the reason (a code; the
 * error itself goes only to the log, storage/down-reason.ts). It stays down until an append or a
 * probing write succeeds again: while down, `/health` probes with a write instead of a read, so a
 * disk that is still full keeps it down and one with room again brings it back without waiting for
 * a client (docs/DEPLOYMENT.md). Failed writes reach their callers as
 * `storage-unavailable`, which the WebSocket and HTTP boundaries refuse and count.
 */
import { ConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { storageDownReason, type StorageDownReason } from './down-reason.ts';
import type { DocumentStorage } from './storage.ts';

export type StorageStatus = { up: true } | { up: false; reason: StorageDownReason };

export interface StorageHealth {
  /** The same storage, whose writes report to this health and fail as `storage-unavailable`. */
  storage: DocumentStorage;
  /** Pings (a probing write while down) and answers the status after it. */
  check(): Promise<StorageStatus>;
}

/**
 * `/health` needs no login: while storage is down, anyone asking often would otherwise make the
 * server write a probe per request. One probe a second at most; concurrent checks share one.
 */
const MIN_PROBE_INTERVAL_MS = 1_000;

export function withStorageHealth(inner: DocumentStorage, logger: Logger, now: () => number = Date.now): StorageHealth {
  let status: StorageStatus = { up: true };
  let checking: Promise<StorageStatus> | undefined;
  let lastProbeAt = -Infinity;

  function down(error: unknown): ConcordError {
    const reason = storageDownReason(error);
    // Only the log has the error itself; /health and refused clients get the reason's code.
    if (status.up || status.reason !== reason) logger.error({ err: error, reason }, 'storage is down: writes are refused until a write works again');
    status = { up: false, reason };
    return new ConcordError('storage-unavailable', `storage is down (${reason})`);
  }

  function up(): void {
    if (!status.up) logger.info({ was: status.reason }, 'storage is back up');
    status = { up: true };
  }

  function write<A extends unknown[]>(run: (...args: A) => Promise<void>, provesUp: boolean): (...args: A) => Promise<void> {
    return async (...args) => {
      try {
        await run(...args);
      } catch (error) {
        throw down(error);
      }
      if (provesUp) up();
    };
  }

  return {
    storage: {
      ...inner,
      append: write(inner.append, true),
      compact: write(inner.compact, false),
      appendAudit: write(inner.appendAudit, false),
      archiveMessages: write(inner.archiveMessages, false),
      saveVersion: write(inner.saveVersion, false),
    },
    check() {
      if (checking) return checking;
      if (!status.up && now() - lastProbeAt < MIN_PROBE_INTERVAL_MS) return Promise.resolve(status);
      const write = !status.up;
      if (write) lastProbeAt = now();
      checking = inner
        .ping({ write })
        .then(up, (error: unknown) => void down(error))
        .then(() => status)
        .finally(() => (checking = undefined));
      return checking;
    },
  };
}
