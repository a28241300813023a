// The tables the CLI prints, in order; a table with no samples is left out.
import { coldColumns } from '../scenarios/cold.ts';
import { durableColumns } from '../scenarios/durable.ts';
import { fanoutColumns } from '../scenarios/fanout.ts';
import { idleColumns } from '../scenarios/idle.ts';
import { replayColumns } from '../scenarios/replay.ts';
import { startColumns } from '../scenarios/start.ts';
import { writerKneeColumns, writerStepColumns } from '../scenarios/writers.ts';
import type { TableSpec } from './table.ts';

export function tableSpecs(p99LimitMs: number, idlePerDoc: number): TableSpec[] {
  return [
    { title: 'Start-up: spawn to ready, and memory with no connection', scenario: 'start', columns: startColumns, ratioTo: 'bare' },
    { title: 'Fan-out: edit-to-every-peer latency', scenario: 'fanout', columns: fanoutColumns, ratioTo: 'bare' },
    { title: `Many writers on one document: where p99 passes ${p99LimitMs} ms`, scenario: 'writers', columns: writerKneeColumns, ratioTo: 'bare' },
    { title: 'Many writers on one document: each step', scenario: 'writers-steps', columns: writerStepColumns, ratioTo: 'bare' },
    { title: `Idle connections (${idlePerDoc} per document)`, scenario: 'idle', columns: idleColumns, ratioTo: 'bare' },
    { title: 'Cold load after a restart (bare Hocuspocus keeps nothing: not comparable)', scenario: 'cold', columns: coldColumns, ratioTo: 'sqlite' },
    { title: 'Durable append: closed-loop acknowledged edits', scenario: 'durable', columns: durableColumns, ratioTo: 'bare' },
    { title: 'Trace replay through the server', scenario: 'replay', columns: replayColumns, ratioTo: 'bare' },
  ];
}
