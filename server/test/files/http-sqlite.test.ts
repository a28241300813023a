import { startTestServer } from '../helpers/server.ts';
import { blobFiles } from './disk.ts';
import { TEST_MAX_FILE_BYTES, describeFilesHttp } from './http-contract.ts';

describeFilesHttp('SQLite', async () => {
  const server = await startTestServer({ env: { MAX_FILE_BYTES: String(TEST_MAX_FILE_BYTES) } });
  return {
    url: server.url,
    dataDir: server.dataDir,
    blobCount: async () => blobFiles(server.dataDir).length,
    close: () => server.close(),
  };
});
