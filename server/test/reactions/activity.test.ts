/** The activity feed's words for what an update did (issue 11: "form", "updated the directory"). */
import {
  addChannel, appendParagraph, defineForm, deleteMessage, parseDocName, postMessage, restoreMessage, scheduleMeeting, setMeetingStatus, setNotesTitle,
  upsertFormEntry, upsertMeetingEntry, upsertNotesEntry, writeField,
} from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeActivity } from '../../src/reactions/activity.ts';
import { describeUpdate } from '../../src/guards/update-changes.ts';

/** Makes `change` on a copy of `doc`, then describes it as the server does: changes read before, words after applying. */
function activityOf(name: string, doc: Y.Doc, change: (doc: Y.Doc) => void) {
  const parsed = parseDocName(name);
  if (!parsed.ok) throw new Error(name);
  const before = Y.encodeStateVector(doc);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  change(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  const described = describeUpdate(doc, update);
  if (!described.ok) throw new Error(described.reason);
  Y.applyUpdate(doc, update);
  const activity = describeActivity(parsed.name, doc, described.changes);
  return activity && { action: activity.action, summary: activity.summary };
}

describe('activity in everyday words', () => {
  it('names what was created in the directory: channel #name, record and page by title', () => {
    const workspace = new Y.Doc();
    const name = 'acme:workspace:main';
    expect(activityOf(name, workspace, (doc) => addChannel(doc, { id: 'sales', name: 'sales', visibility: 'public', createdBy: 'ana' }))).toEqual({ action: 'created channel', summary: '#sales' });
    expect(activityOf(name, workspace, (doc) => upsertFormEntry(doc, { id: 'deal.2', title: 'Acme renewal', entityType: 'deal', entityId: '2' }))).toEqual({ action: 'created record', summary: 'Acme renewal' });
    expect(activityOf(name, workspace, (doc) => upsertMeetingEntry(doc, { id: 'm1', title: 'Planning', scheduledAt: 1, status: 'scheduled' }))).toEqual({ action: 'scheduled meeting', summary: 'Planning' });
    expect(activityOf(name, workspace, (doc) => upsertNotesEntry(doc, { id: 'welcome', title: 'Welcome' }))).toEqual({ action: 'created page', summary: 'Welcome' });
  });

  it('names a few of many entries created at once, reading each title by its key (5,000 pages listed each time stalled the server)', () => {
    const workspace = new Y.Doc();
    const activity = activityOf('acme:workspace:main', workspace, (doc) => {
      doc.transact(() => {
        for (let i = 0; i < 5_000; i += 1) upsertNotesEntry(doc, { id: `p${String(i).padStart(4, '0')}`, title: `Page ${i}` });
      });
    });
    expect(activity?.action).toBe('set up the workspace');
    expect(activity?.summary).toMatch(/^Page \d+, Page \d+, Page \d+ and 4997 more$/);
  });

  it('tells a rename by the new name, and leaves a meeting’s status to the meeting', () => {
    const workspace = new Y.Doc();
    const name = 'acme:workspace:main';
    activityOf(name, workspace, (doc) => {
      upsertNotesEntry(doc, { id: 'welcome', title: 'Welcome' });
      upsertMeetingEntry(doc, { id: 'm1', title: 'Planning', scheduledAt: 1, status: 'scheduled' });
    });
    expect(activityOf(name, workspace, (doc) => upsertNotesEntry(doc, { id: 'welcome', title: 'Team handbook' }))).toEqual({ action: 'renamed page', summary: 'Team handbook' });
    expect(activityOf(name, workspace, (doc) => upsertMeetingEntry(doc, { id: 'm1', title: 'Planning', scheduledAt: 1, status: 'active' }))).toBeNull();
  });

  it('says a first visit set up the workspace, naming what it made', () => {
    const activity = activityOf('acme:workspace:main', new Y.Doc(), (doc) => {
      addChannel(doc, { id: 'general', name: 'general', visibility: 'public', createdBy: 'ana' });
      upsertFormEntry(doc, { id: 'deal.1', title: 'Northwind renewal', entityType: 'deal', entityId: '1' });
    });
    expect(activity).toEqual({ action: 'set up the workspace', summary: '#general, Northwind renewal' });
  });

  it('speaks of a record and its field’s label, never of a form', () => {
    const form = new Y.Doc();
    const name = 'acme:form:deal.2';
    const schema = [{ name: 'amount', label: 'Amount', type: 'number' as const }];
    expect(activityOf(name, form, (doc) => defineForm(doc, { title: 'Acme renewal', entityType: 'deal', entityId: '2', schema }))).toEqual({ action: 'set up the record', summary: 'Acme renewal' });
    expect(activityOf(name, form, (doc) => writeField(doc, 'amount', 5, { id: 'ana', name: 'Ana' }))).toEqual({ action: 'changed a field', summary: 'Acme renewal: Amount' });
  });

  it('tells a post by the text of the last message the update posted, found in the live channel', () => {
    const channel = new Y.Doc();
    const name = 'acme:channel:general';
    for (let i = 0; i < 50; i++) postMessage(channel, { id: `old${i}`, text: `old ${i}`, authorId: 'ben', authorName: 'Ben' });
    const posted = activityOf(name, channel, (doc) => doc.transact(() => {
      postMessage(doc, { id: 'm1', text: 'first', authorId: 'ana', authorName: 'Ana' });
      postMessage(doc, { id: 'm2', text: 'second', authorId: 'ana', authorName: 'Ana' });
    }));
    expect(posted).toEqual({ action: 'posted', summary: '#general: second' });
  });

  it('tells deleting a message from taking the delete back', () => {
    const channel = new Y.Doc();
    const name = 'acme:channel:general';
    activityOf(name, channel, (doc) => void postMessage(doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' }));
    expect(activityOf(name, channel, (doc) => deleteMessage(doc, 'm1'))).toEqual({ action: 'deleted a message', summary: '#general' });
    expect(activityOf(name, channel, (doc) => restoreMessage(doc, 'm1', { text: 'hello' }))).toEqual({ action: 'restored a message', summary: '#general' });
  });

  it('says what happened to a meeting: started, paused, resumed, ended', () => {
    const meeting = new Y.Doc();
    const name = 'acme:meeting:m1';
    expect(activityOf(name, meeting, (doc) => scheduleMeeting(doc, { title: 'Planning', scheduledAt: 1, durationMin: 30, createdBy: 'ana' }))).toBeNull();
    const moves = (['active', 'paused', 'active', 'ended'] as const).map((status) => activityOf(name, meeting, (doc) => setMeetingStatus(doc, status))?.action);
    expect(moves).toEqual(['started the meeting', 'paused the meeting', 'resumed the meeting', 'ended the meeting']);
  });

  it('tells edits of a page, and leaves its renaming to the directory', () => {
    const notes = new Y.Doc();
    const name = 'acme:notes:welcome';
    expect(activityOf(name, notes, (doc) => setNotesTitle(doc, 'Welcome'))).toBeNull();
    expect(activityOf(name, notes, (doc) => void appendParagraph(doc, 'Hello'))).toEqual({ action: 'edited the page', summary: 'Welcome' });
  });
});
