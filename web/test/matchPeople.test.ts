import { describe, expect, it } from 'vitest';
import { matchPeople, PICKER_LIMIT } from '../src/features/people/matchPeople.ts';

const people = [
  { id: 'bo', name: 'Bo Lee' },
  { id: 'ana', name: 'Ana Silva' },
  { id: 'zoe', name: 'Zoë Bell' },
  { id: 'u-42', name: 'Carl Bobson' },
  { id: 'bea', name: 'Beatriz Ortega' },
];
const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('matchPeople', () => {
  it('ranks a name starting with the query, then a later word, then the id, then anything containing it', () => {
    expect(ids(matchPeople(people, 'b'))).toEqual(['bea', 'bo', 'u-42', 'zoe']);
    expect(ids(matchPeople(people, 'bo'))).toEqual(['bo', 'u-42']);
    expect(ids(matchPeople(people, 'u-4'))).toEqual(['u-42']);
    expect(ids(matchPeople(people, 'lva'))).toEqual(['ana']);
  });

  it('ignores case and accents, and surrounding spaces', () => {
    expect(ids(matchPeople(people, ' ZOE '))).toEqual(['zoe']);
    expect(ids(matchPeople([{ id: 'x', name: 'zoe' }], 'zoë'))).toEqual(['x']);
  });

  it('lists everyone for an empty query, alphabetically, and leaves out the excluded', () => {
    expect(ids(matchPeople(people, '', new Set(['ana'])))).toEqual(['bea', 'bo', 'u-42', 'zoe']);
  });

  it('finds nobody for a query nobody matches', () => {
    expect(matchPeople(people, 'xyz')).toEqual([]);
  });

  it('lists at most a screenful', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: `Pat ${i}` }));
    expect(matchPeople(many, 'pat')).toHaveLength(PICKER_LIMIT);
  });
});
