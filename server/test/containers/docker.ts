/**
 * Containers of the image under test, run with `--network host` (the engine here has no bridge
 * network: a container listens on this machine's loopback, on the port it is given), and removed
 * when the test process ends, whatever happened.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// A test that fails or times out must not leave its containers or volumes behind.
const created = { containers: new Set<string>(), volumes: new Set<string>() };
process.once('exit', () => {
  if (created.containers.size > 0) spawnQuietly(['rm', '--force', '--volumes', ...created.containers]);
  if (created.volumes.size > 0) spawnQuietly(['volume', 'rm', '--force', ...created.volumes]);
});

function spawnQuietly(args: string[]): void {
  try {
    execFileSync('docker', args, { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // best effort on the way out
  }
}

/** Runs a docker command; rejects with its stderr. */
export async function docker(...args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('docker', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || message}`, { cause: error });
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createVolume(): Promise<string> {
  const name = uniqueName('concord-test-data');
  await docker('volume', 'create', name);
  created.volumes.add(name);
  return name;
}

export async function removeVolume(name: string): Promise<void> {
  await docker('volume', 'rm', '--force', name);
  created.volumes.delete(name);
}

export interface ContainerState {
  Status: string;
  Running: boolean;
  ExitCode: number;
  OOMKilled: boolean;
  Pid: number;
  StartedAt: string;
  Health?: { Status: string };
}

export interface Container {
  name: string;
  port: number;
  url: string;
  wsUrl: string;
  state(): Promise<ContainerState>;
  logs(): Promise<string>;
  exec(...command: string[]): Promise<string>;
  remove(): Promise<void>;
}

export interface RunOptions {
  port: number;
  env?: Record<string, string>;
  volume?: string;
  /** Extra `docker run` flags, e.g. health check timings. */
  flags?: string[];
}

/** `docker run --detach --network host` of `image` on `port`, listening on loopback only. */
export async function runContainer(image: string, options: RunOptions): Promise<Container> {
  const name = uniqueName('concord-test');
  const env = { PORT: String(options.port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...options.env };
  created.containers.add(name);
  await docker(
    'run', '--detach', '--name', name, '--network', 'host',
    ...Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
    ...(options.volume ? ['--volume', `${options.volume}:/data`] : []),
    ...(options.flags ?? []),
    image,
  );
  return {
    name,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    wsUrl: `ws://127.0.0.1:${options.port}/collab`,
    state: async () => JSON.parse(await docker('inspect', '--format', '{{json .State}}', name)) as ContainerState,
    logs: async () => {
      const { stdout, stderr } = await execFileAsync('docker', ['logs', name], { maxBuffer: 64 * 1024 * 1024 });
      return stdout + stderr;
    },
    exec: (...command) => docker('exec', name, ...command),
    async remove() {
      // --volumes: the image's anonymous /data volume too (a named one stays).
      await docker('rm', '--force', '--volumes', name);
      created.containers.delete(name);
    },
  };
}
