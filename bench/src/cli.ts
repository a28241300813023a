// `npm run bench -- [options]`: runs the chosen scenarios on the chosen servers, prints tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { installCleanup, killAll } from './children.ts';
import { helpText, parseOptions, type Options } from './options.ts';
import { renderTable, type TableSpec } from './report/table.ts';
import { aggregate, type Sample } from './results.ts';
import type { ScenarioContext } from './scenarios/context.ts';
import { coldColumns, runColdScenario } from './scenarios/cold.ts';
import { durableColumns, runDurableScenario } from './scenarios/durable.ts';
import { fanoutColumns, parseFanoutCase, runFanoutScenario } from './scenarios/fanout.ts';
import { idleColumns, runIdleScenario } from './scenarios/idle.ts';
import { replayColumns, runReplayScenario } from './scenarios/replay.ts';
import { runWritersScenario, writerKneeColumns, writerStepColumns } from './scenarios/writers.ts';
import { renderChart } from './report/chart.ts';
import { startFleet } from './fleet.ts';
import { snapshotConcord } from './snapshot.ts';
import { repoRoot, targets } from './targets.ts';

async function main(options: Options): Promise<void> {
  installCleanup();
  const snapshot = options.servers.includes('concord') && options.concordRev !== 'worktree' ? snapshotConcord(options.concordRev) : undefined;
  const fleet = await startFleet(options.loaders);
  const samples: Sample[] = [];
  const started = performance.now();
  const context: ScenarioContext = {
    targets: options.servers.map((id) => targets[id]),
    reps: options.reps,
    fleet,
    quick: options.quick,
    serverOptions: { concordNodeOptions: options.concordNodeOptions, concordRoot: snapshot?.root ?? repoRoot, logLevel: options.logLevel },
    awareness: options.awareness,
    tracePath: options.trace,
    record: (sample) => samples.push(sample),
    log: (message) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`),
  };
  const tables: TableSpec[] = [];
  // Saved after every scenario, so a crash late in a long run keeps what was measured.
  const save = () => {
    if (options.out) writeFileSync(options.out, JSON.stringify({ options, commit: snapshot?.commit, samples, aggregates: aggregate(samples) }, null, 2));
  };
  const timing = { warmupMs: options.warmupMs, measureMs: options.measureMs, drainMs: options.quick ? 500 : 1000, payloadBytes: options.payloadBytes };

  if (options.scenarios.includes('fanout')) {
    await runFanoutScenario(context, options.fanout.map(parseFanoutCase), timing);
    tables.push({ title: 'Fan-out: edit-to-every-peer latency', scenario: 'fanout', columns: fanoutColumns, ratioTo: 'bare' });
    save();
  }
  if (options.scenarios.includes('writers')) {
    const stepTiming = { ...timing, warmupMs: options.quick ? 300 : 500, measureMs: options.quick ? 1000 : 2000, drainMs: 500 };
    await runWritersScenario(context, options.writers, options.writerRates, options.p99LimitMs, stepTiming);
    tables.push({ title: `Many writers on one document: where p99 passes ${options.p99LimitMs} ms`, scenario: 'writers', columns: writerKneeColumns, ratioTo: 'bare' });
    tables.push({ title: 'Many writers on one document: each step', scenario: 'writers-steps', columns: writerStepColumns, ratioTo: 'bare' });
    save();
  }
  if (options.scenarios.includes('idle')) {
    await runIdleScenario(context, options.idle, options.idlePerDoc);
    tables.push({ title: `Idle connections (${options.idlePerDoc} per document)`, scenario: 'idle', columns: idleColumns, ratioTo: 'bare' });
    save();
  }
  if (options.scenarios.includes('cold')) {
    await runColdScenario(context, options.coldMb);
    tables.push({ title: 'Cold load after a restart (bare Hocuspocus keeps nothing: not comparable)', scenario: 'cold', columns: coldColumns, ratioTo: 'sqlite' });
    save();
  }
  if (options.scenarios.includes('durable')) {
    await runDurableScenario(context, options.durableClients, options.quick ? 300 : 1000, options.durableMs);
    tables.push({ title: 'Durable append: closed-loop acknowledged edits', scenario: 'durable', columns: durableColumns, ratioTo: 'bare' });
    save();
  }
  if (options.scenarios.includes('replay')) {
    await runReplayScenario({ ...context, reps: options.replayReps }, options.replayLimit, options.replayWindow);
    tables.push({ title: 'Trace replay through the server', scenario: 'replay', columns: replayColumns, ratioTo: 'bare' });
    save();
  }

  const aggregates = aggregate(samples);
  if (snapshot) console.log(`Concord: commit ${snapshot.commit}\n`);
  const output = tables.map((spec) => renderTable(spec, aggregates)).filter(Boolean).join('\n');
  console.log(output);
  if (options.chart) {
    const svg = renderChart(aggregates, options.p99LimitMs);
    if (svg) {
      mkdirSync(dirname(options.chart), { recursive: true });
      writeFileSync(options.chart, svg);
    }
  }
  save();
  await fleet.close();
  context.log('done');
}

let options: Options | 'help';
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error('Try --help.');
  process.exit(2);
}
if (options === 'help') {
  console.log(helpText);
} else {
  main(options).then(
    () => {
      killAll();
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      killAll();
      process.exit(1);
    },
  );
}
