/** An inbox item for each user invited to a meeting (a participant entry made by someone else). */
import { addInboxItem, formatDocName, inboxDocName, readMeetingMeta, type DocName } from '@concord/shared';
import type * as Y from 'yjs';
import type { Change } from '../guards/update-changes.ts';
import type { ServerWrite } from './server-writer.ts';

export async function notifyInvitations(name: DocName, doc: Y.Doc, changes: readonly Change[], inviterName: string, write: ServerWrite): Promise<void> {
  const invited = changes.flatMap((c) =>
    c.op === 'insert' && c.key === 'invitedBy' && c.path.length === 3 && c.path[0] === 'participants' && c.container.isNew ? [c.path[1]!] : [],
  );
  if (invited.length === 0) return;
  const meta = readMeetingMeta(doc);
  for (const userId of new Set(invited)) {
    await write(inboxDocName(name.org, userId), (inbox) =>
      void addInboxItem(inbox, {
        kind: 'meeting',
        text: `${inviterName} invited you to ${meta.title || 'a meeting'}`,
        doc: formatDocName(name),
        at: Date.now(),
      }),
    );
  }
}
