// Every process the bench starts lives in its own process group and is registered here, so that
// an exit, a signal or a crash of the CLI kills the whole group (servers, load processes, and
// anything they spawned). Nothing is left running on the shared 2-core machine.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const scratchDirs = new Set<string>();

/** A temp dir removed when the CLI exits, however it exits. */
export function trackDir(path: string): string {
  scratchDirs.add(path);
  return path;
}

export function track(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  groups.add(pid);
  child.once('exit', () => groups.delete(pid));
}

export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
  if (signal === 'SIGKILL') groups.delete(pid);
}

export function killAll(): void {
  for (const pid of [...groups]) killGroup(pid);
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}

/** Runs a command's work, then kills what it left running and exits 0, or 1 after printing its error. */
export function runThenExit(work: () => Promise<void>): void {
  work().then(
    () => {
      killAll();
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      killAll();
      process.exit(1);
    },
  );
}

let installed = false;

export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
}
