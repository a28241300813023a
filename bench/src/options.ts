// Command-line flags, their defaults, and the --quick defaults (a CI smoke run under 60 s).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runtimes, type Runtime } from './runtime.ts';
import { concordAvailable, repoRoot, type TargetId } from './targets.ts';

export const scenarioNames = ['start', 'fanout', 'writers', 'idle', 'cold', 'durable', 'replay'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

// The recorded editing traces are too large for the repository (about 2 MB); each user downloads
// them once. The small one the tests replay is kept in shared/test/traces.
export const DEFAULT_TRACES_DIR = join(repoRoot, 'bench/traces');
export const TRACE_FILE = 'automerge-paper.json.gz';
export const TRACES_SOURCE =
  'https://github.com/josephg/editing-traces (sequential_traces/automerge-paper.json.gz; CC BY 4.0, by Martin Kleppmann and Joseph Gentle)';

export const helpText = `Concord benchmarks: Concord vs bare Hocuspocus 4 vs Hocuspocus + SQLite extension.

Usage: npm run bench -- [options]

Each server runs as its own process; real providers run in separate load processes. Servers get
the same load in alternation; each figure is the median of --reps repetitions.

General
  --scenarios LIST      comma list of ${scenarioNames.join(', ')} (default: all)
  --servers LIST        comma list of bare, sqlite, concord (default: all; concord only when
                        server/src/main.ts exists). durable adds concord-fsync to concord.
  --reps N              repetitions per case (default 3, quick 1)
  --loaders N           load processes (default 2)
  --quick               small loads and short windows: a smoke run for CI (< 60 s)
  --out FILE            also write every sample and median as JSON
  --report FILE         print the tables (and --chart) of an earlier --out FILE; runs nothing
  --chart FILE          write an SVG chart of fan-out/writers latency against load
  --awareness           give every client awareness (off by default: figures are about updates)
  --server-node-options="OPTS"   node options for Concord's process (note the =), e.g.
                        --server-node-options="--cpu-prof --cpu-prof-dir=/tmp/prof"
  --baseline-node-options="OPTS" the same for the baselines' processes (bare, sqlite), e.g. to
                        profile bare Hocuspocus on the same load for a differential profile
  --concord-rev REV     run Concord's server/ and shared/ as committed at REV (default HEAD), or
                        "worktree" for the working tree as it is (others may be mid-edit)
  --log-level LEVEL     Concord's LOG_LEVEL (default info)
  --runtime R           bundle: every server as JavaScript, Concord as the image runs it
                        (server/dist/main.mjs, built from the Concord measured); tsx: every
                        server's TypeScript through tsx, as \`npm start\` (default bundle)
  --help                this text

start-up
  (no flags)            spawn → first /health 200, and RSS with no connection 2 s later

fan-out
  --fanout CASES        [chat:]DxC@R list: D documents × C clients at R edits/s in total; a
                        notes page gets a paragraph per edit, a chat: channel a message per edit
                        (default 20x50@200,1x50@200,chat:20x50@200,chat:1x50@200;
                        quick 2x10@50,chat:2x10@50)
  --warmup-ms N         discarded start of each measurement (default 1500; quick 300)
  --measure-ms N        measured window (default 5000; quick 1500)
  --payload-bytes N     characters per edit (default 32)

many writers on one document
  --writers LIST        writer counts (default 50,200,500; quick 20)
  --writer-rates LIST   total edits/s steps, climbed until p99 passes the limit (default 5,10,25,50,100; quick 50); each step 0.5 s warm-up + 2 s measured
  --p99-limit-ms N      (default 100)

idle connections
  --idle LIST           connection counts (default 1000,5000,10000; quick 200)
  --idle-per-doc N      connections per document (default 50)

cold load
  --cold-mb LIST        document sizes in MB (default 1,10; quick 1)

durable append
  --durable-clients N   clients, each on its own document, edit → wait for ack → edit (default 8)
  --durable-ms N        measured window (default 5000; quick 1000)

replay
  --traces DIR          directory holding the recorded editing traces (default $CONCORD_TRACES,
                        else bench/traces); download ${TRACE_FILE} into it from
                        ${TRACES_SOURCE}
  --trace FILE          the trace to replay (default DIR/${TRACE_FILE}); without it, the
                        default scenario list leaves replay out and says so
  --replay-limit N      replay only the first N transactions (default 0 = all; quick 5000)
  --replay-window N     most unacknowledged updates in flight (default 256)
  --replay-reps N       repetitions of the replay (default 1: the whole trace is a large sample
                        and takes up to minutes per server; quick 1)
`;

export interface Options {
  scenarios: ScenarioName[];
  servers: TargetId[];
  reps: number;
  loaders: number;
  quick: boolean;
  out?: string;
  report?: string;
  chart?: string;
  awareness: boolean;
  concordNodeOptions: string[];
  baselineNodeOptions: string[];
  concordRev: string;
  logLevel: string;
  runtime: Runtime;
  fanout: string[];
  warmupMs: number;
  measureMs: number;
  payloadBytes: number;
  writers: number[];
  writerRates: number[];
  p99LimitMs: number;
  idle: number[];
  idlePerDoc: number;
  coldMb: number[];
  durableClients: number;
  durableMs: number;
  trace: string;
  /** Things the user should know about the chosen run (a scenario left out, and why). */
  notices: string[];
  replayLimit: number;
  replayWindow: number;
  replayReps: number;
}

// `npm run bench` runs in bench/; relative paths mean the directory npm was invoked from.
function fromInvocationDir(path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}

function numbers(text: string, flag: string): number[] {
  return list(text).map((item) => positive(item, flag));
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag}: "${text}" is not a number ≥ 0`);
  return value;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean' },
      quick: { type: 'boolean' },
      scenarios: { type: 'string' },
      servers: { type: 'string' },
      reps: { type: 'string' },
      loaders: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
      chart: { type: 'string' },
      awareness: { type: 'boolean' },
      'server-node-options': { type: 'string' },
      'baseline-node-options': { type: 'string' },
      'log-level': { type: 'string' },
      runtime: { type: 'string' },
      'concord-rev': { type: 'string' },
      fanout: { type: 'string' },
      'warmup-ms': { type: 'string' },
      'measure-ms': { type: 'string' },
      'payload-bytes': { type: 'string' },
      writers: { type: 'string' },
      'writer-rates': { type: 'string' },
      'p99-limit-ms': { type: 'string' },
      idle: { type: 'string' },
      'idle-per-doc': { type: 'string' },
      'cold-mb': { type: 'string' },
      'durable-clients': { type: 'string' },
      'durable-ms': { type: 'string' },
      traces: { type: 'string' },
      trace: { type: 'string' },
      'replay-limit': { type: 'string' },
      'replay-window': { type: 'string' },
      'replay-reps': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const pick = (flag: keyof typeof values, full: string, short: string): string => {
    const given = values[flag];
    return typeof given === 'string' ? given : quick ? short : full;
  };

  const notices: string[] = [];
  const tracesDir = fromInvocationDir(values.traces ?? process.env.CONCORD_TRACES) ?? DEFAULT_TRACES_DIR;
  const trace = fromInvocationDir(values.trace) ?? join(tracesDir, TRACE_FILE);
  const missingTrace = `the replay scenario needs the editing trace ${trace}, which does not exist. Download ${TRACE_FILE} from ${TRACES_SOURCE} into ${tracesDir} (or name another directory with --traces DIR or CONCORD_TRACES, or a file with --trace FILE).`;
  let scenarios = list(pick('scenarios', scenarioNames.join(','), scenarioNames.join(',')));
  for (const scenario of scenarios) {
    if (!(scenarioNames as readonly string[]).includes(scenario)) throw new Error(`unknown scenario "${scenario}"`);
  }
  if (scenarios.includes('replay') && !values.report && !existsSync(trace)) {
    if (values.scenarios !== undefined) throw new Error(missingTrace);
    scenarios = scenarios.filter((scenario) => scenario !== 'replay');
    notices.push(`Leaving replay out: ${missingTrace}`);
  }
  const runtime = values.runtime ?? 'bundle';
  if (!(runtimes as readonly string[]).includes(runtime)) throw new Error(`unknown runtime "${runtime}" (${runtimes.join(', ')})`);
  const defaultServers = concordAvailable() ? 'bare,sqlite,concord' : 'bare,sqlite';
  const servers = list(pick('servers', defaultServers, defaultServers));
  for (const server of servers) {
    if (!['bare', 'sqlite', 'concord'].includes(server)) throw new Error(`unknown server "${server}" (bare, sqlite, concord)`);
    if (server === 'concord' && !concordAvailable()) throw new Error('server/src/main.ts does not exist yet');
  }

  return {
    scenarios: scenarios as ScenarioName[],
    servers: servers as TargetId[],
    reps: positive(pick('reps', '3', '1'), 'reps'),
    loaders: Math.max(1, positive(pick('loaders', '2', '2'), 'loaders')),
    quick,
    out: fromInvocationDir(values.out),
    report: fromInvocationDir(values.report),
    chart: fromInvocationDir(values.chart),
    awareness: values.awareness ?? false,
    concordNodeOptions: (values['server-node-options'] ?? '').split(/\s+/).filter(Boolean),
    baselineNodeOptions: (values['baseline-node-options'] ?? '').split(/\s+/).filter(Boolean),
    concordRev: values['concord-rev'] ?? 'HEAD',
    logLevel: values['log-level'] ?? 'info',
    runtime: runtime as Runtime,
    fanout: list(pick('fanout', '20x50@200,1x50@200,chat:20x50@200,chat:1x50@200', '2x10@50,chat:2x10@50')),
    warmupMs: positive(pick('warmup-ms', '1500', '300'), 'warmup-ms'),
    measureMs: positive(pick('measure-ms', '5000', '1500'), 'measure-ms'),
    payloadBytes: positive(pick('payload-bytes', '32', '32'), 'payload-bytes'),
    writers: numbers(pick('writers', '50,200,500', '20'), 'writers'),
    writerRates: numbers(pick('writer-rates', '5,10,25,50,100', '50'), 'writer-rates'),
    p99LimitMs: positive(pick('p99-limit-ms', '100', '100'), 'p99-limit-ms'),
    idle: numbers(pick('idle', '1000,5000,10000', '200'), 'idle'),
    idlePerDoc: Math.max(1, positive(pick('idle-per-doc', '50', '50'), 'idle-per-doc')),
    coldMb: numbers(pick('cold-mb', '1,10', '1'), 'cold-mb'),
    durableClients: Math.max(1, positive(pick('durable-clients', '8', '4'), 'durable-clients')),
    durableMs: positive(pick('durable-ms', '5000', '1000'), 'durable-ms'),
    trace,
    notices,
    replayLimit: positive(pick('replay-limit', '0', '5000'), 'replay-limit'),
    replayWindow: Math.max(1, positive(pick('replay-window', '256', '256'), 'replay-window')),
    replayReps: Math.max(1, positive(pick('replay-reps', '1', '1'), 'replay-reps')),
  };
}
