/**
 * When a form field ends up with several candidate values, everyone whose value is among them gets
 * an inbox item, once per conflict (the same set of candidates). When a write leaves the field one
 * value again (a resolution, or a plain write made after seeing every candidate), those items are
 * marked resolved for everyone who may have one: every author of the field's writes the document
 * still holds (README "The server takes part").
 */
import { addInboxItem, fieldAtPath, fieldDefinition, fieldWrites, formatDocName, headIds, inboxDocName, readFormMeta, resolveInboxItems, type DocName, type FieldWrite } from '@concord/shared';
import type * as Y from 'yjs';
import type { Change } from '../guards/update-changes.ts';
import type { ServerWrite } from './server-writer.ts';

const REMEMBERED_CONFLICTS = 10_000;

export function createConflictNotifier(write: ServerWrite) {
  const notified = new Set<string>();
  /** `actorName` is the authenticated name of who sent the update, named as the resolver. */
  return async function notifyConflicts(name: DocName, doc: Y.Doc, changes: readonly Change[], actorName: string): Promise<void> {
    const fields = new Set(changes.flatMap(writtenField));
    const formDoc = formatDocName(name);
    for (const field of fields) {
      const writes = fieldWrites(doc, field);
      const heads = headIds(writes).sort();
      const label = fieldDefinition(doc, field)?.label ?? field;
      const title = readFormMeta(doc).title || name.id;
      if (heads.length === 1) {
        if (closedAConflict(writes.get(heads[0]!)!)) {
          const text = `${label} on ${title}: conflict resolved by ${actorName}`;
          const everyAuthor = new Set([...writes.values()].map((w) => w.by));
          for (const userId of everyAuthor) {
            await write(inboxDocName(name.org, userId), (inbox) => void resolveInboxItems(inbox, { kind: 'conflict', doc: formDoc, anchor: field }, text));
          }
        }
        continue;
      }
      if (heads.length < 2) continue;
      const key = `${name.org}:${name.id}:${field}:${heads.join(',')}`;
      if (notified.has(key)) continue;
      if (notified.size >= REMEMBERED_CONFLICTS) notified.clear();
      notified.add(key);
      const authors = new Set(heads.map((id) => writes.get(id)!.by));
      for (const userId of authors) {
        await write(inboxDocName(name.org, userId), (inbox) =>
          void addInboxItem(inbox, {
            kind: 'conflict',
            text: `${label} on ${title} has ${heads.length} competing values: review it`,
            doc: formDoc,
            anchor: field,
            at: Date.now(),
          }),
        );
      }
    }
  };
}

function writtenField(change: Change): string[] {
  const at = change.op === 'insert' ? fieldAtPath(change.path) : undefined;
  return at?.part === 'write' ? [at.field] : [];
}

/** Only a write that supersedes several heads can end a conflict; the common single-head write opens no inbox. */
function closedAConflict(head: FieldWrite): boolean {
  return head.supersedes.length >= 2;
}
