/** The shape of an org's directory `<org>:workspace:main` (docs/PROTOCOL.md, "Schemas"). */
import type * as Y from 'yjs';
import { MEETING_STATUSES } from '../meeting-status.ts';
import { SEGMENT_PATTERN } from '../names.ts';
import { MAX_NOTES_TITLE_LENGTH } from '../notes.ts';
import { problem, type Problem } from '../problems.ts';
import { ROLES } from '../roles.ts';
import { validateRecordType } from '../record-types.ts';
import { RECORD_TYPE_PATTERN } from '../form.ts';
import { isPlainObject } from '../values.ts';
import { CHANNEL_VISIBILITIES, WORKSPACE_ROOTS } from '../workspace.ts';
import { isId, isNumber, isString, isTrue, oneOf } from './checks.ts';
import { array, map, mapOf, value, type DocumentShape, type ValueCheck } from './shape.ts';
import { validateShape } from './validate-shape.ts';

export const MAX_CHANNEL_NAME_LENGTH = 100;
export const MAX_CHANNEL_TOPIC_LENGTH = 1000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_ENTITY_LENGTH = 64;

const channelEntry = map(
  {
    name: value(isString(MAX_CHANNEL_NAME_LENGTH)),
    topic: value(isString(MAX_CHANNEL_TOPIC_LENGTH), { optional: true }),
    visibility: value(oneOf(CHANNEL_VISIBILITIES)),
    members: mapOf(value(isTrue), SEGMENT_PATTERN, { rule: 'channel-members' }),
    createdBy: value(isId, { self: true }),
    createdAt: value(isNumber),
  },
  { rule: 'channel-entry' },
);

const meetingEntry = map({ title: value(isString(MAX_TITLE_LENGTH)), scheduledAt: value(isNumber), status: value(oneOf(MEETING_STATUSES)) });
const formEntry = map({ title: value(isString(MAX_TITLE_LENGTH)), entityType: value(isString(MAX_ENTITY_LENGTH)), entityId: value(isString(MAX_ENTITY_LENGTH)) });
const notesEntry = map({ title: value(isString(MAX_NOTES_TITLE_LENGTH)) });

const activityEntry = map({
  id: value(isString()),
  at: value(isNumber),
  userId: value(isString()),
  userName: value(isString()),
  doc: value(isString()),
  action: value(isString()),
  summary: value(isString()),
});

// Who connected, from the authenticated connection (people.ts): one plain value per person.
const personFields: Record<string, { check: ValueCheck; optional?: boolean }> = {
  name: { check: isString() },
  avatar: { check: isString(), optional: true },
  role: { check: oneOf(ROLES) },
  joinedAt: { check: isNumber },
  lastSeenAt: { check: isNumber },
};

const isPersonEntry: ValueCheck = (entry, path) => {
  if (!isPlainObject(entry)) return [problem('wrong-type', path, 'a person is an object {name, avatar?, role, joinedAt, lastSeenAt}')];
  const extra = Object.keys(entry).filter((key) => !Object.hasOwn(personFields, key));
  if (extra.length > 0) return [problem('unknown-key', `${path}.${extra[0]}`, 'a person has only name, avatar, role, joinedAt and lastSeenAt')];
  return Object.entries(personFields).flatMap(([key, field]) =>
    field.optional && entry[key] === undefined ? [] : field.check(entry[key], `${path}.${key}`),
  );
};

export const workspaceShape: DocumentShape = {
  [WORKSPACE_ROOTS.channels]: mapOf(channelEntry, SEGMENT_PATTERN, { rule: 'directory-entries' }),
  [WORKSPACE_ROOTS.meetings]: mapOf(meetingEntry, SEGMENT_PATTERN, { rule: 'directory-entries' }),
  [WORKSPACE_ROOTS.forms]: mapOf(formEntry, SEGMENT_PATTERN, { rule: 'directory-entries' }),
  [WORKSPACE_ROOTS.notes]: mapOf(notesEntry, SEGMENT_PATTERN, { rule: 'directory-entries' }),
  // typeId → {label, fields}, one plain value per type, written by admins (record-types.ts)
  [WORKSPACE_ROOTS.recordTypes]: mapOf(value(validateRecordType), RECORD_TYPE_PATTERN, { rule: 'record-types' }),
  // Written by the server after accepted updates: newest last, capped.
  [WORKSPACE_ROOTS.activity]: array(activityEntry, { serverOnly: true }),
  [WORKSPACE_ROOTS.people]: mapOf(value(isPersonEntry), SEGMENT_PATTERN, { serverOnly: true }),
};

export const validateWorkspace = (doc: Y.Doc): Problem[] => validateShape(workspaceShape, doc);
