// The servers the bench compares. Each runs as its own process (own process group), started
// the same way (runtime.ts: bundled JavaScript, or TypeScript through tsx) with PORT=0, and found
// through its "listening" line.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killGroup, track, trackDir } from './children.ts';
import { cpuSeconds } from './proc-stats.ts';
import { entryArgs, type Runtime } from './runtime.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type TargetId = 'bare' | 'sqlite' | 'concord' | 'concord-fsync';

export interface Target {
  id: TargetId;
  label: string;
  entry: string;
  env: Record<string, string>;
  /** Documents survive a restart (cold load is meaningful). */
  persistent: boolean;
  concord: boolean;
}

export const benchSecret = 'concord-bench-secret-not-for-production';

// Concord's per-connection limits exist to stop abuse, not to shape a benchmark: the bench raises
// them so that 500 writers fit on one document and one replaying client may send thousands of
// updates per second. Every update is still authorized, validated and logged.
const concordEnv = {
  HOST: '127.0.0.1',
  AUTH_SECRET: benchSecret,
  MAX_CONNECTIONS_PER_DOC: '100000',
  MAX_CONNECTIONS_PER_USER: '100000',
  RATE_LIMIT_PER_SECOND: '1000000',
};

export const targets: Record<TargetId, Target> = {
  bare: { id: 'bare', label: 'Hocuspocus', entry: 'bench/src/servers/bare.ts', env: {}, persistent: false, concord: false },
  sqlite: {
    id: 'sqlite',
    label: 'Hocuspocus+SQLite',
    entry: 'bench/src/servers/sqlite.ts',
    env: {},
    persistent: true,
    concord: false,
  },
  concord: {
    id: 'concord',
    label: 'Concord',
    entry: 'server/src/main.ts',
    env: { ...concordEnv, DURABILITY: 'wal' },
    persistent: true,
    concord: true,
  },
  'concord-fsync': {
    id: 'concord-fsync',
    label: 'Concord fsync',
    entry: 'server/src/main.ts',
    env: { ...concordEnv, DURABILITY: 'fsync' },
    persistent: true,
    concord: true,
  },
};

export function concordAvailable(): boolean {
  return existsSync(join(repoRoot, 'server/src/main.ts'));
}

export interface ServerOptions {
  /** Extra node options for Concord's process only (e.g. --cpu-prof). */
  concordNodeOptions: string[];
  /** The same for the baselines (bare Hocuspocus, Hocuspocus+SQLite). */
  baselineNodeOptions: string[];
  /** Where Concord's server/ and shared/ are (a snapshot of a commit, or the repository). */
  concordRoot: string;
  logLevel: string;
  runtime: Runtime;
}

export interface RunningServer {
  target: Target;
  pid: number;
  port: number;
  url: string;
  dataDir: string;
  /** From spawning the process to its "listening" line, and to its first `/health` 200. */
  listeningMs: number;
  readyMs: number;
  /** CPU the process had used when it was ready: on a shared machine, steadier than the wall clock. */
  readyCpuMs: number;
  /** Recent log lines, to explain a failure. */
  recentLog(): string[];
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). Keeps the data dir. */
  stop(): Promise<void>;
  /** Stops and removes the data dir. */
  dispose(): Promise<void>;
}

export function makeDataDir(): string {
  return trackDir(mkdtempSync(join(tmpdir(), 'concord-bench-')));
}

export async function startServer(
  target: Target,
  options: ServerOptions,
  dataDir: string = makeDataDir(),
): Promise<RunningServer> {
  const nodeArgs = target.concord ? options.concordNodeOptions : options.baselineNodeOptions;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...entryArgs(target, options.runtime)], {
    cwd: target.concord ? options.concordRoot : repoRoot,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: options.logLevel, ...target.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${target.label}`);

  const log: string[] = [];
  const remember = (line: string) => {
    log.push(line);
    if (log.length > 50) log.shift();
  };
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target.label} did not listen within 30 s:\n${log.join('\n')}`)), 30_000);
    createInterface({ input: child.stderr! }).on('line', remember);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      if (!line.includes('"listening"')) return;
      try {
        const parsed = JSON.parse(line) as { msg?: string; port?: unknown };
        if (parsed.msg === 'listening' && typeof parsed.port === 'number') {
          clearTimeout(timer);
          resolvePort(parsed.port);
        }
      } catch {
        // not JSON: keep waiting
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${target.label} exited with ${code} before listening:\n${log.join('\n')}`));
    });
  });
  const listeningMs = performance.now() - spawnedAt;
  await waitHealthy(port, target.label);
  const readyMs = performance.now() - spawnedAt;
  const readyCpuMs = cpuSeconds(pid) * 1000;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      killGroup(pid, 'SIGTERM');
      // A profiled server writes its profile while exiting: give it longer.
      const graceMs = nodeArgs.length > 0 ? 60_000 : 10_000;
      const graceful = await Promise.race([exited.then(() => true), delay(graceMs).then(() => false)]);
      if (!graceful) killGroup(pid, 'SIGKILL');
      killGroup(pid, 'SIGKILL'); // anything the server itself spawned
    })();
    return stopped;
  };
  return {
    target,
    pid,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    listeningMs,
    readyMs,
    readyCpuMs,
    recentLog: () => [...log],
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitHealthy(port: number, label: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    // Short: the start-up scenario reads the time to the first 200 from here.
    await delay(2);
  }
  throw new Error(`${label} did not report healthy within 30 s`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
