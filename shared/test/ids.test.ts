import { describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';

describe('generated ids', () => {
  it('never repeat their random part, across many refills of the random pool', () => {
    const randomParts = new Set(Array.from({ length: 5_000 }, () => newId(0).slice(9)));
    expect(randomParts.size).toBe(5_000);
  });
});
