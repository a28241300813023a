// Idle connections: server RSS per connection at rising connection counts (one WebSocket and one
// provider per connection, `perDoc` connections per document).
import type { ClientSpec, ConnectResult } from '../load/protocol.ts';
import { rssBytes, startCpuWindow } from '../proc-stats.ts';
import type { Column } from '../results.ts';
import { median } from '../stats.ts';
import { benchSecret, delay, startServer, type RunningServer } from '../targets.ts';
import { alternation, benchOrg, freshId, type ScenarioContext } from './context.ts';

export const idleColumns: Column[] = [
  { key: 'perConnKB', label: 'KB per connection', digits: 1, ratio: true },
  { key: 'rssMB', label: 'srv RSS MB', digits: 0, ratio: true },
  { key: 'baseRssMB', label: 'RSS at 0 MB', digits: 0, ratio: false },
  { key: 'connectPerSec', label: 'connects/s', digits: 0, ratio: true },
  { key: 'idleCpuPct', label: 'idle srv CPU %', digits: 1, ratio: false },
  { key: 'loadCpuPct', label: 'load CPU % (connect)', digits: 0, ratio: false },
];

async function settledRss(server: RunningServer, quick: boolean): Promise<number> {
  // RSS settles after the connection burst; take the median of a few late readings.
  await delay(quick ? 300 : 1000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssBytes(server.pid));
    await delay(quick ? 50 : 200);
  }
  return median(readings);
}

export async function runIdleScenario(context: ScenarioContext, levels: number[], perDoc: number): Promise<void> {
  const sorted = [...levels].sort((a, b) => a - b);
  for (let rep = 0; rep < context.reps; rep++) {
    for (const target of alternation(context.targets, rep)) {
      context.log(`idle connections up to ${sorted.at(-1)} on ${target.label}, rep ${rep + 1}/${context.reps}`);
      const server = await startServer(target, context.serverOptions);
      const fleet = context.fleet;
      try {
        const base = await settledRss(server, context.quick);
        let open = 0;
        let doc = '';
        for (const level of sorted) {
          const perWorker: ClientSpec[][] = Array.from({ length: fleet.size }, () => []);
          for (let i = open; i < level; i++) {
            if (i % perDoc === 0) doc = `${benchOrg}:notes:${freshId('idle')}`;
            perWorker[i % fleet.size].push({ doc, user: `idle-${i}` });
          }
          const t0 = performance.now();
          const answers = await fleet.all<ConnectResult>(
            perWorker.map((clients) => ({
              kind: 'connect' as const,
              url: server.url,
              auth: { secret: benchSecret, org: benchOrg },
              clients,
              awareness: context.awareness,
              concurrency: 200,
            })),
          );
          const connectSeconds = (performance.now() - t0) / 1000;
          const connected = answers.reduce((sum, answer) => sum + answer.value.connected, 0);
          open = level;
          const idleWindow = startCpuWindow(server.pid);
          const rss = await settledRss(server, context.quick);
          const idle = idleWindow.stop();
          const failed = answers.reduce((sum, answer) => sum + answer.value.failed, 0);
          context.record({
            scenario: 'idle',
            caseLabel: `${level} idle`,
            x: level,
            target: target.id,
            rep,
            metrics: {
              perConnKB: (rss - base) / level / 1024,
              rssMB: rss / 2 ** 20,
              baseRssMB: base / 2 ** 20,
              connectPerSec: connected / connectSeconds,
              idleCpuPct: idle.cpuPct,
              loadCpuPct: answers.reduce((sum, answer) => sum + answer.load.cpuPct, 0),
            },
            notes: failed
              ? [`${failed} connections failed: ${[...new Set(answers.flatMap((answer) => answer.value.closeReasons))].join('; ')}`]
              : [],
          });
        }
      } finally {
        await fleet.closeClients();
        await server.dispose();
      }
    }
  }
}
