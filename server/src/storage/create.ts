import type { Config } from '../config.ts';
import { createSqliteStorage } from './sqlite.ts';
import type { DocumentStorage } from './storage.ts';

/** SQLite in DATA_DIR unless DATABASE_URL names a PostgreSQL database. */
export async function createStorage(config: Config): Promise<DocumentStorage> {
  if (config.databaseUrl) throw new Error('DATABASE_URL: PostgreSQL storage is not available yet');
  return createSqliteStorage({ dataDir: config.dataDir, durability: config.durability });
}
