// What every scenario gets: the options, the servers to compare, and a sink for samples.
import type { Fleet } from '../fleet.ts';
import type { Sample } from '../results.ts';
import type { ServerOptions, Target } from '../targets.ts';

export interface ScenarioContext {
  targets: Target[];
  reps: number;
  /** The load processes, shared by every scenario (each command cleans up its clients). */
  fleet: Fleet;
  quick: boolean;
  serverOptions: ServerOptions;
  awareness: boolean;
  tracePath: string;
  record(sample: Sample): void;
  log(message: string): void;
}

/** Targets in a rotated order for each repetition, so no server always runs first. */
export function alternation<T>(items: T[], rep: number): T[] {
  const shift = rep % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export const benchOrg = 'bench';

let runCounter = 0;

/** A fresh document id, unique within this run. */
export function freshId(prefix: string): string {
  runCounter += 1;
  return `${prefix}-${process.pid}-${runCounter}`;
}
