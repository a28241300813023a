// Durable append throughput: N clients, each on its own document, in a closed loop (edit, wait
// for the server's acknowledgement, edit again). For Concord an acknowledgement means the update
// is in the log (docs/PROTOCOL.md, "Sync and acknowledgement"), with DURABILITY=wal and =fsync.
import { combineLoad } from '../fleet.ts';
import type { ClosedLoopResult } from '../load/protocol.ts';
import { startCpuWindow } from '../proc-stats.ts';
import type { Column } from '../results.ts';
import { nowMs, summarize } from '../stats.ts';
import { startServer, targets } from '../targets.ts';
import { alternation, type ScenarioContext } from './context.ts';
import { connectLayout } from './measure-fanout.ts';

export const durableColumns: Column[] = [
  { key: 'ackedPerSec', label: 'acked edits/s', digits: 0, ratio: true },
  { key: 'ackP50', label: 'ack p50 ms', digits: 2, ratio: true },
  { key: 'ackP99', label: 'ack p99 ms', digits: 2, ratio: true },
  { key: 'serverCpuPct', label: 'srv CPU %', digits: 0, ratio: false },
  { key: 'loadCpuPct', label: 'load CPU %', digits: 0, ratio: false },
  { key: 'loadEldP99', label: 'load ELD p99 ms', digits: 1, ratio: false },
];

export async function runDurableScenario(context: ScenarioContext, clients: number, warmupMs: number, measureMs: number): Promise<void> {
  const chosen = context.targets.flatMap((target) =>
    target.id === 'concord' ? [target, targets['concord-fsync']] : [target],
  );
  for (let rep = 0; rep < context.reps; rep++) {
    for (const target of alternation(chosen, rep)) {
      context.log(`durable append, ${clients} closed-loop clients on ${target.label}, rep ${rep + 1}/${context.reps}`);
      const server = await startServer(target, context.serverOptions);
      const fleet = context.fleet;
      try {
        const connected = await connectLayout(fleet, server, { docs: clients, clientsPerDoc: 1 }, context.awareness);
        const startAt = nowMs() + 200;
        let window: ReturnType<typeof startCpuWindow> | undefined;
        const timer = setTimeout(() => (window = startCpuWindow(server.pid)), startAt + warmupMs - nowMs());
        const answers = await fleet.all<ClosedLoopResult>(
          connected.perWorker.map(() => ({ kind: 'closedLoop' as const, startAt, warmupMs, measureMs, payloadBytes: 32 })),
        );
        clearTimeout(timer);
        const cpu = window?.stop();
        const acks = summarize(Float64Array.from(answers.flatMap((answer) => answer.value.ackLatencies)));
        const load = combineLoad(answers.map((answer) => answer.load));
        context.record({
          scenario: 'durable',
          caseLabel: `${clients} clients`,
          target: target.id,
          rep,
          metrics: {
            ackedPerSec: acks.count / (measureMs / 1000),
            ackP50: acks.p50,
            ackP99: acks.p99,
            serverCpuPct: cpu?.cpuPct ?? Number.NaN,
            loadCpuPct: load.cpuPct,
            loadEldP99: load.eldP99Ms,
          },
          notes: [...connected.problems, ...new Set(answers.flatMap((answer) => answer.value.closeReasons))],
        });
      } finally {
        await fleet.closeClients();
        await server.dispose();
      }
    }
  }
}
