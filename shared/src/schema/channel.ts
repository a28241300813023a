/** The shape of a chat channel `<org>:channel:<id>` (docs/PROTOCOL.md, "Schemas"). */
import * as Y from 'yjs';
import { CHANNEL_ROOTS, isAttachment, MAX_ATTACHMENTS, MAX_MESSAGE_TEXT_LENGTH, MESSAGE_KINDS } from '../channel.ts';
import { SEGMENT_PATTERN } from '../names.ts';
import { problem, type Problem } from '../problems.ts';
import { isYMap } from '../values.ts';
import { isId, isNumber, isString, isTrue, listOf, oneOf } from './checks.ts';
import { array, map, mapOf, value, type DocumentShape, type MapShape } from './shape.ts';
import { validateShape } from './validate-shape.ts';

export const MAX_AUTHOR_NAME_LENGTH = 200;
export const MAX_MENTIONS = 100;
const EMOJI_KEY = /^.{1,64}$/su;

export const messageShape: MapShape = map(
  {
    id: value(isId),
    kind: value(oneOf(MESSAGE_KINDS)),
    text: value(isString(MAX_MESSAGE_TEXT_LENGTH)),
    authorId: value(isId, { self: true }),
    authorName: value(isString(MAX_AUTHOR_NAME_LENGTH)),
    createdAt: value(isNumber),
    replyTo: value(isId, { optional: true }),
    attachments: value(listOf(MAX_ATTACHMENTS, isAttachment, 'attachments {id, name, url, type, size}'), { optional: true }),
    mentions: value(listOf(MAX_MENTIONS, (v) => typeof v === 'string' && SEGMENT_PATTERN.test(v), 'user ids'), { optional: true }),
    editedAt: value(isNumber, { optional: true }),
    deletedAt: value(isNumber, { optional: true }),
    // emoji → userId → true
    reactions: mapOf(mapOf(value(isTrue), SEGMENT_PATTERN, { rule: 'own-keys' }), EMOJI_KEY, { rule: 'reactions' }),
  },
  { rule: 'message' },
);

export const channelShape: DocumentShape = {
  [CHANNEL_ROOTS.messages]: array(messageShape, { rule: 'append-only' }),
  // userId → id of the last message that user has read
  [CHANNEL_ROOTS.reads]: mapOf(value(isId), SEGMENT_PATTERN, { rule: 'own-keys' }),
};

/** A channel's problems: its shape, and message ids that appear twice. */
export function validateChannel(doc: Y.Doc): Problem[] {
  const problems = validateShape(channelShape, doc);
  const messages = doc.share.get(CHANNEL_ROOTS.messages);
  if (!(messages instanceof Y.Array)) return problems;
  const seen = new Set<string>();
  messages.forEach((message: unknown, index: number) => {
    const id = isYMap(message) ? message.get('id') : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) problems.push(problem('duplicate-id', `messages[${index}].id`, `message id ${id} appears twice`));
    seen.add(id);
  });
  return problems;
}
