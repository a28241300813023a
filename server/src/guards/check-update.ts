/**
 * Is this update acceptable from this connection? Decodes the update, then checks every change
 * against the document kind's shape (shared/src/schema/) and change rules (rules/). Pure apart
 * from reading the live document.
 */
import { DOCUMENT_SHAPES, type DocKind } from '@concord/shared';
import type * as Y from 'yjs';
import type { Identity } from '../auth/claims.ts';
import { checkChange, type Refusal } from './shape.ts';
import { describeUpdate, type Change } from './update-changes.ts';

export type UpdateVerdict = { ok: true; changes: Change[] } | { ok: false; refusal: Refusal };

export function checkUpdate(kind: DocKind, doc: Y.Doc, update: Uint8Array, identity: Identity): UpdateVerdict {
  const described = describeUpdate(doc, update);
  if (!described.ok) return { ok: false, refusal: { code: described.missing ? 'missing-dependencies' : 'invalid-update', message: described.reason } };
  const shape = DOCUMENT_SHAPES[kind];
  for (const change of described.changes) {
    const refusal = checkChange(shape, change, { identity, doc, changes: described.changes });
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, changes: described.changes };
}
