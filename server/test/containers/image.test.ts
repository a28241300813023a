/**
 * The image, built from the checkout (global-setup.ts) and run by the Docker engine: small, healthy,
 * unprivileged, syncing with the stock provider, backed up from inside, stopping cleanly on
 * `docker stop`, and keeping its documents in the /data volume across a restart and a new container.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { connect } from '../helpers/client.ts';
import { freePort } from '../helpers/redis.ts';
import { tempDir } from '../helpers/server.ts';
import { TEST_SECRET, signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';
import { addParagraph, readFresh } from '../helpers/writers.ts';
import { createVolume, docker, removeVolume, runContainer, type Container } from './docker.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const image = inject('concordImage');
const DOCUMENT = 'acme:notes:image';
/** Short health check timings for the test; the image's own are 15 s apart. */
const HEALTH_FLAGS = ['--health-interval', '1s', '--health-timeout', '5s', '--health-retries', '3'];

async function healthy(container: Container): Promise<void> {
  await waitFor(async () => (await fetch(`${container.url}/health`)).status === 200, `${container.name} to answer /health`, 60_000, 50);
}

async function mb(tag: string): Promise<number> {
  return Number(await docker('image', 'inspect', '--format', '{{.Size}}', tag)) / 1e6;
}

describe('the image', () => {
  let volume: string;
  let container: Container;
  const dirs: string[] = [];

  beforeAll(async () => {
    volume = await createVolume();
    container = await runContainer(image, { port: await freePort(), env: { AUTH_SECRET: TEST_SECRET }, volume, flags: HEALTH_FLAGS });
  });
  afterAll(async () => {
    await container?.remove();
    if (volume) await removeVolume(volume);
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('is node, the bundled server and the built web app, and little else', async () => {
    const base = /^ARG NODE_IMAGE=(\S+)/m.exec(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(base).toBeDefined();
    const [total, ofBase] = [await mb(image), await mb(base!)];
    console.info(`image ${image}: ${total.toFixed(1)} MB, of which ${(total - ofBase).toFixed(1)} MB above ${base}`);
    // server/dist (bundle, source maps, the compiled SQLite addon) and web/dist: about 12 MB.
    expect(total - ofBase).toBeLessThan(25);
    const listing = await docker('run', '--rm', '--entrypoint', 'sh', image, '-c', 'ls /app; echo; ls /app/server/dist/node_modules');
    expect(listing.split('\n\n').map((part) => part.split('\n'))).toEqual([['server', 'web'], ['better-sqlite3', 'bindings', 'file-uri-to-path']]);
  });

  it('answers /health, serves the web app, and its HEALTHCHECK turns healthy', async () => {
    await healthy(container);
    expect(await (await fetch(`${container.url}/health`)).json()).toEqual({ status: 'ok', storage: 'sqlite', redis: 'disabled' });
    const page = await fetch(`${container.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    await waitFor(async () => (await container.state()).Health?.Status === 'healthy', 'the HEALTHCHECK to report healthy', 60_000, 200);
  });

  it('runs the server as an unprivileged user', async () => {
    const status = await container.exec('cat', '/proc/1/status');
    const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/).map(Number);
    expect(uids).toHaveLength(4);
    expect(uids!.every((uid) => uid !== 0)).toBe(true);
    expect(await container.exec('id', '-un')).toBe('node');
  });

  it('syncs an edit between two stock providers', async () => {
    await healthy(container);
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const writer = connect(container.wsUrl, DOCUMENT, token);
    const reader = connect(container.wsUrl, DOCUMENT, token);
    try {
      await Promise.all([writer.synced(), reader.synced()]);
      addParagraph(writer.doc, 'written before the stop');
      await writer.acknowledged();
      await waitFor(() => readerHas(reader.doc), 'the edit to reach the second provider');
    } finally {
      writer.destroy();
      reader.destroy();
    }
    function readerHas(doc: typeof reader.doc): boolean {
      return doc.getXmlFragment('content').toString().includes('written before the stop');
    }
  });

  it('backs up its SQLite database from inside the container', async () => {
    const output = await container.exec('node', 'server/dist/backup.mjs', '/data/backup.sqlite');
    expect(output).toMatch(/^backup: \/data\/concord\.sqlite -> \/data\/backup\.sqlite/);
    const copyDir = tempDir('concord-image-backup-');
    dirs.push(copyDir);
    await docker('cp', `${container.name}:/data/backup.sqlite`, join(copyDir, 'concord.sqlite'));
    const copy = createSqliteStorage({ dataDir: copyDir, durability: 'wal' });
    try {
      expect((await copy.listDocumentVersions()).has(DOCUMENT)).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it('exits 0 within seconds of docker stop, and keeps the document in its volume after docker start and in a new container', async () => {
    const started = performance.now();
    await docker('stop', '--time', '10', container.name);
    const seconds = (performance.now() - started) / 1000;
    const stopped = await container.state();
    console.info(`docker stop took ${seconds.toFixed(2)} s`);
    // Exit 0 is the server's own clean stop; the engine's SIGKILL after --time would be 137.
    expect({ running: stopped.Running, exitCode: stopped.ExitCode, oomKilled: stopped.OOMKilled }).toEqual({ running: false, exitCode: 0, oomKilled: false });
    expect(await container.logs()).toContain('"msg":"stopped"');

    const token = await signToken({ sub: 'bo', org: 'acme' });
    await docker('start', container.name);
    await healthy(container);
    expect(await readFresh(container.wsUrl, DOCUMENT, token)).toContain('written before the stop');

    // A new container (an upgrade does this) on the same volume.
    await container.remove();
    container = await runContainer(image, { port: container.port, env: { AUTH_SECRET: TEST_SECRET }, volume });
    await healthy(container);
    expect(await readFresh(container.wsUrl, DOCUMENT, token)).toContain('written before the stop');
  });

  it('survives SQLite statements being garbage collected while idle (better-sqlite3 12 aborts there on Node 24.19 and later)', async () => {
    // Statements made and dropped (as the server's ping and pragmas do), garbage that makes V8 collect
    // them from its own background task, and an idle process: on Node 24.21 this aborts within about
    // 2 s ("Assertion failed: (env) != nullptr" in Statement::~Statement), every time we tried.
    const script = `
      import { createRequire } from 'node:module';
      const Database = createRequire('/app/server/dist/main.mjs')('better-sqlite3');
      const db = new Database(':memory:');
      for (let i = 0; i < 50000; i++) db.prepare('SELECT 1').get();
      const junk = [];
      for (let i = 0; i < 200; i++) junk.push(new Array(10000).fill(i));
      junk.length = 0;
      setTimeout(() => console.log('alive'), 5000);`;
    expect(await docker('run', '--rm', '--entrypoint', 'node', image, '--input-type=module', '-e', script)).toBe('alive');
  });
});
