/**
 * A rich-text page `<org>:notes:<id>` (docs/PROTOCOL.md, "Schemas"): root Map `meta` {title}, root
 * Xml `content` (the editor's ProseMirror document: block elements such as `paragraph` holding
 * XmlText).
 */
import * as Y from 'yjs';
import { readString } from './values.ts';
import { xmlPlainText, xmlToJSON, type XmlNodeJSON } from './xml-json.ts';

export const NOTES_ROOTS = { meta: 'meta', content: 'content' } as const;
export const MAX_NOTES_TITLE_LENGTH = 500;

export interface NotesView {
  title: string;
  content: XmlNodeJSON[];
}

export const notesMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(NOTES_ROOTS.meta);
export const notesContent = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(NOTES_ROOTS.content);

export function setNotesTitle(doc: Y.Doc, title: string): void {
  doc.transact(() => notesMeta(doc).set('title', title));
}

export function readNotesTitle(doc: Y.Doc): string {
  return readString(notesMeta(doc), 'title') ?? '';
}

/** Appends a paragraph holding `text` and returns its XmlText (tests, seeding, trace replay). */
export function appendParagraph(doc: Y.Doc, text = ''): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const xmlText = new Y.XmlText();
  if (text.length > 0) xmlText.insert(0, text);
  paragraph.insert(0, [xmlText]);
  doc.transact(() => notesContent(doc).push([paragraph]));
  return xmlText;
}

/** The page as text: one line per block, formatting dropped. */
export function notesPlainText(doc: Y.Doc): string {
  return xmlPlainText(notesContent(doc));
}

export function notesToJSON(doc: Y.Doc): NotesView {
  return { title: readNotesTitle(doc), content: xmlToJSON(notesContent(doc)) };
}

