// Shared by fan-out and many-writers: connect D×C clients spread over the load processes, edit
// at a total rate, and collect edit-to-peer latency, deliveries, server CPU/RSS and load stats.
import { combineLoad, type Fleet } from '../fleet.ts';
import type { ClientSpec, ConnectResult, FanoutResult, LoadStats } from '../load/protocol.ts';
import { startCpuWindow } from '../proc-stats.ts';
import { nowMs, summarize } from '../stats.ts';
import { benchSecret, type RunningServer } from '../targets.ts';
import { benchOrg, freshId } from './context.ts';

/** notes: a paragraph per edit into a notes page; chat: a message per edit into a channel. */
export type Workload = 'notes' | 'chat';

export interface Layout {
  docs: number;
  clientsPerDoc: number;
  /** Default notes. */
  workload?: Workload;
}

export interface Timing {
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  payloadBytes: number;
}

export async function connectLayout(
  fleet: Fleet,
  server: RunningServer,
  layout: Layout,
  awareness: boolean,
): Promise<{ perWorker: number[]; problems: string[] }> {
  const perWorker: ClientSpec[][] = Array.from({ length: fleet.size }, () => []);
  let index = 0;
  for (let d = 0; d < layout.docs; d++) {
    const doc = layout.workload === 'chat' ? `${benchOrg}:channel:${freshId(`chat${d}`)}` : `${benchOrg}:notes:${freshId(`fan${d}`)}`;
    for (let c = 0; c < layout.clientsPerDoc; c++) {
      // Round-robin: the peers of one document sit in different load processes.
      perWorker[index++ % fleet.size].push({ doc, user: `u${d}-${c}` });
    }
  }
  const answers = await fleet.all<ConnectResult>(
    perWorker.map((clients) => ({
      kind: 'connect' as const,
      url: server.url,
      auth: { secret: benchSecret, org: benchOrg },
      clients,
      awareness,
      concurrency: 25,
    })),
  );
  const problems = answers.flatMap((answer) =>
    answer.value.failed ? [`${answer.value.failed} clients failed to connect: ${answer.value.closeReasons.join('; ')}`] : [],
  );
  return { perWorker: perWorker.map((clients) => clients.length), problems };
}

export interface FanoutFigures {
  metrics: Record<string, number>;
  notes: string[];
  /** The measured window on the monotonic clock in µs, the clock of a --cpu-prof profile's timestamps. */
  windowUs: [number, number];
}

const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export async function measureFanout(
  fleet: Fleet,
  server: RunningServer,
  perWorker: number[],
  clientsPerDoc: number,
  rate: number,
  timing: Timing,
): Promise<FanoutFigures> {
  const total = perWorker.reduce((sum, n) => sum + n, 0);
  const startAt = nowMs() + 300;
  const measureFrom = startAt + timing.warmupMs;
  let window: ReturnType<typeof startCpuWindow> | undefined;
  let serverFigures: ReturnType<ReturnType<typeof startCpuWindow>['stop']> | undefined;
  const windowUs: [number, number] = [Number.NaN, Number.NaN];
  const openTimer = setTimeout(() => {
    windowUs[0] = monotonicUs();
    window = startCpuWindow(server.pid);
  }, measureFrom - nowMs());
  const closeTimer = setTimeout(() => {
    windowUs[1] = monotonicUs();
    serverFigures = window?.stop();
  }, measureFrom + timing.measureMs - nowMs());
  const answers = await fleet.all<FanoutResult>(
    perWorker.map((clients) => ({ kind: 'fanout' as const, startAt, rate: (rate * clients) / total, ...timing })),
  );
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  serverFigures ??= window?.stop();

  const latencies = Float64Array.from(answers.flatMap((answer) => answer.value.latencies));
  const sent = answers.reduce((sum, answer) => sum + answer.value.sentMeasured, 0);
  const received = answers.reduce((sum, answer) => sum + answer.value.receivedMeasured, 0);
  const expected = sent * (clientsPerDoc - 1);
  const summary = summarize(latencies);
  const load: LoadStats = combineLoad(answers.map((answer) => answer.load));
  const notes = [...new Set(answers.flatMap((answer) => answer.value.closeReasons))];
  return {
    metrics: {
      p50: summary.p50,
      p95: summary.p95,
      p99: summary.p99,
      max: summary.max,
      sentPerSec: sent / (timing.measureMs / 1000),
      deliveredPct: expected ? (received / expected) * 100 : Number.NaN,
      serverCpuPct: serverFigures?.cpuPct ?? Number.NaN,
      serverMainUserPct: serverFigures?.splitPct.mainUser ?? Number.NaN,
      serverMainSystemPct: serverFigures?.splitPct.mainSystem ?? Number.NaN,
      serverOtherThreadsPct: serverFigures?.splitPct.otherThreads ?? Number.NaN,
      serverWriteCallsPerEdit: (serverFigures?.writeCalls ?? Number.NaN) / sent,
      serverWrittenBytesPerEdit: (serverFigures?.writtenBytes ?? Number.NaN) / sent,
      serverRssMB: (serverFigures?.rssMaxBytes ?? Number.NaN) / 2 ** 20,
      loadCpuPct: load.cpuPct,
      loadEldP99: load.eldP99Ms,
      loadEldMax: load.eldMaxMs,
    },
    notes,
    windowUs,
  };
}
