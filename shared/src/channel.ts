/**
 * A chat channel `<org>:channel:<id>` (docs/PROTOCOL.md, "Schemas"): root Array `messages` of Maps
 * and root Map `reads` (userId → id of the last message that user has read). The live array keeps
 * the newest LIVE_MESSAGE_LIMIT messages; the server moves older ones to its archive with
 * `takeOverflowMessages`.
 */
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import { isPlainObject, isYMap, readNumber, readString, readStringArray, sortedKeys, type YMap } from './values.ts';

export const CHANNEL_ROOTS = { messages: 'messages', reads: 'reads' } as const;

export const LIVE_MESSAGE_LIMIT = 1000;
export const MAX_MESSAGE_TEXT_LENGTH = 20_000;
export const MAX_ATTACHMENTS = 20;

export const MESSAGE_KINDS = ['message', 'system', 'file', 'image'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface Attachment {
  id: string;
  name: string;
  url: string;
  type: string;
  size: number;
}

export interface Message {
  id: string;
  kind: MessageKind;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  replyTo?: string;
  attachments?: Attachment[];
  /** emoji → user ids who reacted, sorted */
  reactions: Record<string, string[]>;
  mentions?: string[];
  editedAt?: number;
  deletedAt?: number;
}

export interface ChannelView {
  messages: Message[];
  reads: Record<string, string>;
}

export const channelMessages = (doc: Y.Doc): Y.Array<YMap> => doc.getArray(CHANNEL_ROOTS.messages);
export const channelReads = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CHANNEL_ROOTS.reads);

// ---- reads ----

export function readMessage(map: YMap): Message {
  const reactions = map.get('reactions');
  const kind = readString(map, 'kind');
  const message: Message = {
    id: readString(map, 'id') ?? '',
    kind: (MESSAGE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as MessageKind) : 'message',
    text: readString(map, 'text') ?? '',
    authorId: readString(map, 'authorId') ?? '',
    authorName: readString(map, 'authorName') ?? '',
    createdAt: readNumber(map, 'createdAt') ?? 0,
    reactions: isYMap(reactions) ? readReactions(reactions) : {},
  };
  const replyTo = readString(map, 'replyTo');
  if (replyTo !== undefined) message.replyTo = replyTo;
  const attachments = map.get('attachments');
  // Only the fields an attachment has: an extra key could hold anything, nested arbitrarily deep (issue 10).
  if (Array.isArray(attachments)) message.attachments = attachments.filter(isAttachment).map(({ id, name, url, type, size }) => ({ id, name, url, type, size }));
  const mentions = readStringArray(map, 'mentions');
  if (mentions !== undefined) message.mentions = mentions;
  const editedAt = readNumber(map, 'editedAt');
  if (editedAt !== undefined) message.editedAt = editedAt;
  const deletedAt = readNumber(map, 'deletedAt');
  if (deletedAt !== undefined) {
    // A concurrent edit can land after a delete; a deleted message shows no content whatever arrived.
    message.deletedAt = deletedAt;
    message.text = '';
    delete message.attachments;
  }
  return message;
}

function readReactions(reactions: YMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const emoji of sortedKeys(reactions)) {
    const users = reactions.get(emoji);
    if (!isYMap(users)) continue;
    const ids = sortedKeys(users).filter((userId) => users.get(userId) === true);
    if (ids.length > 0) out[emoji] = ids;
  }
  return out;
}

export function listMessages(doc: Y.Doc): Message[] {
  return channelMessages(doc).toArray().flatMap((map) => (isYMap(map) ? [readMessage(map)] : []));
}

/** Index of a message in the live array, -1 when absent (unknown or archived). */
export function messageIndex(doc: Y.Doc, messageId: string): number {
  // One toArray is linear; get(i) per step would walk the list again each time.
  const messages = channelMessages(doc).toArray();
  // Newest messages are the ones usually asked for, so search from the end.
  for (let i = messages.length - 1; i >= 0; i--) {
    const map = messages[i];
    if (isYMap(map) && map.get('id') === messageId) return i;
  }
  return -1;
}

export function findMessage(doc: Y.Doc, messageId: string): Message | undefined {
  const index = messageIndex(doc, messageId);
  return index < 0 ? undefined : readMessage(channelMessages(doc).get(index));
}

/**
 * The live messages whose maps are the items with these ids, in the order asked, skipping ids that
 * are not a live message: the server reads the messages an update posted by the ids of the items the
 * update created (guards/update-changes.ts). Searching the channel for their message ids cost a walk
 * of the whole live array per update, twice (activity and mentions): a fifth of the server's CPU in a
 * busy channel (docs/BENCHMARKS.md, "Fan-out server CPU per edit"); Yjs drops an array's search
 * markers after every remote change, so even reading by position walks it from the start.
 */
export function findMessagesByItem(doc: Y.Doc, itemIds: readonly Y.ID[]): Message[] {
  const messages = channelMessages(doc);
  return itemIds.flatMap((id) => {
    const item = itemAt(doc, id);
    const map = item?.content instanceof Y.ContentType ? item.content.type : undefined;
    return item && !item.deleted && item.parent === messages && isYMap(map) ? [readMessage(map)] : [];
  });
}

function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | undefined {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item && struct.id.clock === id.clock ? struct : undefined;
}

// ---- mutators ----

export interface PostMessageInput {
  id?: string;
  kind?: MessageKind;
  text: string;
  authorId: string;
  authorName: string;
  createdAt?: number;
  replyTo?: string;
  attachments?: readonly Attachment[];
  mentions?: readonly string[];
}

/** Appends a message (with its empty reactions map) and returns it as JSON. */
export function postMessage(doc: Y.Doc, input: PostMessageInput): Message {
  const createdAt = input.createdAt ?? Date.now();
  const id = input.id ?? newId(createdAt);
  if (!isValidId(id)) throw new ModelError('invalid-input', 'message id must match [A-Za-z0-9._-]{1,64}');
  if (input.text.length > MAX_MESSAGE_TEXT_LENGTH) throw new ModelError('invalid-input', `message text is longer than ${MAX_MESSAGE_TEXT_LENGTH} characters`);
  if (input.attachments && (input.attachments.length > MAX_ATTACHMENTS || !input.attachments.every(isAttachment))) {
    throw new ModelError('invalid-input', `attachments must be at most ${MAX_ATTACHMENTS} {id, name, url, type, size}`);
  }
  const map = new Y.Map<unknown>();
  map.set('id', id);
  map.set('kind', input.kind ?? 'message');
  map.set('text', input.text);
  map.set('authorId', input.authorId);
  map.set('authorName', input.authorName);
  map.set('createdAt', createdAt);
  if (input.replyTo !== undefined) map.set('replyTo', input.replyTo);
  if (input.attachments !== undefined) map.set('attachments', input.attachments.map((a) => ({ ...a })));
  if (input.mentions !== undefined) map.set('mentions', [...input.mentions]);
  map.set('reactions', new Y.Map<unknown>());
  doc.transact(() => channelMessages(doc).push([map]));
  return readMessage(map);
}

/**
 * Replaces the text. `mentions`, when given, are the user ids the new text mentions (as when
 * posting): the server notifies the people an edit adds, once per message; written only when they
 * differ, so re-saving the same mentions changes nothing there.
 */
export function editMessage(doc: Y.Doc, messageId: string, text: string, at: number = Date.now(), mentions?: readonly string[]): void {
  const map = requireMessage(doc, messageId);
  if (map.get('deletedAt') !== undefined) throw new ModelError('message-deleted', `message ${messageId} was deleted`);
  if (text.length > MAX_MESSAGE_TEXT_LENGTH) throw new ModelError('invalid-input', `message text is longer than ${MAX_MESSAGE_TEXT_LENGTH} characters`);
  const previous = readStringArray(map, 'mentions') ?? [];
  const next = mentions !== undefined && (mentions.length !== previous.length || mentions.some((id, i) => id !== previous[i])) ? [...mentions] : undefined;
  doc.transact(() => {
    map.set('text', text);
    map.set('editedAt', at);
    if (next === undefined) return;
    if (next.length > 0) map.set('mentions', next);
    else map.delete('mentions');
  });
}

/** Soft delete: the message stays (replies still point at it) with its text and attachments cleared. */
export function deleteMessage(doc: Y.Doc, messageId: string, at: number = Date.now()): void {
  const map = requireMessage(doc, messageId);
  if (map.get('deletedAt') !== undefined) return;
  doc.transact(() => {
    map.set('deletedAt', at);
    map.set('text', '');
    map.delete('attachments');
  });
}

/**
 * Takes a soft delete back (the "Undo" offered right after deleting): clears `deletedAt` and puts back
 * the text and attachments the deleting client still has. Nothing happens to a message not deleted.
 */
export function restoreMessage(doc: Y.Doc, messageId: string, content: { text: string; attachments?: readonly Attachment[] }): void {
  const map = requireMessage(doc, messageId);
  if (map.get('deletedAt') === undefined) return;
  if (content.text.length > MAX_MESSAGE_TEXT_LENGTH) throw new ModelError('invalid-input', `message text is longer than ${MAX_MESSAGE_TEXT_LENGTH} characters`);
  doc.transact(() => {
    map.delete('deletedAt');
    map.set('text', content.text);
    if (content.attachments !== undefined) map.set('attachments', content.attachments.map((a) => ({ ...a })));
  });
}

/**
 * Adds or removes `userId` under `emoji`. Set semantics: each user is a key of the emoji's map, so two
 * users reacting concurrently both count. Returns whether the user now reacts with that emoji.
 */
export function toggleReaction(doc: Y.Doc, messageId: string, emoji: string, userId: string): boolean {
  const on = !reacted(requireMessage(doc, messageId), emoji, userId);
  setReaction(doc, messageId, emoji, userId, on);
  return on;
}

function reacted(message: YMap, emoji: string, userId: string): boolean {
  const reactions = message.get('reactions');
  if (!isYMap(reactions)) return false;
  const users = reactions.get(emoji);
  return isYMap(users) && users.get(userId) === true;
}

export function setReaction(doc: Y.Doc, messageId: string, emoji: string, userId: string, on: boolean): void {
  if (emoji.length === 0 || emoji.length > 64) throw new ModelError('invalid-input', 'an emoji is 1 to 64 characters');
  const map = requireMessage(doc, messageId);
  doc.transact(() => {
    let reactions = map.get('reactions');
    if (!isYMap(reactions)) {
      reactions = new Y.Map<unknown>();
      map.set('reactions', reactions);
    }
    const reactionMap = reactions as YMap;
    let users = reactionMap.get(emoji);
    if (!isYMap(users)) {
      if (!on) return;
      users = new Y.Map<unknown>();
      reactionMap.set(emoji, users);
    }
    if (on) (users as YMap).set(userId, true);
    else (users as YMap).delete(userId);
  });
}

/**
 * Records that `userId` has read up to `messageId`. Never moves the pointer backwards (an older
 * message in view does not make newer ones unread again). Returns whether anything changed.
 */
export function markRead(doc: Y.Doc, userId: string, messageId: string): boolean {
  const ids = channelMessages(doc).toArray().map((map) => (isYMap(map) ? map.get('id') : undefined));
  const index = ids.lastIndexOf(messageId);
  if (index < 0) throw new ModelError('not-found', `no message ${JSON.stringify(messageId)}`);
  const reads = channelReads(doc);
  const current = reads.get(userId);
  if (typeof current === 'string' && ids.lastIndexOf(current) >= index) return false;
  doc.transact(() => reads.set(userId, messageId));
  return true;
}

export function lastReadId(doc: Y.Doc, userId: string): string | undefined {
  const value = channelReads(doc).get(userId);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Messages after the user's read pointer, not written by them and not deleted. A pointer to a
 * message no longer in the live array is older than all of them (it was archived).
 */
export function unreadCount(doc: Y.Doc, userId: string): number {
  const messages = channelMessages(doc).toArray();
  const readId = lastReadId(doc, userId);
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const map = messages[i];
    if (!isYMap(map)) continue;
    if (readId !== undefined && map.get('id') === readId) break;
    if (map.get('authorId') !== userId && map.get('deletedAt') === undefined) count++;
  }
  return count;
}

export type MessageState = 'sent' | 'delivered' | 'read';

export interface MessageStatus {
  state: MessageState;
  /** Users other than the author whose read pointer is at or after the message, sorted. */
  readBy: string[];
}

/**
 * What the author sees under a message: read by N once anyone else has read it; otherwise
 * delivered when the caller knows the server has it (`delivered`, or its id in `deliveredIds`,
 * e.g. from the provider's unsynced-changes counter); otherwise sent.
 */
export function messageStatus(
  doc: Y.Doc,
  messageId: string,
  options: { delivered?: boolean; deliveredIds?: ReadonlySet<string> } = {},
): MessageStatus {
  const messages = channelMessages(doc).toArray();
  const positions = new Map<string, number>();
  messages.forEach((map, i) => {
    const id = isYMap(map) ? map.get('id') : undefined;
    if (typeof id === 'string') positions.set(id, i);
  });
  const index = positions.get(messageId) ?? -1;
  const delivered = options.delivered === true || options.deliveredIds?.has(messageId) === true;
  if (index < 0) return { state: delivered ? 'delivered' : 'sent', readBy: [] };
  const authorId = messages[index].get('authorId');
  const reads = channelReads(doc);
  const readBy = sortedKeys(reads).filter((userId) => {
    const readId = reads.get(userId);
    return userId !== authorId && typeof readId === 'string' && (positions.get(readId) ?? -1) >= index;
  });
  if (readBy.length > 0) return { state: 'read', readBy };
  return { state: delivered ? 'delivered' : 'sent', readBy };
}

/** The oldest messages beyond `limit`, as JSON (pure: the doc is unchanged). */
export function overflowMessages(doc: Y.Doc, limit: number = LIVE_MESSAGE_LIMIT): Message[] {
  const messages = channelMessages(doc);
  const overflow = messages.length - limit;
  if (overflow <= 0) return [];
  return messages.slice(0, overflow).flatMap((map) => (isYMap(map) ? [readMessage(map)] : []));
}

/** Removes the oldest messages beyond `limit` and returns them (oldest first) for the archive. */
export function takeOverflowMessages(doc: Y.Doc, limit: number = LIVE_MESSAGE_LIMIT): Message[] {
  const taken = overflowMessages(doc, limit);
  if (taken.length > 0) doc.transact(() => channelMessages(doc).delete(0, taken.length));
  return taken;
}

// ---- view ----

export function channelToJSON(doc: Y.Doc): ChannelView {
  const readsMap = channelReads(doc);
  const reads: Record<string, string> = {};
  for (const userId of sortedKeys(readsMap)) {
    const value = readsMap.get(userId);
    if (typeof value === 'string') reads[userId] = value;
  }
  return { messages: listMessages(doc), reads };
}


function requireMessage(doc: Y.Doc, messageId: string): YMap {
  const index = messageIndex(doc, messageId);
  if (index < 0) throw new ModelError('not-found', `no message ${JSON.stringify(messageId)}`);
  return channelMessages(doc).get(index);
}

export function isAttachment(value: unknown): value is Attachment {
  return isPlainObject(value)
    && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.url === 'string'
    && typeof value.type === 'string' && typeof value.size === 'number' && Number.isFinite(value.size);
}
