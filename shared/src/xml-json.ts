/**
 * A Y.XmlFragment (rich text of notes and meeting notes) as plain JSON and as plain text.
 * Attribute keys are sorted so every replica produces the same JSON text.
 *
 * Both walk the tree with an explicit stack, never recursion: a document stored before the update
 * guards bounded nesting can be thousands of levels deep (issue 10). The JSON shows every level the
 * guards accept (MAX_NESTING_DEPTH, counting the fragment as level 1); an element at that level that
 * still holds elements (only such an old document has one) shows its text instead, marked
 * `truncated`, so the JSON stays small enough to serialize and render.
 */
import * as Y from 'yjs';
import { MAX_NESTING_DEPTH } from './nesting.ts';

/** An element `{type: nodeName, attrs?, children}` or a text node `{type: 'text', text}`. */
export interface XmlNodeJSON {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  children?: XmlNodeJSON[];
  /** Its children were nested deeper than MAX_NESTING_DEPTH and are shown as their text. */
  truncated?: true;
}

type XmlParent = Y.XmlFragment | Y.XmlElement;

export function xmlToJSON(fragment: XmlParent): XmlNodeJSON[] {
  const top: XmlNodeJSON[] = [];
  const pending: Array<{ parent: XmlParent; into: XmlNodeJSON[]; level: number }> = [{ parent: fragment, into: top, level: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { into, level } = next;
    for (const node of next.parent.toArray()) {
      if (node instanceof Y.XmlText) {
        into.push({ type: 'text', text: plainTextOf(node) });
      } else if (node instanceof Y.XmlElement) {
        const out: XmlNodeJSON = { type: node.nodeName, children: [] };
        const attrs = plainAttributes(node);
        if (attrs) out.attrs = attrs;
        into.push(out);
        if (level + 1 < MAX_NESTING_DEPTH || !node.toArray().some((child) => child instanceof Y.XmlElement)) {
          pending.push({ parent: node, into: out.children!, level: level + 1 });
        } else {
          out.children!.push({ type: 'text', text: xmlPlainText(node) });
          out.truncated = true;
        }
      }
    }
  }
  return top;
}

/**
 * Attributes with plain values, keys sorted. A shared type as an attribute is no editor's and is
 * refused by the guards; an old document's is left out rather than rendered by Yjs's recursive
 * `toJSON`.
 */
function plainAttributes(element: Y.XmlElement): Record<string, unknown> | undefined {
  const attrs = element.getAttributes() as Record<string, unknown>;
  const keys = Object.keys(attrs).filter((key) => !(attrs[key] instanceof Y.AbstractType)).sort();
  return keys.length > 0 ? Object.fromEntries(keys.map((key) => [key, attrs[key]])) : undefined;
}

/** Text of a fragment: blocks joined by newlines, formatting dropped. */
export function xmlPlainText(fragment: XmlParent): string {
  const parts: string[] = [];
  // Each element's text is its children's joined by newlines: a newline goes before every child but the first.
  const pending: Array<{ nodes: ReturnType<XmlParent['toArray']>; index: number }> = [{ nodes: fragment.toArray(), index: 0 }];
  while (pending.length > 0) {
    const frame = pending[pending.length - 1]!;
    if (frame.index === frame.nodes.length) {
      pending.pop();
      continue;
    }
    const node = frame.nodes[frame.index]!;
    if (frame.index > 0) parts.push('\n');
    frame.index += 1;
    if (node instanceof Y.XmlText) parts.push(plainTextOf(node));
    else if (node instanceof Y.XmlElement) pending.push({ nodes: node.toArray(), index: 0 });
  }
  return parts.join('');
}

/**
 * The text's characters without formatting or embeds: what joining its delta's string inserts
 * gives, read without building the delta (formatting attributes copied for every run), which was
 * most of indexing a page for search. `Y.XmlText`'s own `toString` writes formatting as tags.
 */
function plainTextOf(text: Y.XmlText): string {
  return Y.Text.prototype.toString.call(text);
}
