// Fan-out: D documents × C clients, total edit rate R; edit-to-every-peer latency.
import type { Column } from '../results.ts';
import { startServer } from '../targets.ts';
import { alternation, type ScenarioContext } from './context.ts';
import { connectLayout, measureFanout, type Layout, type Timing, type Workload } from './measure-fanout.ts';

export interface FanoutCase extends Layout {
  rate: number;
}

export const fanoutColumns: Column[] = [
  { key: 'p50', label: 'p50 ms', digits: 1, ratio: true },
  { key: 'p95', label: 'p95 ms', digits: 1, ratio: false },
  { key: 'p99', label: 'p99 ms', digits: 1, ratio: true },
  { key: 'max', label: 'max ms', digits: 0, ratio: false },
  { key: 'deliveredPct', label: 'delivered %', digits: 1, ratio: false },
  { key: 'serverCpuPct', label: 'srv CPU %', digits: 0, ratio: true },
  { key: 'serverRssMB', label: 'srv RSS MB', digits: 0, ratio: true },
  { key: 'loadCpuPct', label: 'load CPU %', digits: 0, ratio: false },
  { key: 'loadEldP99', label: 'load ELD p99 ms', digits: 1, ratio: false },
];

/** "20x50@200" → 20 notes pages × 50 clients at 200 edits/s in total; "chat:20x50@200" → 20 channels. */
export function parseFanoutCase(text: string): FanoutCase {
  const match = /^(?:(notes|chat):)?(\d+)x(\d+)@(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new Error(`bad fan-out case "${text}" (expected [chat:]DxC@R, e.g. 20x50@200 or chat:20x50@200)`);
  return { workload: (match[1] as Workload | undefined) ?? 'notes', docs: Number(match[2]), clientsPerDoc: Number(match[3]), rate: Number(match[4]) };
}

/** Notes cases keep the label earlier runs used; chat cases say so. */
export function fanoutLabel(c: FanoutCase): string {
  return `${c.workload === 'chat' ? 'chat ' : ''}${c.docs}×${c.clientsPerDoc} @ ${c.rate}/s`;
}

export async function runFanoutScenario(context: ScenarioContext, cases: FanoutCase[], timing: Timing): Promise<void> {
  for (const fanoutCase of cases) {
    for (let rep = 0; rep < context.reps; rep++) {
      for (const target of alternation(context.targets, rep)) {
        context.log(`fan-out ${fanoutLabel(fanoutCase)} on ${target.label}, rep ${rep + 1}/${context.reps}`);
        const server = await startServer(target, context.serverOptions);
        const fleet = context.fleet;
        try {
          const connected = await connectLayout(fleet, server, fanoutCase, context.awareness);
          const figures = await measureFanout(fleet, server, connected.perWorker, fanoutCase.clientsPerDoc, fanoutCase.rate, timing);
          const m = figures.metrics;
          context.log(
            `  server CPU ${m.serverCpuPct.toFixed(0)} %: main thread user ${m.serverMainUserPct.toFixed(0)} %, system ${m.serverMainSystemPct.toFixed(0)} %, other threads ${m.serverOtherThreadsPct.toFixed(0)} %; ` +
              `per edit ${m.serverWriteCallsPerEdit.toFixed(1)} write calls, ${m.serverWrittenBytesPerEdit.toFixed(0)} bytes; ` +
              `pid ${server.pid}, measured window ${figures.windowUs.join('-')} µs on the monotonic clock (profile-summary.ts FILE@FROM-TO)`,
          );
          context.record({
            scenario: 'fanout',
            caseLabel: fanoutLabel(fanoutCase),
            x: fanoutCase.rate,
            target: target.id,
            rep,
            metrics: figures.metrics,
            notes: [...connected.problems, ...figures.notes],
          });
        } finally {
          await fleet.closeClients();
          await server.dispose();
        }
      }
    }
  }
}
