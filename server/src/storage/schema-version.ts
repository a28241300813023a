/**
 * Schema versions (docs/DEPLOYMENT.md, Upgrades). A database records the version of its schema
 * (SQLite: `PRAGMA user_version`; PostgreSQL: the concord_schema_migrations table), and on start the
 * server applies every migration above it, in order, each in the same transaction as the version it
 * leads to. Migration 1 is the first release's schema, created with IF NOT EXISTS: a database made
 * before versions were recorded (version 0) already has exactly those tables and is adopted as is.
 * A database at a version this server does not know was written by a newer release: the server
 * refuses to start rather than write to a schema it does not understand.
 */

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

export interface PendingMigration<M> {
  /** The version the database is at once this migration is applied. */
  version: number;
  migration: M;
}

/** The migrations still to apply to a database at `version` (`database` names it in errors). */
export function pendingMigrations<M>(version: number, migrations: readonly M[], database: string): Array<PendingMigration<M>> {
  if (!Number.isInteger(version) || version < 0) throw new SchemaVersionError(`${database} records an unreadable schema version (${String(version)})`);
  if (version > migrations.length) {
    throw new SchemaVersionError(
      `${database} is at schema version ${version}, newer than this server's ${migrations.length}: a newer Concord wrote it. ` +
        'Run that release again, or restore the backup taken before the upgrade (docs/DEPLOYMENT.md, Upgrades).',
    );
  }
  return migrations.slice(version).map((migration, index) => ({ version: version + index + 1, migration }));
}
