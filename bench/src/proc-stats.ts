// Server CPU and memory read from /proc, so that any server (Concord included, which has no
// stats endpoint of ours) can be measured the same way from outside.
import { readdirSync, readFileSync } from 'node:fs';

const clockTicksPerSecond = 100; // getconf CLK_TCK on Linux x86-64

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicksPerSecond;
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

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export interface CpuWindow {
  /** Ends the window: CPU use as a percentage of one core, and the highest RSS seen. */
  stop(): { cpuPct: number; rssMaxBytes: number; rssEndBytes: number };
}

export function startCpuWindow(pid: number, rssEveryMs = 250): CpuWindow {
  const cpu0 = cpuSeconds(pid);
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
      return { cpuPct: ((cpuSeconds(pid) - cpu0) / seconds) * 100, rssMaxBytes: rssMax, rssEndBytes: rssEnd };
    },
  };
}
