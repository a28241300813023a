import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChannel, dmChannelId, getPerson, listPeople, openDirectMessage, recordPerson, validateWorkspace, workspacePeople } from '../src/index.ts';

describe('people', () => {
  it('adds a person once, keeps their token’s name and role, and moves lastSeenAt only after the period', () => {
    const doc = new Y.Doc();
    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png' }, 1_000, 100)).toBe(true);
    expect(getPerson(doc, 'bo')).toEqual({ id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png', joinedAt: 1_000, lastSeenAt: 1_000 });
    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor', avatar: 'https://a/bo.png' }, 1_050, 100)).toBe(false);
    expect(recordPerson(doc, { id: 'bo', name: 'Bo B.', role: 'admin' }, 1_100, 100)).toBe(true);
    expect(getPerson(doc, 'bo')).toEqual({ id: 'bo', name: 'Bo B.', role: 'admin', joinedAt: 1_000, lastSeenAt: 1_100 });
  });

  it('reads an entry of the earlier nested-map form, and replaces it with one plain value on the next record', () => {
    const doc = new Y.Doc();
    const earlier = new Y.Map<unknown>();
    workspacePeople(doc).set('bo', earlier);
    for (const [key, value] of Object.entries({ name: 'Bo', role: 'editor', joinedAt: 1_000, lastSeenAt: 1_000 })) earlier.set(key, value);
    expect(getPerson(doc, 'bo')).toEqual({ id: 'bo', name: 'Bo', role: 'editor', joinedAt: 1_000, lastSeenAt: 1_000 });
    expect(listPeople(doc).map((p) => p.id)).toEqual(['bo']);

    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor' }, 1_050, 100)).toBe(true);
    expect(workspacePeople(doc).get('bo')).toEqual({ name: 'Bo', role: 'editor', joinedAt: 1_000, lastSeenAt: 1_000 });
    expect(validateWorkspace(doc)).toEqual([]);
    expect(recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor' }, 1_060, 100)).toBe(false);
  });

  it('lists people by name, then id', () => {
    const doc = new Y.Doc();
    for (const [id, name] of [['z1', 'Ana'], ['b', 'Cy'], ['a1', 'Ana']] as const) recordPerson(doc, { id, name, role: 'editor' }, 1);
    expect(listPeople(doc).map((p) => p.id)).toEqual(['a1', 'z1', 'b']);
    expect(getPerson(doc, 'nobody')).toBeUndefined();
  });
});

describe('direct messages', () => {
  it('names a conversation by its sorted people, and by a hash past 64 characters', () => {
    expect(dmChannelId(['bo', 'ana'])).toBe('dm.ana.bo');
    expect(dmChannelId(['cy', 'ana', 'bo', 'ana'])).toBe('dm.ana.bo.cy');
    const long = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)];
    const hashed = dmChannelId(long);
    expect(hashed).toMatch(/^dm\.[0-9a-f]{40}$/);
    expect(dmChannelId([...long].reverse())).toBe(hashed);
    expect(dmChannelId([...long.slice(0, 2), 'd'.repeat(30)])).not.toBe(hashed);
    expect(() => dmChannelId(['ana'])).toThrow(/at least two/);
    expect(() => dmChannelId(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])).toThrow(/at most 8/);
    expect(() => dmChannelId(['ana', 'b o'])).toThrow(/must match/);
  });

  it('makes the directory entry on first use, finds it afterwards, and refuses an id taken by another channel', () => {
    const doc = new Y.Doc();
    const made = openDirectMessage(doc, { userIds: ['bo'], createdBy: 'ana', name: 'Ana, Bo', createdAt: 5 });
    expect(made).toEqual({ id: 'dm.ana.bo', name: 'Ana, Bo', topic: '', visibility: 'dm', members: ['ana', 'bo'], createdBy: 'ana', createdAt: 5 });
    expect(openDirectMessage(doc, { userIds: ['ana'], createdBy: 'bo', name: 'Bo, Ana' })).toEqual(made);
    addChannel(doc, { id: 'dm.ana.cy', name: 'squatted', visibility: 'dm', members: ['mal'], createdBy: 'mal' });
    expect(() => openDirectMessage(doc, { userIds: ['cy'], createdBy: 'ana', name: 'x' })).toThrow(/not the conversation/);
  });
});
