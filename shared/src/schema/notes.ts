/** The shape of a notes page `<org>:notes:<id>` (docs/PROTOCOL.md, "Schemas"). */
import type * as Y from 'yjs';
import { MAX_NOTES_TITLE_LENGTH, NOTES_ROOTS } from '../notes.ts';
import type { Problem } from '../problems.ts';
import { isString } from './checks.ts';
import { MAX_RICH_TEXT_INSERT_LENGTH } from './meeting.ts';
import { map, value, xml, type DocumentShape } from './shape.ts';
import { validateShape } from './validate-shape.ts';

export const notesShape: DocumentShape = {
  [NOTES_ROOTS.meta]: map({ title: value(isString(MAX_NOTES_TITLE_LENGTH), { optional: true }) }),
  [NOTES_ROOTS.content]: xml(MAX_RICH_TEXT_INSERT_LENGTH),
};

export const validateNotes = (doc: Y.Doc): Problem[] => validateShape(notesShape, doc);
