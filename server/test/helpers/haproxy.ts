/**
 * HAProxy (Debian's package) in front of test instances, configured from the shipped
 * deploy/haproxy.cfg. Only what ties that file to compose.yaml's network changes: the listening
 * address, the two servers' addresses, and a runtime socket to read the servers' states. Every
 * substitution must match, so a reshaped shipped file fails here instead of being tested half.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface LoadBalancer {
  port: number;
  url: string;
  wsUrl: string;
  /** HAProxy's view of each server: UP, DOWN, STARTING, STOPPING or MAINT (`show servers state`). */
  serverStates(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  if (matches?.length !== 1) throw new Error(`deploy/haproxy.cfg: expected exactly one match of ${pattern}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** deploy/haproxy.cfg with loopback addresses: `servers` maps its server names to local ports. */
export function loopbackConfig(shipped: string, port: number, servers: Record<string, number>, socket: string): string {
  let config = replaceOnce(shipped, /^(\s*)bind :8080$/m, `$1bind 127.0.0.1:${port}`);
  config = replaceOnce(config, /^global$/m, `global\n  stats socket ${socket} level admin`);
  for (const [name, serverPort] of Object.entries(servers)) {
    config = replaceOnce(config, new RegExp(`^(\\s*server ${name}) ${name}:1234$`, 'm'), `$1 127.0.0.1:${serverPort}`);
  }
  return config;
}

// The state numbers of `show servers state` (srv_op_state).
const OPERATIONAL_STATES = ['DOWN', 'STARTING', 'UP', 'STOPPING'];

function ask(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    let answer = '';
    client.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    client.once('error', reject);
    client.once('end', () => resolve(answer));
    client.end(`${command}\n`);
  });
}

export async function startHaproxy(shippedPath: string, dir: string, port: number, servers: Record<string, number>): Promise<LoadBalancer> {
  const socket = join(dir, 'haproxy.sock');
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, loopbackConfig(readFileSync(shippedPath, 'utf8'), port, servers, socket));
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.once('exit', () => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`could not run haproxy (is it installed? .ci/run installs it): ${error.message}`)));
    const deadline = Date.now() + 10_000;
    const poll = () => {
      if (child.exitCode !== null) return reject(new Error(`haproxy exited with ${child.exitCode}: ${output}`));
      ask(socket, 'show info').then(() => resolve(), () => (Date.now() > deadline ? reject(new Error(`haproxy did not start: ${output}`)) : setTimeout(poll, 50)));
    };
    poll();
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    async serverStates() {
      // "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state …" then one line per server.
      const lines = (await ask(socket, 'show servers state concord')).split('\n').filter((line) => line && !line.startsWith('#') && line.includes(' '));
      return Object.fromEntries(
        lines.map((line) => {
          const fields = line.split(' ');
          const admin = Number(fields[6]);
          return [fields[3]!, admin !== 0 ? 'MAINT' : (OPERATIONAL_STATES[Number(fields[5])] ?? fields[5]!)];
        }),
      );
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
