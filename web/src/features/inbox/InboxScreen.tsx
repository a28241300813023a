import { canWrite, isInboxItemUnread, listInboxItems, markAllInboxRead, markInboxRead } from '@concord/shared';
import { Link } from '../../app/Link.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { formatDateTime } from '../workspace/formatTime.ts';
import { routeForDoc } from '../workspace/routeForDoc.ts';
import { useInbox } from './useInbox.ts';

const KIND_LABELS = { mention: 'Mention', meeting: 'Meeting', conflict: 'Conflict', system: 'Notice' } as const;

export function InboxScreen() {
  const { session } = useCollab();
  const inbox = useInbox();
  const items = useObserved(inbox.doc, (doc) => [...listInboxItems(doc)].reverse());
  const writable = canWrite(session.user.role);
  const unread = items.filter(isInboxItemUnread).length;

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title">Inbox</h1>
        {writable && unread > 0 && (
          <button type="button" className="button small" onClick={() => markAllInboxRead(inbox.doc)}>
            Mark all read
          </button>
        )}
      </header>
      <DocumentStatus document={inbox} />
      <ul className="feed" data-testid="inbox">
        {items.length === 0 && <li className="empty">Nothing here yet. Mentions, meeting invitations and conflicts on records you edited show up here.</li>}
        {items.map((item) => {
          const route = routeForDoc(item.doc);
          // A resolved item needs nothing more from anyone: shown, but not as unread (README "The server takes part").
          const unreadItem = isInboxItemUnread(item);
          return (
            <li key={item.id} className={`feed-item${unreadItem ? ' unread' : ''}${item.resolvedAt !== undefined ? ' resolved' : ''}`} data-unread={unreadItem}>
              <span className={`tag tag-${item.kind}`}>{KIND_LABELS[item.kind]}</span>
              {item.resolvedAt !== undefined && <span className="tag tag-resolved">Resolved</span>}
              <div className="grow">
                <p>{item.text}</p>
                <p className="muted small">
                  {formatDateTime(item.at)}
                  {route && (
                    <>
                      {' · '}
                      <Link to={route} onFollow={() => writable && unreadItem && markInboxRead(inbox.doc, item.id)}>
                        Open
                      </Link>
                    </>
                  )}
                </p>
              </div>
              {writable && unreadItem && (
                <button type="button" className="button small ghost" onClick={() => markInboxRead(inbox.doc, item.id)}>
                  Mark read
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
