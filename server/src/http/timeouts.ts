/**
 * How long a client may take to send an HTTP request (README, "HTTP API"). Node holds a request
 * whose headers or body trickle in for up to 300 s by default; Concord's requests are small (no
 * body, or JSON of at most 64 KB), so a request that is still arriving after these bounds is cut
 * with `408 Request Timeout`. They apply until a request has arrived in full, so a WebSocket is
 * never cut by them once its upgrade request is in, and a slow answer from the server is not
 * limited either.
 */
import type { Server } from 'node:http';

export interface HttpTimeouts {
  /** The request line and headers. */
  headersTimeoutMs: number;
  /** The whole request, body included; at least `headersTimeoutMs`. */
  requestTimeoutMs: number;
}

export const HTTP_TIMEOUT_DEFAULTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  // A 64 KB body at 64 kbit/s, the slowest link worth serving, takes 8 s.
  requestTimeoutMs: 30_000,
};

/** Call before `listen`: Node reads the checking interval when the server starts listening. */
export function limitRequestTime(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = Math.max(timeouts.requestTimeoutMs, timeouts.headersTimeoutMs);
  // Node looks for expired requests every 30 s by default: a slow request would outlive its bound
  // by up to that much.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, Math.ceil(timeouts.headersTimeoutMs / 2));
}
