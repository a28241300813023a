import pg from 'pg';
import { createTestDatabase } from '../helpers/postgres.ts';
import { startTestServer } from '../helpers/server.ts';
import { blobFiles } from './disk.ts';
import { TEST_MAX_FILE_BYTES, describeFilesHttp } from './http-contract.ts';

describeFilesHttp('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const server = await startTestServer({ env: { MAX_FILE_BYTES: String(TEST_MAX_FILE_BYTES), DATABASE_URL: database.url } });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    url: server.url,
    dataDir: server.dataDir,
    async blobCount() {
      if (blobFiles(server.dataDir).length > 0) throw new Error('with PostgreSQL no file may be kept on local disk');
      const { rows } = await client.query<{ blobs: string; orphans: string }>(`
        SELECT (SELECT count(*) FROM concord_file_blobs) AS blobs,
               (SELECT count(*) FROM concord_file_chunks c WHERE NOT EXISTS (SELECT 1 FROM concord_file_blobs b WHERE b.hash = c.hash)) AS orphans`);
      if (Number(rows[0]!.orphans) > 0) throw new Error('chunks without a blob row');
      return Number(rows[0]!.blobs);
    },
    async close() {
      await client.end();
      await server.close();
      await database.drop();
    },
  };
});
