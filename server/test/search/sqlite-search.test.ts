import { startTestServer } from '../helpers/server.ts';
import { describeSearch } from './search-contract.ts';

describeSearch('SQLite', async () => {
  const server = await startTestServer();
  return { server, close: () => server.close() };
});
