import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel, appendActivity, canOpenChannel, getChannelEntry, listActivity, listChannels, removeChannel, setChannelMember, updateChannel,
  upsertFormEntry, upsertMeetingEntry, upsertNotesEntry, validateWorkspace, workspaceChannels, workspaceToJSON,
} from '../src/index.ts';
import { errorCode, sync } from './support/sync.ts';

describe('a workspace', () => {
  it('lists channels with visibility and members, and decides who may open them', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'general', name: 'General', visibility: 'public', createdBy: 'ana', createdAt: 1 });
    addChannel(doc, { id: 'secret', name: 'Secret', visibility: 'private', members: ['ana'], createdBy: 'ana', createdAt: 2 });
    updateChannel(doc, 'secret', { topic: 'shh' });
    expect(getChannelEntry(doc, 'secret')).toEqual({
      id: 'secret', name: 'Secret', topic: 'shh', visibility: 'private', members: ['ana'], createdBy: 'ana', createdAt: 2,
    });
    expect(canOpenChannel(doc, 'general', 'bo')).toBe(true);
    expect(canOpenChannel(doc, 'secret', 'bo')).toBe(false);
    setChannelMember(doc, 'secret', 'bo', true);
    expect(canOpenChannel(doc, 'secret', 'bo')).toBe(true);
    setChannelMember(doc, 'secret', 'bo', false);
    expect(canOpenChannel(doc, 'secret', 'bo')).toBe(false);
    expect(canOpenChannel(doc, 'missing', 'ana')).toBe(false);
    removeChannel(doc, 'general');
    expect(listChannels(doc).map((c) => c.id)).toEqual(['secret']);
    expect(errorCode(() => addChannel(doc, { id: 'bad id', name: 'x', visibility: 'public', createdBy: 'ana' }))).toBe('invalid-input');
    expect(errorCode(() => setChannelMember(doc, 'missing', 'bo', true))).toBe('not-found');
  });

  it('keeps members added concurrently by two admins', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addChannel(a, { id: 'team', name: 'Team', visibility: 'private', members: ['ana'], createdBy: 'ana' });
    sync(a, b);
    setChannelMember(a, 'team', 'bo', true);
    setChannelMember(b, 'team', 'cy', true);
    sync(a, b);
    expect(getChannelEntry(b, 'team')?.members).toEqual(['ana', 'bo', 'cy']);
  });

  it('keeps the newest activity entries up to the cap, newest last', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) appendActivity(doc, { id: `a${i}`, at: i, userId: 'ana', userName: 'Ana', doc: 'acme:form:deal.1', action: 'edit', summary: `s${i}` }, 3);
    expect(listActivity(doc).map((entry) => entry.id)).toEqual(['a2', 'a3', 'a4']);
    expect(listActivity(doc, 1).map((entry) => entry.id)).toEqual(['a4']);
  });

  it('gives a JSON view of the whole directory and validates it', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'general', name: 'General', visibility: 'public', createdBy: 'ana', createdAt: 1 });
    upsertMeetingEntry(doc, { id: 'm1', title: 'Standup', scheduledAt: 5, status: 'scheduled' });
    upsertFormEntry(doc, { id: 'deal.42', title: 'Deal 42', entityType: 'deal', entityId: '42' });
    upsertNotesEntry(doc, { id: 'n1', title: 'Plan' });
    expect(workspaceToJSON(doc)).toMatchObject({
      meetings: [{ id: 'm1', title: 'Standup', scheduledAt: 5, status: 'scheduled' }],
      forms: [{ id: 'deal.42', title: 'Deal 42', entityType: 'deal', entityId: '42' }],
      notes: [{ id: 'n1', title: 'Plan' }],
      activity: [],
    });
    expect(validateWorkspace(doc)).toEqual([]);
  });

  it('reports the problems of a malformed directory', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'general', name: 'General', visibility: 'public', createdBy: 'ana', createdAt: 1 });
    doc.transact(() => {
      const channel = workspaceChannels(doc).get('general')!;
      channel.set('visibility', 'secret');
      (channel.get('members') as Y.Map<unknown>).set('bo', 'yes');
      workspaceChannels(doc).set('bad id', new Y.Map());
      doc.getMap('meetings').set('m1', 'not a map');
      doc.getArray('activity').push([new Y.Map()]);
    });
    const found = validateWorkspace(doc).map((p) => `${p.code} ${p.path}`);
    expect(found).toEqual(expect.arrayContaining([
      'invalid-value channels.general.visibility', 'wrong-type channels.general.members.bo', 'invalid-id channels.bad id',
      'missing-key channels.bad id.name', 'wrong-type meetings.m1', 'missing-key activity[0].id',
    ]));
  });
});
