/** The directory's change rules: entries, channel settings and membership. */
import { getRecordType, schemaChangeProblems, type RecordTypeDefinition } from '@concord/shared';
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

export const workspaceRules = {
  'record-types': recordTypeChange,
  'directory-entries': (change, ctx) => (change.op === 'delete' ? adminOnly(change, ctx, 'remove a directory entry') : null),
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
