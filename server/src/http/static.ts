/**
 * Serves the built web app (`web/dist`): files by path, and `index.html` for client-side routes.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { decodePathSegment } from './request-target.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveStatic(root: string, pathname: string, response: ServerResponse): void {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Concord server is running. Build the web app with `npm run build` to use it here.\n');
    return;
  }
  const relative = normalize(decodePathSegment(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  const insideRoot = candidate === root || candidate.startsWith(root + sep);
  const file = insideRoot && relative && existsSync(candidate) && statSync(candidate).isFile() ? candidate : index;
  const immutable = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}
