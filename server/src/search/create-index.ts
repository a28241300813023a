import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import type { SearchIndex } from './index.ts';
import { createSqliteSearchIndex } from './sqlite-index.ts';

/** Next to the documents: the same SQLite file, or the same PostgreSQL database (pg loaded only then). */
export async function createSearchIndex(config: Config, storage: DocumentStorage): Promise<SearchIndex> {
  if (storage.backend === 'postgres' && config.databaseUrl) return (await import('./postgres-index.ts')).createPostgresSearchIndex(config.databaseUrl);
  return createSqliteSearchIndex(config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, 'concord.sqlite'));
}
