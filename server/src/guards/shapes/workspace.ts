import { CHANNEL_VISIBILITIES, MEETING_STATUSES, WORKSPACE_ROOTS } from '@concord/shared';
import { array, map, mapOf, value, type DocumentShape, type RuleContext, type RuleResult } from '../shape.ts';
import type { Change } from '../update-changes.ts';
import { ID_KEY, adminOnly, isNumber, isSelf, isString, isTrue, oneOf, writeOnce } from './checks.ts';

/** Directory entries are created by editors; removing one is an admin's decision. */
function entryRemoval(change: Change, ctx: RuleContext): RuleResult {
  return change.op === 'delete' ? adminOnly(change, ctx, 'remove a directory entry') : null;
}

function channelEntryRule(change: Change, ctx: RuleContext): RuleResult {
  if (change.container.isNew) return null;
  if (change.key === 'createdBy' || change.key === 'createdAt' || change.key === 'members') return writeOnce(change);
  if (change.key === 'visibility') return adminOnly(change, ctx, 'change a channel’s visibility');
  return null;
}

/** Members are chosen when the channel is made; afterwards admins manage them, and anyone may leave. */
function membersRule(change: Change, ctx: RuleContext): RuleResult {
  if (change.container.isNew) return null;
  if (change.op === 'delete' && change.key === ctx.identity.userId) return null;
  return adminOnly(change, ctx, 'manage channel membership');
}

const channelEntry = map(
  {
    name: value(isString(100)),
    topic: value(isString(1000)),
    visibility: value(oneOf(CHANNEL_VISIBILITIES)),
    members: mapOf(value(isTrue), ID_KEY, { rule: membersRule }),
    createdBy: value(isSelf),
    createdAt: value(isNumber),
  },
  { rule: channelEntryRule },
);

export const workspaceShape: DocumentShape = {
  [WORKSPACE_ROOTS.channels]: mapOf(channelEntry, ID_KEY, { rule: entryRemoval }),
  [WORKSPACE_ROOTS.meetings]: mapOf(map({ title: value(isString(200)), scheduledAt: value(isNumber), status: value(oneOf(MEETING_STATUSES)) }), ID_KEY, { rule: entryRemoval }),
  [WORKSPACE_ROOTS.forms]: mapOf(map({ title: value(isString(200)), entityType: value(isString(64)), entityId: value(isString(64)) }), ID_KEY, { rule: entryRemoval }),
  [WORKSPACE_ROOTS.notes]: mapOf(map({ title: value(isString(500)) }), ID_KEY, { rule: entryRemoval }),
  [WORKSPACE_ROOTS.activity]: array(map({}), { serverOnly: true }),
};
