import { createTestDatabase } from './postgres.ts';
import { startTestServer, type TestServer } from './server.ts';

/** A test server on a PostgreSQL database of its own, dropped when the server closes. */
export async function startPostgresTestServer(): Promise<{ server: TestServer; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const server = await startTestServer({ env: { DATABASE_URL: database.url } });
  return {
    server,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
