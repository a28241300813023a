import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawnTracked, type Exit } from './processes.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  /** Lines the server logged, parsed. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<Exit>;
}

/** Runs `server/src/main.ts` as its own process, as `npm start` does, and waits until it listens. */
export async function startChildServer(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildServer> {
  // A test that fails or times out must not leave its servers running (processes.ts).
  const child = spawnTracked(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(entry.port as number);
        }
      } catch {
        // not a log line
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return { process: child, port, url, wsUrl: `ws://127.0.0.1:${port}/collab`, logs, exited };
}
