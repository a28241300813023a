import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createSqliteFileStore } from './sqlite-store.ts';
import type { FileStore } from './store.ts';

/**
 * Like the documents: SQLite and DATA_DIR/files unless DATABASE_URL names a PostgreSQL database.
 * Uploads are spooled in DATA_DIR/files/tmp either way.
 */
export async function createFileStore(config: Config, logger?: Logger): Promise<FileStore> {
  if (config.databaseUrl) {
    const { createPostgresFileStore } = await import('./postgres-store.ts');
    return createPostgresFileStore({ url: config.databaseUrl, logger, spoolDir: join(config.dataDir, 'files', 'tmp') });
  }
  return createSqliteFileStore({ dataDir: config.dataDir });
}
