import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, notesContent, notesPlainText, notesToJSON, readNotesTitle, setNotesTitle, validateNotes } from '../src/index.ts';

describe('a notes page', () => {
  it('holds a title and rich text, viewed as JSON and as plain text', () => {
    const doc = new Y.Doc();
    setNotesTitle(doc, 'Plan');
    appendParagraph(doc, 'first');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Goals')]);
    notesContent(doc).push([heading]);
    expect(readNotesTitle(doc)).toBe('Plan');
    expect(notesPlainText(doc)).toBe('first\nGoals');
    expect(notesToJSON(doc)).toEqual({
      title: 'Plan',
      content: [
        { type: 'paragraph', children: [{ type: 'text', text: 'first' }] },
        { type: 'heading', attrs: { level: '2' }, children: [{ type: 'text', text: 'Goals' }] },
      ],
    });
    expect(validateNotes(doc)).toEqual([]);
  });

  it('reports a title of the wrong type or length and unknown roots', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 7);
    doc.getText('stray').insert(0, 'x');
    expect(validateNotes(doc).map((p) => `${p.code} ${p.path}`)).toEqual(['unknown-root stray', 'wrong-type meta.title']);
    setNotesTitle(doc, 'x'.repeat(501));
    expect(validateNotes(doc).map((p) => p.code)).toContain('too-long');
  });
});
