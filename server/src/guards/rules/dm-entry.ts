/**
 * A new directory entry for a direct message must be what its id promises (docs/PROTOCOL.md,
 * "Direct messages"): an id of the `dm.` form is a `dm` channel and only that, its members are
 * exactly the people the id names, and its creator is one of them. Otherwise anyone could take
 * `dm.ana.bo` first with other members and keep Ana and Bo out of their own conversation.
 */
import { dmChannelId } from '@concord/shared';
import type { RuleContext, RuleResult } from '../shape.ts';
import type { InsertChange } from '../update-changes.ts';
import { where } from './common.ts';

const DM_PREFIX = 'dm.';

/** Checks the `visibility` set on a channel entry created by this update. */
export function checkNewChannelVisibility(change: InsertChange, ctx: RuleContext): RuleResult {
  const [, id = ''] = change.path;
  const visibility = change.content.kind === 'value' ? change.content.values.at(-1) : undefined;
  const isDm = visibility === 'dm';
  if (!isDm && !id.startsWith(DM_PREFIX)) return null;
  if (!isDm) return `${where(change)}: a channel id starting with "${DM_PREFIX}" is kept for direct messages`;
  const members = ctx.changes.flatMap((c) =>
    c.op === 'insert' && c.path.length === 4 && c.path[0] === 'channels' && c.path[1] === id && c.path[2] === 'members' && c.key !== null ? [c.key] : [],
  );
  let expected: string;
  try {
    expected = dmChannelId(members);
  } catch (error) {
    return `${where(change)}: ${(error as Error).message}`;
  }
  if (expected !== id) return `${where(change)}: a direct message's id must name exactly its members (${expected})`;
  if (!members.includes(ctx.identity.userId)) return `${where(change)}: you may only start a conversation you are in`;
  return null;
}
