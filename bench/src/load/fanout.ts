// Open-loop editing at a fixed rate from this process's clients; every client records the
// latency of every stamped paragraph it receives from the others.
import type { Client } from './client.ts';
import { observeStampedEdits, stampedEdit } from './edits.ts';
import type { Command, FanoutResult } from './protocol.ts';
import { nowMs } from '../stats.ts';

type FanoutCommand = Extract<Command, { kind: 'fanout' }>;

const observed = new WeakSet<Client>();
let recorder: ((sentAt: number) => void) | undefined;

function ensureObserved(clients: Client[]): void {
  for (const client of clients) {
    if (observed.has(client)) continue;
    observed.add(client);
    observeStampedEdits(client, (sentAt) => recorder?.(sentAt));
  }
}

export async function runFanout(clients: Client[], command: FanoutCommand): Promise<FanoutResult> {
  ensureObserved(clients);
  const measureFrom = command.startAt + command.warmupMs;
  const measureTo = measureFrom + command.measureMs;
  const latencies: number[] = [];
  let receivedMeasured = 0;
  recorder = (sentAt) => {
    if (sentAt < measureFrom || sentAt >= measureTo) return;
    receivedMeasured += 1;
    latencies.push(Math.round((nowMs() - sentAt) * 1000) / 1000);
  };

  let sent = 0;
  let sentMeasured = 0;
  if (command.rate > 0 && clients.length > 0) {
    await waitUntil(command.startAt);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = nowMs();
        if (now >= measureTo) {
          clearInterval(timer);
          resolve();
          return;
        }
        const due = Math.floor(((now - command.startAt) / 1000) * command.rate) - sent;
        for (let i = 0; i < due; i++) {
          const client = clients[Math.floor(Math.random() * clients.length)];
          const sentAt = stampedEdit(client, command.payloadBytes);
          if (sentAt >= measureFrom && sentAt < measureTo) sentMeasured += 1;
          sent += 1;
        }
      }, 2);
    });
  } else {
    await waitUntil(measureTo);
  }
  await waitUntil(measureTo + command.drainMs);
  recorder = undefined;
  return { latencies, sentMeasured, receivedMeasured, closeReasons: collectProblems(clients) };
}

export function collectProblems(clients: Client[]): string[] {
  const seen = new Set<string>();
  for (const client of clients) for (const problem of client.problems) seen.add(problem);
  return [...seen].slice(0, 5);
}

export function waitUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - nowMs())));
}
