// One measured figure set of one case on one server in one repetition, and their medians.
import { median } from './stats.ts';
import type { TargetId } from './targets.ts';

export interface Sample {
  scenario: string;
  /** e.g. "20×50 @ 200/s"; cases of one scenario share the columns. */
  caseLabel: string;
  /** Numeric x value of the case for charts (e.g. edits/s), if any. */
  x?: number;
  target: TargetId;
  rep: number;
  metrics: Record<string, number>;
  notes: string[];
}

export interface Column {
  key: string;
  label: string;
  digits: number;
  /** Show the ratio to bare Hocuspocus (or to `ratioTo`) for this column. */
  ratio: boolean;
}

export interface Aggregate {
  scenario: string;
  caseLabel: string;
  x?: number;
  target: TargetId;
  reps: number;
  medians: Record<string, number>;
  notes: string[];
}

export function aggregate(samples: Sample[]): Aggregate[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = `${sample.scenario}\u0000${sample.caseLabel}\u0000${sample.target}`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  return [...groups.values()].map((group) => {
    const keys = new Set(group.flatMap((sample) => Object.keys(sample.metrics)));
    const medians: Record<string, number> = {};
    for (const key of keys) medians[key] = median(group.map((sample) => sample.metrics[key] ?? Number.NaN));
    return {
      scenario: group[0].scenario,
      caseLabel: group[0].caseLabel,
      x: group[0].x,
      target: group[0].target,
      reps: group.length,
      medians,
      notes: [...new Set(group.flatMap((sample) => sample.notes))],
    };
  });
}
