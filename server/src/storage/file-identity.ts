/**
 * Whether the files an open SQLite database writes to are still the ones at their paths.
 *
 * SQLite keeps writing to a database file and WAL that were deleted or replaced while it had them
 * open: every write succeeds, into files nobody can open again, and a restart finds them gone.
 * Comparing the device and inode at each path with those seen at open catches that, for the cost
 * of one `stat` per file (docs/BENCHMARKS.md), so it runs after every write, before the write is
 * acknowledged.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';

interface Identity {
  dev: bigint;
  ino: bigint;
}

function identityOf(path: string): Identity | undefined {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats ? { dev: stats.dev, ino: stats.ino } : undefined;
}

/** A database file is no longer the one the server opened (storage/down-reason.ts tells it apart). */
export class DatabaseFileReplaced extends Error {
  constructor(path: string) {
    super(`the database file ${basename(path)} was removed or replaced while the server had it open`);
    this.name = 'DatabaseFileReplaced';
  }
}

/** Remembers the identity of each existing path now; the returned check throws once one changed. */
export function watchFileIdentity(paths: readonly string[]): () => void {
  const opened = paths.flatMap((path) => {
    const identity = identityOf(path);
    return identity ? [{ path, identity }] : [];
  });
  return function assertFilesInPlace(): void {
    for (const { path, identity } of opened) {
      const now = identityOf(path);
      if (!now || now.ino !== identity.ino || now.dev !== identity.dev) {
        throw new DatabaseFileReplaced(path);
      }
    }
  };
}
