/**
 * A new directory entry for a direct message must be what its id promises (docs/PROTOCOL.md,
 * "Direct messages"): an id of the `dm.` form is a `dm` channel and only that, its members are
 * exactly the people the id names, and its creator is one of them. Otherwise anyone could take
 * `dm.ana.bo` first with other members and keep Ana and Bo out of their own conversation.
 *
 * The id must be the one `dmChannelIdIn` gives, so the people of a conversation never get two: its
 * second id only while something else holds the first, and never the first while the conversation
 * is at the second. Over an entry already at that id (two people opening it at once) the new one
 * must have the same members, so nobody but an admin brings back someone who left.
 */
import { dmChannelIdIn, getChannelEntry } from '@concord/shared';
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
  let expected: string | undefined;
  try {
    expected = dmChannelIdIn(ctx.doc, members);
  } catch (error) {
    return `${where(change)}: ${(error as Error).message}`;
  }
  if (expected === undefined) return `${where(change)}: other channels hold both ids of this conversation`;
  if (expected !== id) return `${where(change)}: a direct message's id must name exactly its members (${expected})`;
  const existing = getChannelEntry(ctx.doc, id);
  if (existing && existing.members.length !== new Set(members).size) return `${where(change)}: only an admin adds someone back to a conversation`;
  if (!members.includes(ctx.identity.userId)) return `${where(change)}: you may only start a conversation you are in`;
  return null;
}
