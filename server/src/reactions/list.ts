/**
 * Every way the server reacts to a client's update, in the order they run (pipeline/react.ts). A new
 * reaction is one more entry: a `Reaction` whose `react` reads the applied update and writes through
 * `write` (the server's own updates take the same pipeline as clients').
 */
import type { DocumentSource } from '../documents/read.ts';
import type { Reaction } from '../pipeline/react.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import { createArchiver } from './archive.ts';
import { createConflictNotifier } from './conflicts.ts';
import { notifyInvitations } from './invitations.ts';
import { notifyMentions } from './mentions.ts';
import { recordActivity } from './record-activity.ts';
import type { ServerWrite } from './server-writer.ts';

export interface ReactionsOptions {
  storage: DocumentStorage;
  /** The documents, once the server exists. */
  source: () => DocumentSource;
  write: ServerWrite;
  /** One activity entry per user, document and kind of action in this window. */
  activityWindowMs?: number;
  liveMessageLimit?: number;
}

export const REACTION_DEFAULTS = { activityWindowMs: 30_000 };

export function serverReactions(options: ReactionsOptions): Reaction[] {
  const { storage, write } = options;
  const archiveOverflow = createArchiver(storage, write, options.liveMessageLimit);
  const notifyConflicts = createConflictNotifier(write);
  return [
    {
      name: 'mentions',
      async react({ author, document, changes }) {
        if (author.doc.kind === 'channel') await notifyMentions(author.doc, document, changes, options.source(), write);
      },
    },
    {
      name: 'archive',
      async react({ author, documentName, document }) {
        if (author.doc.kind === 'channel') await archiveOverflow(documentName, document);
      },
    },
    {
      name: 'invitations',
      async react({ author, document, changes }) {
        if (author.doc.kind === 'meeting') await notifyInvitations(author.doc, document, changes, author.identity.name, write);
      },
    },
    {
      name: 'conflicts',
      async react({ author, document, changes }) {
        if (author.doc.kind === 'form') await notifyConflicts(author.doc, document, changes, author.identity.name);
      },
    },
    // Last: it waits for the org's other entries of the moment, and the inbox items above should not.
    recordActivity(storage, write, options.activityWindowMs ?? REACTION_DEFAULTS.activityWindowMs),
  ];
}
