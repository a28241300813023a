/**
 * Uploading and downloading one large file through the files API (README, Files), on SQLite and on
 * PostgreSQL: throughput, and the server's peak RSS against its RSS before, which shows whether the
 * file passed through memory. A real server as a child process, the file streamed from and to this
 * process without ever being whole in memory here either.
 *
 *   npx tsx bench/src/file-transfer.ts [MiB=256]
 *
 * PostgreSQL at TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a throwaway
 * database is made and dropped.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { installCleanup, killGroup, track, trackDir } from './children.ts';
import { rssBytes, startCpuWindow } from './proc-stats.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'bench-file-transfer-secret-0123456789';
const CHUNK = 1024 * 1024;
const MiB = 1024 * 1024;

interface Row {
  backend: string;
  step: string;
  mib: number;
  seconds: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

async function startServer(env: Record<string, string>): Promise<{ pid: number; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', AUTH_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  track(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"listening"')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return { pid: child.pid!, url: `http://127.0.0.1:${port}` };
}

/** `mib` MiB of bytes made a chunk at a time from a seed (each MiB differs), never all at once. */
function* fileChunks(mib: number, seed: Buffer): Generator<Buffer> {
  for (let i = 0; i < mib; i += 1) yield Buffer.from(createHash('sha512').update(seed).update(String(i)).digest('hex').repeat(CHUNK / 128));
}

function upload(url: string, token: string, mib: number, seed: Buffer): Promise<{ id: string; url: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/files?name=big.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(mib * MiB) },
    }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(body) as { id: string; url: string }) : reject(new Error(`${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    const chunks = fileChunks(mib, seed);
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.byteLength));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

async function measure(backend: string, env: Record<string, string>, mib: number): Promise<Row[]> {
  const server = await startServer({ MAX_FILE_BYTES: String(mib * MiB), DATA_DIR: trackDir(mkdtempSync(join(tmpdir(), 'concord-bench-files-'))), ...env });
  const token = await new SignJWT({ sub: 'bench', name: 'Bench', org: 'bench', role: 'editor' })
    .setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
  const seed = randomBytes(16);
  const rows: Row[] = [];
  let file: { id: string; url: string } | undefined;
  for (const step of ['upload', 'upload again (stored once)', 'download']) {
    const before = rssBytes(server.pid);
    const window = startCpuWindow(server.pid, 50);
    const started = performance.now();
    if (step === 'download') {
      const bytes = await download(`${server.url}${file!.url}`);
      if (bytes !== mib * MiB) throw new Error(`downloaded ${bytes} bytes, expected ${mib * MiB}`);
    } else {
      file = await upload(server.url, token, mib, seed);
    }
    const seconds = (performance.now() - started) / 1000;
    const { rssMaxBytes } = window.stop();
    rows.push({ backend, step, mib, seconds, rssBeforeMiB: before / MiB, rssPeakMiB: rssMaxBytes / MiB });
  }
  killGroup(server.pid);
  return rows;
}

installCleanup();
const mib = Number(process.argv[2] ?? 256);
const rows = await measure('SQLite', {}, mib);
const admin = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `concord_bench_${randomBytes(4).toString('hex')}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE ${database}`);
try {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  rows.push(...(await measure('PostgreSQL', { DATABASE_URL: url.toString() }, mib)));
} finally {
  await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await client.end();
}
console.log(`| backend | step | size | time | throughput | server RSS before → peak |`);
console.log(`|---|---|---|---|---|---|`);
for (const r of rows) {
  console.log(`| ${r.backend} | ${r.step} | ${r.mib} MiB | ${r.seconds.toFixed(2)} s | ${(r.mib / r.seconds).toFixed(0)} MiB/s | ${r.rssBeforeMiB.toFixed(0)} → ${r.rssPeakMiB.toFixed(0)} MiB |`);
}
process.exit(0);
