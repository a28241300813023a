/**
 * The activity feed and the audit trail: one entry per user, document and kind of action in a
 * window, from authenticated facts only.
 *
 * An org's entries are gathered for `batchMs` and then stored together: their audit rows in one
 * transaction and their feed entries in one workspace update. Written one by one, a busy org (many
 * people each making their first edit of the window) cost a commit and a workspace update, checked,
 * appended and broadcast, per edit (docs/BENCHMARKS.md, "Fan-out server CPU per edit").
 */
import { appendActivity, newId, workspaceDocName } from '@concord/shared';
import type { Reaction } from '../pipeline/react.ts';
import type { AuditEntry, DocumentStorage } from '../storage/storage.ts';
import { describeActivity } from './activity.ts';
import type { ServerWrite } from './server-writer.ts';

const REMEMBERED_ACTIVITY_KEYS = 10_000;
/** How long an org's entries wait for others to be stored with them. */
export const ACTIVITY_BATCH_MS = 200;

interface Batch {
  entries: AuditEntry[];
  stored: Promise<void>;
}

export function recordActivity(storage: DocumentStorage, write: ServerWrite, windowMs: number, batchMs = ACTIVITY_BATCH_MS): Reaction {
  const lastActivity = new Map<string, number>();
  // Workspace document name → the entries waiting for it.
  const batches = new Map<string, Batch>();

  async function store(workspaceName: string, entries: readonly AuditEntry[]): Promise<void> {
    await storage.appendAudit(...entries);
    await write(workspaceName, (workspace) => {
      for (const { documentName, ...entry } of entries) appendActivity(workspace, { ...entry, doc: documentName });
    });
  }

  function enqueue(workspaceName: string, entry: AuditEntry): Promise<void> {
    const waiting = batches.get(workspaceName);
    if (waiting) {
      waiting.entries.push(entry);
      return waiting.stored;
    }
    const entries = [entry];
    const stored = new Promise<void>((resolve) => setTimeout(resolve, batchMs)).then(() => {
      batches.delete(workspaceName);
      return store(workspaceName, entries);
    });
    batches.set(workspaceName, { entries, stored });
    return stored;
  }

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
      await enqueue(workspaceDocName(author.doc.org), {
        id: newId(now), at: now, documentName, userId: author.identity.userId, userName: author.identity.name, action: description.action, summary: description.summary,
      });
    },
  };
}
