/** An id-safe slug (`[A-Za-z0-9._-]`) from a human name, unique among `taken`. */
export function uniqueSlug(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
