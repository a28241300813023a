/**
 * The workspace's people (docs/PROTOCOL.md, "People"): root Map `people` of `<org>:workspace:main`,
 * userId → Map {name, avatar?, role, joinedAt, lastSeenAt}. Only the server writes it, from the
 * authenticated connection (`recordPerson`); clients read it to pick people and show "last seen".
 */
import * as Y from 'yjs';
import { isRole, type Role } from './roles.ts';
import { isYMap, readNumber, readString, sortedKeys, type YMap } from './values.ts';
import { WORKSPACE_ROOTS } from './workspace.ts';

/** `lastSeenAt` moves at most this often while someone stays connected. */
export const PEOPLE_REFRESH_MS = 60_000;

export interface Person {
  id: string;
  name: string;
  avatar?: string;
  role: Role;
  joinedAt: number;
  lastSeenAt: number;
}

/** Who connected, as the server's authenticated identity says. */
export interface PersonSeen {
  id: string;
  name: string;
  avatar?: string;
  role: Role;
}

export const workspacePeople = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(WORKSPACE_ROOTS.people);

export function getPerson(doc: Y.Doc, userId: string): Person | undefined {
  const entry = workspacePeople(doc).get(userId);
  return isYMap(entry) ? readPerson(userId, entry) : undefined;
}

/** Everyone who has ever connected, by name (then id, so every replica lists them alike). */
export function listPeople(doc: Y.Doc): Person[] {
  const people = workspacePeople(doc);
  return sortedKeys(people)
    .flatMap((id) => {
      const entry = people.get(id);
      return isYMap(entry) ? [readPerson(id, entry)] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Server only. Adds the person on first sight and keeps name, avatar and role as their token says;
 * `lastSeenAt` moves only when it is at least `refreshMs` old, so instances that each see the same
 * person connect do not all rewrite it. Returns whether anything changed.
 */
export function recordPerson(doc: Y.Doc, seen: PersonSeen, now: number, refreshMs: number = PEOPLE_REFRESH_MS): boolean {
  let changed = false;
  doc.transact(() => {
    const people = workspacePeople(doc);
    const existing = people.get(seen.id);
    const entry = isYMap(existing) ? existing : new Y.Map<unknown>();
    if (entry !== existing) {
      entry.set('joinedAt', now);
      people.set(seen.id, entry);
      changed = true;
    }
    const set = (key: string, value: unknown) => {
      if (entry.get(key) === value) return;
      entry.set(key, value);
      changed = true;
    };
    set('name', seen.name);
    set('role', seen.role);
    if (seen.avatar !== undefined) set('avatar', seen.avatar);
    else if (entry.has('avatar')) {
      entry.delete('avatar');
      changed = true;
    }
    const lastSeenAt = readNumber(entry, 'lastSeenAt');
    if (lastSeenAt === undefined || now - lastSeenAt >= refreshMs) set('lastSeenAt', now);
  });
  return changed;
}

function readPerson(id: string, entry: YMap): Person {
  const role = entry.get('role');
  const avatar = readString(entry, 'avatar');
  return {
    id,
    name: readString(entry, 'name') ?? id,
    ...(avatar !== undefined ? { avatar } : {}),
    role: isRole(role) ? role : 'viewer',
    joinedAt: readNumber(entry, 'joinedAt') ?? 0,
    lastSeenAt: readNumber(entry, 'lastSeenAt') ?? 0,
  };
}
