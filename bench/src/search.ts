/**
 * Search at size (issue 13): 100,000 chat messages over 50 channels (half of each channel live, half
 * archived) plus 1,000 notes pages, written straight into the index in the server's database, then
 * `GET /api/search` on a real server in this process: p50/p95 for one word, a prefix and three
 * words, and the indexing lag (acknowledged → found) of messages posted through a real provider.
 *
 *   npx tsx bench/src/search.ts                       # SQLite
 *   npx tsx bench/src/search.ts postgres://…/db       # PostgreSQL (an empty database)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pg from 'pg';
import WebSocket from 'ws';
import { addChannel, postMessage } from '@concord/shared';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { createSearchIndex } from '../../server/src/search/create-index.ts';
import { queryTokens, snippetOf, type SearchEntry } from '../../server/src/search/index.ts';
import { createServer } from '../../server/src/server.ts';
import { createStorage } from '../../server/src/storage/create.ts';
import { percentile } from './stats.ts';

const CHANNELS = 50;
const MESSAGES = 100_000;
const NOTES = 1_000;
const QUERIES = 300;
const LAG_SAMPLES = Number(process.env.LAG_SAMPLES ?? 50);
const SECRET = 'bench-search-secret-0123456789abcdef';

// A Zipf-like vocabulary: a few words are everywhere, most are rare, as in real chat.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'pe', 'do', 'sa', 'ge', 'bi', 'fu', 'ha', 'jo'];
const vocabulary = Array.from({ length: 5_000 }, (_, i) => {
  let word = '';
  for (let n = i + 7; n > 0; n = Math.floor(n / 16)) word += syllables[n % 16];
  return word + (i % 7 === 0 ? 'é' : '');
});
const weights = vocabulary.map((_, i) => 1 / (i + 1));
const total = weights.reduce((a, b) => a + b, 0);
const cdf: number[] = [];
weights.reduce((sum, w) => (cdf.push(sum + w / total), sum + w / total), 0);
function word(): string {
  const r = random();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}
const sentence = (n: number) => Array.from({ length: n }, word).join(' ');

async function main(): Promise<void> {
  const databaseUrl = process.argv[2];
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-search-'));
  const env = { PORT: '0', DATA_DIR: dataDir, AUTH_SECRET: SECRET, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const config = loadConfig(env);

  // The directory: 50 channels, every tenth private with the bench user a member of half of them.
  const storage = await createStorage(config);
  const workspace = new Y.Doc();
  for (let c = 0; c < CHANNELS; c += 1) {
    const visibility = c % 10 === 9 ? 'private' : 'public';
    addChannel(workspace, { id: `c${c}`, name: `channel-${c}`, visibility, members: visibility === 'private' && c % 20 === 9 ? ['ana'] : [], createdBy: 'ana' });
  }
  await storage.append('bench:workspace:main', Y.encodeStateAsUpdate(workspace));
  await storage.close();

  const index = await createSearchIndex(config, { backend: databaseUrl ? 'postgres' : 'sqlite' } as Parameters<typeof createSearchIndex>[1]);
  let started = performance.now();
  const perChannel = MESSAGES / CHANNELS;
  let at = Date.now() - MESSAGES * 1000;
  for (let c = 0; c < CHANNELS; c += 1) {
    const entries: SearchEntry[] = Array.from({ length: perChannel }, (_, i) => ({ anchor: `m${c}.${i}`, title: '', body: sentence(6 + (i % 12)), at: (at += 1000) }));
    const doc = { name: `bench:channel:c${c}`, org: 'bench', kind: 'channel' as const };
    await index.addArchived(doc, entries.slice(0, perChannel / 2), entries[perChannel / 2 - 1]!.anchor);
    await index.replaceDocument(doc, entries.slice(perChannel / 2), new Uint8Array([1]));
  }
  for (let n = 0; n < NOTES; n += 1) {
    await index.replaceDocument({ name: `bench:notes:n${n}`, org: 'bench', kind: 'notes' }, [{ anchor: '', title: sentence(3), body: Array.from({ length: 20 }, () => sentence(15)).join('\n'), at: (at += 1000) }], new Uint8Array([1]));
  }
  const buildMs = performance.now() - started;
  await index.close();
  if (databaseUrl) {
    // What autovacuum does within a minute of a bulk write (a rebuild): the planner's statistics
    // and the visibility map. Without them PostgreSQL guesses a handful of rows per org and sorts.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query('VACUUM ANALYZE concord_search_entries');
    await admin.end();
  }

  const server = await createServer(config, { logger: createLogger('silent') });
  const { url } = await server.listen();
  const token = await new SignJWT({ sub: 'ana', name: 'Ana', org: 'bench', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
  const query = async (q: string) => {
    const response = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`search ${q}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { results: unknown[] }).results.length;
  };
  // Words of middling frequency (ranks 20–2000): what people look for; the commonest words match most messages.
  const pick = () => vocabulary[20 + Math.floor(random() * 1980)]!;
  const kinds: Record<string, () => string> = {
    'one word': pick,
    prefix: () => pick().slice(0, 5),
    'three words': () => sentence(3),
    // The commonest words (ranks 0–19, each in 3–20% of messages): the most matches to choose a page from.
    'common word': () => vocabulary[Math.floor(random() * 20)]!,
  };
  console.log(`backend ${databaseUrl ? 'PostgreSQL' : 'SQLite'}; indexed ${MESSAGES} messages in ${CHANNELS} channels + ${NOTES} notes pages in ${(buildMs / 1000).toFixed(1)} s`);
  // The index alone (the query and the snippets, no HTTP, token or directory read), for the same words.
  const direct = await createSearchIndex(config, { backend: databaseUrl ? 'postgres' : 'sqlite' } as Parameters<typeof createSearchIndex>[1]);
  const searchIndex = async (q: string) => {
    const tokens = queryTokens(q);
    for (const hit of await direct.search({ org: 'bench', tokens, exclude: [], limit: 21 })) snippetOf(hit.body, tokens);
  };
  console.log('| query | HTTP p50 ms | HTTP p95 ms | HTTP p99 ms | index p50 ms | index p95 ms | mean results |');
  console.log('|---|---|---|---|---|---|---|');
  const p = (times: number[], q: number) => percentile(times.sort((a, b) => a - b), q).toFixed(1);
  for (const [kind, make] of Object.entries(kinds)) {
    for (let i = 0; i < 20; i += 1) await query(make());
    const times: number[] = [];
    const indexTimes: number[] = [];
    let results = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const q = make();
      started = performance.now();
      results += await query(q);
      times.push(performance.now() - started);
      started = performance.now();
      await searchIndex(q);
      indexTimes.push(performance.now() - started);
    }
    console.log(`| ${kind} | ${p(times, 50)} | ${p(times, 95)} | ${p(times, 99)} | ${p(indexTimes, 50)} | ${p(indexTimes, 95)} | ${(results / QUERIES).toFixed(1)} |`);
  }
  await direct.close();

  // Indexing lag: a message posted through a real provider, acknowledged, then polled for.
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace('http', 'ws')}/collab`, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'bench:channel:c0', token, document: new Y.Doc() });
  provider.attach();
  await until(() => provider.isSynced);
  const lags: number[] = [];
  for (let i = 0; i < LAG_SAMPLES; i += 1) {
    const marker = `lagmarker${i}x`;
    postMessage(provider.document, { text: `${sentence(8)} ${marker}`, authorId: 'ana', authorName: 'Ana' });
    await until(() => provider.unsyncedChanges === 0);
    started = performance.now();
    await until(async () => (await query(marker)) > 0, 5);
    lags.push(performance.now() - started);
  }
  lags.sort((a, b) => a - b);
  console.log(`\nindexing lag (acknowledged → found, polled every 5 ms, ${LAG_SAMPLES} messages): p50 ${percentile(lags, 50).toFixed(0)} ms, p99 ${percentile(lags, 99).toFixed(0)} ms, max ${lags.at(-1)!.toFixed(0)} ms`);
  provider.destroy();
  socket.destroy();
  await server.close();
  if (!process.env.KEEP) rmSync(dataDir, { recursive: true, force: true });
  else console.log(dataDir);
}

async function until(check: () => boolean | Promise<boolean>, intervalMs = 2, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

await main();
