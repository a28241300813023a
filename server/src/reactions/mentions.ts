/** An inbox item for everyone a new message mentions, if they may read the channel. */
import { addInboxItem, formatDocName, getChannelEntry, inboxDocName, workspaceDocName, type DocName } from '@concord/shared';
import type * as Y from 'yjs';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import type { Change } from '../guards/update-changes.ts';
import { postedMessages } from './activity.ts';
import type { ServerWrite } from './server-writer.ts';

export async function notifyMentions(name: DocName, doc: Y.Doc, changes: readonly Change[], source: DocumentSource, write: ServerWrite): Promise<void> {
  const messages = postedMessages(doc, changes);
  const mentioning = messages.filter((m) => (m.mentions?.length ?? 0) > 0);
  if (mentioning.length === 0) return;
  const entry = await withDocument(source, workspaceDocName(name.org), (workspace) => getChannelEntry(workspace, name.id));
  const mayRead = (userId: string) => !entry || entry.visibility === 'public' || entry.members.includes(userId);
  const channelName = formatDocName(name);
  for (const message of mentioning) {
    for (const userId of new Set(message.mentions)) {
      if (userId === message.authorId || !mayRead(userId)) continue;
      await write(inboxDocName(name.org, userId), (inbox) =>
        void addInboxItem(inbox, {
          kind: 'mention',
          text: `${message.authorName} mentioned you in #${entry?.name ?? name.id}: ${message.text.slice(0, 200)}`,
          doc: channelName,
          anchor: message.id,
          at: Date.now(),
        }),
      );
    }
  }
}
