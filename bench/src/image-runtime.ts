/**
 * How the server's code runs in the image: start time and memory of each way, measured in a
 * container (docs/BENCHMARKS.md, The image's runtime). Each variant is a command run in an image
 * with `--network host`; per run it records the time from the container's start to the server's
 * "listening" log line, the first client's connect-to-synced time, and the node process's RSS idle
 * and after a small load (documents × clients × edits, all acknowledged).
 *
 *   npm run image -w bench -- --variant 'tsx=IMAGE=node --import tsx server/src/main.ts' \
 *     --variant 'bundle=IMAGE=node --enable-source-maps server/dist/main.mjs' [--runs 5]
 *
 * A variant without a command (`name=IMAGE`) runs the image's own CMD.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { signToken } from './tokens.ts';

const SECRET = 'concord-image-bench-secret-0123456789';

interface Variant {
  name: string;
  image: string;
  command: string[];
}

interface Run {
  listeningMs: number;
  firstSyncMs: number;
  idleRssMb: number;
  loadedRssMb: number;
}

function parseVariant(spec: string): Variant {
  const match = /^([^=]+)=([^=]+?)(?:=(.*))?$/.exec(spec);
  if (!match) throw new Error(`--variant NAME=IMAGE[=COMMAND], not ${spec}`);
  return { name: match[1]!, image: match[2]!, command: match[3] ? match[3].split(' ').filter(Boolean) : [] };
}

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

let clientCount = 0;

/** Each client from its own loopback address, as users come from theirs (the server limits attempts per address). */
function fromOwnAddress(): new (address: string | URL, protocols?: string | string[]) => WebSocket {
  clientCount += 1;
  const localAddress = `127.0.${clientCount >> 8}.${(clientCount & 255) || 1}`;
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress });
    }
  };
}

function connect(url: string, name: string, token: string): { doc: Y.Doc; provider: HocuspocusProvider; close(): void } {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: fromOwnAddress() });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, token, document: doc });
  provider.attach();
  return { doc, provider, close: () => (provider.destroy(), socket.destroy()) };
}

function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([paragraph]);
}

async function measure(variant: Variant, load: { documents: number; clients: number; edits: number }): Promise<Run> {
  const port = await freePort();
  const id = docker(
    'run', '--detach', '--network', 'host',
    '--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1', '--env', `AUTH_SECRET=${SECRET}`, '--env', 'DATA_DIR=/tmp/concord-data', '--env', 'LOG_LEVEL=info',
    variant.image, ...variant.command,
  );
  const clients: Array<ReturnType<typeof connect>> = [];
  try {
    const listening = await until(() => {
      const line = docker('logs', id).split('\n').find((l) => l.includes('"msg":"listening"'));
      return line ? (JSON.parse(line) as { time: number }).time : undefined;
    }, `${variant.name} to listen`);
    const state = JSON.parse(docker('inspect', '--format', '{{json .State}}', id)) as { StartedAt: string; Pid: number };
    const listeningMs = listening - Date.parse(state.StartedAt);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idleRssMb = rssMb(state.Pid);

    const url = `ws://127.0.0.1:${port}/collab`;
    const token = await signToken(SECRET, { sub: 'bench', name: 'Bench', org: 'acme', role: 'editor' });
    const firstStart = performance.now();
    const first = connect(url, 'acme:notes:bench-0', token);
    clients.push(first);
    await until(() => (first.provider.isSynced ? true : undefined), 'the first sync');
    const firstSyncMs = performance.now() - firstStart;
    for (let d = 0; d < load.documents; d++) {
      for (let c = d === 0 ? 1 : 0; c < load.clients; c++) clients.push(connect(url, `acme:notes:bench-${d}`, token));
    }
    await until(() => (clients.every((c) => c.provider.isSynced) ? true : undefined), 'every client to sync');
    for (let e = 0; e < load.edits; e++) clients.forEach((c, i) => addParagraph(c.doc, `edit ${e} of client ${i}`));
    await until(() => (clients.every((c) => c.provider.unsyncedChanges === 0) ? true : undefined), 'every edit to be acknowledged');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { listeningMs, firstSyncMs, idleRssMb, loadedRssMb: rssMb(state.Pid) };
  } catch (error) {
    const unsynced = clients.filter((c) => !c.provider.isSynced).length;
    throw new Error(`${variant.name}: ${(error as Error).message} (${unsynced} of ${clients.length} clients unsynced); the server logged:\n${docker('logs', '--tail', '20', id)}`, { cause: error });
  } finally {
    clients.forEach((c) => c.close());
    docker('rm', '--force', '--volumes', id);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const { values } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true },
    runs: { type: 'string', default: '5' },
    documents: { type: 'string', default: '20' },
    clients: { type: 'string', default: '5' },
    edits: { type: 'string', default: '20' },
  },
});
const variants = (values.variant ?? []).map(parseVariant);
if (variants.length === 0) throw new Error('give at least one --variant NAME=IMAGE[=COMMAND]');
const load = { documents: Number(values.documents), clients: Number(values.clients), edits: Number(values.edits) };
const runs = new Map<string, Run[]>(variants.map((v) => [v.name, []]));
// Alternating the variants run by run spreads whatever else the machine does over all of them.
for (let r = 0; r < Number(values.runs); r++) {
  for (const variant of variants) {
    const run = await measure(variant, load);
    runs.get(variant.name)!.push(run);
    console.error(`${variant.name} run ${r + 1}: ${JSON.stringify(run, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
  }
}
console.log(`| variant | start → listening (ms) | first sync (ms) | RSS idle (MB) | RSS after ${load.documents} docs × ${load.clients} clients × ${load.edits} edits (MB) |`);
console.log('|---|---|---|---|---|');
for (const variant of variants) {
  const r = runs.get(variant.name)!;
  const cell = (pick: (run: Run) => number) => `${Math.round(median(r.map(pick)))} (${Math.round(Math.min(...r.map(pick)))}–${Math.round(Math.max(...r.map(pick)))})`;
  console.log(`| ${variant.name} | ${cell((x) => x.listeningMs)} | ${cell((x) => x.firstSyncMs)} | ${cell((x) => x.idleRssMb)} | ${cell((x) => x.loadedRssMb)} |`);
}
