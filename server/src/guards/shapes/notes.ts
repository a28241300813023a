import { MAX_NOTES_TITLE_LENGTH, NOTES_ROOTS } from '@concord/shared';
import { map, value, xml, type DocumentShape } from '../shape.ts';
import { isString } from './checks.ts';

const MAX_RICH_TEXT_INSERT = 100_000;

export const notesShape: DocumentShape = {
  [NOTES_ROOTS.meta]: map({ title: value(isString(MAX_NOTES_TITLE_LENGTH)) }),
  [NOTES_ROOTS.content]: xml(MAX_RICH_TEXT_INSERT),
};
