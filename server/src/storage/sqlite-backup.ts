/**
 * An online backup of the SQLite database (docs/DEPLOYMENT.md, Backups), taken while the server runs
 * and clients write. SQLite's backup API copies the pages here in a single step, which is a single
 * read transaction: the copy is the database as of one instant, holding every update committed
 * before it (an acknowledged update is committed), and in WAL mode that reader blocks no writer.
 * Copied in many small steps instead, a busy server would restart the copy after every write.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** sqlite3_backup_step's page count for "all the rest, now". */
const ALL_PAGES = 0x7fffffff;

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  source: string;
  target: string;
  pages: number;
  bytes: number;
}

/**
 * Copies the database `source` to `target`. The copy is written beside `target` and renamed onto it
 * once SQLite's integrity check passes, so a failed backup leaves no partial file under that name,
 * and a previous backup there is replaced only by a good one.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupError(`no database at ${from}`);
  if (to === from) throw new BackupError('the backup cannot replace the database it copies');
  if (!existsSync(dirname(to))) throw new BackupError(`the folder ${dirname(to)} does not exist`);

  const partial = `${to}.partial-${process.pid}`;
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial, { fileMustExist: true });
    let check: unknown;
    try {
      // One self-contained file (the server turns WAL on again when it opens a restored copy).
      copy.pragma('journal_mode = DELETE');
      check = copy.pragma('integrity_check', { simple: true });
    } finally {
      copy.close();
    }
    if (check !== 'ok') throw new BackupError(`the copy failed SQLite's integrity check: ${String(check)}`);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    renameSync(partial, to);
    return { source: from, target: to, pages: totalPages, bytes: totalPages * pageSize };
  } finally {
    db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
  }
}
