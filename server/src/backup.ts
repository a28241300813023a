/**
 * `npm run backup -- <file>` (in the image: `node server/dist/backup.mjs <file>`): a consistent copy
 * of the SQLite database in DATA_DIR, taken while the server runs (storage/sqlite-backup.ts).
 * PostgreSQL is backed up with pg_dump instead. Restoring: docs/DEPLOYMENT.md, Backups.
 */
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { BackupError, backupSqlite } from './storage/sqlite-backup.ts';
import { SQLITE_FILE_NAME } from './storage/sqlite.ts';

function fail(message: string, code = 1): never {
  process.stderr.write(`backup: ${message}\n`);
  process.exit(code);
}

const [target, ...rest] = process.argv.slice(2);
if (!target || rest.length > 0) fail('usage: npm run backup -- <file>   (in the image: node server/dist/backup.mjs <file>)', 2);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
if (config.databaseUrl) fail('DATABASE_URL is set, so the documents are in PostgreSQL: back them up with pg_dump (docs/DEPLOYMENT.md, Backups)');

const started = performance.now();
try {
  const result = await backupSqlite(join(config.dataDir, SQLITE_FILE_NAME), target);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`backup: ${result.source} -> ${result.target} (${result.pages} pages, ${result.bytes} bytes, ${ms} ms)\n`);
} catch (error) {
  if (error instanceof BackupError) fail(error.message);
  fail(`the backup failed: ${(error as Error).message}`);
}
