import { inboxUnreadCount } from '@concord/shared';
import { useObserved } from '../../collab/useObserved.ts';
import { useInbox } from './useInbox.ts';

export function UnreadInboxCount() {
  const inbox = useInbox();
  const unread = useObserved(inbox.doc, inboxUnreadCount);
  return unread > 0 ? (
    <span className="badge" aria-label={`${unread} unread`}>
      {unread}
    </span>
  ) : null;
}
