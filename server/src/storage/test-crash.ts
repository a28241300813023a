/**
 * Test only (`CONCORD_TEST_CRASH_AT`, README, Configuration): kills the process at a chosen point of
 * a group commit, so the crash tests can check that no acknowledged edit is lost and nothing half
 * written shows after a restart. The point is logged first, synchronously (logger.ts), so the test
 * knows the crash was this one and which documents the batch's appends were for.
 */
import type { TestCrashPoint } from '../config.ts';
import type { Logger } from '../logger.ts';

/** Only batches of at least this many appends crash: the tests are about groups, not single appends. */
const MIN_BATCH = 2;

/** Undefined unless a crash point is set, so production code pays nothing for it. */
export function crashForTest(at: TestCrashPoint | undefined, logger: Logger | undefined) {
  if (!at) return undefined;
  return (point: TestCrashPoint, documents: readonly string[], written: number): void => {
    if (at !== point || documents.length < MIN_BATCH) return;
    logger?.fatal({ crashAt: point, documents, written }, 'test crash: killing the process (CONCORD_TEST_CRASH_AT)');
    process.kill(process.pid, 'SIGKILL');
  };
}
