import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { xmlPlainText } from '../src/xml-json.ts';

/** The plain text as the delta tells it: string inserts joined, formatting and embeds left out. */
function fromDelta(text: Y.XmlText): string {
  return text.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

describe('the plain text of rich text', () => {
  it('is the delta’s string inserts joined: formatting, embeds and deleted text left out, blocks on their own lines', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('content');
    const first = new Y.XmlText();
    const heading = new Y.XmlElement('heading');
    const nested = new Y.XmlText();
    heading.insert(0, [nested]);
    fragment.insert(0, [first, heading]);
    first.insert(0, 'Launch on ');
    first.insert(first.length, 'Monday', { bold: {} });
    first.insertEmbed(first.length, { image: 'a.png' });
    first.insert(first.length, ' at ten, not eleven', { italic: true });
    first.delete(first.length - ' not eleven'.length - 1, ', not eleven'.length);
    first.format(0, 6, { underline: true });
    nested.insert(0, 'Agenda');
    expect(fromDelta(first)).toBe('Launch on Monday at ten');
    expect(xmlPlainText(fragment)).toBe(`${fromDelta(first)}\nAgenda`);
  });
});
