// The load processes: forked node processes (own process groups) that run the real providers.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { killGroup, track } from './children.ts';
import type { Command, LoadStats, Reply } from './load/protocol.ts';
import { repoRoot } from './targets.ts';

export interface Answer<T> {
  value: T;
  load: LoadStats;
}

export interface Fleet {
  size: number;
  send<T>(index: number, command: Command): Promise<Answer<T>>;
  all<T>(commands: Command[]): Promise<Answer<T>[]>;
  /** Disconnects and drops every client of every load process. */
  closeClients(): Promise<void>;
  /** Ends the load processes. */
  close(): Promise<void>;
}

export async function startFleet(size: number): Promise<Fleet> {
  const workers = await Promise.all(Array.from({ length: size }, (_, index) => startWorker(index)));
  let nextId = 1;
  const pending = new Map<number, { resolve: (answer: Answer<unknown>) => void; reject: (error: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', (message: Reply<unknown>) => {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve({ value: message.value, load: message.load });
      else waiter.reject(new Error(`load process: ${message.error}`));
    });
    worker.once('exit', (code) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`a load process exited (${code})`));
      pending.clear();
    });
  }
  const send = <T>(index: number, command: Command): Promise<Answer<T>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (answer: Answer<unknown>) => void, reject });
      workers[index].send({ id, command });
    });
  return {
    size,
    send,
    all: <T>(commands: Command[]) => Promise.all(commands.map((command, index) => send<T>(index, command))),
    async closeClients() {
      await Promise.all(workers.map((_, index) => send(index, { kind: 'close' })));
    },
    async close() {
      await Promise.race([
        Promise.all(workers.map((_, index) => send(index, { kind: 'close' }).catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ]);
      for (const worker of workers) {
        worker.disconnect();
        if (worker.pid !== undefined) killGroup(worker.pid);
      }
    },
  };
}

function startWorker(index: number): Promise<ChildProcess> {
  const worker = fork(join(repoRoot, 'bench/src/load/worker.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ADDRESS_SPACE: String(index) },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  track(worker);
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('exit', (code) => reject(new Error(`load process exited (${code}) before it was ready`)));
  });
}

/** Sums the load processes' CPU and takes the worst event-loop delay. */
export function combineLoad(loads: LoadStats[]): LoadStats {
  return {
    cpuPct: loads.reduce((sum, load) => sum + load.cpuPct, 0),
    eldP50Ms: Math.max(...loads.map((load) => load.eldP50Ms)),
    eldP99Ms: Math.max(...loads.map((load) => load.eldP99Ms)),
    eldMaxMs: Math.max(...loads.map((load) => load.eldMaxMs)),
  };
}
