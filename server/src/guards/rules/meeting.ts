/** A meeting's change rules: status moves, and attendance that is each user's own. */
import { canMoveStatus, isMeetingStatus } from '@concord/shared';
import type { InsertChange } from '../update-changes.ts';
import type { RuleResult, RuleSet } from '../shape.ts';
import { where, writeOnce } from './common.ts';

function statusMove(change: InsertChange): RuleResult {
  if (change.content.kind !== 'value') return null;
  const current = change.container.get('status');
  for (const next of change.content.values) {
    if (!isMeetingStatus(next)) continue;
    if (!isMeetingStatus(current)) {
      if (next !== 'scheduled') return `${where(change)}: a meeting starts as scheduled`;
    } else if (current !== next && !canMoveStatus(current, next)) {
      return `${where(change)}: a meeting cannot move from ${current} to ${next}`;
    }
  }
  return null;
}

export const meetingRules = {
  'meeting-meta'(change) {
    if (change.key === 'createdBy') return writeOnce(change);
    if (change.key !== 'status') return null;
    return change.op === 'delete' ? `${where(change)}: cannot be removed` : statusMove(change);
  },
  participants(change, ctx) {
    if (change.op === 'delete') return `${where(change)}: participants are not removed`;
    return change.key !== ctx.identity.userId && change.replaces ? `${where(change)}: already a participant` : null;
  },
  // Another editor may only create an entry as an invitation, without join or leave times.
  participant(change, ctx) {
    const participant = change.path[1];
    if (participant === ctx.identity.userId) return null;
    if (change.container.isNew && change.op === 'insert' && (change.key === 'name' || change.key === 'invitedBy')) return null;
    return { code: 'impersonation', message: `${where(change)}: only ${participant} may change their attendance` };
  },
} satisfies RuleSet;
