import { listActivity, userColor } from '@concord/shared';
import { Link } from '../../app/Link.tsx';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { formatDateTime } from '../workspace/formatTime.ts';
import { routeForDoc } from '../workspace/routeForDoc.ts';

/** The server-written feed of who changed what (DESIGN §8), newest first. */
export function ActivityScreen({ workspace }: { workspace: DocumentState }) {
  const entries = useObserved(workspace.doc, (doc) => [...listActivity(doc, 200)].reverse());
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title">Activity</h1>
      </header>
      <ul className="feed" data-testid="activity">
        {entries.length === 0 && <li className="empty">No activity yet. Changes people make show up here.</li>}
        {entries.map((entry) => {
          const route = routeForDoc(entry.doc);
          return (
            <li key={entry.id} className="feed-item">
              <Avatar user={{ id: entry.userId, name: entry.userName, color: userColor(entry.userId) }} size="small" />
              <div className="grow">
                <p>
                  <strong>{entry.userName}</strong> {entry.summary || entry.action}
                </p>
                <p className="muted small">
                  {formatDateTime(entry.at)}
                  {route && (
                    <>
                      {' · '}
                      <Link to={route}>Open</Link>
                    </>
                  )}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
