import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem, allowedStatusMoves, editAgendaItem, inviteToMeeting, joinMeeting, leaveMeeting, listAgenda, listParticipants, meetingMeta, meetingNotes,
  meetingStatus, meetingToJSON, removeAgendaItem, scheduleMeeting, setAgendaItemDone, setMeetingStatus, statusMoveProblems, validateMeeting,
  MEETING_STATUSES, type MeetingStatus,
} from '../src/index.ts';
import { errorCode, sync } from './support/sync.ts';

function scheduled(): Y.Doc {
  const doc = new Y.Doc();
  scheduleMeeting(doc, { title: 'Standup', scheduledAt: 1000, durationMin: 15, createdBy: 'ana' });
  return doc;
}

describe('a meeting', () => {
  it('offers exactly the status moves of the design', () => {
    expect(allowedStatusMoves('scheduled')).toEqual(['active', 'ended']);
    expect(allowedStatusMoves('active')).toEqual(['paused', 'ended']);
    expect(allowedStatusMoves('paused')).toEqual(['active', 'ended']);
    expect(allowedStatusMoves('ended')).toEqual([]);
  });

  it('moves through allowed statuses and records when it started and ended', () => {
    const doc = scheduled();
    setMeetingStatus(doc, 'active', 10);
    setMeetingStatus(doc, 'paused', 20);
    setMeetingStatus(doc, 'active', 30);
    setMeetingStatus(doc, 'ended', 40);
    expect(meetingToJSON(doc).meta).toMatchObject({ status: 'ended', startedAt: 10, endedAt: 40 });
    expect(validateMeeting(doc)).toEqual([]);
  });

  it('refuses every move the design does not allow with a typed error', () => {
    for (const from of MEETING_STATUSES) {
      for (const to of MEETING_STATUSES) {
        const doc = scheduled();
        const path: Record<MeetingStatus, MeetingStatus[]> = { scheduled: [], active: ['active'], paused: ['active', 'paused'], ended: ['ended'] };
        path[from].forEach((status) => setMeetingStatus(doc, status));
        const allowed = allowedStatusMoves(from).includes(to);
        expect(errorCode(() => setMeetingStatus(doc, to)), `${from}→${to}`).toBe(allowed ? undefined : 'invalid-status-move');
        expect(statusMoveProblems(from, to).length === 0, `${from}→${to}`).toBe(allowed || from === to);
      }
    }
  });

  it('stays ended when a pause races with an end', () => {
    const a = scheduled();
    setMeetingStatus(a, 'active', 1);
    const b = new Y.Doc();
    sync(a, b);
    setMeetingStatus(a, 'ended', 2);
    setMeetingStatus(b, 'paused', 3);
    sync(a, b);
    expect(meetingStatus(a)).toBe('ended');
    expect(meetingStatus(b)).toBe('ended');
  });

  it('tracks participants joining and leaving, and agenda items', () => {
    const doc = scheduled();
    joinMeeting(doc, 'bo', 'Bo', 5);
    joinMeeting(doc, 'ana', 'Ana', 6);
    leaveMeeting(doc, 'bo', 7);
    expect(listParticipants(doc)).toEqual([{ userId: 'ana', name: 'Ana', joinedAt: 6 }, { userId: 'bo', name: 'Bo', joinedAt: 5, leftAt: 7 }]);
    joinMeeting(doc, 'bo', 'Bo', 8);
    expect(listParticipants(doc)[1]).toEqual({ userId: 'bo', name: 'Bo', joinedAt: 8 });
    expect(errorCode(() => leaveMeeting(doc, 'zed'))).toBe('not-found');
    const first = addAgendaItem(doc, 'Intro', 'g1');
    addAgendaItem(doc, 'Numbers', 'g2');
    setAgendaItemDone(doc, first.id, true);
    editAgendaItem(doc, 'g2', 'Revenue');
    expect(listAgenda(doc)).toEqual([{ id: 'g1', text: 'Intro', done: true }, { id: 'g2', text: 'Revenue', done: false }]);
    removeAgendaItem(doc, 'g1');
    expect(listAgenda(doc).map((item) => item.id)).toEqual(['g2']);
    meetingNotes(doc).insert(0, [new Y.XmlElement('paragraph')]);
    expect(meetingToJSON(doc).notes).toEqual([{ type: 'paragraph', children: [] }]);
    expect(validateMeeting(doc)).toEqual([]);
  });

  it('reports impossible statuses and malformed parts', () => {
    const doc = scheduled();
    doc.transact(() => {
      meetingMeta(doc).set('startedAt', 5);
      meetingMeta(doc).set('durationMin', 'long');
      doc.getMap('participants').set('bo', 'here');
      doc.getArray('agenda').push(['not a map']);
    });
    const found = validateMeeting(doc).map((p) => `${p.code} ${p.path}`);
    expect(found).toEqual(expect.arrayContaining([
      'invalid-status-move meta.status', 'wrong-type meta.durationMin', 'wrong-type participants.bo', 'wrong-type agenda[0]',
    ]));
    meetingMeta(doc).set('status', 'cancelled');
    expect(validateMeeting(doc).map((p) => p.code)).toContain('invalid-value');
    const paused = scheduled();
    meetingMeta(paused).set('status', 'paused');
    expect(validateMeeting(paused).map((p) => p.code)).toContain('invalid-status-move');
  });
});

describe('a meeting’s organiser', () => {
  it('is a participant from the start, expected but not joined, until they join', () => {
    const doc = new Y.Doc();
    scheduleMeeting(doc, { title: 'Kickoff', scheduledAt: 1, durationMin: 30, createdBy: 'ana', createdByName: 'Ana' });
    expect(listParticipants(doc)).toEqual([{ userId: 'ana', name: 'Ana', joinedAt: 0 }]);
    expect(validateMeeting(doc)).toEqual([]);
    joinMeeting(doc, 'ana', 'Ana', 5);
    expect(listParticipants(doc)).toEqual([{ userId: 'ana', name: 'Ana', joinedAt: 5 }]);
  });
});

describe('meeting invitations', () => {
  it('invites a user once, without a join time, and lists who invited them', () => {
    const doc = new Y.Doc();
    scheduleMeeting(doc, { title: 'Kickoff', scheduledAt: 1, durationMin: 30, createdBy: 'ana' });
    expect(inviteToMeeting(doc, 'cleo', 'Cleo', 'ana')).toBe(true);
    expect(inviteToMeeting(doc, 'cleo', 'Cleo', 'ben')).toBe(false);
    expect(listParticipants(doc)).toEqual([{ userId: 'cleo', name: 'Cleo', joinedAt: 0, invitedBy: 'ana' }]);
    expect(validateMeeting(doc)).toEqual([]);
    joinMeeting(doc, 'cleo', 'Cleo', 5);
    expect(listParticipants(doc)[0]).toMatchObject({ joinedAt: 5, invitedBy: 'ana' });
  });
});
