import type { Choosable } from './matchPeople.ts';

/**
 * The directory first, then anyone else this client knows of (online now, or an author it has read):
 * on a client that was offline the directory may lag behind the people in front of it.
 */
export function knownPeople(directory: readonly Choosable[], others: Iterable<Choosable>): Choosable[] {
  const listed = new Set(directory.map((person) => person.id));
  const extra = new Map<string, Choosable>();
  for (const person of others) if (!listed.has(person.id) && !extra.has(person.id)) extra.set(person.id, person);
  return [...directory, ...extra.values()];
}
