/**
 * The workspace's people (docs/PROTOCOL.md, "People"): root Map `people` of `<org>:workspace:main`,
 * userId → {name, avatar?, role, joinedAt, lastSeenAt}. Only the server writes it, from the
 * authenticated connection (`recordPerson`); clients read it to pick people and show "last seen".
 */
import * as Y from 'yjs';
import { isRole, type Role } from './roles.ts';
import { isPlainObject, isYMap, sortedKeys } from './values.ts';
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

/**
 * A person's entry is one plain value `{name, avatar?, role, joinedAt, lastSeenAt}`. Documents
 * written before 2026-11-26 hold a nested Y.Map with the same keys: it reads the same, and the next
 * `recordPerson` replaces it. One value is one Yjs item where the map was a shared type and five items,
 * 0.5 KB of a server's memory per person instead of 1.8 (docs/BENCHMARKS.md, "Idle memory per
 * connection").
 */
export const workspacePeople = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(WORKSPACE_ROOTS.people);

/** What an entry holds, from either form; undefined when it is neither. */
function entryFields(entry: unknown): Record<string, unknown> | undefined {
  if (isYMap(entry)) return entry.toJSON() as Record<string, unknown>;
  return isPlainObject(entry) ? entry : undefined;
}

export function getPerson(doc: Y.Doc, userId: string): Person | undefined {
  const fields = entryFields(workspacePeople(doc).get(userId));
  return fields ? readPerson(userId, fields) : undefined;
}

/** Everyone who has ever connected, by name (then id, so every replica lists them alike). */
export function listPeople(doc: Y.Doc): Person[] {
  const people = workspacePeople(doc);
  return sortedKeys(people)
    .flatMap((id) => {
      const fields = entryFields(people.get(id));
      return fields ? [readPerson(id, fields)] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Server only. Adds the person on first sight and keeps name, avatar and role as their token says;
 * `lastSeenAt` moves only when it is at least `refreshMs` old, so instances that each see the same
 * person connect do not all rewrite it. Returns whether anything changed.
 */
export function recordPerson(doc: Y.Doc, seen: PersonSeen, now: number, refreshMs: number = PEOPLE_REFRESH_MS): boolean {
  const people = workspacePeople(doc);
  const existing = people.get(seen.id);
  const before = entryFields(existing);
  const joinedAt = finite(before?.joinedAt) ?? now;
  const lastSeenAt = finite(before?.lastSeenAt);
  const entry: PersonEntry = {
    name: seen.name,
    ...(seen.avatar !== undefined ? { avatar: seen.avatar } : {}),
    role: seen.role,
    joinedAt,
    lastSeenAt: lastSeenAt === undefined || now - lastSeenAt >= refreshMs ? now : lastSeenAt,
  };
  const unchanged =
    isPlainObject(existing) &&
    existing.name === entry.name &&
    existing.avatar === entry.avatar &&
    existing.role === entry.role &&
    existing.joinedAt === entry.joinedAt &&
    existing.lastSeenAt === entry.lastSeenAt &&
    Object.keys(existing).length === Object.keys(entry).length;
  if (unchanged) return false;
  people.set(seen.id, entry);
  return true;
}

interface PersonEntry {
  name: string;
  avatar?: string;
  role: Role;
  joinedAt: number;
  lastSeenAt: number;
}

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function readPerson(id: string, fields: Record<string, unknown>): Person {
  const role = fields.role;
  const avatar = typeof fields.avatar === 'string' ? fields.avatar : undefined;
  return {
    id,
    name: typeof fields.name === 'string' ? fields.name : id,
    ...(avatar !== undefined ? { avatar } : {}),
    role: isRole(role) ? role : 'viewer',
    joinedAt: finite(fields.joinedAt) ?? 0,
    lastSeenAt: finite(fields.lastSeenAt) ?? 0,
  };
}
