/**
 * What an accepted update did, in words for the activity feed and the audit trail. Derived from
 * the checked changes and the authenticated connection, never from what the client claims.
 */
import { findMessages, readFormMeta, type DocName } from '@concord/shared';
import type * as Y from 'yjs';
import type { Change } from '../guards/update-changes.ts';

export interface ActivityDescription {
  action: string;
  summary: string;
  /** Changes with the same key within the throttle window make one entry. */
  key: string;
}

const SUMMARY_LENGTH = 120;
const clip = (text: string) => (text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text);

/** Values of a given key set on maps created by this update, e.g. the ids of new messages. */
export function newValues(changes: readonly Change[], pathPrefix: readonly string[], key: string): unknown[] {
  return changes.flatMap((change) =>
    change.op === 'insert' && change.container.isNew && change.key === key && change.content.kind === 'value' &&
    change.path.length === pathPrefix.length + 1 && pathPrefix.every((segment, i) => change.path[i] === segment)
      ? [change.content.values[change.content.values.length - 1]]
      : [],
  );
}

export function describeActivity(name: DocName, doc: Y.Doc, changes: readonly Change[]): ActivityDescription | null {
  const inserted = changes.filter((c) => c.op === 'insert');
  switch (name.kind) {
    case 'channel': {
      const posted = findMessages(doc, newValues(changes, ['messages', '#'], 'id').map(String));
      if (posted.length > 0) return { action: 'posted', summary: clip(`#${name.id}: ${posted[posted.length - 1]!.text}`), key: 'posted' };
      if (inserted.some((c) => c.path[0] === 'messages' && (c.key === 'text' || c.key === 'deletedAt'))) {
        return { action: 'edited a message', summary: `#${name.id}`, key: 'edited' };
      }
      return null;
    }
    case 'meeting': {
      const status = inserted.find((c) => c.path.join('/') === 'meta/status' && c.content.kind === 'value');
      if (status && status.content.kind === 'value') return { action: `meeting ${String(status.content.values.at(-1))}`, summary: name.id, key: `status-${String(status.content.values.at(-1))}` };
      return { action: 'updated a meeting', summary: name.id, key: 'updated' };
    }
    case 'form': {
      const writes = inserted.filter((c) => c.path[0] === 'fields' && c.path.length === 3 && c.content.kind === 'value');
      if (writes.length === 0) return { action: 'edited a form', summary: readFormMeta(doc).title || name.id, key: 'edited' };
      const field = writes[0]!.path[1]!;
      const write = writes[0]!.content.kind === 'value' ? (writes[0]!.content.values.at(-1) as { resolution?: string }) : {};
      const title = readFormMeta(doc).title || name.id;
      return write.resolution
        ? { action: 'resolved a conflict', summary: clip(`${title}: ${field}`), key: `resolved-${field}` }
        : { action: 'changed a field', summary: clip(`${title}: ${field}`), key: `changed-${field}` };
    }
    case 'notes':
      return { action: 'edited notes', summary: name.id, key: 'edited' };
    case 'workspace': {
      const created = inserted.find((c) => c.path.length === 2 && c.content.kind === 'type' && !c.replaces);
      if (created) return { action: `created ${created.path[0]!.replace(/s$/, '')}`, summary: created.path[1]!, key: `created-${created.path.join('/')}` };
      return { action: 'updated the directory', summary: 'workspace', key: 'updated' };
    }
    case 'inbox':
      return null;
  }
}
