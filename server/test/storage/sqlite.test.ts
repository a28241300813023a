import { rmSync } from 'node:fs';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { tempDir } from '../helpers/server.ts';
import { describeStorageContract } from './contract.ts';

describeStorageContract('SQLite', async () => {
  const dataDir = tempDir();
  return {
    open: async () => createSqliteStorage({ dataDir, durability: 'wal' }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

describeStorageContract('SQLite with fsync durability', async () => {
  const dataDir = tempDir();
  return {
    open: async () => createSqliteStorage({ dataDir, durability: 'fsync' }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
