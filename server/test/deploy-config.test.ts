/**
 * The deployment files that CI can check but not run as they are: deploy/haproxy.cfg passes
 * HAProxy's own check (the failover test runs it, with loopback addresses), and compose.yaml passes
 * docker-compose's (its images come from a registry this machine cannot reach). Both programs are
 * Debian packages that .ci/run installs.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number | string; stdout?: string; stderr?: string };
    if (typeof code === 'string') throw new Error(`could not run ${command} (is it installed? .ci/run installs it): ${code}`, { cause: error });
    return { code, output: `${stdout ?? ''}${stderr ?? ''}` };
  }
}

describe('deployment files', () => {
  it('deploy/haproxy.cfg is a valid HAProxy configuration', async () => {
    const { code, output } = await run('haproxy', ['-c', '-f', 'deploy/haproxy.cfg']);
    expect(code, output).toBe(0);
    expect(output).toContain('Configuration file is valid');
  });

  it('compose.yaml is a valid compose file, mounting that HAProxy configuration', async () => {
    const { code, output } = await run('docker-compose', ['--file', 'compose.yaml', 'config'], { AUTH_SECRET: 'a-secret-of-at-least-16-characters' });
    expect(code, output).toBe(0);
    for (const service of ['concord-1:', 'concord-2:', 'lb:', 'postgres:', 'redis:']) expect(output).toContain(service);
    expect(output).toMatch(/deploy\/haproxy\.cfg:\/usr\/local\/etc\/haproxy\/haproxy\.cfg:ro/);
  });

  it('compose.yaml refuses to start without AUTH_SECRET', async () => {
    const { code, output } = await run('docker-compose', ['--file', 'compose.yaml', 'config'], { AUTH_SECRET: undefined });
    expect(code).not.toBe(0);
    expect(output).toContain('set AUTH_SECRET');
  });
});
