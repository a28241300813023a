// Entry point of a load process (forked by the CLI): runs one command at a time and replies with
// the result and this process's own CPU and event-loop delay over the command.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openClient, type Client } from './client.ts';
import { runClosedLoop } from './closed-loop.ts';
import { fill, load } from './cold.ts';
import { runFanout } from './fanout.ts';
import type { Command, ConnectResult, Envelope, LoadStats, Reply } from './protocol.ts';
import { replay } from './replay.ts';

let clients: Client[] = [];

async function connect(command: Extract<Command, { kind: 'connect' }>): Promise<ConnectResult> {
  const t0 = performance.now();
  const failures: string[] = [];
  let next = 0;
  const opened: Client[] = [];
  await Promise.all(
    Array.from({ length: Math.max(1, command.concurrency) }, async () => {
      while (next < command.clients.length) {
        const spec = command.clients[next++];
        try {
          opened.push(await openClient(command.url, command.auth, spec.doc, spec.user, { awareness: command.awareness }));
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  clients.push(...opened);
  return { connected: opened.length, failed: failures.length, closeReasons: [...new Set(failures)].slice(0, 5), ms: performance.now() - t0 };
}

function run(command: Command): Promise<unknown> {
  switch (command.kind) {
    case 'connect':
      return connect(command);
    case 'fanout':
      return runFanout(clients, command);
    case 'closedLoop':
      return runClosedLoop(clients, command);
    case 'fill':
      return fill(command);
    case 'load':
      return load(command);
    case 'replay':
      return replay(command);
    case 'close':
      for (const client of clients) client.close();
      clients = [];
      return Promise.resolve({});
  }
}

const eldResolutionMs = 5;

// The histogram records the timer's whole interval; the delay is what exceeds the resolution.
function delayMs(nanoseconds: number): number {
  return Math.max(0, nanoseconds / 1e6 - eldResolutionMs);
}

async function handle({ id, command }: Envelope): Promise<void> {
  const histogram = monitorEventLoopDelay({ resolution: eldResolutionMs });
  histogram.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let reply: Reply<unknown>;
  try {
    const value = await run(command);
    histogram.disable();
    const cpu = process.cpuUsage(cpu0);
    const load: LoadStats = {
      cpuPct: ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100,
      eldP50Ms: delayMs(histogram.percentile(50)),
      eldP99Ms: delayMs(histogram.percentile(99)),
      eldMaxMs: delayMs(histogram.max),
    };
    reply = { id, ok: true, value, load };
  } catch (error) {
    histogram.disable();
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  process.send?.(reply);
}

process.on('message', (message: Envelope) => void handle(message));
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
