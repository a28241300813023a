/**
 * What `/health` (which needs no login) and a refused client are told of a storage failure: a code
 * for its kind, never the error's own text, which can name a database host and port or a file path.
 * The whole error goes to the log (storage/health.ts).
 */
import { DatabaseFileReplaced } from './file-identity.ts';

export const STORAGE_DOWN_REASONS = ['disk-full', 'database-file-replaced', 'unreachable', 'write-failed'] as const;
export type StorageDownReason = (typeof STORAGE_DOWN_REASONS)[number];

/** SQLite's and PostgreSQL's (53100 disk_full) codes for a full disk or database, and the OS's. */
const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);
/** The socket never reached the database, or lost it; PostgreSQL's class 08 is a connection exception. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

/** What node-postgres and its pool throw, with no code, when a connection drops or cannot be had in time. */
const PG_CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect)/;

export function storageDownReason(error: unknown): StorageDownReason {
  if (error instanceof DatabaseFileReplaced) return 'database-file-replaced';
  const code = errorCode(error);
  if (code !== undefined && FULL_CODES.has(code)) return 'disk-full';
  if (code !== undefined && (UNREACHABLE_CODES.has(code) || /^08/.test(code))) return 'unreachable';
  if (code === undefined && error instanceof Error && PG_CONNECTION_LOST.test(error.message)) return 'unreachable';
  return 'write-failed';
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
