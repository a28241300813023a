// Trace replay: the whole recorded editing history through the server, one update per
// transaction, checked against the trace's final text.
import type { ReplayResult } from '../load/protocol.ts';
import { startCpuWindow } from '../proc-stats.ts';
import type { Column } from '../results.ts';
import { basename } from 'node:path';
import { benchSecret, startServer } from '../targets.ts';
import { alternation, benchOrg, freshId, type ScenarioContext } from './context.ts';

export const replayColumns: Column[] = [
  { key: 'editsPerSec', label: 'edits/s', digits: 0, ratio: true },
  { key: 'seconds', label: 'seconds', digits: 1, ratio: false },
  { key: 'edits', label: 'edits', digits: 0, ratio: false },
  { key: 'textMatches', label: 'text = expected (1/0)', digits: 0, ratio: false },
  { key: 'serverCpuPct', label: 'srv CPU %', digits: 0, ratio: false },
  { key: 'serverRssMB', label: 'srv RSS MB', digits: 0, ratio: false },
  { key: 'loadCpuPct', label: 'load CPU %', digits: 0, ratio: false },
  { key: 'loadEldP99', label: 'load ELD p99 ms', digits: 1, ratio: false },
];

export async function runReplayScenario(context: ScenarioContext, limit: number, window: number): Promise<void> {
  const label = `${basename(context.tracePath)}${limit > 0 ? ` (first ${limit})` : ''}`;
  for (let rep = 0; rep < context.reps; rep++) {
    for (const target of alternation(context.targets, rep)) {
      context.log(`replay ${label} on ${target.label}, rep ${rep + 1}/${context.reps}`);
      const server = await startServer(target, context.serverOptions);
      const fleet = context.fleet;
      try {
        const cpu = startCpuWindow(server.pid);
        const answer = await fleet.send<ReplayResult>(0, {
          kind: 'replay',
          url: server.url,
          auth: { secret: benchSecret, org: benchOrg },
          doc: `${benchOrg}:notes:${freshId('replay')}`,
          tracePath: context.tracePath,
          limit,
          window,
        });
        const server_ = cpu.stop();
        const result = answer.value;
        context.record({
          scenario: 'replay',
          caseLabel: label,
          target: target.id,
          rep,
          metrics: {
            editsPerSec: result.edits / (result.ms / 1000),
            seconds: result.ms / 1000,
            edits: result.edits,
            textMatches: result.textMatches ? 1 : 0,
            serverCpuPct: server_.cpuPct,
            serverRssMB: server_.rssMaxBytes / 2 ** 20,
            loadCpuPct: answer.load.cpuPct,
            loadEldP99: answer.load.eldP99Ms,
          },
          notes: result.textMatches
            ? result.closeReasons
            : [`final text differs (${result.textLength} vs ${result.expectedLength} chars)`, ...result.closeReasons],
        });
      } finally {
        await server.dispose();
      }
    }
  }
}
