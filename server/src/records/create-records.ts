import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import type { RecordsTable } from './records-store.ts';
import { createSqliteRecordsTable } from './sqlite-records.ts';

/** Beside the search index: the same SQLite file, or the same PostgreSQL database (pg loaded only then). */
export async function createRecordsTable(config: Config, storage: DocumentStorage): Promise<RecordsTable> {
  if (storage.backend === 'postgres' && config.databaseUrl) return (await import('./postgres-records.ts')).createPostgresRecordsTable(config.databaseUrl);
  return createSqliteRecordsTable(config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, 'concord.sqlite'));
}
