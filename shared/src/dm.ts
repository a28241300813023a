/**
 * Direct messages (docs/PROTOCOL.md, "Direct messages"): a channel with visibility `dm` whose id
 * names its members — `dm.<a>.<b>` for the sorted user ids, up to MAX_DM_MEMBERS of them, or `dm.`
 * and a hash of the sorted ids when that would exceed 64 characters — and whose members are exactly
 * those users. Because the id follows from the people, everyone who opens "Message Bo" reaches the
 * same conversation.
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
  if (plain.length <= MAX_ID_LENGTH) return plain;
  const hash = digest(new TextEncoder().encode(members.join('\n'))).subarray(0, HASH_BYTES);
  return `dm.${Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether `entry` is the conversation of exactly these people (what its id promises). */
export function isDmOf(entry: ChannelEntry, userIds: readonly string[]): boolean {
  const members = dmMembers(userIds);
  return entry.visibility === 'dm' && entry.id === dmChannelId(members) && entry.members.length === members.length && members.every((id, i) => entry.members[i] === id);
}

/**
 * The conversation of `userIds` (the creator among them), its directory entry made on first use.
 * Throws `invalid-input` when the id is taken by something else.
 */
export function openDirectMessage(doc: Y.Doc, input: { userIds: readonly string[]; createdBy: string; name: string; createdAt?: number }): ChannelEntry {
  const members = dmMembers([...input.userIds, input.createdBy]);
  const id = dmChannelId(members);
  const existing = getChannelEntry(doc, id);
  if (existing) {
    if (!isDmOf(existing, members)) throw new ModelError('invalid-input', `${id} is not the conversation of ${members.join(', ')}`);
    return existing;
  }
  return addChannel(doc, { id, name: input.name, visibility: 'dm', members, createdBy: input.createdBy, createdAt: input.createdAt });
}
