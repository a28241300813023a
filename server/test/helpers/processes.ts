/**
 * Every process a test starts (servers, redis-server, the bench CLI), so that none outlives the
 * suite. Each runs in a process group of its own, so whatever it starts goes with it, and is
 * recorded as a file named by its pid in the directory `CONCORD_TEST_PROCESSES` names: the suite's
 * global teardown (vitest.global-setup.ts, e2e/support/globalSetup.ts) stops every group still
 * recorded there, which covers a test that timed out and a test process that was killed. A test
 * process that exits normally kills its own first.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROCESS_DIR_ENV = 'CONCORD_TEST_PROCESSES';
/** How long a process group gets between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 5_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<number>();
process.once('exit', () => live.forEach((pid) => signalGroup(pid, 'SIGKILL')));

function recordFile(pid: number): string | undefined {
  const dir = process.env[PROCESS_DIR_ENV];
  return dir ? join(dir, String(pid)) : undefined;
}

/** `spawn`, in a process group of its own, recorded until it exits. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) return child;
  live.add(pid);
  const file = recordFile(pid);
  if (file) writeFileSync(file, `${command} ${args.join(' ')}\n`);
  child.once('exit', () => {
    live.delete(pid);
    if (file) rmSync(file, { force: true });
  });
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Resolves with the exit of `child`, sending its group SIGTERM and then SIGKILL after `graceMs`. */
export function stopTracked(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = STOP_GRACE_MS): Promise<Exit> {
  const exited = new Promise<Exit>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return exited;
  const pid = child.pid;
  signalGroup(pid, signal);
  const force = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(force));
}

/** For a global setup: a fresh directory to record processes in, named in the environment. */
export function createProcessRecord(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-test-processes-'));
  process.env[PROCESS_DIR_ENV] = dir;
  return dir;
}

/**
 * For a global teardown: SIGTERM to every process group still recorded in `dir`, SIGKILL to those
 * left after `graceMs`; then removes `dir`. Returns the command lines of what was still running.
 */
export async function stopRecorded(dir: string, graceMs = STOP_GRACE_MS): Promise<string[]> {
  const pids = readdirSync(dir).map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  const commands = new Map(pids.map((pid) => [pid, readFileSync(join(dir, String(pid)), 'utf8').trim()]));
  const running = pids.filter((pid) => signalGroup(pid, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  while (running.some((pid) => signalGroup(pid, 0)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const pid of running) signalGroup(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  return running.map((pid) => `${pid} ${commands.get(pid)}`);
}
