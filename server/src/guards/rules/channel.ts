/** A channel's change rules: who may change a message, and how reactions go. */
import { messageShape, requiredKeys } from '@concord/shared';
import type { RuleSet } from '../shape.ts';
import { where } from './common.ts';

const REQUIRED_MESSAGE_KEYS = requiredKeys(messageShape);
/** What an author may change after posting: edit (with the mentions the new text makes), soft delete (which clears attachments). */
const EDITABLE_MESSAGE_KEYS = new Set(['text', 'mentions', 'editedAt', 'deletedAt', 'attachments']);

export const channelRules = {
  message(change, ctx) {
    if (change.container.isNew) {
      if (change.op === 'insert' && change.key === 'kind' && change.content.kind === 'value' && change.content.values.includes('system')) {
        return `${where(change)}: system messages are the server’s`;
      }
      if (change.op === 'insert' && change.key === 'id') {
        const missing = REQUIRED_MESSAGE_KEYS.filter((key) => change.container.get(key) === undefined);
        if (missing.length > 0) return `${where(change)}: a new message needs ${missing.join(', ')}`;
      }
      return null;
    }
    if (change.key === 'reactions') return `${where(change)}: the reactions map is made with the message`;
    if (change.container.get('authorId') !== ctx.identity.userId) {
      return { code: 'impersonation', message: `${where(change)}: only the author may change a message` };
    }
    return change.key !== null && EDITABLE_MESSAGE_KEYS.has(change.key) ? null : `${where(change)}: cannot be changed after posting`;
  },
  reactions: (change) => (change.op === 'delete' ? `${where(change)}: reactions are removed per user` : null),
} satisfies RuleSet;
