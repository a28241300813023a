/**
 * Backups and restores (docs/DEPLOYMENT.md, Backups), taken while real clients write: every edit
 * acknowledged before the backup started is in the restored copy, and none made after it ended.
 * SQLite through `npm run backup`, PostgreSQL through pg_dump and pg_restore.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../src/storage/sqlite.ts';
import { startChildServer, type ChildServer } from './helpers/child-server.ts';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.ts';
import { tempDir } from './helpers/server.ts';
import { TEST_SECRET, signToken } from './helpers/tokens.ts';
import { readFresh, startWriters, type Edit, type Writers } from './helpers/writers.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCUMENTS = ['acme:notes:backup-a', 'acme:notes:backup-b'];

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The backup CLI itself (what `npm run backup` runs), for the refusals. */
function backupCommand(args: string[], env: Record<string, string>): Promise<Outcome> {
  return run(process.execPath, ['--import', 'tsx', 'server/src/backup.ts', ...args], env);
}

async function startWritingClients(server: ChildServer): Promise<Writers> {
  const writers = await Promise.all(
    DOCUMENTS.flatMap((document, d) =>
      ['ana', 'bo'].map(async (sub) => ({ document, name: `${sub}@${d}`, token: await signToken({ sub, org: 'acme' }) })),
    ),
  );
  return startWriters(server.wsUrl, writers);
}

/**
 * Runs `takeBackup` while the writers keep writing; then checks, on a server started by `serveCopy`,
 * that every edit acknowledged before the backup began is there and no edit made after it ended is.
 */
async function expectConsistentBackup(
  server: ChildServer,
  takeBackup: () => Promise<void>,
  serveCopy: () => Promise<ChildServer>,
): Promise<{ ackedBefore: number; ackedDuring: number; restored: number }> {
  const writers = await startWritingClients(server);
  let copy: ChildServer | undefined;
  try {
    await writers.progress(20);
    const started = Date.now();
    await takeBackup();
    const ended = Date.now();
    await writers.progress(5);
    await writers.stop();
    const ackedBefore = writers.edits.filter((e) => e.ackedAt !== undefined && e.ackedAt < started);
    const ackedDuring = writers.edits.filter((e) => e.ackedAt !== undefined && e.ackedAt >= started && e.ackedAt <= ended);
    const madeAfter = writers.edits.filter((e) => e.sentAt > ended);
    expect(madeAfter.length, 'edits made after the backup (the check that the copy is not live)').toBeGreaterThan(0);

    copy = await serveCopy();
    const token = await signToken({ sub: 'reader', org: 'acme' });
    const restored = new Map<string, Set<string>>();
    for (const document of DOCUMENTS) restored.set(document, await readFresh(copy.wsUrl, document, token));
    const has = (e: Edit) => restored.get(e.document)!.has(e.text);
    expect(ackedBefore.filter((e) => !has(e)).map((e) => e.text), 'acknowledged before the backup, missing from the copy').toEqual([]);
    expect(madeAfter.filter(has).map((e) => e.text), 'made after the backup, yet in the copy').toEqual([]);
    return { ackedBefore: ackedBefore.length, ackedDuring: ackedDuring.length, restored: [...restored.values()].reduce((n, s) => n + s.size, 0) };
  } finally {
    writers.destroy();
    if (copy) {
      copy.process.kill('SIGTERM');
      await copy.exited;
    }
  }
}

describe('npm run backup (SQLite)', () => {
  const dirs: string[] = [];
  const dir = () => {
    const created = tempDir('concord-backup-');
    dirs.push(created);
    return created;
  };
  let server: ChildServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = dir();
    server = await startChildServer({ DATA_DIR: dataDir, AUTH_SECRET: TEST_SECRET });
  });
  afterAll(async () => {
    server?.process.kill('SIGTERM');
    await server?.exited;
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('copies the database while clients write; the restored copy holds every edit acknowledged before it', async () => {
    const target = join(dir(), 'backup.sqlite');
    let output: Outcome | undefined;
    const counts = await expectConsistentBackup(
      server,
      async () => {
        output = await run('npm', ['run', '--silent', 'backup', '--', target], { DATA_DIR: dataDir });
        expect(output.code, output.stderr).toBe(0);
      },
      async () => {
        // The documented restore: the copy becomes concord.sqlite of a stopped (here: new) server.
        const restoredDir = dir();
        copyFileSync(target, join(restoredDir, SQLITE_FILE_NAME));
        return startChildServer({ DATA_DIR: restoredDir, AUTH_SECRET: TEST_SECRET });
      },
    );
    expect(output!.stdout).toMatch(/^backup: .*concord\.sqlite -> .*backup\.sqlite \(\d+ pages, \d+ bytes, \d+ ms\)\n$/);
    // Writers kept being acknowledged while the command ran: the server was never blocked.
    expect(counts.ackedDuring).toBeGreaterThan(0);
    console.info(`SQLite backup: ${counts.ackedBefore} edits acknowledged before it, ${counts.ackedDuring} during it, ${counts.restored} paragraphs restored`);
    // One self-contained file: no WAL beside it, nothing partial left.
    expect(readdirSync(join(target, '..'))).toEqual(['backup.sqlite']);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('replaces an earlier backup at the same path', async () => {
    const target = join(dir(), 'nightly.sqlite');
    writeFileSync(target, 'yesterday');
    const outcome = await backupCommand([target], { DATA_DIR: dataDir });
    expect(outcome.code, outcome.stderr).toBe(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it.each([
    { why: 'no target', args: [], env: {}, code: 2, message: /usage: npm run backup -- <file>/ },
    { why: 'two targets', args: ['a.sqlite', 'b.sqlite'], env: {}, code: 2, message: /usage/ },
    { why: 'PostgreSQL configured', args: ['TARGET'], env: { DATABASE_URL: 'postgres://127.0.0.1:1/none' }, code: 1, message: /DATABASE_URL is set.*pg_dump/ },
    { why: 'no database in DATA_DIR', args: ['TARGET'], env: { DATA_DIR: 'EMPTY' }, code: 1, message: /no database at .*concord\.sqlite/ },
    { why: 'a missing folder', args: ['MISSING/backup.sqlite'], env: {}, code: 1, message: /the folder .* does not exist/ },
    { why: 'the database itself as target', args: ['SOURCE'], env: {}, code: 1, message: /cannot replace the database it copies/ },
    { why: 'an invalid variable', args: ['TARGET'], env: { PORT: 'many' }, code: 1, message: /Invalid configuration:\n {2}- PORT/ },
  ])('refuses $why, with a message and nothing written', async ({ args, env, code, message }) => {
    const scratch = dir();
    const target = join(scratch, 'backup.sqlite');
    const substitute = (value: string) =>
      value === 'TARGET' ? target
      : value === 'EMPTY' ? scratch
      : value === 'SOURCE' ? join(dataDir, SQLITE_FILE_NAME)
      : value.replace('MISSING', join(scratch, 'missing'));
    const outcome = await backupCommand(args.map(substitute), { DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substitute(v)])) });
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stdout).toBe('');
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('pg_dump and pg_restore (PostgreSQL)', () => {
  const databases: TestDatabase[] = [];
  const dumpDir = tempDir('concord-pg-dump-');
  let server: ChildServer;
  let source: TestDatabase;

  beforeAll(async () => {
    source = await createTestDatabase();
    databases.push(source);
    server = await startChildServer({ DATABASE_URL: source.url, AUTH_SECRET: TEST_SECRET });
  });
  afterAll(async () => {
    server?.process.kill('SIGTERM');
    await server?.exited;
    for (const database of databases) await database.drop();
    rmSync(dumpDir, { recursive: true, force: true });
  });

  it('dumps while clients write; a server on the restored database holds every edit acknowledged before the dump', async () => {
    const dump = join(dumpDir, 'concord.dump');
    const counts = await expectConsistentBackup(
      server,
      async () => {
        await promisify(execFile)('pg_dump', ['--format=custom', '--file', dump, source.url]);
      },
      async () => {
        const restored = await createTestDatabase();
        databases.push(restored);
        await promisify(execFile)('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restored.url, dump]);
        return startChildServer({ DATABASE_URL: restored.url, AUTH_SECRET: TEST_SECRET });
      },
    );
    expect(existsSync(dump)).toBe(true);
    console.info(`PostgreSQL dump: ${counts.ackedBefore} edits acknowledged before it, ${counts.ackedDuring} during it, ${counts.restored} paragraphs restored`);
  });
});
