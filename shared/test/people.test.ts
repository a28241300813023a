import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addChannel, dmChannelId, dmChannelIdIn, dmSecondId, getPerson, listPeople, openDirectMessage, recordPerson, setChannelMember, validateWorkspace, workspaceChannels, workspacePeople } from '../src/index.ts';
import { errorCode } from './support/sync.ts';

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

  it('makes the directory entry on first use and finds it afterwards', () => {
    const doc = new Y.Doc();
    const made = openDirectMessage(doc, { userIds: ['bo'], createdBy: 'ana', name: 'Ana, Bo', createdAt: 5 });
    expect(made).toEqual({ id: 'dm.ana.bo', name: 'Ana, Bo', topic: '', visibility: 'dm', members: ['ana', 'bo'], createdBy: 'ana', createdAt: 5 });
    expect(openDirectMessage(doc, { userIds: ['ana'], createdBy: 'bo', name: 'Bo, Ana' })).toEqual(made);
    expect(dmChannelIdIn(doc, ['ana', 'bo'])).toBe('dm.ana.bo');
  });

  it('opens the conversation at its second id when another channel holds the first, and says so when both are held', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'dm.ana.cy', name: 'squatted', visibility: 'dm', members: ['ana', 'mal'], createdBy: 'mal' });
    const second = dmSecondId(['cy', 'ana']);
    expect(second).toMatch(/^dm\.[0-9a-f]{40}$/);
    expect(second).not.toBe(dmChannelId(['ana', 'cy']));
    const made = openDirectMessage(doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' });
    expect(made).toMatchObject({ id: second, visibility: 'dm', members: ['ana', 'cy'] });
    expect(openDirectMessage(doc, { userIds: ['ana'], createdBy: 'cy', name: 'Cy, Ana' })).toEqual(made);
    expect(validateWorkspace(doc)).toEqual([]);

    // A group's first id is a hash already; its second is another one.
    const long = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)];
    expect(dmSecondId(long)).not.toBe(dmChannelId(long));

    addChannel(doc, { id: 'dm.ana.dee', name: 'squatted', visibility: 'public', members: [], createdBy: 'mal' });
    addChannel(doc, { id: dmSecondId(['ana', 'dee']), name: 'squatted too', visibility: 'dm', members: ['mal'], createdBy: 'mal' });
    expect(dmChannelIdIn(doc, ['ana', 'dee'])).toBeUndefined();
    expect(errorCode(() => openDirectMessage(doc, { userIds: ['dee'], createdBy: 'ana', name: 'x' }))).toBe('dm-unavailable');
  });

  it('never gives a second id that is the first id of other people', () => {
    // Ids sorting after "fallback", so that a group with a member of that name lists it first.
    const group = ['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)];
    const firstIds = ['fallback', 'second'].map((name) => dmChannelId([name, ...group]));
    expect(firstIds).not.toContain(dmSecondId(group));
  });

  it('keeps the conversation at its second id once it is there, even when the first becomes theirs too', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'dm.dee.eve', name: 'planning', visibility: 'private', members: ['dee', 'eve'], createdBy: 'dee' });
    const made = openDirectMessage(doc, { userIds: ['eve'], createdBy: 'dee', name: 'Dee, Eve' });
    expect(made.id).toBe(dmSecondId(['dee', 'eve']));
    (workspaceChannels(doc).get('dm.dee.eve') as Y.Map<unknown>).set('visibility', 'dm');
    expect(openDirectMessage(doc, { userIds: ['dee'], createdBy: 'eve', name: 'Eve, Dee' })).toEqual(made);
    expect(dmChannelIdIn(doc, ['dee', 'eve'])).toBe(made.id);
  });

  it('keeps a conversation someone left at its id: the one who stayed opens it, the one who left is told', () => {
    const doc = new Y.Doc();
    const made = openDirectMessage(doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' });
    setChannelMember(doc, made.id, 'cy', false);
    expect(dmChannelIdIn(doc, ['ana', 'cy'])).toBe('dm.ana.cy');
    expect(openDirectMessage(doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' })).toMatchObject({ id: 'dm.ana.cy', members: ['ana'] });
    expect(errorCode(() => openDirectMessage(doc, { userIds: ['ana'], createdBy: 'cy', name: 'Cy, Ana' }))).toBe('dm-left');
    setChannelMember(doc, made.id, 'ana', false);
    expect(dmChannelIdIn(doc, ['ana', 'cy'])).toBe('dm.ana.cy');
  });
});
