/**
 * A real Concord server for one journey: `node --import tsx server/src/main.ts` from the repository
 * root on a free port (PORT=0) with its own DATA_DIR. It can be killed with SIGKILL and started
 * again on the same port and data directory, for the restart journey.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopTracked } from '../../server/test/helpers/processes.ts';
import { TEST_WEB_ROOT } from './testBuild.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;

export interface ServerOptions {
  /** Sets AUTH_SECRET (no dev mode); otherwise the server runs in dev mode. */
  authSecret?: string;
  /** The built app to serve: the journeys' test build unless given (testBuild.ts). */
  webRoot?: string;
  /** More variables (the sign-in journey's OIDC_*). */
  env?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  authSecret?: string;
  port: number;
  dataDir: string;
  /** SIGKILL: no shutdown hooks, no final flush. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and DATA_DIR. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-e2e-'));
  let child: ChildProcess | null = null;
  let port = 0;
  const log: string[] = [];

  async function launch(requestedPort: number) {
    // Tracked, so a journey that times out or a worker that dies leaves no server behind.
    const spawned = spawnTracked(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(requestedPort),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        WEB_ROOT: options.webRoot ?? TEST_WEB_ROOT,
        ...(options.authSecret ? { AUTH_SECRET: options.authSecret } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    spawned.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        spawned.kill('SIGKILL');
        reject(new Error(`the server did not say "listening" within ${START_TIMEOUT_MS} ms:\n${log.join('')}`));
      }, START_TIMEOUT_MS);
      spawned.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before listening:\n${log.join('')}`));
      });
      createInterface({ input: spawned.stdout! }).on('line', (line) => {
        log.push(`${line}\n`);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && typeof entry.port === 'number') {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // Not a log line.
        }
      });
    });
  }

  async function kill(signal: NodeJS.Signals) {
    const running = child;
    child = null;
    // A server that does not stop within a few seconds of SIGTERM is killed outright.
    if (running) await stopTracked(running, signal);
  }

  await launch(0);
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    ...(options.authSecret ? { authSecret: options.authSecret } : {}),
    kill: () => kill('SIGKILL'),
    restart: () => launch(port),
    async stop() {
      await kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
