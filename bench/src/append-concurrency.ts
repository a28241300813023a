/**
 * What group commit gives: N appenders each keeping one durable append in flight (as N connections
 * whose updates wait on their append before being acknowledged), with group commit and with one
 * commit per append (`maxBatchAppends: 1`, the storage as it was before), in alternation. In-process,
 * since it measures the storage: `npx tsx bench/src/append-concurrency.ts [--appends N]
 * [--concurrency 1,10,50,200] [--backends wal,fsync,postgres] [--modes "one per commit,group"]
 * [--label TEXT] [--postgres URL]` (docs/BENCHMARKS.md, Group commit). PostgreSQL runs in a throwaway
 * database created on the server the URL names. Run from a `git archive` of a revision without group
 * commit (which ignores `maxBatchAppends`) with `--modes group --label before`, it measures the
 * storage as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import * as Y from 'yjs';
import { createPostgresStorage } from '../../server/src/storage/postgres.ts';
import { createSqliteStorage } from '../../server/src/storage/sqlite.ts';
import type { DocumentStorage } from '../../server/src/storage/storage.ts';

export type Backend = 'wal' | 'fsync' | 'postgres';
export type Mode = 'one per commit' | 'group';

export interface ConcurrencyRow {
  backend: Backend;
  mode: Mode;
  concurrency: number;
  appends: number;
  perSecond: number;
  medianUs: number;
  p99Us: number;
}

interface Store {
  open(mode: Mode): Promise<DocumentStorage>;
  cleanup(): Promise<void>;
}

function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) text.insert(text.length, i % 7 === 0 ? ' ' : 'x');
  return updates;
}

function sqliteStore(durability: 'wal' | 'fsync'): Store {
  const dirs: string[] = [];
  return {
    async open(mode) {
      const dataDir = mkdtempSync(join(tmpdir(), 'concord-group-commit-'));
      dirs.push(dataDir);
      return createSqliteStorage({ dataDir, durability, maxBatchAppends: mode === 'group' ? undefined : 1 });
    },
    async cleanup() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(serverUrl: string): Promise<Store> {
  const name = `concord_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: (mode) => createPostgresStorage({ url: url.toString(), maxBatchAppends: mode === 'group' ? undefined : 1 }),
    async cleanup() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function measure(storage: DocumentStorage, concurrency: number, updates: Uint8Array[]): Promise<Omit<ConcurrencyRow, 'backend' | 'mode'>> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  // Each appender is one connection on its own document: its next append waits for the last.
  await Promise.all(
    Array.from({ length: concurrency }, async (_, appender) => {
      while (next < updates.length) {
        const update = updates[next]!;
        next += 1;
        const t = performance.now();
        await storage.append(`bench:notes:append-${appender}`, update);
        times.push((performance.now() - t) * 1000);
      }
    }),
  );
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    concurrency,
    appends: times.length,
    perSecond: times.length / (elapsed / 1000),
    medianUs: times[Math.floor(times.length / 2)]!,
    p99Us: times[Math.floor(times.length * 0.99)]!,
  };
}

export async function runAppendConcurrency(options: { appends: number; concurrency: number[]; backends: Backend[]; modes: Mode[]; postgresUrl: string }): Promise<ConcurrencyRow[]> {
  const updates = keystrokes(options.appends);
  const rows: ConcurrencyRow[] = [];
  for (const backend of options.backends) {
    const store = backend === 'postgres' ? await postgresStore(options.postgresUrl) : sqliteStore(backend);
    try {
      for (const concurrency of options.concurrency) {
        for (const mode of options.modes) {
          const storage = await store.open(mode);
          try {
            rows.push({ backend, mode, ...(await measure(storage, concurrency, updates)) });
          } finally {
            await storage.close();
          }
        }
      }
    } finally {
      await store.cleanup();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      appends: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '1,10,50,200' },
      backends: { type: 'string', default: 'wal,fsync' },
      modes: { type: 'string', default: 'one per commit,group' },
      label: { type: 'string' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const rows = await runAppendConcurrency({
    appends: Number(values.appends),
    concurrency: values.concurrency.split(',').map(Number),
    backends: values.backends.split(',') as Backend[],
    modes: values.modes.split(',') as Mode[],
    postgresUrl: values.postgres,
  });
  console.log('| backend | in flight | mode | appends | appends/s | median (µs) | p99 (µs) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.backend} | ${r.concurrency} | ${values.label ?? r.mode} | ${r.appends} | ${r.perSecond.toFixed(0)} | ${r.medianUs.toFixed(0)} | ${r.p99Us.toFixed(0)} |`);
  }
}
