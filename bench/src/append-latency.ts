/**
 * The durable log's append latency as the server sees it: one `storage.append` per incoming update,
 * typical small updates, SQLite with `DURABILITY=wal` and `fsync`. In-process, since it measures one
 * call: `npx tsx bench/src/append-latency.ts [appends]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Durability } from '../../server/src/config.ts';
import { createSqliteStorage } from '../../server/src/storage/sqlite.ts';

export interface AppendLatencyRow {
  durability: Durability;
  appends: number;
  medianUs: number;
  p99Us: number;
  maxUs: number;
  perSecond: number;
}

function typingUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) text.insert(text.length, i % 7 === 0 ? ' ' : 'x');
  return updates;
}

export async function runAppendLatency(appends = 5_000): Promise<AppendLatencyRow[]> {
  const updates = typingUpdates(appends);
  const rows: AppendLatencyRow[] = [];
  for (const durability of ['wal', 'fsync'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-append-'));
    const storage = createSqliteStorage({ dataDir, durability });
    const times: number[] = [];
    const started = performance.now();
    for (const update of updates) {
      const t = performance.now();
      await storage.append('bench:notes:append', update);
      times.push((performance.now() - t) * 1000);
    }
    const elapsed = performance.now() - started;
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    times.sort((a, b) => a - b);
    rows.push({
      durability,
      appends,
      medianUs: times[Math.floor(times.length / 2)]!,
      p99Us: times[Math.floor(times.length * 0.99)]!,
      maxUs: times[times.length - 1]!,
      perSecond: appends / (elapsed / 1000),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runAppendLatency(Number(process.argv[2] ?? 5_000));
  console.log('| durability | appends | median (µs) | p99 (µs) | max (µs) | appends/s |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.durability} | ${r.appends} | ${r.medianUs.toFixed(1)} | ${r.p99Us.toFixed(1)} | ${r.maxUs.toFixed(0)} | ${r.perSecond.toFixed(0)} |`);
}
