import { afterAll, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { connect, type TestClient } from './client.ts';
import { startTestServer, type TestServer } from './server.ts';
import { signToken, type TestClaims } from './tokens.ts';

export interface ServerFixture {
  readonly server: TestServer;
  /** A client with a token for `claims` (org `acme` unless given), on `doc` if given; closed after the file's tests. */
  client(name: string, claims: Partial<TestClaims> & { sub: string } | string, doc?: Y.Doc): Promise<TestClient>;
  /** The same, once it has synced. */
  synced(name: string, claims: Partial<TestClaims> & { sub: string } | string, doc?: Y.Doc): Promise<TestClient>;
}

/** One real server for the tests of a file, and the clients they open, cleaned up after them. */
export function useServer(options: Parameters<typeof startTestServer>[0] = {}): ServerFixture {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server?.close();
  });
  const fixture: ServerFixture = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    async client(name, claims, doc) {
      const token = typeof claims === 'string' ? claims : await signToken({ org: 'acme', ...claims });
      const client = connect(fixture.server.wsUrl, name, token, doc);
      clients.push(client);
      return client;
    },
    async synced(name, claims, doc) {
      const client = await fixture.client(name, claims, doc);
      await client.synced();
      return client;
    },
  };
  return fixture;
}
