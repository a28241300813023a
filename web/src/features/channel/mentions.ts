/**
 * @mentions: `@bo` or `@Bo` in a message names a person by user id (or by the first word of their
 * name). The server turns a message's `mentions` into inbox items for those people.
 */
const MENTION = /@([A-Za-z0-9._-]+)/g;

export function findMentions(text: string, people: ReadonlyMap<string, string>): string[] {
  const byHandle = new Map<string, string>();
  for (const [id, name] of people) {
    byHandle.set(id.toLowerCase(), id);
    const first = name.trim().split(/\s+/)[0]?.toLowerCase();
    if (first && !byHandle.has(first)) byHandle.set(first, id);
  }
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const id = byHandle.get((match[1] ?? '').toLowerCase().replace(/[._-]+$/, ''));
    if (id) found.add(id);
  }
  return [...found];
}

/** The text split into plain parts and @mention parts, for highlighting. */
export function splitMentions(text: string): { text: string; mention: boolean }[] {
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), mention: false });
    parts.push({ text: match[0], mention: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mention: false });
  return parts;
}
