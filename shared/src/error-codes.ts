/**
 * Every refusal Concord makes, one row per code: the WebSocket close code the server closes a
 * document connection with, what the refusal closes (the socket, the document, nothing), the HTTP
 * status where it applies, the default text, and what a client
 * does about it. The server's ConcordError and the web client's refusal handling both read this
 * table; docs/PROTOCOL.md ("Errors") describes it for other clients.
 *
 * One row per code, each on one line, so that adding a code is a one-line change.
 */

/** What a client does when the server refuses something with a code. */
export type ClientAction =
  /** The local copy holds something the server will never accept: drop it and sync afresh. */
  | 'drop-local-copy'
  /** A passing condition on the server: keep the local copy and connect the document again later. */
  | 'retry'
  /** The token expired: get a fresh one and connect again (sign in only if none can be had). */
  | 'renew'
  /** The token is missing or bad: the user has to sign in again. */
  | 'sign-in'
  /** This user may not have this (or it does not exist): say so and stop trying. */
  | 'tell-user';

/**
 * What a refusal over the WebSocket closes: the whole `socket` (every document on it) when what
 * follows on it cannot be trusted or must be resent, only that `document`'s connection, or `none`
 * (the message is dropped, answered with a stateless `refused` message, and the connection stays).
 */
export type RefusalCloses = 'socket' | 'document' | 'none';

export interface ErrorCodeRow {
  closeCode: number;
  closes: RefusalCloses;
  httpStatus: number;
  text: string;
  clientAction: ClientAction;
}

export const ERROR_CODES = {
  unauthorized: { closeCode: 4401, closes: 'document', httpStatus: 401, text: 'missing or invalid token', clientAction: 'sign-in' },
  'token-expired': { closeCode: 4401, closes: 'document', httpStatus: 401, text: 'the token has expired', clientAction: 'renew' },
  forbidden: { closeCode: 4403, closes: 'document', httpStatus: 403, text: 'this token may not open this document', clientAction: 'tell-user' },
  'malformed-name': { closeCode: 4400, closes: 'document', httpStatus: 400, text: 'malformed document name', clientAction: 'tell-user' },
  'unknown-kind': { closeCode: 4400, closes: 'document', httpStatus: 400, text: 'unknown document kind', clientAction: 'tell-user' },
  'read-only': { closeCode: 4403, closes: 'none', httpStatus: 403, text: 'this connection may not write', clientAction: 'drop-local-copy' },
  'invalid-update': { closeCode: 4422, closes: 'document', httpStatus: 422, text: 'the update breaks the document schema', clientAction: 'drop-local-copy' },
  // Retryable: the client reconnects, and its sync step 2 sends what the update depends on first.
  'missing-dependencies': { closeCode: 4409, closes: 'document', httpStatus: 409, text: 'the update depends on content the server does not have yet', clientAction: 'retry' },
  impersonation: { closeCode: 4422, closes: 'document', httpStatus: 403, text: 'the update claims another user', clientAction: 'drop-local-copy' },
  'message-too-large': { closeCode: 4413, closes: 'document', httpStatus: 413, text: 'the message is larger than allowed', clientAction: 'drop-local-copy' },
  'file-too-large': { closeCode: 4413, closes: 'document', httpStatus: 413, text: 'the file is larger than MAX_FILE_BYTES', clientAction: 'tell-user' },
  'rate-limited': { closeCode: 4429, closes: 'document', httpStatus: 429, text: 'too many messages', clientAction: 'retry' },
  'too-many-connections': { closeCode: 4429, closes: 'document', httpStatus: 429, text: 'too many connections', clientAction: 'retry' },
  'malformed-frame': { closeCode: 4400, closes: 'socket', httpStatus: 400, text: 'the frame could not be decoded', clientAction: 'retry' },
  'storage-unavailable': { closeCode: 4503, closes: 'socket', httpStatus: 503, text: 'storage could not take the update', clientAction: 'retry' },
  'request-timeout': { closeCode: 4408, closes: 'document', httpStatus: 408, text: 'the request did not arrive in time', clientAction: 'retry' },
  // Sign-in only (README, Sign-in): the OpenID Connect provider did not answer, or not usably.
  'provider-unavailable': { closeCode: 4502, closes: 'document', httpStatus: 502, text: 'the identity provider could not be reached', clientAction: 'tell-user' },
  'not-found': { closeCode: 4404, closes: 'document', httpStatus: 404, text: 'not found', clientAction: 'tell-user' },
  'bad-request': { closeCode: 4400, closes: 'document', httpStatus: 400, text: 'bad request', clientAction: 'tell-user' },
} as const satisfies Record<string, ErrorCodeRow>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol; this leaves room for UTF-8. */
const MAX_REASON_LENGTH = 120;

/** The close reason (and HTTP `message`) of a refusal: always the code first, `invalid-update: …`. */
export function formatRefusalReason(code: ErrorCode, detail: string): string {
  return `${code}: ${detail}`.slice(0, MAX_REASON_LENGTH);
}

export interface Refusal {
  code: string;
  detail: string;
  /** From the table; `retry` for a code this client does not know (a newer server's). */
  action: ClientAction;
}

const REASON_PATTERN = /^([a-z][a-z-]*[a-z]):\s*(.*)$/s;

/** Reads a close reason; null for closes that are not refusals (a dropped socket, a restart). */
export function parseRefusalReason(reason: string | undefined): Refusal | null {
  const match = REASON_PATTERN.exec(reason ?? '');
  if (!match) return null;
  const [, code, detail] = match as unknown as [string, string, string];
  return { code, detail, action: isErrorCode(code) ? ERROR_CODES[code].clientAction : 'retry' };
}
