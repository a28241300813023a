/**
 * Fan-out with search indexing on and off in the same run (issue 13: indexing must not change it).
 * A real server in this process per run; one writer posts chat messages at a steady rate to a
 * channel that 20 readers have open; latency is post → each reader has it. Runs alternate on, off,
 * on, off… so drift in the machine's load hits both alike, after one unrecorded warm-up run.
 *
 *   npx tsx bench/src/search-fanout.ts [runs per setting = 3] [messages per run = 300] [first = on|off]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { postMessage } from '@concord/shared';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { createServer } from '../../server/src/server.ts';
import { percentile } from './stats.ts';

const SECRET = 'bench-search-secret-0123456789abcdef';
const READERS = 20;
const RATE_PER_SECOND = 50;

async function run(indexing: boolean, messages: number): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-fanout-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, AUTH_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const server = await createServer(config, { logger: createLogger('silent'), searchIndexing: indexing });
  const { url } = await server.listen();
  const open = async (sub: string) => {
    const token = await new SignJWT({ sub, name: sub, org: 'bench', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    const ownSocket = new HocuspocusProviderWebsocket({ url: `${url.replace('http', 'ws')}/collab`, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: ownSocket, name: 'bench:channel:general', token, document: new Y.Doc() });
    provider.attach();
    await until(() => provider.isSynced);
    return { provider, ownSocket };
  };
  const writer = await open('writer');
  const readers = await Promise.all(Array.from({ length: READERS }, (_, i) => open(`reader${i}`)));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  for (const reader of readers) {
    reader.provider.document.getArray('messages').observe((event) => {
      const now = performance.now();
      for (const item of event.changes.added) {
        for (const map of item.content.getContent()) {
          const started = sentAt.get((map as Y.Map<unknown>).get('id') as string);
          if (started !== undefined) latencies.push(now - started);
        }
      }
    });
  }
  for (let i = 0; i < messages; i += 1) {
    const message = postMessage(writer.provider.document, { text: `fan out word${i % 97} message ${i}`, authorId: 'writer', authorName: 'Writer' });
    sentAt.set(message.id, performance.now());
    await new Promise((resolve) => setTimeout(resolve, 1000 / RATE_PER_SECOND));
  }
  await until(() => latencies.length >= messages * READERS, 10, 30_000);
  for (const { provider, ownSocket } of [writer, ...readers]) {
    provider.destroy();
    ownSocket.destroy();
  }
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  return latencies;
}

async function until(check: () => boolean, intervalMs = 5, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const runs = Number(process.argv[2] ?? 3);
const messages = Number(process.argv[3] ?? 300);
/** Which setting runs first (`on` or `off`): a run after the warm-up can still be slower, whatever its setting. */
const first = process.argv[4] === 'off' ? 'off' : 'on';
const all: Record<'on' | 'off', number[]> = { on: [], off: [] };
// One run first, not recorded: the first server in a process pays for compiling the code.
await run(true, Math.min(messages, 100));
console.log(`| run | indexing | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|`);
for (let i = 0; i < runs * 2; i += 1) {
  const setting = (i % 2 === 0) === (first === 'on') ? 'on' : 'off';
  const latencies = (await run(setting === 'on', messages)).sort((a, b) => a - b);
  all[setting].push(...latencies);
  console.log(`| ${i + 1} | ${setting} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} |`);
}
for (const setting of ['on', 'off'] as const) {
  const sorted = all[setting].sort((a, b) => a - b);
  console.log(`| all | ${setting} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} |`);
}
