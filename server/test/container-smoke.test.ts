/**
 * The container image without a Docker engine: the Dockerfile's own steps, executed in a scratch
 * area (server/test/container/build.ts says what is substituted and why), then its CMD started with
 * the image's environment. Checks /health, the HEALTHCHECK command, the web app, one real sync, that
 * the runtime holds production dependencies only, and a clean exit on the STOPSIGNAL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildImage, type BuiltImage } from './container/build.ts';
import { parseDockerfile } from './container/dockerfile.ts';
import { connect } from './helpers/client.ts';
import { spawnTracked } from './helpers/processes.ts';
import { freePort } from './helpers/redis.ts';
import { tempDir } from './helpers/server.ts';
import { waitFor } from './helpers/wait.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function paragraphs(doc: Y.Doc): string[] {
  return doc.getXmlFragment('content').toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

describe('the container image', () => {
  const scratch = tempDir('concord-image-');
  let stop: (() => void) | undefined;
  afterAll(() => {
    stop?.();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('builds from its Dockerfile, starts with its CMD and environment, reports healthy and syncs', async () => {
    const started = Date.now();
    const lines: string[] = [];
    const image: BuiltImage = buildImage(parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')), {
      repoRoot: REPO_ROOT,
      scratch,
      log: (line) => lines.push(line),
    });
    const runtime = image.final;
    const appDir = join(runtime.root, runtime.workdir);
    console.info([...lines, ...image.notes.map((note) => `note: ${note}`), `built in ${((Date.now() - started) / 1000).toFixed(1)} s`].join('\n'));

    // What the issue asks of the image, read from the built stage rather than trusted.
    expect(runtime.env).toMatchObject({ HOST: '0.0.0.0', DATA_DIR: '/data' });
    expect(runtime.volumes).toContain('/data');
    expect(runtime.exposes).toContain(runtime.env.PORT);
    expect(runtime.user).toBeDefined();
    expect(runtime.user).not.toBe('root');
    expect(runtime.cmd?.[0]).toBe('node');
    expect(runtime.healthcheck?.[0]).toBe('node');
    expect(existsSync(join(appDir, 'web/dist/index.html'))).toBe(true);
    for (const devOnly of ['vite', 'vitest', 'typescript', 'react', '@playwright/test', '@types/node']) {
      expect(existsSync(join(appDir, 'node_modules', devOnly)), `${devOnly} in the runtime image`).toBe(false);
    }

    const port = String(await freePort());
    const dataDir = tempDir('concord-image-data-');
    mkdirSync(dataDir, { recursive: true });
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dataDir, ...runtime.env, PORT: port, DATA_DIR: dataDir };
    const [command, ...args] = runtime.cmd!;
    const child = spawnTracked(command === 'node' ? process.execPath : command!, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    stop = () => {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    };
    const url = `http://127.0.0.1:${port}`;

    const health = await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
      const response = await fetch(`${url}/health`);
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
    }, '/health to answer 200', 30_000, 100);
    expect(health).toEqual({ status: 'ok', storage: 'sqlite', redis: 'disabled' });

    const [healthcheck, ...healthArgs] = runtime.healthcheck!;
    const check = spawnSync(healthcheck === 'node' ? process.execPath : healthcheck!, healthArgs, { env, timeout: 10_000 });
    expect(check.status, `HEALTHCHECK: ${check.stderr?.toString()}`).toBe(0);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');

    // No AUTH_SECRET in the image: dev mode hands out tokens, as the web app's sign-in uses them.
    const tokenResponse = await fetch(`${url}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'ana', name: 'Ana', org: 'acme', role: 'editor' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const wsUrl = `ws://127.0.0.1:${port}/collab`;
    const writer = connect(wsUrl, 'acme:notes:smoke', token);
    const reader = connect(wsUrl, 'acme:notes:smoke', token);
    await Promise.all([writer.synced(), reader.synced()]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('hello from the image')]);
    writer.doc.getXmlFragment('content').push([paragraph]);
    await writer.acknowledged();
    await waitFor(() => paragraphs(reader.doc).includes('hello from the image'), 'the edit to reach the second client');
    writer.destroy();
    reader.destroy();

    child.kill((runtime.stopSignal ?? 'SIGTERM') as NodeJS.Signals);
    expect(await exited).toEqual({ code: 0, signal: null });
    console.info(`container smoke test: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  }, 240_000);
});
