import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getPerson, listPeople, recordPerson } from '../src/index.ts';

describe('people', () => {
  it('adds a person once, keeps their token’s name and role, and moves lastSeenAt only after the period', () => {
    const doc = new Y.Doc();
    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png' }, 1_000, 100)).toBe(true);
    expect(getPerson(doc, 'bo')).toEqual({ id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png', joinedAt: 1_000, lastSeenAt: 1_000 });
    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png' }, 1_050, 100)).toBe(false);
    expect(recordPerson(doc, { id: 'bo', name: 'Bo B.', role: 'admin' }, 1_100, 100)).toBe(true);
    expect(getPerson(doc, 'bo')).toEqual({ id: 'bo', name: 'Bo B.', role: 'admin', joinedAt: 1_000, lastSeenAt: 1_100 });
  });

  it('lists people by name, then id', () => {
    const doc = new Y.Doc();
    for (const [id, name] of [['z1', 'Ana'], ['b', 'Cy'], ['a1', 'Ana']] as const) recordPerson(doc, { id, name, role: 'editor' }, 1);
    expect(listPeople(doc).map((p) => p.id)).toEqual(['a1', 'z1', 'b']);
    expect(getPerson(doc, 'nobody')).toBeUndefined();
  });
});
