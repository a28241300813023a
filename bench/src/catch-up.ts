/**
 * The search catch-up at start with many stored documents (docs/BENCHMARKS.md, "Search catch-up at
 * start"): DOCS notes documents of about KB each are written to a SQLite file (a snapshot plus one
 * logged update each, as compaction leaves them), a Concord process indexes them once, and is then
 * started again STARTS times on the unchanged file. For each start: spawn → ready, spawn → the
 * process going quiet (the catch-up done: under 5 ms of CPU in 200 ms), and the CPU spent from ready
 * to quiet and from spawn to quiet (the catch-up runs beside the last steps to ready, so the total is
 * the figure to compare); and the catch-up's own line ("search catch-up done") where the build logs
 * one. A last start follows CHANGED documents appended to while the server was down.
 *
 *   npm run catch-up -w bench -- [--concord-rev REV|worktree] [--docs 2000] [--kb 4] [--starts 3] [--changed 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendParagraph, setNotesTitle } from '@concord/shared';
import * as Y from 'yjs';
import { applyStored } from '../../server/src/storage/merge.ts';
import { createSqliteStorage } from '../../server/src/storage/sqlite.ts';
import { installCleanup, runThenExit } from './children.ts';
import { cpuMsPrecise } from './proc-stats.ts';
import { prepareRuntime } from './runtime.ts';
import { snapshotConcord } from './snapshot.ts';
import { delay, repoRoot, startServer, targets, type RunningServer, type ServerOptions } from './targets.ts';

const QUIET_WINDOW_MS = 200;
const QUIET_CPU_MS = 5;
const WORDS = ['invoice', 'harbour', 'quarterly', 'lantern', 'meadow', 'orbit', 'ledger', 'copper', 'signal', 'thistle', 'amber', 'falcon'];

function pageName(n: number): string {
  return `bench:notes:catchup-${n}`;
}

async function writeDocuments(dataDir: string, count: number, kb: number): Promise<void> {
  const storage = createSqliteStorage({ dataDir, durability: 'wal' });
  for (let n = 0; n < count; n += 1) {
    const name = pageName(n);
    const doc = new Y.Doc();
    setNotesTitle(doc, `Page ${n}`);
    let bytes = 0;
    for (let p = 0; bytes < kb * 1024; p += 1) {
      const text = Array.from({ length: 24 }, (_, w) => WORDS[(n * 7 + p * 3 + w) % WORDS.length]).join(' ');
      appendParagraph(doc, `${text} ${n}.${p}`);
      bytes += text.length;
    }
    await storage.append(name, Y.encodeStateAsUpdate(doc));
    await storage.compact(name, null);
    const before = Y.encodeStateVector(doc);
    appendParagraph(doc, `A last line for page ${n}`);
    await storage.append(name, Y.encodeStateAsUpdate(doc, before));
  }
  await storage.close();
}

/** One more paragraph in each of the first `count` documents, as another writer would store it. */
async function changeDocuments(dataDir: string, count: number): Promise<void> {
  const storage = createSqliteStorage({ dataDir, durability: 'wal' });
  for (let n = 0; n < count; n += 1) {
    const doc = new Y.Doc();
    applyStored(doc, await storage.load(pageName(n)));
    const before = Y.encodeStateVector(doc);
    appendParagraph(doc, `Written while the server was down ${n}`);
    await storage.append(pageName(n), Y.encodeStateAsUpdate(doc, before));
  }
  await storage.close();
}

interface StartResult {
  readyMs: number;
  quietMs: number;
  catchUpCpuMs: number;
  totalCpuMs: number;
  /** From the catch-up's own log line, when the build has one. */
  logged?: { read: number; unchanged: number; ms: number };
}

/** Waits until the process spends under QUIET_CPU_MS in QUIET_WINDOW_MS; gives when that window began. */
async function quietAt(server: RunningServer, spawnedAt: number): Promise<{ ms: number; cpuMs: number }> {
  const readings: Array<{ at: number; cpu: number }> = [];
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    const now = { at: performance.now(), cpu: cpuMsPrecise(server.pid) };
    readings.push(now);
    const windowStart = readings.findLast((r) => r.at <= now.at - QUIET_WINDOW_MS);
    if (windowStart && now.cpu - windowStart.cpu < QUIET_CPU_MS) return { ms: windowStart.at - spawnedAt, cpuMs: windowStart.cpu };
    await delay(10);
  }
  throw new Error('the server did not go quiet within 120 s');
}

async function measureStart(options: ServerOptions, dataDir: string): Promise<StartResult> {
  const spawnedAt = performance.now();
  const server = await startServer(targets.concord, options, dataDir);
  try {
    const readyCpu = cpuMsPrecise(server.pid);
    const quiet = await quietAt(server, spawnedAt);
    const line = server
      .recentLog()
      .map((l) => {
        try {
          return JSON.parse(l) as { msg?: string; read?: number; unchanged?: number; ms?: number };
        } catch {
          return {};
        }
      })
      .find((l) => l.msg === 'search catch-up done');
    return {
      readyMs: server.readyMs,
      quietMs: quiet.ms,
      catchUpCpuMs: quiet.cpuMs - readyCpu,
      totalCpuMs: quiet.cpuMs,
      ...(line ? { logged: { read: line.read!, unchanged: line.unchanged!, ms: line.ms! } } : {}),
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'concord-rev': { type: 'string', default: 'worktree' },
      docs: { type: 'string', default: '2000' },
      kb: { type: 'string', default: '4' },
      starts: { type: 'string', default: '3' },
      changed: { type: 'string', default: '200' },
    },
  });
  installCleanup();
  const rev = values['concord-rev']!;
  const snapshot = rev === 'worktree' ? undefined : snapshotConcord(rev);
  const options: ServerOptions = { concordNodeOptions: [], baselineNodeOptions: [], concordRoot: snapshot?.root ?? repoRoot, logLevel: 'info', runtime: 'bundle' };
  await prepareRuntime('bundle', options.concordRoot, [targets.concord]);
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-catchup-'));
  try {
    const docs = Number(values.docs);
    const written = performance.now();
    await writeDocuments(dataDir, docs, Number(values.kb));
    console.log(`Concord ${snapshot ? `commit ${snapshot.commit}` : 'worktree'}; ${docs} notes documents of ~${values.kb} KB written in ${((performance.now() - written) / 1000).toFixed(1)} s`);
    const rows: Array<[string, StartResult]> = [['first start (index empty)', await measureStart(options, dataDir)]];
    for (let i = 1; i <= Number(values.starts); i += 1) rows.push([`restart ${i}, nothing changed`, await measureStart(options, dataDir)]);
    await changeDocuments(dataDir, Number(values.changed));
    rows.push([`restart, ${values.changed} changed while down`, await measureStart(options, dataDir)]);
    console.log('| start | start→ready ms | start→catch-up done ms | CPU ready→done ms | CPU start→done ms | catch-up line (read / unchanged / ms) |');
    console.log('|---|---|---|---|---|---|');
    for (const [label, r] of rows) {
      const logged = r.logged ? `${r.logged.read} / ${r.logged.unchanged} / ${r.logged.ms}` : '–';
      console.log(`| ${label} | ${r.readyMs.toFixed(0)} | ${r.quietMs.toFixed(0)} | ${r.catchUpCpuMs.toFixed(0)} | ${r.totalCpuMs.toFixed(0)} | ${logged} |`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runThenExit(main);
