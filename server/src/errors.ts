/**
 * Every refusal Concord makes, in one table: its code, the WebSocket close code sent with it, and
 * the HTTP status where it applies. Only this file knows close codes and statuses.
 */

export const ERRORS = {
  unauthorized: { closeCode: 4401, httpStatus: 401, text: 'missing or invalid token' },
  'token-expired': { closeCode: 4401, httpStatus: 401, text: 'the token has expired' },
  forbidden: { closeCode: 4403, httpStatus: 403, text: 'this token may not open this document' },
  'malformed-name': { closeCode: 4400, httpStatus: 400, text: 'malformed document name' },
  'unknown-kind': { closeCode: 4400, httpStatus: 400, text: 'unknown document kind' },
  'read-only': { closeCode: 4403, httpStatus: 403, text: 'this connection may not write' },
  'invalid-update': { closeCode: 4422, httpStatus: 422, text: 'the update breaks the document schema' },
  // Retryable: the client reconnects, and its sync step 2 sends what the update depends on first.
  'missing-dependencies': { closeCode: 4409, httpStatus: 409, text: 'the update depends on content the server does not have yet' },
  impersonation: { closeCode: 4422, httpStatus: 403, text: 'the update claims another user' },
  'message-too-large': { closeCode: 4413, httpStatus: 413, text: 'the message is larger than allowed' },
  'rate-limited': { closeCode: 4429, httpStatus: 429, text: 'too many messages' },
  'too-many-connections': { closeCode: 4429, httpStatus: 429, text: 'too many connections' },
  'malformed-frame': { closeCode: 4400, httpStatus: 400, text: 'the frame could not be decoded' },
  'storage-unavailable': { closeCode: 4503, httpStatus: 503, text: 'storage could not take the update' },
  'not-found': { closeCode: 4404, httpStatus: 404, text: 'not found' },
  'bad-request': { closeCode: 4400, httpStatus: 400, text: 'bad request' },
  // Sign-in only (README, Sign-in): the OpenID Connect provider did not answer, or not usably.
  'provider-unavailable': { closeCode: 4502, httpStatus: 502, text: 'the identity provider could not be reached' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

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
    readonly detail: string = ERRORS[errorCode].text,
  ) {
    super(`${errorCode}: ${detail}`);
    this.name = 'ConcordError';
    this.code = ERRORS[errorCode].closeCode;
    this.reason = `${errorCode}: ${detail}`.slice(0, 120);
    this.httpStatus = ERRORS[errorCode].httpStatus;
  }
}

export function isConcordError(value: unknown): value is ConcordError {
  return value instanceof ConcordError;
}
