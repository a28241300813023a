import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServer, type ConcordServer, type ServerDeps } from '../../src/server.ts';
import { TEST_SECRET } from './tokens.ts';

export interface TestServer {
  server: ConcordServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'concord-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real server on port 0 with SQLite in a temp dir (kept when `dataDir` is passed in). */
export async function startTestServer(
  options: { env?: Record<string, string>; dataDir?: string; deps?: Partial<ServerDeps> } = {},
): Promise<TestServer> {
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, AUTH_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...options.env });
  const server = await createServer(config, { logger: createLogger(config.logLevel), ...options.deps });
  const { url } = await server.listen();
  return {
    server,
    url,
    wsUrl: `${url.replace('http', 'ws')}/collab`,
    dataDir,
    async close() {
      await server.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
