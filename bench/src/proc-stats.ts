// Server CPU and memory read from /proc, so that any server (Concord included, which has no
// stats endpoint of ours) can be measured the same way from outside.
import { readdirSync, readFileSync } from 'node:fs';

const clockTicksPerSecond = 100; // getconf CLK_TCK on Linux x86-64

/** User and system CPU seconds of a process (`/proc/<pid>/stat`) or of one thread (`/proc/<pid>/task/<tid>/stat`). */
function userSystemSeconds(statPath: string): { user: number; system: number } {
  const stat = readFileSync(statPath, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / clockTicksPerSecond, system: Number(fields[12]) / clockTicksPerSecond };
}

export function cpuSeconds(pid: number): number {
  const { user, system } = userSystemSeconds(`/proc/${pid}/stat`);
  return user + system;
}

/**
 * Where a process's CPU went: its main thread's user and system (kernel: socket writes, epoll)
 * time, and all its other threads (V8's workers, which mark and sweep concurrently, and libuv's).
 * A --cpu-prof profile sees the main thread's JavaScript only.
 */
export interface CpuSplit {
  mainUser: number;
  mainSystem: number;
  otherThreads: number;
}

function cpuSplit(pid: number): CpuSplit {
  const main = userSystemSeconds(`/proc/${pid}/task/${pid}/stat`);
  return { mainUser: main.user, mainSystem: main.system, otherThreads: cpuSeconds(pid) - main.user - main.system };
}

/**
 * CPU time of every thread of the process in milliseconds, to the nanosecond (the scheduler's own
 * count, /proc/<pid>/task/<tid>/schedstat), where `cpuSeconds` counts 10 ms ticks: for windows of
 * tens of milliseconds, such as one document load.
 */
export function cpuMsPrecise(pid: number): number {
  let nanoseconds = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return nanoseconds / 1e6;
}

/** Write system calls (write, writev, …) and bytes written by a process so far (`/proc/<pid>/io`). */
function writes(pid: number): { calls: number; bytes: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? Number.NaN);
  return { calls: field('syscw'), bytes: field('wchar') };
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export interface CpuWindow {
  /** Ends the window: CPU use as a percentage of one core, and the highest RSS seen. */
  stop(): {
    cpuPct: number;
    rssMaxBytes: number;
    rssEndBytes: number;
    splitPct: CpuSplit;
    /** Write system calls and bytes written in the window (sockets and files alike). */
    writeCalls: number;
    writtenBytes: number;
  };
}

export function startCpuWindow(pid: number, rssEveryMs = 250): CpuWindow {
  const cpu0 = cpuSeconds(pid);
  const split0 = cpuSplit(pid);
  const writes0 = writes(pid);
  const t0 = performance.now();
  let rssMax = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, rssBytes(pid));
    } catch {
      // process ended; the caller will notice
    }
  }, rssEveryMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      const rssEnd = rssBytes(pid);
      rssMax = Math.max(rssMax, rssEnd);
      const split = cpuSplit(pid);
      const written = writes(pid);
      const pct = (key: keyof CpuSplit) => ((split[key] - split0[key]) / seconds) * 100;
      return {
        cpuPct: ((cpuSeconds(pid) - cpu0) / seconds) * 100,
        rssMaxBytes: rssMax,
        rssEndBytes: rssEnd,
        splitPct: { mainUser: pct('mainUser'), mainSystem: pct('mainSystem'), otherThreads: pct('otherThreads') },
        writeCalls: written.calls - writes0.calls,
        writtenBytes: written.bytes - writes0.bytes,
      };
    },
  };
}
