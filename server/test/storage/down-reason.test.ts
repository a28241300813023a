/**
 * What a storage failure is called in public (/health, refusals): a code for its kind. node-postgres
 * reports a dropped connection with no error code, only its message; it is still "unreachable".
 */
import { describe, expect, it } from 'vitest';
import { storageDownReason } from '../../src/storage/down-reason.ts';
import { DatabaseFileReplaced } from '../../src/storage/file-identity.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storageDownReason', () => {
  it.each([
    [withCode('database or disk is full', 'SQLITE_FULL'), 'disk-full'],
    [withCode('could not extend file', '53100'), 'disk-full'],
    [withCode('connect ECONNREFUSED 10.1.2.3:5432', 'ECONNREFUSED'), 'unreachable'],
    [withCode('terminating connection due to administrator command', '57P01'), 'write-failed'],
    [withCode('connection failure', '08006'), 'unreachable'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [new Error('Connection terminated due to connection timeout'), 'unreachable'],
    [new Error('timeout exceeded when trying to connect'), 'unreachable'],
    [withCode('Connection terminated unexpectedly', 'XX000'), 'write-failed'],
    [new Error('something else'), 'write-failed'],
    ['not an error', 'write-failed'],
  ])('%s → %s', (error, reason) => {
    expect(storageDownReason(error)).toBe(reason);
  });

  it('names a replaced database file', () => {
    expect(storageDownReason(new DatabaseFileReplaced('/data/concord.sqlite'))).toBe('database-file-replaced');
  });
});
