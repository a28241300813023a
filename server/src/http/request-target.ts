/**
 * The URL of a request, read once at the HTTP boundary. A target that is not a URL (`http://[`) or
 * a path whose percent-encoding does not decode (`/%ZZ`, a cut UTF-8 sequence such as `%E0%A4%A`)
 * is `bad-request` on every route and on upgrades, never an uncaught `URIError` (issue 10).
 */
import type { IncomingMessage } from 'node:http';
import { ConcordError } from '../errors.ts';

/** The request's URL; its pathname is known to decode, segment by segment as well as whole. */
export function requestUrl(request: IncomingMessage): URL {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    throw new ConcordError('bad-request', 'the request target is not a valid URL');
  }
  decodePathSegment(url.pathname);
  return url;
}

export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConcordError('bad-request', 'the path is not valid percent-encoded UTF-8');
  }
}
