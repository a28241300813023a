/** Every change rule a shape can name (shared/src/schema/rules.ts), carried out. */
import type { RuleName } from '@concord/shared';
import { channelRules } from './rules/channel.ts';
import { commonRules } from './rules/common.ts';
import { formRules } from './rules/form.ts';
import { inboxRules } from './rules/inbox.ts';
import { meetingRules } from './rules/meeting.ts';
import { workspaceRules } from './rules/workspace.ts';
import type { Rule } from './shape.ts';

export const CHANGE_RULES: Readonly<Record<RuleName, Rule>> = {
  ...commonRules,
  ...channelRules,
  ...workspaceRules,
  ...meetingRules,
  ...formRules,
  ...inboxRules,
};
