/**
 * A Y.XmlFragment (rich text of notes and meeting notes) as plain JSON and as plain text.
 * Attribute keys are sorted so every replica produces the same JSON text.
 */
import * as Y from 'yjs';

/** An element `{type: nodeName, attrs?, children}` or a text node `{type: 'text', text}`. */
export interface XmlNodeJSON {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  children?: XmlNodeJSON[];
}

export function xmlToJSON(fragment: Y.XmlFragment | Y.XmlElement): XmlNodeJSON[] {
  return fragment.toArray().flatMap((node): XmlNodeJSON[] => {
    if (node instanceof Y.XmlText) return [{ type: 'text', text: plainTextOf(node) }];
    if (node instanceof Y.XmlElement) {
      const attrs = node.getAttributes() as Record<string, unknown>;
      const keys = Object.keys(attrs).sort();
      const out: XmlNodeJSON = { type: node.nodeName, children: xmlToJSON(node) };
      if (keys.length > 0) out.attrs = Object.fromEntries(keys.map((key) => [key, attrs[key]]));
      return [out];
    }
    return [];
  });
}

/** Text of a fragment: blocks joined by newlines, formatting dropped. */
export function xmlPlainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  return fragment.toArray().map((node) => {
    if (node instanceof Y.XmlText) return plainTextOf(node);
    if (node instanceof Y.XmlElement) return xmlPlainText(node);
    return '';
  }).join('\n');
}

function plainTextOf(text: Y.XmlText): string {
  return text.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}
