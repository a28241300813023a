/**
 * @mentions. A message's `mentions` (user ids) are what the server delivers to inboxes, so they are
 * what counts: the composer records the person picked from the list by id, and resolves handles typed
 * out by hand (`@bo`, `@Bo`, `@Bo Lee`) against the workspace's people, in a new message and in an
 * edit alike; the message view highlights only the handles of people the message really mentions.
 */
import type { Choosable } from '../people/matchPeople.ts';

/** Letters and digits continue a word: `@Bo` is not a handle inside `@Bob`. */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** What an unfinished `@query` may contain while the list is offered: no spaces, no second `@`. */
const QUERY = /^[^\s@]{0,40}$/;

export interface MentionMatch {
  start: number;
  end: number;
  userId: string;
}

/** The handles that name each person, longest first so `@Bo Lee` wins over `@Bo`. */
function handleTable(entries: readonly [handle: string, userId: string][]): [string, string][] {
  const table = new Map<string, string>();
  // The first claim on a handle keeps it: the caller lists the surest names first.
  for (const [handle, id] of entries) if (handle.length > 1 && !table.has(handle.toLowerCase())) table.set(handle.toLowerCase(), id);
  return [...table].sort((a, b) => b[0].length - a[0].length);
}

function handlesOf(person: Choosable): string[] {
  const name = person.name.trim();
  const first = name.split(/\s+/)[0] ?? '';
  return [`@${name}`, `@${person.id}`, `@${first}`];
}

function findHandles(text: string, table: readonly [string, string][]): MentionMatch[] {
  const found: MentionMatch[] = [];
  const lower = text.toLowerCase();
  for (let i = lower.indexOf('@'); i !== -1; i = lower.indexOf('@', i + 1)) {
    if (i > 0 && WORD_CHAR.test(text[i - 1] ?? '')) continue;
    for (const [handle, userId] of table) {
      const end = i + handle.length;
      if (lower.startsWith(handle, i) && !WORD_CHAR.test(text[end] ?? '')) {
        found.push({ start: i, end, userId });
        i = end - 1;
        break;
      }
    }
  }
  return found;
}

/**
 * The user ids a message mentions: first the people picked from the list (whose handles are still in
 * the text), then handles typed by hand, matched to the workspace's people by full name, id or first
 * name. The author never mentions themselves.
 */
export function resolveMentions(text: string, picked: readonly Choosable[], people: readonly Choosable[], authorId: string): string[] {
  const claims: [string, string][] = [];
  for (const person of picked) for (const handle of handlesOf(person)) claims.push([handle, person.id]);
  for (const person of people) claims.push([`@${person.name.trim()}`, person.id], [`@${person.id}`, person.id]);
  for (const person of people) claims.push([`@${person.name.trim().split(/\s+/)[0] ?? ''}`, person.id]);
  const ids = findHandles(text, handleTable(claims)).map((match) => match.userId);
  return [...new Set(ids)].filter((id) => id !== authorId);
}

/**
 * The user ids an edited message mentions, resolved as when posting: the people it mentioned before
 * count as picked (an ambiguous handle still names the person first chosen), handles typed into the
 * edit are matched against `people`. `names` (user id → name) gives the earlier ones their handles.
 */
export function editedMentions(text: string, before: readonly string[], names: ReadonlyMap<string, string>, people: readonly Choosable[], authorId: string): string[] {
  return resolveMentions(text, before.map((id) => ({ id, name: names.get(id) ?? id })), people, authorId);
}

/** The text split into plain parts and the handles of the people in `mentions`, for highlighting. */
export function splitMentions(text: string, mentions: readonly string[], names: ReadonlyMap<string, string>): { text: string; mention: boolean }[] {
  const claims = mentions.flatMap((id) => handlesOf({ id, name: names.get(id) ?? id }).map((handle): [string, string] => [handle, id]));
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of findHandles(text, handleTable(claims))) {
    if (match.start > last) parts.push({ text: text.slice(last, match.start), mention: false });
    parts.push({ text: text.slice(match.start, match.end), mention: true });
    last = match.end;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mention: false });
  return parts;
}

/** The `@query` being typed just before the caret, if any: where the list of people opens. */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const start = text.lastIndexOf('@', caret - 1);
  if (start === -1 || (start > 0 && !/[\s([{"']/.test(text[start - 1] ?? ''))) return null;
  const query = text.slice(start + 1, caret);
  return QUERY.test(query) ? { start, query } : null;
}

/**
 * Replaces the `@query` from `start` to the caret with the person's handle and one space, leaving the
 * caret after that space: past it, the finished handle no longer reads as a query.
 */
export function insertMention(text: string, start: number, caret: number, person: Choosable): { text: string; caret: number } {
  const after = text.slice(caret);
  const handle = `@${person.name.trim()}`;
  const spaced = /^\s/.test(after) ? after : ` ${after}`;
  return { text: text.slice(0, start) + handle + spaced, caret: start + handle.length + 1 };
}
