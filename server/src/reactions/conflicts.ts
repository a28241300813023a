/**
 * When a form field ends up with several candidate values, everyone whose value is among them gets
 * an inbox item, once per conflict (the same set of candidates).
 */
import { addInboxItem, fieldDefinition, fieldWrites, formatDocName, headIds, inboxDocName, readFormMeta, type DocName } from '@concord/shared';
import type * as Y from 'yjs';
import type { Change } from '../guards/update-changes.ts';
import type { ServerWrite } from './server-writer.ts';

const REMEMBERED_CONFLICTS = 10_000;

export function createConflictNotifier(write: ServerWrite) {
  const notified = new Set<string>();
  return async function notifyConflicts(name: DocName, doc: Y.Doc, changes: readonly Change[]): Promise<void> {
    const fields = new Set(changes.flatMap((c) => (c.op === 'insert' && c.path[0] === 'fields' && c.path.length === 3 ? [c.path[1]!] : [])));
    for (const field of fields) {
      const writes = fieldWrites(doc, field);
      const heads = headIds(writes).sort();
      if (heads.length < 2) continue;
      const key = `${name.org}:${name.id}:${field}:${heads.join(',')}`;
      if (notified.has(key)) continue;
      if (notified.size >= REMEMBERED_CONFLICTS) notified.clear();
      notified.add(key);
      const label = fieldDefinition(doc, field)?.label ?? field;
      const title = readFormMeta(doc).title || name.id;
      const authors = new Set(heads.map((id) => writes.get(id)!.by));
      for (const userId of authors) {
        await write(inboxDocName(name.org, userId), (inbox) =>
          void addInboxItem(inbox, {
            kind: 'conflict',
            text: `${label} on ${title} has ${heads.length} competing values: review it`,
            doc: formatDocName(name),
            anchor: field,
            at: Date.now(),
          }),
        );
      }
    }
  };
}
