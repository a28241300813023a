/**
 * The server's side of the error table (shared/src/error-codes.ts): the one error class it throws.
 * Only the table knows close codes and HTTP statuses.
 */
import { ERROR_CODES, formatRefusalReason, type ErrorCode } from '@concord/shared';

/**
 * The one error class. `code` and `reason` follow Hocuspocus's CloseEvent shape, so a ConcordError
 * thrown from a hook closes the document connection with this close code and reason; the reason
 * always starts with the error code (`invalid-update: …`) so clients can react to it.
 */
export class ConcordError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly httpStatus: number;

  constructor(
    readonly errorCode: ErrorCode,
    readonly detail: string = ERROR_CODES[errorCode].text,
  ) {
    super(`${errorCode}: ${detail}`);
    this.name = 'ConcordError';
    this.code = ERROR_CODES[errorCode].closeCode;
    this.reason = formatRefusalReason(errorCode, detail);
    this.httpStatus = ERROR_CODES[errorCode].httpStatus;
  }
}

export function isConcordError(value: unknown): value is ConcordError {
  return value instanceof ConcordError;
}
