import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConcordError, isConcordError } from '../errors.ts';
import { withinDeadline } from './timeouts.ts';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(payload);
}

/** Errors as `{ error: code, message }` with the status from the one error table. */
export function sendError(response: ServerResponse, error: ConcordError): void {
  sendJson(response, error.httpStatus, { error: error.errorCode, message: error.detail });
}

export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJsonBody(request: IncomingMessage, timeoutMs: number): Promise<unknown> {
  return withinDeadline(request, timeoutMs, () => readJson(request));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).byteLength;
      if (size > MAX_JSON_BODY_BYTES) throw new ConcordError('message-too-large', 'the request body is too large');
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (isConcordError(error)) throw error;
    // The client went away before its body was in.
    throw new ConcordError('bad-request', 'the request body did not arrive in full');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ConcordError('bad-request', 'the body is not valid JSON');
  }
}
