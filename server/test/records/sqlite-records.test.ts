import { startTestServer } from '../helpers/server.ts';
import { describeRecords } from './records-contract.ts';

describeRecords('SQLite', async () => {
  const server = await startTestServer();
  return { server, close: () => server.close() };
});
