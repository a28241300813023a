/**
 * Views of documents nested deeper than the update guards allow (documents stored before the
 * bound existed, or written by the server): every view stays iterative or bounded, so reading one
 * never overflows the stack (issue 10).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_NESTING_DEPTH, channelMessages, channelToJSON, meetingNotes, notesContent, notesPlainText, postMessage, viewDocument, xmlToJSON, type XmlNodeJSON,
} from '../src/index.ts';

/** `levels` elements, each inside the previous one, the deepest holding `text`. */
function nest(into: Y.XmlFragment, levels: number, text: string): void {
  into.doc!.transact(() => {
    let parent: Y.XmlFragment = into;
    for (let i = 0; i < levels; i += 1) {
      const element = new Y.XmlElement(i % 2 ? 'listItem' : 'bulletList');
      parent.insert(0, [element]);
      parent = element;
    }
    parent.insert(0, [new Y.XmlText(text)]);
  });
}

function depthOf(nodes: readonly XmlNodeJSON[]): number {
  let depth = 0;
  let level = nodes;
  while (level.length > 0) {
    depth += 1;
    level = level.flatMap((node) => node.children ?? []);
  }
  return depth;
}

/** The view as it was written before it had a bound: fine for shallow pages. */
function recursiveView(parent: Y.XmlFragment | Y.XmlElement): XmlNodeJSON[] {
  return parent.toArray().flatMap((node): XmlNodeJSON[] => {
    if (node instanceof Y.XmlText) return [{ type: 'text', text: node.toString() }];
    if (node instanceof Y.XmlElement) return [{ type: node.nodeName, children: recursiveView(node) }];
    return [];
  });
}

describe('views of deeply nested documents', () => {
  it('serves a page nested 5,000 levels deep as bounded JSON that keeps its text, and reads it as text', () => {
    const doc = new Y.Doc();
    nest(notesContent(doc), 5_000, 'the bottom');
    const view = viewDocument('notes', doc);
    const json = JSON.stringify(view);
    expect(json).toContain('the bottom');
    expect(depthOf(view.content)).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    expect(notesPlainText(doc)).toBe('the bottom');
  });

  it('shows every page the guards accept exactly, down to the bound', () => {
    const doc = new Y.Doc();
    // The root is level 1 and the text itself a level: the deepest text the guards accept.
    nest(notesContent(doc), MAX_NESTING_DEPTH - 2, 'deepest allowed');
    expect(xmlToJSON(notesContent(doc))).toEqual(recursiveView(notesContent(doc)));
  });

  it('serves deep meeting notes', () => {
    const doc = new Y.Doc();
    nest(meetingNotes(doc), 5_000, 'minutes');
    expect(JSON.stringify(viewDocument('meeting', doc))).toContain('minutes');
  });

  it('drops a rich-text attribute that holds a shared type instead of rendering it', () => {
    const doc = new Y.Doc();
    const holder = new Y.XmlElement('paragraph');
    notesContent(doc).insert(0, [holder]);
    const fragment = new Y.XmlElement('deep');
    holder.setAttribute('level', 2 as never);
    holder.setAttribute('smuggled', fragment as never);
    nest(fragment as unknown as Y.XmlFragment, 5_000, 'hidden');
    const json = JSON.stringify(viewDocument('notes', doc));
    expect(JSON.parse(json).content).toEqual([{ type: 'paragraph', children: [], attrs: { level: 2 } }]);
  });

  it('shows only the fields of an attachment, not a deeply nested extra one', () => {
    const doc = new Y.Doc();
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i += 1) deep = [deep];
    postMessage(doc, { id: 'm1', text: 'file', authorId: 'ana', authorName: 'Ana' });
    channelMessages(doc).get(0).set('attachments', [{ id: 'a1', name: 'a.txt', url: '/f/a1', type: 'text/plain', size: 3, extra: deep }]);
    const json = JSON.stringify(channelToJSON(doc));
    expect(JSON.parse(json).messages[0].attachments).toEqual([{ id: 'a1', name: 'a.txt', url: '/f/a1', type: 'text/plain', size: 3 }]);
  });
});
