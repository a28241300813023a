/**
 * The server takes part (docs/ARCHITECTURE.md, "The server as a participant"): after an accepted
 * update is applied it writes the activity feed and the audit trail, inbox items for mentions,
 * meeting invitations and form conflicts, and moves chat history beyond the live limit to the
 * archive. It never delays the client's messages: the work runs after the message and failures are
 * logged.
 */
import type { Extension, afterHandleMessagePayload } from '@hocuspocus/server';
import { appendActivity, newId, workspaceDocName } from '@concord/shared';
import type { DocumentSource } from '../documents/read.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import { describeActivity } from '../reactions/activity.ts';
import { createArchiver } from '../reactions/archive.ts';
import { createConflictNotifier } from '../reactions/conflicts.ts';
import { notifyInvitations } from '../reactions/invitations.ts';
import { notifyMentions } from '../reactions/mentions.ts';
import type { ServerWrite } from '../reactions/server-writer.ts';
import type { AcceptedUpdate } from './guards.ts';

export interface ReactionsOptions {
  logger: Logger;
  accepted: WeakMap<Uint8Array, AcceptedUpdate>;
  storage: DocumentStorage;
  /** The documents, once the server exists. */
  source: () => DocumentSource;
  write: ServerWrite;
  /** One activity entry per user, document and kind of action in this window. */
  activityWindowMs?: number;
  liveMessageLimit?: number;
}

export const REACTION_DEFAULTS = { activityWindowMs: 30_000 };
const REMEMBERED_ACTIVITY_KEYS = 10_000;

export function reactions(options: ReactionsOptions): Extension & { idle(): Promise<void> } {
  const { logger, write } = options;
  const windowMs = options.activityWindowMs ?? REACTION_DEFAULTS.activityWindowMs;
  const lastActivity = new Map<string, number>();
  const notifyConflicts = createConflictNotifier(write);
  const archiveOverflow = createArchiver(options.storage, write, options.liveMessageLimit);
  const pending = new Set<Promise<void>>();

  async function recordActivity({ documentName, context, changes }: AcceptedUpdate, doc: Parameters<typeof describeActivity>[1]): Promise<void> {
    const description = describeActivity(context.doc, doc, changes);
    if (!description) return;
    const key = `${context.identity.userId}|${documentName}|${description.key}`;
    const now = Date.now();
    if (now - (lastActivity.get(key) ?? -Infinity) < windowMs) return;
    if (lastActivity.size >= REMEMBERED_ACTIVITY_KEYS) lastActivity.clear();
    lastActivity.set(key, now);
    const entry = { id: newId(now), at: now, userId: context.identity.userId, userName: context.identity.name, action: description.action, summary: description.summary };
    await options.storage.appendAudit({ ...entry, documentName });
    await write(workspaceDocName(context.doc.org), (workspace) => void appendActivity(workspace, { ...entry, doc: documentName }));
  }

  async function react(accepted: AcceptedUpdate, doc: Parameters<typeof describeActivity>[1]): Promise<void> {
    const { context, changes, documentName } = accepted;
    const name = context.doc;
    await recordActivity(accepted, doc);
    if (name.kind === 'channel') {
      await notifyMentions(name, doc, changes, options.source(), write);
      await archiveOverflow(documentName, doc);
    }
    if (name.kind === 'meeting') await notifyInvitations(name, doc, changes, context.identity.name, write);
    if (name.kind === 'form') await notifyConflicts(name, doc, changes, context.identity.name);
  }

  return {
    extensionName: 'concord-reactions',

    async afterHandleMessage({ update: frame, document }: afterHandleMessagePayload) {
      const accepted = options.accepted.get(frame);
      if (!accepted) return;
      options.accepted.delete(frame);
      const work = react(accepted, document)
        .catch((error: unknown) => logger.error({ err: error, documentName: accepted.documentName }, 'server reaction failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
    },

    /** Resolves when every reaction started so far has finished (shutdown, tests). */
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
