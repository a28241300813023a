/**
 * Writes the service worker (build/sw.js) into the build, headed by the list of the build's files so
 * that it can cache every chunk and drop files of other builds. A build that changes any file
 * changes that list, so browsers, which compare the worker byte by byte, install the new worker.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const WORKER = 'sw.js';

export function serviceWorker(): Plugin {
  let root = '';
  let publicDir = '';
  return {
    name: 'concord-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir;
    },
    writeBundle(options, bundle) {
      const outDir = options.dir ?? join(root, 'dist');
      const files = [...new Set([...Object.keys(bundle), ...filesUnder(publicDir)])]
        .filter((file) => file !== WORKER && !file.endsWith('.map'))
        .map((file) => `/${file.split(sep).join('/')}`)
        .sort();
      // index.html can change while every file name stays the same.
      const version = createHash('sha256').update(files.join('\n')).update(readFileSync(join(outDir, 'index.html'))).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'build', WORKER), 'utf8');
      writeFileSync(join(outDir, WORKER), `const BUILD = ${JSON.stringify({ version, files })};\n${source}`);
    },
  };
}

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((name) => statSync(join(dir, name)).isFile()).map((name) => relative(dir, join(dir, name)));
}
