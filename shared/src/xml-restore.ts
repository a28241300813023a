/**
 * Bringing rich text back to an earlier state (a saved version) as one ordinary edit: the current
 * blocks are deleted and copies of the earlier ones inserted, formatting included. It is a normal
 * Yjs transaction, so everyone sees it live, concurrent edits merge as usual, and the state before
 * it stays in the document's history (README "HTTP", versions).
 */
import * as Y from 'yjs';

/**
 * Replaces the content of `target` with copies of `source`'s blocks (rich text has no hooks, so any
 * are left out). Returns how many blocks it inserted.
 */
export function replaceXmlContent(target: Y.XmlFragment, source: Y.XmlFragment): number {
  const copies = source.toArray().flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : []));
  const apply = () => {
    if (target.length > 0) target.delete(0, target.length);
    if (copies.length > 0) target.insert(0, copies);
  };
  if (target.doc) target.doc.transact(apply);
  else apply();
  return copies.length;
}
