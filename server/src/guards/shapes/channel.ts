import { CHANNEL_ROOTS, MAX_ATTACHMENTS, MAX_MESSAGE_TEXT_LENGTH, SEGMENT_PATTERN } from '@concord/shared';
import { array, map, mapOf, value, type DocumentShape, type RuleContext, type RuleResult } from '../shape.ts';
import type { Change } from '../update-changes.ts';
import { ID_KEY, appendOnly, isId, isNumber, isSelf, isString, isTrue, jsonArray, oneOf, ownKeysOnly } from './checks.ts';

const REQUIRED_MESSAGE_KEYS = ['id', 'kind', 'text', 'authorId', 'authorName', 'createdAt'];
/** What an author may change after posting: edit, soft delete (which clears attachments). */
const EDITABLE_MESSAGE_KEYS = new Set(['text', 'editedAt', 'deletedAt', 'attachments']);
const MAX_MENTIONS = 100;
const EMOJI_KEY = /^.{1,64}$/su;

function isAttachment(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return typeof a.id === 'string' && typeof a.name === 'string' && typeof a.url === 'string' && typeof a.type === 'string' && typeof a.size === 'number';
}

function messageRule(change: Change, ctx: RuleContext): RuleResult {
  const where = change.path.join('/');
  if (change.container.isNew) {
    if (change.op === 'insert' && change.key === 'id') {
      const missing = REQUIRED_MESSAGE_KEYS.filter((key) => change.container.get(key) === undefined);
      if (missing.length > 0) return `${where}: a new message needs ${missing.join(', ')}`;
    }
    return null;
  }
  if (change.key === 'reactions') return `${where}: the reactions map is made with the message`;
  if (change.container.get('authorId') !== ctx.identity.userId) {
    return { code: 'impersonation', message: `${where}: only the author may change a message` };
  }
  return change.key !== null && EDITABLE_MESSAGE_KEYS.has(change.key) ? null : `${where}: cannot be changed after posting`;
}

const reactionUsers = mapOf(value(isTrue), ID_KEY, { rule: ownKeysOnly });

const message = map(
  {
    id: value(isId),
    // `system` messages are the server's.
    kind: value(oneOf(['message', 'file', 'image'])),
    text: value(isString(MAX_MESSAGE_TEXT_LENGTH)),
    authorId: value(isSelf),
    authorName: value(isString(200)),
    createdAt: value(isNumber),
    replyTo: value(isId),
    attachments: value(jsonArray(MAX_ATTACHMENTS, isAttachment)),
    mentions: value(jsonArray(MAX_MENTIONS, (v) => typeof v === 'string' && SEGMENT_PATTERN.test(v))),
    editedAt: value(isNumber),
    deletedAt: value(isNumber),
    reactions: mapOf(reactionUsers, EMOJI_KEY, { rule: (change) => (change.op === 'delete' ? `${change.path.join('/')}: reactions are removed per user` : null) }),
  },
  { rule: messageRule },
);

export const channelShape: DocumentShape = {
  [CHANNEL_ROOTS.messages]: array(message, { rule: appendOnly }),
  [CHANNEL_ROOTS.reads]: mapOf(value(isId), ID_KEY, { rule: ownKeysOnly }),
};

