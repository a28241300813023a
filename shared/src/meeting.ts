/**
 * A meeting `<org>:meeting:<id>` (docs/PROTOCOL.md, "Schemas"): root Map `meta`, root Map
 * `participants` (userId → Map {name, joinedAt?, leftAt?, invitedBy?}: the invited and the organiser
 * have no joinedAt until they join), root Array `agenda`, root Xml `notes`.
 *
 * `endedAt` is terminal: once any replica ends the meeting, the shown status is `ended` even if a
 * concurrent pause or resume wrote `status` later, so concurrent moves cannot reopen a meeting.
 */
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { newId } from './ids.ts';
import { allowedStatusMoves, canMoveStatus, isMeetingStatus, MEETING_STATUSES, type MeetingStatus } from './meeting-status.ts';
import { problem, type Problem } from './problems.ts';
import { isYMap, readBoolean, readNumber, readString, sortedKeys, type YMap } from './values.ts';
import { xmlToJSON, type XmlNodeJSON } from './xml-json.ts';

export { allowedStatusMoves, canMoveStatus, isMeetingStatus, MEETING_STATUSES, type MeetingStatus };

export const MEETING_ROOTS = { meta: 'meta', participants: 'participants', agenda: 'agenda', notes: 'notes' } as const;

export interface MeetingMeta {
  title: string;
  scheduledAt: number;
  durationMin: number;
  createdBy: string;
  status: MeetingStatus;
  startedAt?: number;
  endedAt?: number;
}

export interface Participant {
  userId: string;
  name: string;
  /** 0 for someone invited who has not joined yet. */
  joinedAt: number;
  leftAt?: number;
  /** Who invited them, when someone did. */
  invitedBy?: string;
}

export interface AgendaItem {
  id: string;
  text: string;
  done: boolean;
}

export interface MeetingView {
  meta: MeetingMeta;
  participants: Participant[];
  agenda: AgendaItem[];
  notes: XmlNodeJSON[];
}

export const meetingMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(MEETING_ROOTS.meta);
export const meetingParticipants = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(MEETING_ROOTS.participants);
export const meetingAgenda = (doc: Y.Doc): Y.Array<YMap> => doc.getArray(MEETING_ROOTS.agenda);
export const meetingNotes = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(MEETING_ROOTS.notes);

export interface ScheduleMeetingInput {
  title: string;
  scheduledAt: number;
  durationMin: number;
  createdBy: string;
  /** The organiser's name: given, the organiser is listed among the participants from the start. */
  createdByName?: string;
}

/** Writes the meta of a new meeting with status `scheduled`. */
export function scheduleMeeting(doc: Y.Doc, input: ScheduleMeetingInput): void {
  if (!Number.isFinite(input.scheduledAt) || !Number.isFinite(input.durationMin) || input.durationMin <= 0) {
    throw new ModelError('invalid-input', 'scheduledAt must be a time and durationMin a positive number');
  }
  const meta = meetingMeta(doc);
  doc.transact(() => {
    meta.set('title', input.title);
    meta.set('scheduledAt', input.scheduledAt);
    meta.set('durationMin', input.durationMin);
    meta.set('createdBy', input.createdBy);
    meta.set('status', 'scheduled');
    // Expected, not yet joined: no join time, and no invitation (nobody invited them).
    if (input.createdByName !== undefined && !meetingParticipants(doc).has(input.createdBy)) {
      const entry = new Y.Map<unknown>();
      entry.set('name', input.createdByName);
      meetingParticipants(doc).set(input.createdBy, entry);
    }
  });
}

export function updateMeeting(doc: Y.Doc, change: { title?: string; scheduledAt?: number; durationMin?: number }): void {
  const meta = meetingMeta(doc);
  doc.transact(() => {
    if (change.title !== undefined) meta.set('title', change.title);
    if (change.scheduledAt !== undefined) meta.set('scheduledAt', change.scheduledAt);
    if (change.durationMin !== undefined) meta.set('durationMin', change.durationMin);
  });
}

export function readMeetingMeta(doc: Y.Doc): MeetingMeta {
  const meta = meetingMeta(doc);
  const out: MeetingMeta = {
    title: readString(meta, 'title') ?? '',
    scheduledAt: readNumber(meta, 'scheduledAt') ?? 0,
    durationMin: readNumber(meta, 'durationMin') ?? 0,
    createdBy: readString(meta, 'createdBy') ?? '',
    status: meetingStatus(doc),
  };
  const startedAt = readNumber(meta, 'startedAt');
  if (startedAt !== undefined) out.startedAt = startedAt;
  const endedAt = readNumber(meta, 'endedAt');
  if (endedAt !== undefined) out.endedAt = endedAt;
  return out;
}

/** The shown status: `ended` wins once `endedAt` is set (see the module comment). */
export function meetingStatus(doc: Y.Doc): MeetingStatus {
  const meta = meetingMeta(doc);
  if (readNumber(meta, 'endedAt') !== undefined) return 'ended';
  const status = meta.get('status');
  return isMeetingStatus(status) ? status : 'scheduled';
}

/** Moves the status; throws ModelError `invalid-status-move` for a move §4 does not allow. */
export function setMeetingStatus(doc: Y.Doc, to: MeetingStatus, at: number = Date.now()): void {
  const from = meetingStatus(doc);
  if (!canMoveStatus(from, to)) {
    throw new ModelError('invalid-status-move', `a meeting cannot move from ${from} to ${to}; allowed: ${allowedStatusMoves(from).join(', ') || 'none'}`);
  }
  const meta = meetingMeta(doc);
  doc.transact(() => {
    meta.set('status', to);
    if (to === 'active' && readNumber(meta, 'startedAt') === undefined) meta.set('startedAt', at);
    if (to === 'ended') meta.set('endedAt', at);
  });
}

/** Problems with a status change the server sees between two states of a document. */
export function statusMoveProblems(from: MeetingStatus, to: MeetingStatus): Problem[] {
  if (from === to || canMoveStatus(from, to)) return [];
  return [problem('invalid-status-move', 'meta.status', `a meeting cannot move from ${from} to ${to}`)];
}

// ---- participants ----

export function joinMeeting(doc: Y.Doc, userId: string, name: string, at: number = Date.now()): void {
  const participants = meetingParticipants(doc);
  doc.transact(() => {
    const existing = participants.get(userId);
    if (isYMap(existing)) {
      existing.set('name', name);
      existing.set('joinedAt', at);
      existing.delete('leftAt');
      return;
    }
    const entry = new Y.Map<unknown>();
    entry.set('name', name);
    entry.set('joinedAt', at);
    participants.set(userId, entry);
  });
}

export function leaveMeeting(doc: Y.Doc, userId: string, at: number = Date.now()): void {
  const entry = meetingParticipants(doc).get(userId);
  if (!isYMap(entry)) throw new ModelError('not-found', `${userId} never joined this meeting`);
  doc.transact(() => entry.set('leftAt', at));
}

/**
 * Invites `userId`: a participant entry without a join time, which the server turns into an inbox
 * item for them. Nothing happens when they are already a participant.
 */
export function inviteToMeeting(doc: Y.Doc, userId: string, name: string, invitedBy: string): boolean {
  const participants = meetingParticipants(doc);
  if (participants.has(userId)) return false;
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('name', name);
    entry.set('invitedBy', invitedBy);
    participants.set(userId, entry);
  });
  return true;
}

export function listParticipants(doc: Y.Doc): Participant[] {
  const participants = meetingParticipants(doc);
  return sortedKeys(participants).flatMap((userId) => {
    const entry = participants.get(userId);
    if (!isYMap(entry)) return [];
    const out: Participant = { userId, name: readString(entry, 'name') ?? '', joinedAt: readNumber(entry, 'joinedAt') ?? 0 };
    const leftAt = readNumber(entry, 'leftAt');
    if (leftAt !== undefined) out.leftAt = leftAt;
    const invitedBy = readString(entry, 'invitedBy');
    if (invitedBy !== undefined) out.invitedBy = invitedBy;
    return [out];
  });
}

// ---- agenda ----

export function addAgendaItem(doc: Y.Doc, text: string, id: string = newId()): AgendaItem {
  const item = new Y.Map<unknown>();
  item.set('id', id);
  item.set('text', text);
  item.set('done', false);
  doc.transact(() => meetingAgenda(doc).push([item]));
  return { id, text, done: false };
}

export function setAgendaItemDone(doc: Y.Doc, id: string, done: boolean): void {
  const item = requireAgendaItem(doc, id);
  doc.transact(() => item.set('done', done));
}

export function editAgendaItem(doc: Y.Doc, id: string, text: string): void {
  const item = requireAgendaItem(doc, id);
  doc.transact(() => item.set('text', text));
}

export function removeAgendaItem(doc: Y.Doc, id: string): void {
  const agenda = meetingAgenda(doc);
  const index = agenda.toArray().findIndex((item) => isYMap(item) && item.get('id') === id);
  if (index >= 0) doc.transact(() => agenda.delete(index, 1));
}

export function listAgenda(doc: Y.Doc): AgendaItem[] {
  return meetingAgenda(doc).toArray().flatMap((item) => (isYMap(item)
    ? [{ id: readString(item, 'id') ?? '', text: readString(item, 'text') ?? '', done: readBoolean(item, 'done') ?? false }]
    : []));
}

// ---- view ----

export function meetingToJSON(doc: Y.Doc): MeetingView {
  return { meta: readMeetingMeta(doc), participants: listParticipants(doc), agenda: listAgenda(doc), notes: xmlToJSON(meetingNotes(doc)) };
}


function requireAgendaItem(doc: Y.Doc, id: string): YMap {
  const item = meetingAgenda(doc).toArray().find((entry) => isYMap(entry) && entry.get('id') === id);
  if (!item) throw new ModelError('not-found', `no agenda item ${JSON.stringify(id)}`);
  return item;
}
