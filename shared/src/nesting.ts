/**
 * How deep a document may nest, for the update guards (README "Refusals": `invalid-update`) and for
 * the views, which show everything the guards accept exactly.
 *
 * Shared types count from the document's root type (level 1): a character of a paragraph in a
 * notes page sits in text (3) in a paragraph (2) in `content` (1). A rich-text editor needs a few
 * dozen levels at most: each list indent costs two (list and item), so 64 leaves room for about 30
 * indents where common editors stop at 8 or 9, plus a table or quote around them. Plain JSON values
 * (message attachments, form schemas: 2 or 3 levels) are held to the same number on their own.
 *
 * Why a bound at all (issue 10): one update of a few kilobytes can nest thousands of levels, and
 * every path the guards compute, every view and every JSON.stringify of it grows with the depth;
 * past a few thousand levels recursive code overflows the stack. At 64 each change's path has at
 * most 65 segments, so checking an update stays linear in its size.
 */
export const MAX_NESTING_DEPTH = 64;

/** True when `value` (plain JSON) nests arrays and objects deeper than `max`; iterative. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
