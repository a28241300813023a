import { rmSync } from 'node:fs';
import pg from 'pg';
import { createPostgresFileStore } from '../../src/files/postgres-store.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/server.ts';
import { describeFileStoreContract } from './store-contract.ts';

describeFileStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const spoolDir = tempDir();
  return {
    open: () => createPostgresFileStore({ url: database.url, spoolDir }),
    async blobCount() {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>('SELECT count(DISTINCT hash) AS n FROM concord_file_chunks');
        return Number(rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    async cleanup() {
      await database.drop();
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
});
