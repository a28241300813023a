import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createSqliteStorage } from './sqlite.ts';
import type { DocumentStorage } from './storage.ts';

/** SQLite in DATA_DIR unless DATABASE_URL names a PostgreSQL database (pg is loaded only then). */
export async function createStorage(config: Config, logger?: Logger): Promise<DocumentStorage> {
  if (config.databaseUrl) return (await import('./postgres.ts')).createPostgresStorage({ url: config.databaseUrl, logger });
  return createSqliteStorage({ dataDir: config.dataDir, durability: config.durability, testCrashAt: config.testCrashAt, logger });
}
