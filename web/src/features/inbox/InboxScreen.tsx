import { canWrite, listInboxItems, markAllInboxRead, markInboxRead } from '@concord/shared';
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
  const unread = items.filter((item) => item.readAt === undefined).length;

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
          return (
            <li key={item.id} className={`feed-item${item.readAt === undefined ? ' unread' : ''}`}>
              <span className={`tag tag-${item.kind}`}>{KIND_LABELS[item.kind]}</span>
              <div className="grow">
                <p>{item.text}</p>
                <p className="muted small">
                  {formatDateTime(item.at)}
                  {route && (
                    <>
                      {' · '}
                      <Link to={route} onFollow={() => writable && item.readAt === undefined && markInboxRead(inbox.doc, item.id)}>
                        Open
                      </Link>
                    </>
                  )}
                </p>
              </div>
              {writable && item.readAt === undefined && (
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
