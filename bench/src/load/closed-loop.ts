// Every client edits, waits for the server's acknowledgement (for Concord: durably logged), and
// edits again: the acknowledged-edit throughput of the server.
import { acknowledged, type Client } from './client.ts';
import { stampedEdit } from './edits.ts';
import { waitUntil, collectProblems } from './fanout.ts';
import type { ClosedLoopResult, Command } from './protocol.ts';
import { nowMs } from '../stats.ts';

type ClosedLoopCommand = Extract<Command, { kind: 'closedLoop' }>;

export async function runClosedLoop(clients: Client[], command: ClosedLoopCommand): Promise<ClosedLoopResult> {
  const measureFrom = command.startAt + command.warmupMs;
  const measureTo = measureFrom + command.measureMs;
  const ackLatencies: number[] = [];
  await waitUntil(command.startAt);
  await Promise.all(
    clients.map(async (client) => {
      while (nowMs() < measureTo && client.problems.length === 0) {
        const sentAt = stampedEdit(client, command.payloadBytes);
        await Promise.race([acknowledged(client.provider), waitUntil(measureTo + 5_000)]);
        if (client.provider.unsyncedChanges > 0) break;
        if (sentAt >= measureFrom) ackLatencies.push(Math.round((nowMs() - sentAt) * 1000) / 1000);
      }
    }),
  );
  return { ackLatencies, closeReasons: collectProblems(clients) };
}
