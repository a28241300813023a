/** The shape of a user's inbox `<org>:inbox:<userId>` (docs/PROTOCOL.md, "Schemas"). Server-written. */
import type * as Y from 'yjs';
import { INBOX_ITEM_KINDS, INBOX_ROOTS } from '../inbox.ts';
import type { Problem } from '../problems.ts';
import { isId, isNumber, isString, oneOf } from './checks.ts';
import { array, map, value, type DocumentShape } from './shape.ts';
import { validateShape } from './validate-shape.ts';

const item = map(
  {
    id: value(isId),
    kind: value(oneOf(INBOX_ITEM_KINDS)),
    text: value(isString()),
    // The document the item points to, `<org>:<kind>:<id>`.
    doc: value(isString()),
    anchor: value(isString(), { optional: true }),
    at: value(isNumber),
    readAt: value(isNumber, { optional: true }),
    // Server-written when what the item asked for no longer needs doing.
    resolvedAt: value(isNumber, { optional: true }),
  },
  { rule: 'inbox-item' },
);

export const inboxShape: DocumentShape = {
  [INBOX_ROOTS.items]: array(item, { rule: 'inbox-items' }),
};

export const validateInbox = (doc: Y.Doc): Problem[] => validateShape(inboxShape, doc);
