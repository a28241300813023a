/**
 * Brings a PostgreSQL database to the newest schema version (schema-version.ts), recorded as one row
 * per applied migration in concord_schema_migrations. Runs inside the caller's transaction, which
 * holds the schema lock: instances starting together migrate once, and a failed step leaves nothing.
 */
import type pg from 'pg';
import { pendingMigrations } from './schema-version.ts';

/** `migrations[n]` is the SQL that takes the database from version n to n + 1. */
export async function migratePostgres(client: pg.PoolClient, ...migrations: string[]): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS concord_schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM concord_schema_migrations');
  for (const step of pendingMigrations(rows[0]?.version ?? 0, migrations, 'the PostgreSQL database')) {
    await client.query(step.migration);
    await client.query('INSERT INTO concord_schema_migrations (version) VALUES ($1)', [step.version]);
  }
}
