import { listActivity, userColor } from '@concord/shared';
import { Link } from '../../app/Link.tsx';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { formatDateTime } from '../workspace/formatTime.ts';
import { directoryTitle, docTitle } from '../workspace/docTitle.ts';
import { routeForDoc } from '../workspace/routeForDoc.ts';

/**
 * The server-written feed of who changed what (docs/ARCHITECTURE.md, "The server as a
 * participant"), newest first.
 */
export function ActivityScreen({ workspace }: { workspace: DocumentState }) {
  const entries = useObserved(workspace.doc, (doc) =>
    [...listActivity(doc, 200)].reverse().map((entry) => {
      const title = docTitle(doc, entry.doc);
      // The server's summary often just repeats the document's id or title; show it only when it says more.
      const repeats = [title, entry.doc.split(':')[2], 'workspace'].includes(entry.summary);
      const detail = entry.summary && !repeats ? (directoryTitle(doc, entry.summary) ?? entry.summary) : undefined;
      return { ...entry, title, detail };
    }),
  );
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
                  <strong>{entry.userName}</strong> {entry.action}
                  {entry.title && <> in {route ? <Link to={route}>{entry.title}</Link> : entry.title}</>}
                </p>
                {entry.detail && <p className="activity-summary">{entry.detail}</p>}
                <p className="muted small">
                  {formatDateTime(entry.at)}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
