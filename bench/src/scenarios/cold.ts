// Cold load: two documents of N MB are built through the server, the server restarts (graceful
// stop, same data dir), and a new client's connect → synced time is measured for the first, then
// for the second: the first load after a restart also pays for a process whose code has not run
// yet (the JIT compiles Yjs's decoder and encoder on it), the second is a document not in memory
// on a server that has been running — the usual case in production. One restart per sample.
import { rmSync } from 'node:fs';
import type { Fleet } from '../fleet.ts';
import { cpuMsPrecise } from '../proc-stats.ts';
import type { FillResult, LoadResult } from '../load/protocol.ts';
import type { Column } from '../results.ts';
import { benchSecret, makeDataDir, startServer, type Target } from '../targets.ts';
import { alternation, benchOrg, freshId, type ScenarioContext } from './context.ts';

export const coldColumns: Column[] = [
  { key: 'loadMs', label: 'connect→synced ms', digits: 1, ratio: true },
  { key: 'docMB', label: 'doc MB', digits: 2, ratio: false },
  { key: 'serverCpuMs', label: 'srv CPU ms', digits: 1, ratio: true },
  { key: 'loadCpuPct', label: 'load CPU %', digits: 0, ratio: false },
];

interface Prepared {
  target: Target;
  mb: number;
  dataDir: string;
  docs: string[];
  bytes: number;
}

async function prepare(context: ScenarioContext, fleet: Fleet, target: Target, mb: number): Promise<Prepared> {
  const dataDir = makeDataDir();
  const docs = [`${benchOrg}:notes:${freshId(`cold${mb}mb`)}`, `${benchOrg}:notes:${freshId(`cold${mb}mb`)}`];
  const server = await startServer(target, context.serverOptions, dataDir);
  try {
    let bytes = 0;
    for (const doc of docs) {
      const answer = await fleet.send<FillResult>(0, {
        kind: 'fill',
        url: server.url,
        auth: { secret: benchSecret, org: benchOrg },
        doc,
        bytes: mb * 2 ** 20,
      });
      bytes = Math.min(bytes || answer.value.bytes, answer.value.bytes);
    }
    return { target, mb, dataDir, docs, bytes };
  } finally {
    await server.stop();
  }
}

export async function runColdScenario(context: ScenarioContext, sizesMb: number[]): Promise<void> {
  const persistent = context.targets.filter((target) => target.persistent);
  if (persistent.length === 0) return;
  const fleet = context.fleet;
  const prepared: Prepared[] = [];
  try {
    for (const mb of sizesMb) {
      for (const target of persistent) {
        context.log(`cold load: building a ${mb} MB document on ${target.label}`);
        prepared.push(await prepare(context, fleet, target, mb));
      }
    }
    for (const mb of sizesMb) {
      for (let rep = 0; rep < context.reps; rep++) {
        for (const target of alternation(persistent, rep)) {
          const ready = prepared.find((p) => p.mb === mb && p.target.id === target.id)!;
          context.log(`cold load of ${mb} MB on ${target.label}, rep ${rep + 1}/${context.reps}`);
          const server = await startServer(target, context.serverOptions, ready.dataDir);
          try {
            for (const [i, doc] of ready.docs.entries()) {
              // The server's CPU over the load, which other processes on the machine disturb far less
              // than the wall clock.
              const cpu0 = cpuMsPrecise(server.pid);
              const answer = await fleet.send<LoadResult>(0, {
                kind: 'load',
                url: server.url,
                auth: { secret: benchSecret, org: benchOrg },
                doc,
                expectBytes: ready.bytes,
              });
              context.record({
                scenario: 'cold',
                caseLabel: `${mb} MB, ${i === 0 ? 'first after restart' : 'second (process warm)'}`,
                x: mb,
                target: target.id,
                rep,
                metrics: { loadMs: answer.value.ms, serverCpuMs: cpuMsPrecise(server.pid) - cpu0, docMB: answer.value.bytes / 2 ** 20, loadCpuPct: answer.load.cpuPct },
                notes: [],
              });
            }
          } finally {
            await server.stop();
          }
        }
      }
    }
  } finally {
    for (const p of prepared) rmSync(p.dataDir, { recursive: true, force: true });
  }
}
