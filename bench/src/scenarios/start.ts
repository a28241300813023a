// Start-up: from spawning the server to its first `/health` 200 (for bare Hocuspocus, which has no
// health route, its first 200 on the same path), and its memory with no connection, settled.
import { rssBytes } from '../proc-stats.ts';
import type { Column } from '../results.ts';
import { median } from '../stats.ts';
import { delay, startServer } from '../targets.ts';
import { alternation, type ScenarioContext } from './context.ts';

export const startColumns: Column[] = [
  { key: 'readyMs', label: 'start→ready ms', digits: 0, ratio: true },
  { key: 'listeningMs', label: 'start→listening ms', digits: 0, ratio: false },
  { key: 'readyCpuMs', label: 'CPU to ready ms', digits: 0, ratio: true },
  { key: 'rssMB', label: 'RSS, no connection MB', digits: 1, ratio: true },
];

export async function runStartScenario(context: ScenarioContext): Promise<void> {
  for (let rep = 0; rep < context.reps; rep++) {
    for (const target of alternation(context.targets, rep)) {
      context.log(`start-up of ${target.label}, rep ${rep + 1}/${context.reps}`);
      const server = await startServer(target, context.serverOptions);
      try {
        // What start-up left behind, once timers and lazy work after "listening" have run.
        await delay(context.quick ? 500 : 2000);
        const readings: number[] = [];
        for (let i = 0; i < 5; i++) {
          readings.push(rssBytes(server.pid));
          await delay(100);
        }
        context.record({
          scenario: 'start',
          caseLabel: context.serverOptions.runtime,
          target: target.id,
          rep,
          metrics: { readyMs: server.readyMs, listeningMs: server.listeningMs, readyCpuMs: server.readyCpuMs, rssMB: median(readings) / 2 ** 20 },
          notes: [],
        });
      } finally {
        await server.dispose();
      }
    }
  }
}
