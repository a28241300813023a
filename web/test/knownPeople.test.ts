import { describe, expect, it } from 'vitest';
import { knownPeople } from '../src/features/people/knownPeople.ts';

describe('knownPeople', () => {
  it('lists the directory first, then others once each, and keeps the directory’s entry for someone in both', () => {
    const directory = [{ id: 'bo', name: 'Bo Lee', avatar: 'https://example.com/bo.png' }];
    const others = [
      { id: 'bo', name: 'Bo' },
      { id: 'cy', name: 'Cy' },
      { id: 'cy', name: 'Cy again' },
    ];
    expect(knownPeople(directory, others)).toEqual([directory[0], { id: 'cy', name: 'Cy' }]);
  });
});
