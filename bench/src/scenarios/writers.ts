// Many writers on one document: W clients on one document, all writing; the total rate climbs
// in steps until p99 passes the limit (or deliveries fall behind).
import type { Column } from '../results.ts';
import { startServer } from '../targets.ts';
import { alternation, type ScenarioContext } from './context.ts';
import { connectLayout, measureFanout, type Timing } from './measure-fanout.ts';

export const writerStepColumns: Column[] = [
  { key: 'p50', label: 'p50 ms', digits: 1, ratio: true },
  { key: 'p99', label: 'p99 ms', digits: 1, ratio: true },
  { key: 'max', label: 'max ms', digits: 0, ratio: false },
  { key: 'deliveredPct', label: 'delivered %', digits: 1, ratio: false },
  { key: 'serverCpuPct', label: 'srv CPU %', digits: 0, ratio: true },
  { key: 'loadCpuPct', label: 'load CPU %', digits: 0, ratio: false },
  { key: 'loadEldP99', label: 'load ELD p99 ms', digits: 1, ratio: false },
];

export const writerKneeColumns: Column[] = [
  { key: 'lastOkRate', label: 'highest edits/s with p99 ≤ limit', digits: 0, ratio: true },
  { key: 'firstBadRate', label: 'edits/s where p99 passes limit', digits: 0, ratio: false },
  { key: 'p99AtLowest', label: 'p99 ms at lowest step', digits: 1, ratio: true },
];

export async function runWritersScenario(
  context: ScenarioContext,
  writerCounts: number[],
  rates: number[],
  p99LimitMs: number,
  timing: Timing,
): Promise<void> {
  for (const writers of writerCounts) {
    for (let rep = 0; rep < context.reps; rep++) {
      for (const target of alternation(context.targets, rep)) {
        context.log(`${writers} writers on one document, ${target.label}, rep ${rep + 1}/${context.reps}`);
        const server = await startServer(target, context.serverOptions);
        const fleet = context.fleet;
        try {
          const connected = await connectLayout(fleet, server, { docs: 1, clientsPerDoc: writers }, context.awareness);
          let lastOkRate = 0;
          let firstBadRate = Number.NaN;
          let p99AtLowest = Number.NaN;
          const notes = [...connected.problems];
          for (const [step, rate] of rates.entries()) {
            // The first step also warms up the server's code paths (JIT): at 5 edits/s a short
            // warm-up leaves the first, slow edits inside the measured window.
            const stepTiming = step === 0 ? { ...timing, warmupMs: Math.max(timing.warmupMs, 2000) } : timing;
            const figures = await measureFanout(fleet, server, connected.perWorker, writers, rate, stepTiming);
            context.record({
              scenario: 'writers-steps',
              caseLabel: `${writers} writers @ ${rate}/s`,
              x: rate,
              target: target.id,
              rep,
              metrics: { ...figures.metrics, writers },
              notes: figures.notes,
            });
            if (Number.isNaN(p99AtLowest)) p99AtLowest = figures.metrics.p99;
            const ok = figures.metrics.p99 <= p99LimitMs && figures.metrics.deliveredPct >= 99;
            if (!ok) {
              firstBadRate = rate;
              break;
            }
            lastOkRate = rate;
          }
          context.record({
            scenario: 'writers',
            caseLabel: `${writers} writers`,
            x: writers,
            target: target.id,
            rep,
            metrics: { lastOkRate, firstBadRate, p99AtLowest },
            notes,
          });
        } finally {
          await fleet.closeClients();
          await server.dispose();
        }
      }
    }
  }
}
