import { rmSync } from 'node:fs';
import { createSqliteFileStore } from '../../src/files/sqlite-store.ts';
import { tempDir } from '../helpers/server.ts';
import { blobFiles } from './disk.ts';
import { describeFileStoreContract } from './store-contract.ts';

describeFileStoreContract('SQLite', async () => {
  const dataDir = tempDir();
  return {
    open: async () => createSqliteFileStore({ dataDir }),
    blobCount: async () => blobFiles(dataDir).length,
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
