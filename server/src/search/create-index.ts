import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import type { SearchIndex } from './index.ts';
import { createSqliteSearchIndex } from './sqlite-index.ts';

/** Next to the documents: the same SQLite file. */
export async function createSearchIndex(config: Config, _storage: DocumentStorage): Promise<SearchIndex> {
  return createSqliteSearchIndex(config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, 'concord.sqlite'));
}
