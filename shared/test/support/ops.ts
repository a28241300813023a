/**
 * Random operations for the convergence properties. An operation is a few small numbers that each
 * document kind interprets against the replica's current state (pick the n-th message, the n-th
 * field…), so fast-check can generate and shrink them without knowing the kinds.
 */
import fc from 'fast-check';

export type NetOp = { t: 'deliver'; n: number } | { t: 'partition'; mask: number } | { t: 'heal' };
export interface DocOp {
  t: 'op';
  replica: number;
  which: number;
  a: number;
  b: number;
  c: number;
}
export type Step = NetOp | DocOp;

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('op' as const), replica: fc.nat(4), which: fc.nat(31), a: fc.nat(15), b: fc.nat(15), c: fc.nat(15) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('partition' as const), mask: fc.nat(31) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('heal' as const) }) },
);

export const caseArb = fc.record({
  replicas: fc.integer({ min: 3, max: 5 }),
  seed: fc.nat(),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 12 }),
});

export const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
