/** The directory's change rules: entries, channel settings and membership. */
import type { RuleSet } from '../shape.ts';
import { adminOnly, writeOnce } from './common.ts';
import { checkNewChannelVisibility } from './dm-entry.ts';

export const workspaceRules = {
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
