/**
 * Brings a SQLite database to the newest schema version (schema-version.ts), recorded in
 * `PRAGMA user_version`, which SQLite keeps in the database header and rolls back with the
 * transaction. The write lock is taken first, so two processes opening one file migrate it once.
 */
import type Database from 'better-sqlite3';
import { pendingMigrations } from './schema-version.ts';

/** `migrations[n]` is the SQL that takes the database from version n to n + 1. */
export function migrateSqlite(db: Database.Database, ...migrations: string[]): void {
  try {
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      for (const step of pendingMigrations(version, migrations, 'the SQLite database')) {
        db.exec(step.migration);
        db.pragma(`user_version = ${step.version}`);
      }
    }).immediate();
  } catch (error) {
    // The storage is never handed out, so nobody else would close it.
    db.close();
    throw error;
  }
}
