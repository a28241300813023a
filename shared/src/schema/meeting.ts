/** The shape of a meeting `<org>:meeting:<id>` (docs/PROTOCOL.md, "Schemas"). */
import * as Y from 'yjs';
import { MEETING_ROOTS } from '../meeting.ts';
import { isMeetingStatus, MEETING_STATUSES } from '../meeting-status.ts';
import { SEGMENT_PATTERN } from '../names.ts';
import { problem, type Problem } from '../problems.ts';
import { isYMap, sortedKeys } from '../values.ts';
import { isBoolean, isId, isNumber, isString, oneOf } from './checks.ts';
import { array, map, mapOf, value, xml, type DocumentShape } from './shape.ts';
import { validateShape } from './validate-shape.ts';

export const MAX_MEETING_TITLE_LENGTH = 200;
export const MAX_PARTICIPANT_NAME_LENGTH = 200;
export const MAX_AGENDA_TEXT_LENGTH = 1000;
export const MAX_RICH_TEXT_INSERT_LENGTH = 100_000;

const participant = map(
  {
    name: value(isString(MAX_PARTICIPANT_NAME_LENGTH)),
    // Absent while an invited participant, or the organiser, has not joined (validateMeeting).
    joinedAt: value(isNumber, { optional: true }),
    leftAt: value(isNumber, { optional: true }),
    invitedBy: value(isId, { optional: true, self: true }),
  },
  { rule: 'participant' },
);

export const meetingShape: DocumentShape = {
  [MEETING_ROOTS.meta]: map(
    {
      title: value(isString(MAX_MEETING_TITLE_LENGTH)),
      scheduledAt: value(isNumber),
      durationMin: value(isNumber),
      createdBy: value(isId, { self: true }),
      status: value(oneOf(MEETING_STATUSES)),
      startedAt: value(isNumber, { optional: true }),
      endedAt: value(isNumber, { optional: true }),
    },
    { rule: 'meeting-meta' },
  ),
  [MEETING_ROOTS.participants]: mapOf(participant, SEGMENT_PATTERN, { rule: 'participants' }),
  [MEETING_ROOTS.agenda]: array(map({ id: value(isId), text: value(isString(MAX_AGENDA_TEXT_LENGTH)), done: value(isBoolean) })),
  [MEETING_ROOTS.notes]: xml(MAX_RICH_TEXT_INSERT_LENGTH),
};

/**
 * A meeting's problems: its shape; traces of an earlier status that no allowed sequence of moves
 * leaves behind; a participant with no join time who was neither invited nor the organiser.
 */
export function validateMeeting(doc: Y.Doc): Problem[] {
  const problems = validateShape(meetingShape, doc);
  const meta = doc.share.get(MEETING_ROOTS.meta);
  if (meta instanceof Y.Map && isMeetingStatus(meta.get('status'))) {
    const status = meta.get('status');
    const started = meta.get('startedAt') !== undefined;
    const ended = meta.get('endedAt') !== undefined;
    if (status === 'scheduled' && (started || ended)) {
      problems.push(problem('invalid-status-move', 'meta.status', 'a meeting that started or ended cannot be scheduled again'));
    }
    if (status === 'paused' && !started) problems.push(problem('invalid-status-move', 'meta.status', 'only a meeting that started can be paused'));
  }
  const participants = doc.share.get(MEETING_ROOTS.participants);
  if (participants instanceof Y.Map) {
    const organiser = meta instanceof Y.Map ? meta.get('createdBy') : undefined;
    for (const userId of sortedKeys(participants)) {
      const entry = participants.get(userId);
      // An invited participant, or the organiser, has no join time until they join.
      const expected = isYMap(entry) && (entry.get('invitedBy') !== undefined || organiser === userId);
      if (isYMap(entry) && entry.get('joinedAt') === undefined && !expected) {
        problems.push(problem('missing-key', `participants.${userId}.joinedAt`, 'joinedAt is required of a participant who was neither invited nor the organiser'));
      }
    }
  }
  return problems;
}
