/**
 * How long a client may take to send an HTTP request (README, "HTTP API"). Node holds a request
 * whose headers or body trickle in for up to 300 s by default. Headers are bounded for every
 * request here; bodies by the route that reads them, since one bound cannot fit both: JSON bodies
 * are at most 64 KB and must arrive within `requestTimeoutMs`, while an upload of MAX_FILE_BYTES
 * on a slow link may take minutes and is cut only when no byte arrives for `uploadIdleTimeoutMs`.
 * A WebSocket is never cut by them once its upgrade request is in, and a slow answer from the
 * server is not limited either.
 */
import type { IncomingMessage, Server } from 'node:http';
import { ConcordError } from '../errors.ts';

export interface HttpTimeouts {
  /** The request line and headers. */
  headersTimeoutMs: number;
  /** A JSON body, from the moment its route starts reading it. */
  requestTimeoutMs: number;
  /** The longest pause between two pieces of an upload's body. */
  uploadIdleTimeoutMs: number;
}

export const HTTP_TIMEOUT_DEFAULTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  // A 64 KB body at 64 kbit/s, the slowest link worth serving, takes 8 s.
  requestTimeoutMs: 30_000,
  uploadIdleTimeoutMs: 30_000,
};

/** Call before `listen`: Node reads the checking interval when the server starts listening. */
export function limitHeaderTime(server: Server, headersTimeoutMs: number): void {
  server.headersTimeout = headersTimeoutMs;
  // Node's own whole-request bound would cut long uploads too: bodies are bounded by their routes.
  server.requestTimeout = 0;
  // Node looks for expired headers every 30 s by default: a slow request would outlive its bound
  // by up to that much.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, Math.ceil(headersTimeoutMs / 2));
}

/**
 * Resolves with what `read` makes of the body, or rejects with `request-timeout` once `ms` have
 * passed; the route then answers 408 and, the body being unread, closes the connection.
 */
export async function withinDeadline<T>(request: IncomingMessage, ms: number, read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConcordError('request-timeout', `the request body did not arrive within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([read(), deadline]);
  } finally {
    clearTimeout(timer);
    if (!request.complete) request.pause();
  }
}
