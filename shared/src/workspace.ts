/**
 * The org's directory document `<org>:workspace:main` (docs/PROTOCOL.md, "Schemas"): channels with
 * visibility and members, meetings, forms, notes, and the server-written activity feed (newest
 * last, capped) and people (people.ts). Clients use the read accessors for `activity`; only the server calls
 * `appendActivity`.
 */
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import { MEETING_STATUSES, type MeetingStatus } from './meeting-status.ts';
import { isYMap, readNumber, readString, sortedKeys, type YMap } from './values.ts';

export const WORKSPACE_ROOTS = {
  channels: 'channels',
  meetings: 'meetings',
  forms: 'forms',
  notes: 'notes',
  activity: 'activity',
  people: 'people',
  /** Record types, admin-written (record-types.ts). */
  recordTypes: 'recordTypes',
} as const;

/** How many activity entries the feed keeps; older ones fall off the front. */
export const ACTIVITY_CAP = 500;

export const CHANNEL_VISIBILITIES = ['public', 'private', 'dm'] as const;
export type ChannelVisibility = (typeof CHANNEL_VISIBILITIES)[number];

export interface ChannelEntry {
  id: string;
  name: string;
  topic: string;
  visibility: ChannelVisibility;
  members: string[];
  createdBy: string;
  createdAt: number;
}

export interface MeetingEntry {
  id: string;
  title: string;
  scheduledAt: number;
  status: MeetingStatus;
}

export interface FormEntry {
  id: string;
  title: string;
  entityType: string;
  entityId: string;
}

export interface NotesEntry {
  id: string;
  title: string;
}

export interface ActivityEntry {
  id: string;
  at: number;
  userId: string;
  userName: string;
  doc: string;
  action: string;
  summary: string;
}

export interface WorkspaceView {
  channels: ChannelEntry[];
  meetings: MeetingEntry[];
  forms: FormEntry[];
  notes: NotesEntry[];
  activity: ActivityEntry[];
}

export const workspaceChannels = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(WORKSPACE_ROOTS.channels);
export const workspaceMeetings = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(WORKSPACE_ROOTS.meetings);
export const workspaceForms = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(WORKSPACE_ROOTS.forms);
export const workspaceNotes = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(WORKSPACE_ROOTS.notes);
export const workspaceActivity = (doc: Y.Doc): Y.Array<YMap> => doc.getArray(WORKSPACE_ROOTS.activity);

// ---- channels ----

export interface AddChannelInput {
  id?: string;
  name: string;
  topic?: string;
  visibility: ChannelVisibility;
  members?: readonly string[];
  createdBy: string;
  createdAt?: number;
}

/** Adds a channel entry (members created with it, so concurrent member additions all count). */
export function addChannel(doc: Y.Doc, input: AddChannelInput): ChannelEntry {
  const id = input.id ?? newId(input.createdAt);
  requireId(id, 'channel id');
  if (!(CHANNEL_VISIBILITIES as readonly string[]).includes(input.visibility)) {
    throw new ModelError('invalid-input', `visibility must be one of ${CHANNEL_VISIBILITIES.join(', ')}`);
  }
  const createdAt = input.createdAt ?? Date.now();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    const members = new Y.Map<unknown>();
    for (const userId of input.members ?? []) members.set(userId, true);
    entry.set('name', input.name);
    entry.set('topic', input.topic ?? '');
    entry.set('visibility', input.visibility);
    entry.set('members', members);
    entry.set('createdBy', input.createdBy);
    entry.set('createdAt', createdAt);
    workspaceChannels(doc).set(id, entry);
  });
  return getChannelEntry(doc, id) as ChannelEntry;
}

export function updateChannel(doc: Y.Doc, id: string, change: { name?: string; topic?: string }): void {
  const entry = requireEntry(workspaceChannels(doc), id, 'channel');
  doc.transact(() => {
    if (change.name !== undefined) entry.set('name', change.name);
    if (change.topic !== undefined) entry.set('topic', change.topic);
  });
}

export function removeChannel(doc: Y.Doc, id: string): void {
  doc.transact(() => workspaceChannels(doc).delete(id));
}

/** Adds or removes one member (admins only, enforced by the server). */
export function setChannelMember(doc: Y.Doc, channelId: string, userId: string, member: boolean): void {
  const entry = requireEntry(workspaceChannels(doc), channelId, 'channel');
  const members = entry.get('members');
  if (!isYMap(members)) throw new ModelError('invalid-input', `channel ${channelId} has no members map`);
  doc.transact(() => {
    if (member) members.set(userId, true);
    else members.delete(userId);
  });
}

export function getChannelEntry(doc: Y.Doc, id: string): ChannelEntry | undefined {
  const entry = workspaceChannels(doc).get(id);
  if (!isYMap(entry)) return undefined;
  const members = entry.get('members');
  const visibility = readString(entry, 'visibility');
  return {
    id,
    name: readString(entry, 'name') ?? '',
    topic: readString(entry, 'topic') ?? '',
    visibility: (CHANNEL_VISIBILITIES as readonly string[]).includes(visibility ?? '') ? (visibility as ChannelVisibility) : 'private',
    members: isYMap(members) ? sortedKeys(members).filter((key) => members.get(key) === true) : [],
    createdBy: readString(entry, 'createdBy') ?? '',
    createdAt: readNumber(entry, 'createdAt') ?? 0,
  };
}

export function listChannels(doc: Y.Doc): ChannelEntry[] {
  return sortedKeys(workspaceChannels(doc)).flatMap((id) => getChannelEntry(doc, id) ?? []);
}

/** Public channels are open to every member of the org; private and dm ones only to listed members. */
export function canOpenChannel(doc: Y.Doc, channelId: string, userId: string): boolean {
  const entry = getChannelEntry(doc, channelId);
  if (!entry) return false;
  return entry.visibility === 'public' || entry.members.includes(userId);
}

// ---- meetings, forms, notes entries ----

export function upsertMeetingEntry(doc: Y.Doc, entry: MeetingEntry): void {
  requireId(entry.id, 'meeting id');
  upsertPlain(doc, workspaceMeetings(doc), entry.id, { title: entry.title, scheduledAt: entry.scheduledAt, status: entry.status });
}

export function upsertFormEntry(doc: Y.Doc, entry: FormEntry): void {
  requireId(entry.id, 'form id');
  upsertPlain(doc, workspaceForms(doc), entry.id, { title: entry.title, entityType: entry.entityType, entityId: entry.entityId });
}

export function upsertNotesEntry(doc: Y.Doc, entry: NotesEntry): void {
  requireId(entry.id, 'notes id');
  upsertPlain(doc, workspaceNotes(doc), entry.id, { title: entry.title });
}

export const removeFormEntry = (doc: Y.Doc, id: string): void => doc.transact(() => workspaceForms(doc).delete(id));

export function listMeetingEntries(doc: Y.Doc): MeetingEntry[] {
  const map = workspaceMeetings(doc);
  return sortedKeys(map).flatMap((id) => {
    const entry = map.get(id);
    if (!isYMap(entry)) return [];
    const status = readString(entry, 'status');
    return [{
      id,
      title: readString(entry, 'title') ?? '',
      scheduledAt: readNumber(entry, 'scheduledAt') ?? 0,
      status: (MEETING_STATUSES as readonly string[]).includes(status ?? '') ? (status as MeetingStatus) : 'scheduled',
    }];
  });
}

export function listFormEntries(doc: Y.Doc): FormEntry[] {
  const map = workspaceForms(doc);
  return sortedKeys(map).flatMap((id) => {
    const entry = map.get(id);
    if (!isYMap(entry)) return [];
    return [{ id, title: readString(entry, 'title') ?? '', entityType: readString(entry, 'entityType') ?? '', entityId: readString(entry, 'entityId') ?? '' }];
  });
}

export function listNotesEntries(doc: Y.Doc): NotesEntry[] {
  const map = workspaceNotes(doc);
  return sortedKeys(map).flatMap((id) => {
    const entry = map.get(id);
    return isYMap(entry) ? [{ id, title: readString(entry, 'title') ?? '' }] : [];
  });
}

// ---- activity (server-written) ----

export type ActivityInput = Omit<ActivityEntry, 'id'> & { id?: string };

/** Appends one entry (newest last) and drops the oldest beyond `cap`. Server only. */
export function appendActivity(doc: Y.Doc, input: ActivityInput, cap: number = ACTIVITY_CAP): ActivityEntry {
  const entry: ActivityEntry = { ...input, id: input.id ?? newId(input.at) };
  doc.transact(() => {
    const activity = workspaceActivity(doc);
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(entry)) map.set(key, value);
    activity.push([map]);
    const overflow = activity.length - Math.max(0, cap);
    if (overflow > 0) activity.delete(0, overflow);
  });
  return entry;
}

/** The feed, newest last; `limit` keeps the newest entries. */
export function listActivity(doc: Y.Doc, limit?: number): ActivityEntry[] {
  const all = workspaceActivity(doc).toArray().flatMap((map) => (isYMap(map) ? [readActivity(map)] : []));
  return limit === undefined ? all : all.slice(Math.max(0, all.length - limit));
}

function readActivity(map: YMap): ActivityEntry {
  return {
    id: readString(map, 'id') ?? '',
    at: readNumber(map, 'at') ?? 0,
    userId: readString(map, 'userId') ?? '',
    userName: readString(map, 'userName') ?? '',
    doc: readString(map, 'doc') ?? '',
    action: readString(map, 'action') ?? '',
    summary: readString(map, 'summary') ?? '',
  };
}

// ---- view and validator ----

export function workspaceToJSON(doc: Y.Doc): WorkspaceView {
  return {
    channels: listChannels(doc),
    meetings: listMeetingEntries(doc),
    forms: listFormEntries(doc),
    notes: listNotesEntries(doc),
    activity: listActivity(doc),
  };
}



function upsertPlain(doc: Y.Doc, map: Y.Map<YMap>, id: string, values: Record<string, unknown>): void {
  doc.transact(() => {
    let entry = map.get(id);
    if (!isYMap(entry)) {
      entry = new Y.Map<unknown>();
      map.set(id, entry);
    }
    for (const [key, value] of Object.entries(values)) if (entry.get(key) !== value) entry.set(key, value);
  });
}

function requireEntry(map: Y.Map<YMap>, id: string, what: string): YMap {
  const entry = map.get(id);
  if (!isYMap(entry)) throw new ModelError('not-found', `no ${what} ${JSON.stringify(id)}`);
  return entry;
}

function requireId(id: string, what: string): void {
  if (!isValidId(id)) throw new ModelError('invalid-input', `${what} must match [A-Za-z0-9._-]{1,64}`);
}
