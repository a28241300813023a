/**
 * Brings a PostgreSQL database to the newest schema version (schema-version.ts), recorded as one row
 * per applied migration in concord_schema_migrations. Runs inside the caller's transaction, which
 * holds the schema lock: instances starting together migrate once, and a failed step leaves nothing.
 */
import type pg from 'pg';
import { pendingMigrations } from './schema-version.ts';

/** `migrations[n]` is the SQL that takes the database from version n to n + 1. */
export async function migratePostgres(client: pg.PoolClient, ...migrations: string[]): Promise<void> {
  await migratePostgresTables(client, 'concord_schema_migrations', 'the PostgreSQL database', migrations);
}

/**
 * The same for a set of tables versioned on their own in `versions` (the search index, derived data
 * that is dropped and rebuilt apart from the documents). `versions` is a constant name, never input.
 */
export async function migratePostgresTables(client: pg.PoolClient, versions: string, database: string, migrations: readonly string[]): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${versions} (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${versions}`);
  for (const step of pendingMigrations(rows[0]?.version ?? 0, migrations, database)) {
    await client.query(step.migration);
    await client.query(`INSERT INTO ${versions} (version) VALUES ($1)`, [step.version]);
  }
}
