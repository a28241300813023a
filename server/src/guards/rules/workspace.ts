/** The directory's change rules: entries, channel settings and membership. */
import { WORKSPACE_ROOTS, getChannelEntry, getRecordType, schemaChangeProblems, type RecordTypeDefinition } from '@concord/shared';
import type { Change } from '../update-changes.ts';
import type { RuleContext, RuleResult, RuleSet } from '../shape.ts';
import { adminOnly, where, writeOnce } from './common.ts';
import { checkNewChannelVisibility } from './dm-entry.ts';

/** Admins only; never removed; a new version keeps every field of the one in force (stored or default). */
function recordTypeChange(change: Change, ctx: RuleContext): RuleResult {
  const denied = adminOnly(change, ctx, 'define record types');
  if (denied) return denied;
  if (change.op === 'delete') return `${where(change)}: a record type is never removed`;
  if (change.content.kind !== 'value') return null; // the shape has refused it already
  let before = getRecordType(ctx.doc, change.key ?? '')?.fields ?? [];
  // One update may set a type more than once: each version must keep the fields of the one before.
  for (const next of change.content.values as RecordTypeDefinition[]) {
    const problems = schemaChangeProblems(before, next.fields, where(change));
    if (problems.length > 0) return problems.map((p) => p.message).join('; ');
    before = next.fields;
  }
  return null;
}

/**
 * A client that had not seen a channel's entry can still set its id: the entry it never saw is then
 * replaced without any delete in the update, so neither the admin-only removal nor the write-once
 * members would see it, and an editor could replace a private channel with one whose only member is
 * themself. Two people may create the same entry at once only where ids are fixed: the first
 * public `general` of a new org, or the same direct message (dm-entry.ts checks its members).
 * Anything else set over an existing channel is an admin's decision.
 */
function replacedChannel(change: Change, ctx: RuleContext): RuleResult {
  const existing = getChannelEntry(ctx.doc, change.key ?? '');
  const visibility = ctx.changes.find(
    (c) => c.op === 'insert' && c.key === 'visibility' && c.container.isNew && c.path.length === 3 && c.path[0] === WORKSPACE_ROOTS.channels && c.path[1] === change.key,
  );
  const next = visibility?.op === 'insert' && visibility.content.kind === 'value' ? visibility.content.values.at(-1) : undefined;
  if (existing && (existing.visibility === 'public' || existing.visibility === 'dm') && next === existing.visibility) return null;
  return adminOnly(change, ctx, 'replace a channel that exists');
}

export const workspaceRules = {
  'record-types': recordTypeChange,
  'directory-entries'(change, ctx) {
    if (change.op === 'delete') return adminOnly(change, ctx, 'remove a directory entry');
    return change.replaces && change.path[0] === WORKSPACE_ROOTS.channels ? replacedChannel(change, ctx) : null;
  },
  'channel-entry'(change, ctx) {
    if (change.container.isNew) return change.op === 'insert' && change.key === 'visibility' ? checkNewChannelVisibility(change, ctx) : null;
    if (change.key === 'createdBy' || change.key === 'createdAt' || change.key === 'members') return writeOnce(change);
    if (change.key === 'visibility') return adminOnly(change, ctx, 'change a channel’s visibility');
    return null;
  },
  'channel-members'(change, ctx) {
    if (change.container.isNew) return null;
    if (change.op === 'delete' && change.key === ctx.identity.userId) return null;
    return adminOnly(change, ctx, 'manage channel membership');
  },
} satisfies RuleSet;
