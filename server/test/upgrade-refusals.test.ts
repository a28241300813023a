/**
 * A refused WebSocket upgrade (wrong path, too many attempts from one address) is answered on the
 * raw socket, which Node's HTTP server no longer watches for errors once it handed it to the
 * upgrade handler. A peer that resets the connection after reading the refusal must not take the
 * server down: behind a load balancer that is an ordinary reconnect storm (HAProxy resets), and
 * from anyone else a one-request way to stop the service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from './helpers/child-server.ts';
import { rawUpgrade } from './helpers/raw-upgrade.ts';
import { tempDir } from './helpers/server.ts';
import { TEST_SECRET, signToken } from './helpers/tokens.ts';
import { connect } from './helpers/client.ts';

describe('refused upgrades', () => {
  let server: ChildServer | undefined;
  let stderr = '';

  async function start(): Promise<ChildServer> {
    const started = await startChildServer({ DATA_DIR: tempDir(), AUTH_SECRET: TEST_SECRET });
    stderr = '';
    started.process.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return started;
  }

  /** The answers to `count` upgrades, each reset once answered; fails with the server's last words if it dies. */
  async function refuseAndReset(running: ChildServer, count: number, path: string, localAddress?: string): Promise<string[]> {
    const answers: string[] = [];
    for (let i = 0; i < count; i++) {
      try {
        answers.push(await rawUpgrade({ port: running.port, path, localAddress, end: 'reset' }));
      } catch (error) {
        throw new Error(`upgrade ${i + 1} failed (${(error as Error).message}); the server's stderr:\n${stderr}`);
      }
    }
    return answers;
  }
  afterEach(async () => {
    server?.process.kill('SIGKILL');
    await server?.exited;
  });

  /** A reset's error surfaces within milliseconds; these requests take longer than that. */
  async function expectStillServing(running: ChildServer): Promise<void> {
    const health = await fetch(`${running.url}/health`).then((response) => response.status, (error: Error) => error.message);
    expect(health, `the server: ${stderr}`).toBe(200);
    // From the default address: the one the 429 test used up its attempts on stays limited a while.
    const client = connect(running.wsUrl, 'acme:notes:after-reset', await signToken({ sub: 'ana', org: 'acme' }));
    try {
      await client.synced();
    } finally {
      client.destroy();
    }
    expect(running.process.exitCode).toBeNull();
  }

  it('survives a reset after a 404 for an upgrade outside /collab', async () => {
    server = await start();
    expect(await refuseAndReset(server, 5, '/not-collab')).toEqual(Array(5).fill('HTTP/1.1 404 Not Found'));
    await expectStillServing(server);
  });

  it('survives resets after 429s for too many connection attempts from one address', async () => {
    server = await start();
    const answers = await refuseAndReset(server, 60, '/collab', '127.0.0.9');
    expect(answers).toContain('HTTP/1.1 429 Too Many Requests');
    await expectStillServing(server);
  });
});
