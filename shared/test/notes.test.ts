import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, notesContent, notesPlainText, notesToJSON, readNotesTitle, replaceXmlContent, setNotesTitle, validateNotes } from '../src/index.ts';

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

  it('restores an earlier state as one new edit, formatting and block attributes included, which another replica applies to the same state', () => {
    const page = new Y.Doc();
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 1 as unknown as string);
    heading.insert(0, [new Y.XmlText('Plan')]);
    notesContent(page).push([heading]);
    const text = appendParagraph(page, 'Launch on ');
    text.insert(text.length, 'Monday', { bold: {} });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(page));

    text.insert(0, 'Maybe: ');
    appendParagraph(page, 'Then everyone on Friday.');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(page));
    const updates: Uint8Array[] = [];
    page.on('update', (update: Uint8Array) => updates.push(update));

    expect(replaceXmlContent(notesContent(page), notesContent(version))).toBe(2);
    expect(updates).toHaveLength(1);
    expect(notesToJSON(page)).toEqual(notesToJSON(version));
    const restored = notesContent(page).get(1) as Y.XmlElement;
    expect((restored.get(0) as Y.XmlText).toDelta()).toEqual([{ insert: 'Launch on ' }, { insert: 'Monday', attributes: { bold: {} } }]);
    expect((notesContent(page).get(0) as Y.XmlElement).getAttribute('level')).toBe(1);
    // The earlier version is untouched, and a replica that gets the edit ends up the same.
    expect(notesPlainText(version)).toBe('Plan\nLaunch on Monday');
    Y.applyUpdate(other, updates[0]!);
    expect(notesPlainText(other)).toBe('Plan\nLaunch on Monday');
    expect(Y.encodeStateVector(other)).toEqual(Y.encodeStateVector(page));
  });

  it('restores an empty version as an empty page', () => {
    const page = new Y.Doc();
    appendParagraph(page, 'text');
    expect(replaceXmlContent(notesContent(page), notesContent(new Y.Doc()))).toBe(0);
    expect(notesContent(page).length).toBe(0);
  });
});
