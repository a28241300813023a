/**
 * An inbox item for everyone a message mentions, if they may read the channel: when it is posted,
 * and when an edit sets its mentions. An edit notifies only people the message has not notified yet
 * (no mention item for it in their inbox): removing a mention takes nothing back, and mentioning
 * someone again notifies nobody twice.
 */
import { addInboxItem, formatDocName, getChannelEntry, hasInboxItem, inboxDocName, workspaceDocName, type DocName, type Message } from '@concord/shared';
import type * as Y from 'yjs';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import type { Change } from '../guards/update-changes.ts';
import { editedMentions, postedMessages } from './activity.ts';
import type { ServerWrite } from './server-writer.ts';

export async function notifyMentions(name: DocName, doc: Y.Doc, changes: readonly Change[], source: DocumentSource, write: ServerWrite): Promise<void> {
  const mentioning = (m: Message) => (m.mentions?.length ?? 0) > 0;
  const posted = postedMessages(doc, changes).filter(mentioning);
  const edited = editedMentions(doc, changes).filter(mentioning);
  if (posted.length === 0 && edited.length === 0) return;
  const entry = await withDocument(source, workspaceDocName(name.org), (workspace) => getChannelEntry(workspace, name.id));
  const mayRead = (userId: string) => !entry || entry.visibility === 'public' || entry.members.includes(userId);
  const channelName = formatDocName(name);
  const notify = async (message: Message, onlyOnce: boolean) => {
    for (const userId of new Set(message.mentions)) {
      if (userId === message.authorId || !mayRead(userId)) continue;
      await write(inboxDocName(name.org, userId), (inbox) => {
        if (onlyOnce && hasInboxItem(inbox, { kind: 'mention', doc: channelName, anchor: message.id })) return;
        addInboxItem(inbox, {
          kind: 'mention',
          text: `${message.authorName} mentioned you in #${entry?.name ?? name.id}: ${message.text.slice(0, 200)}`,
          doc: channelName,
          anchor: message.id,
          at: Date.now(),
        });
      });
    }
  };
  for (const message of posted) await notify(message, false);
  for (const message of edited) await notify(message, true);
}

