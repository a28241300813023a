/**
 * The §5 contract of business fields under random concurrency (3–5 replicas, random network):
 * no written value disappears unless a write whose author saw it supersedes it; concurrent writes
 * surface as candidates on every replica; a resolve clears the conflict everywhere; pruning never
 * changes a view.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  defineForm, fieldWrites, formToJSON, headIds, pruneField, pruneForm, readField, resolveField, writeField, type FieldValue,
} from '../src/index.ts';
import { FORM_SCHEMA, randomValue } from './support/form-fixture.ts';
import { createNetwork, seedFromFirst, type Network } from './support/network.ts';
import { caseArb, pick } from './support/ops.ts';

const RUNS = 1000;
const VALUE_FIELDS = FORM_SCHEMA.filter((field) => field.type !== 'text');

interface LoggedWrite {
  field: string;
  value: FieldValue;
  supersedes: string[];
  seen: Set<string>;
}

function setupForm(network: Network): void {
  defineForm(network.docs[0], { title: 'Deal', entityType: 'deal', entityId: '1', schema: FORM_SCHEMA });
  seedFromFirst(network);
}

function runRandomWrites(withPruning: boolean): void {
  fc.assert(fc.property(caseArb, ({ replicas, seed, steps }) => {
    const network = createNetwork(replicas, seed);
    const log = new Map<string, LoggedWrite>();
    try {
      setupForm(network);
      steps.forEach((step, i) => {
        if (step.t === 'deliver') return network.deliver(step.n);
        if (step.t === 'partition') return network.partition(step.mask);
        if (step.t === 'heal') return network.heal();
        const doc = network.docs[step.replica % replicas];
        const field = VALUE_FIELDS[step.a % VALUE_FIELDS.length];
        const author = { id: `u${step.replica}`, name: `U${step.replica}` };
        if (withPruning && step.which % 4 === 3) {
          const before = JSON.stringify(formToJSON(doc));
          pruneField(doc, field.name);
          expect(JSON.stringify(formToJSON(doc))).toBe(before);
          return;
        }
        const seen = new Set(fieldWrites(doc, field.name).keys());
        const writeId = `w${i}-${step.replica}`;
        if (step.which % 4 === 2) {
          const candidates = readField(doc, field.name).candidates;
          const value = pick(candidates, step.c)?.value ?? randomValue(field, step.c);
          resolveField(doc, field.name, { choice: 'remote', value }, author, { at: step.b % 3, writeId });
        } else {
          writeField(doc, field.name, randomValue(field, step.c), author, { at: step.b % 3, writeId });
        }
        const write = fieldWrites(doc, field.name).get(writeId)!;
        log.set(writeId, { field: field.name, value: write.value, supersedes: write.supersedes, seen });
      });
      network.settle();

      for (const [writeId, write] of log) {
        // A write only supersedes what its author saw.
        for (const id of write.supersedes) expect(write.seen.has(id), `${writeId} supersedes ${id} unseen`).toBe(true);
      }
      const superseded = new Set([...log.values()].flatMap((write) => write.supersedes));
      for (const field of VALUE_FIELDS) {
        const expected = [...log].filter(([id, write]) => write.field === field.name && !superseded.has(id)).map(([id]) => id).sort();
        for (const doc of network.docs) {
          const state = readField(doc, field.name);
          const heads = state.candidates.map((candidate) => candidate.writeId).sort();
          // Every value nobody superseded is still a candidate, with the value written.
          if (withPruning) expect(heads).toEqual(expect.arrayContaining(expected));
          else expect(heads).toEqual(expected);
          for (const candidate of state.candidates) {
            if (log.has(candidate.writeId)) expect(candidate.value).toEqual(log.get(candidate.writeId)!.value);
          }
          expect(state.conflict).toBe(heads.length > 1);
        }
      }
      const views = network.docs.map((doc) => JSON.stringify(formToJSON(doc)));
      if (withPruning) {
        network.docs.forEach((doc) => pruneForm(doc));
        network.settle();
        network.docs.forEach((doc, i) => expect(JSON.stringify(formToJSON(doc))).toBe(views[i]));
      }
      for (const view of views) expect(view).toBe(views[0]);
    } finally {
      network.destroy();
    }
  }), { numRuns: RUNS });
}

it('keeps every value nobody superseded, on every replica, after random writes and resolves', () => {
  runRandomWrites(false);
});

it('never changes a view by pruning, and pruning loses no unsuperseded value', () => {
  runRandomWrites(true);
});

const concurrentCaseArb = fc.record({
  replicas: fc.integer({ min: 3, max: 5 }),
  seed: fc.nat(),
  writes: fc.array(fc.record({ replica: fc.nat(4), n: fc.nat(9), at: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
  resolver: fc.nat(4),
  choice: fc.constantFrom('local' as const, 'remote' as const, 'merged' as const),
});

it('surfaces concurrent offline writes as candidates on every replica, and a resolve clears the conflict everywhere', () => {
  fc.assert(fc.property(concurrentCaseArb, ({ replicas, seed, writes, resolver, choice }) => {
    const network = createNetwork(replicas, seed);
    try {
      setupForm(network);
      network.isolate();
      const lastByReplica = new Map<number, { writeId: string; value: FieldValue; at: number }>();
      writes.forEach((write, i) => {
        const replica = write.replica % replicas;
        const writeId = `w${i}-${replica}`;
        writeField(network.docs[replica], 'amount', write.n, { id: `u${replica}`, name: `U${replica}` }, { at: write.at, writeId });
        lastByReplica.set(replica, { writeId, value: write.n, at: write.at });
      });
      network.settle();
      const expected = [...lastByReplica.values()];
      const newest = [...expected].sort((a, b) => b.at - a.at || (a.writeId < b.writeId ? 1 : -1))[0];
      for (const doc of network.docs) {
        const state = readField(doc, 'amount');
        expect(state.candidates.map((c) => c.writeId).sort()).toEqual(expected.map((e) => e.writeId).sort());
        expect(state.conflict).toBe(expected.length > 1);
        expect(state.value).toBe(newest.value);
        expect(formToJSON(doc).fields.amount.conflict).toBe(expected.length > 1);
      }
      const resolvingDoc: Y.Doc = network.docs[resolver % replicas];
      const candidates = readField(resolvingDoc, 'amount').candidates;
      const value = choice === 'merged' ? 12345 : candidates[choice === 'local' ? 0 : candidates.length - 1].value;
      resolveField(resolvingDoc, 'amount', { choice, value }, { id: 'judge', name: 'Judge' });
      network.settle();
      for (const doc of network.docs) {
        expect(readField(doc, 'amount')).toMatchObject({ value, conflict: false });
        expect(headIds(fieldWrites(doc, 'amount'))).toHaveLength(1);
      }
    } finally {
      network.destroy();
    }
  }), { numRuns: RUNS });
});
