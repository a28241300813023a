/** A field or type id made from its label (`Close date` → `closeDate`), unique among `taken`. */
export function nameFromLabel(label: string, taken: ReadonlySet<string>, fallback = 'field'): string {
  const words = label.normalize('NFD').replace(/\p{M}+/gu, '').match(/[A-Za-z0-9]+/g) ?? [];
  const base = (words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join('') || fallback).slice(0, 56);
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}${n}`;
  return name;
}
