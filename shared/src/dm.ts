/**
 * Direct messages (docs/PROTOCOL.md, "Direct messages"): a channel with visibility `dm` whose id
 * names its members — `dm.<a>.<b>` for the sorted user ids, up to MAX_DM_MEMBERS of them, or `dm.`
 * and a hash of the sorted ids when that would exceed 64 characters — and whose members are those
 * users (fewer once someone leaves). Because the id follows from the people, everyone who opens
 * "Message Bo" reaches the same conversation.
 *
 * A directory may hold an entry at that id that is not the conversation, stored before the server
 * refused such entries: a channel of another kind, or a `dm` with someone else in it. The
 * conversation then lives at a second id that also follows from the people alone (`dmSecondId`),
 * which the server accepts only while something else holds the first, so everyone still reaches the
 * same one. A conversation someone left stays where it is, and theirs: leaving does not free the id.
 */
import { digest } from 'lib0/hash/sha256';
import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isValidId } from './ids.ts';
import { addChannel, getChannelEntry, type ChannelEntry } from './workspace.ts';

export const MAX_DM_MEMBERS = 8;
const MAX_ID_LENGTH = 64;
/** 20 bytes of SHA-256 in hex: `dm.` and 40 characters. */
const HASH_BYTES = 20;

/** The sorted, distinct members of a conversation, checked. */
export function dmMembers(userIds: readonly string[]): string[] {
  const members = [...new Set(userIds)].sort();
  if (members.length < 2) throw new ModelError('invalid-input', 'a direct message needs at least two people');
  if (members.length > MAX_DM_MEMBERS) throw new ModelError('invalid-input', `a direct message has at most ${MAX_DM_MEMBERS} people`);
  for (const id of members) if (!isValidId(id)) throw new ModelError('invalid-input', `user id ${JSON.stringify(id)} must match [A-Za-z0-9._-]{1,64}`);
  return members;
}

export function dmChannelId(userIds: readonly string[]): string {
  const members = dmMembers(userIds);
  const plain = `dm.${members.join('.')}`;
  return plain.length <= MAX_ID_LENGTH ? plain : hashedId(members.join('\n'));
}

/**
 * The conversation's second id, for when another channel holds `dmChannelId`. Its hash input starts
 * with a line no user id can be (it has a space), so it never equals the first id of any people.
 */
export function dmSecondId(userIds: readonly string[]): string {
  return hashedId(`second id\n${dmMembers(userIds).join('\n')}`);
}

function hashedId(text: string): string {
  const hash = digest(new TextEncoder().encode(text)).subarray(0, HASH_BYTES);
  return `dm.${Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether the entry at one of a conversation's ids is that conversation: a `dm` with none but its
 * people, so one whose member left is still theirs. Anything else there holds the id.
 */
function isConversationOf(entry: ChannelEntry, members: readonly string[]): boolean {
  return entry.visibility === 'dm' && entry.members.every((id) => members.includes(id));
}

/**
 * Where the conversation of `userIds` is, or is made, in this directory: the second id once the
 * conversation is there (it is made there only while the first was held, and stays there if that
 * entry later becomes a conversation of theirs too), else the first id unless another channel holds
 * it, else the second if free; undefined when other channels hold both.
 */
export function dmChannelIdIn(doc: Y.Doc, userIds: readonly string[]): string | undefined {
  const members = dmMembers(userIds);
  const first = dmChannelId(members);
  const second = dmSecondId(members);
  const atFirst = getChannelEntry(doc, first);
  const atSecond = getChannelEntry(doc, second);
  if (atSecond && isConversationOf(atSecond, members)) return second;
  if (!atFirst || isConversationOf(atFirst, members)) return first;
  return atSecond ? undefined : second;
}

/**
 * The conversation of `userIds` (the creator among them), its directory entry made on first use;
 * it may lack people who left it. Throws `dm-unavailable` when other channels hold both of its ids,
 * and `dm-left` when the creator left it (only an admin adds them back).
 */
export function openDirectMessage(doc: Y.Doc, input: { userIds: readonly string[]; createdBy: string; name: string; createdAt?: number }): ChannelEntry {
  const members = dmMembers([...input.userIds, input.createdBy]);
  const id = dmChannelIdIn(doc, members);
  if (id === undefined) throw new ModelError('dm-unavailable', `other channels hold both ids of the conversation of ${members.join(', ')}`);
  const existing = getChannelEntry(doc, id);
  if (!existing) return addChannel(doc, { id, name: input.name, visibility: 'dm', members, createdBy: input.createdBy, createdAt: input.createdAt });
  if (!existing.members.includes(input.createdBy)) throw new ModelError('dm-left', `${input.createdBy} left the conversation ${id}`);
  return existing;
}
