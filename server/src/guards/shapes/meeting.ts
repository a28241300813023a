import { MEETING_ROOTS, MEETING_STATUSES, canMoveStatus, isMeetingStatus } from '@concord/shared';
import { array, map, mapOf, value, xml, type DocumentShape, type RuleContext, type RuleResult } from '../shape.ts';
import type { Change, InsertChange } from '../update-changes.ts';
import { ID_KEY, isBoolean, isId, isNumber, isSelf, isString, oneOf, writeOnce } from './checks.ts';

const MAX_RICH_TEXT_INSERT = 100_000;

function statusMove(next: unknown, change: InsertChange): RuleResult {
  const current = change.container.get('status');
  if (!isMeetingStatus(next)) return null;
  if (!isMeetingStatus(current)) return next === 'scheduled' ? null : `${change.path.join('/')}: a meeting starts as scheduled`;
  return current === next || canMoveStatus(current, next) ? null : `${change.path.join('/')}: a meeting cannot move from ${current} to ${next}`;
}

function metaRule(change: Change): RuleResult {
  return change.key === 'createdBy' ? writeOnce(change) : change.op === 'delete' && change.key === 'status' ? `${change.path.join('/')}: cannot be removed` : null;
}

/**
 * A participant entry is the user's own (join, leave); another editor may only create one as an
 * invitation, without join or leave times.
 */
function participantRule(change: Change, ctx: RuleContext): RuleResult {
  const participant = change.path[1];
  if (participant === ctx.identity.userId) return null;
  if (change.container.isNew && change.op === 'insert' && (change.key === 'name' || change.key === 'invitedBy')) return null;
  return { code: 'impersonation', message: `${change.path.join('/')}: only ${participant} may change their attendance` };
}

function participantsRule(change: Change, ctx: RuleContext): RuleResult {
  if (change.op === 'delete') return `${change.path.join('/')}: participants are not removed`;
  return change.key !== ctx.identity.userId && change.replaces ? `${change.path.join('/')}: already a participant` : null;
}

const participant = map(
  { name: value(isString(200)), joinedAt: value(isNumber), leftAt: value(isNumber), invitedBy: value(isSelf) },
  { rule: participantRule },
);

export const meetingShape: DocumentShape = {
  [MEETING_ROOTS.meta]: map(
    {
      title: value(isString(200)),
      scheduledAt: value(isNumber),
      durationMin: value(isNumber),
      createdBy: value(isSelf),
      status: value((v, change, ctx) => oneOf(MEETING_STATUSES)(v, change, ctx) ?? statusMove(v, change)),
      startedAt: value(isNumber),
      endedAt: value(isNumber),
    },
    { rule: metaRule },
  ),
  [MEETING_ROOTS.participants]: mapOf(participant, ID_KEY, { rule: participantsRule }),
  [MEETING_ROOTS.agenda]: array(map({ id: value(isId), text: value(isString(1000)), done: value(isBoolean) })),
  [MEETING_ROOTS.notes]: xml(MAX_RICH_TEXT_INSERT),
};
