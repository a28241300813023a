/** Which people a typed name or id fragment picks out, best first: what every person picker lists. */

export interface Choosable {
  id: string;
  name: string;
  avatar?: string;
}

/** How many candidates a picker lists at once: more is a wall to scroll, not a choice. */
export const PICKER_LIMIT = 8;

/** Case- and accent-insensitive, so "zoe" finds Zoë. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Rank 0: the name starts with the query; 1: a later word of the name does; 2: the user id does;
 * 3: the name or id contains it. Ties go alphabetically by name. An empty query lists everyone.
 */
function rank(person: Choosable, query: string): number | null {
  if (!query) return 0;
  const name = fold(person.name);
  const id = fold(person.id);
  if (name.startsWith(query)) return 0;
  if (name.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  if (id.startsWith(query)) return 2;
  if (name.includes(query) || id.includes(query)) return 3;
  return null;
}

export function matchPeople<P extends Choosable>(people: readonly P[], query: string, exclude: ReadonlySet<string> = new Set(), limit = PICKER_LIMIT): P[] {
  const wanted = fold(query.trim());
  return people
    .filter((person) => !exclude.has(person.id))
    .flatMap((person) => {
      const r = rank(person, wanted);
      return r === null ? [] : [{ person, r }];
    })
    .sort((a, b) => a.r - b.r || a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id))
    .slice(0, limit)
    .map(({ person }) => person);
}
