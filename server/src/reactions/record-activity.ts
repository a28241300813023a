/**
 * The activity feed and the audit trail: one entry per user, document and kind of action in a
 * window, from authenticated facts only.
 */
import { appendActivity, newId, workspaceDocName } from '@concord/shared';
import type { Reaction } from '../pipeline/react.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import { describeActivity } from './activity.ts';
import type { ServerWrite } from './server-writer.ts';

const REMEMBERED_ACTIVITY_KEYS = 10_000;

export function recordActivity(storage: DocumentStorage, write: ServerWrite, windowMs: number): Reaction {
  const lastActivity = new Map<string, number>();
  return {
    name: 'activity',
    async react({ documentName, document, author, changes }) {
      const description = describeActivity(author.doc, document, changes);
      if (!description) return;
      const key = `${author.identity.userId}|${documentName}|${description.key}`;
      const now = Date.now();
      if (now - (lastActivity.get(key) ?? -Infinity) < windowMs) return;
      if (lastActivity.size >= REMEMBERED_ACTIVITY_KEYS) lastActivity.clear();
      lastActivity.set(key, now);
      const entry = { id: newId(now), at: now, userId: author.identity.userId, userName: author.identity.name, action: description.action, summary: description.summary };
      await storage.appendAudit({ ...entry, documentName });
      await write(workspaceDocName(author.doc.org), (workspace) => void appendActivity(workspace, { ...entry, doc: documentName }));
    },
  };
}
