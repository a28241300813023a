// `npm run bench -- [options]`: runs the chosen scenarios on the chosen servers, prints tables.
import { writeFileSync } from 'node:fs';
import { installCleanup, killAll } from './children.ts';
import { helpText, parseOptions, type Options } from './options.ts';
import { renderTable, type TableSpec } from './report/table.ts';
import { aggregate, type Sample } from './results.ts';
import type { ScenarioContext } from './scenarios/context.ts';
import { fanoutColumns, parseFanoutCase, runFanoutScenario } from './scenarios/fanout.ts';
import { targets } from './targets.ts';

async function main(options: Options): Promise<void> {
  installCleanup();
  const samples: Sample[] = [];
  const started = performance.now();
  const context: ScenarioContext = {
    targets: options.servers.map((id) => targets[id]),
    reps: options.reps,
    loaders: options.loaders,
    quick: options.quick,
    serverOptions: { concordNodeOptions: options.concordNodeOptions, logLevel: options.logLevel },
    awareness: options.awareness,
    tracePath: options.trace,
    record: (sample) => samples.push(sample),
    log: (message) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`),
  };
  const tables: TableSpec[] = [];
  const timing = { warmupMs: options.warmupMs, measureMs: options.measureMs, drainMs: 1000, payloadBytes: options.payloadBytes };

  if (options.scenarios.includes('fanout')) {
    await runFanoutScenario(context, options.fanout.map(parseFanoutCase), timing);
    tables.push({ title: 'Fan-out: edit-to-every-peer latency', scenario: 'fanout', columns: fanoutColumns, ratioTo: 'bare' });
  }

  const aggregates = aggregate(samples);
  const output = tables.map((spec) => renderTable(spec, aggregates)).filter(Boolean).join('\n');
  console.log(output);
  if (options.out) writeFileSync(options.out, JSON.stringify({ options, samples, aggregates }, null, 2));
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
