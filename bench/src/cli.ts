// `npm run bench -- [options]`: runs the chosen scenarios on the chosen servers, prints tables.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { installCleanup, runThenExit } from './children.ts';
import { helpText, parseOptions, type Options } from './options.ts';
import { tableSpecs } from './report/specs.ts';
import { renderTable } from './report/table.ts';
import { aggregate, type Sample } from './results.ts';
import type { ScenarioContext } from './scenarios/context.ts';
import { runColdScenario } from './scenarios/cold.ts';
import { runDurableScenario } from './scenarios/durable.ts';
import { parseFanoutCase, runFanoutScenario } from './scenarios/fanout.ts';
import { runIdleScenario } from './scenarios/idle.ts';
import { runReplayScenario } from './scenarios/replay.ts';
import { runStartScenario } from './scenarios/start.ts';
import { runWritersScenario } from './scenarios/writers.ts';
import { renderChart } from './report/chart.ts';
import { startFleet } from './fleet.ts';
import { snapshotConcord } from './snapshot.ts';
import { prepareRuntime } from './runtime.ts';
import { repoRoot, targets } from './targets.ts';

async function main(options: Options): Promise<void> {
  installCleanup();
  for (const notice of options.notices) console.error(notice);
  const snapshot = options.servers.includes('concord') && options.concordRev !== 'worktree' ? snapshotConcord(options.concordRev) : undefined;
  const concordRoot = snapshot?.root ?? repoRoot;
  await prepareRuntime(options.runtime, concordRoot, options.servers.map((id) => targets[id]));
  const fleet = await startFleet(options.loaders);
  const samples: Sample[] = [];
  const started = performance.now();
  const context: ScenarioContext = {
    targets: options.servers.map((id) => targets[id]),
    reps: options.reps,
    fleet,
    quick: options.quick,
    serverOptions: { concordNodeOptions: options.concordNodeOptions, baselineNodeOptions: options.baselineNodeOptions, concordRoot, logLevel: options.logLevel, runtime: options.runtime },
    awareness: options.awareness,
    tracePath: options.trace,
    record: (sample) => samples.push(sample),
    log: (message) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`),
  };
  // Saved after every scenario, so a crash late in a long run keeps what was measured.
  const save = () => {
    if (options.out) writeFileSync(options.out, JSON.stringify({ options, commit: snapshot?.commit, samples, aggregates: aggregate(samples) }, null, 2));
  };
  const timing = { warmupMs: options.warmupMs, measureMs: options.measureMs, drainMs: options.quick ? 500 : 1000, payloadBytes: options.payloadBytes };

  if (options.scenarios.includes('start')) {
    await runStartScenario(context);
    save();
  }
  if (options.scenarios.includes('fanout')) {
    await runFanoutScenario(context, options.fanout.map(parseFanoutCase), timing);
    save();
  }
  if (options.scenarios.includes('writers')) {
    const stepTiming = { ...timing, warmupMs: options.quick ? 300 : 500, measureMs: options.quick ? 1000 : 2000, drainMs: 500 };
    await runWritersScenario(context, options.writers, options.writerRates, options.p99LimitMs, stepTiming);
    save();
  }
  if (options.scenarios.includes('idle')) {
    await runIdleScenario(context, options.idle, options.idlePerDoc);
    save();
  }
  if (options.scenarios.includes('cold')) {
    await runColdScenario(context, options.coldMb);
    save();
  }
  if (options.scenarios.includes('durable')) {
    await runDurableScenario(context, options.durableClients, options.quick ? 300 : 1000, options.durableMs);
    save();
  }
  if (options.scenarios.includes('replay')) {
    await runReplayScenario({ ...context, reps: options.replayReps }, options.replayLimit, options.replayWindow);
    save();
  }

  report(options, samples, snapshot?.commit);
  save();
  await fleet.close();
  context.log('done');
}

function report(options: Options, samples: Sample[], commit: string | undefined): void {
  const aggregates = aggregate(samples);
  if (commit) console.log(`Concord: commit ${commit}\n`);
  const specs = tableSpecs(options.p99LimitMs, options.idlePerDoc);
  console.log(specs.map((spec) => renderTable(spec, aggregates)).filter(Boolean).join('\n'));
  if (options.chart) {
    const svg = renderChart(aggregates, options.p99LimitMs);
    if (svg) {
      mkdirSync(dirname(options.chart), { recursive: true });
      writeFileSync(options.chart, svg);
    }
  }
}

/** Prints the tables (and writes the chart) of an earlier run's --out file, running nothing. */
function reportFrom(options: Options, file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { samples: Sample[]; commit?: string };
  report(options, saved.samples, saved.commit);
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
} else if (options.report) {
  reportFrom(options, options.report);
} else {
  runThenExit(() => main(options));
}
