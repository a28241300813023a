/** An inbox's change rules: the server writes items; their owner may only mark them read. */
import type { RuleSet } from '../shape.ts';
import { where, writeOnce } from './common.ts';

export const inboxRules = {
  'inbox-items': (change) => `${where(change)}: only the server adds or removes inbox items`,
  'inbox-item': (change) => (change.key === 'readAt' ? writeOnce(change) : `${where(change)}: only the server writes inbox items`),
} satisfies RuleSet;
