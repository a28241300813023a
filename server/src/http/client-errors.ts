/**
 * Requests Node's HTTP parser gives up on never reach a route: headers that did not arrive within
 * the headers timeout (http/timeouts.ts), or bytes that are not HTTP. Node answers them itself with
 * an empty body; here they get the same `{ error, message }` JSON as every other refusal (README,
 * "Refusals"), so a client reads one shape whatever failed.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConcordError } from '../errors.ts';

function answer(socket: Duplex, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${payload}`,
  );
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    // Gone, or a response already started on it: nothing more can be said on this socket.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      answer(socket, 431, { error: 'bad-request', message: 'the request headers are too large' });
      return;
    }
    const refusal =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ConcordError('request-timeout', 'the request headers did not arrive in time')
        : new ConcordError('bad-request', 'the request is not valid HTTP');
    answer(socket, refusal.httpStatus, { error: refusal.errorCode, message: refusal.detail });
  });
}
