import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { startChildServer, type ChildServer } from './child-server.ts';
import { tempDir } from './server.ts';
import { TEST_SECRET } from './tokens.ts';

/**
 * Child servers sharing one DATA_DIR across restarts (crash and shutdown tests): `start(env)` runs
 * one with the test secret; after the file every one still running is killed and the directory removed.
 */
export function useChildServers(): { dataDir: string; start(env?: Record<string, string>): Promise<ChildServer> } {
  const dataDir = tempDir();
  const started: ChildServer[] = [];
  afterAll(async () => {
    for (const server of started) server.process.kill('SIGKILL');
    await Promise.all(started.map((server) => server.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    async start(env = {}) {
      const server = await startChildServer({ DATA_DIR: dataDir, AUTH_SECRET: TEST_SECRET, ...env });
      started.push(server);
      return server;
    },
  };
}
