import { listActivity, parseDocName, userColor, type ActivityEntry } from '@concord/shared';
import type * as Y from 'yjs';
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
  const entries = useObserved(workspace.doc, (doc) => [...listActivity(doc, 200)].reverse().map((entry) => ({ ...entry, ...wording(doc, entry) })));
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
                  {entry.object && <> {entry.object}</>}
                  {entry.title && <> in {route ? <Link to={route}>{entry.title}</Link> : entry.title}</>}
                </p>
                {entry.detail && <p className="activity-summary">{entry.detail}</p>}
                <p className="muted small">{formatDateTime(entry.at)}</p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * How an entry reads: "Ana created channel #sales" for the directory, whose summary names what the
 * action was about; "Ana changed a field in Acme renewal" with the summary's detail below ("Stage")
 * for a change inside a document, whose title the detail need not repeat.
 */
function wording(doc: Y.Doc, entry: ActivityEntry): { title?: string; object?: string; detail?: string } {
  const title = docTitle(doc, entry.doc);
  const parsed = parseDocName(entry.doc);
  const id = parsed.ok ? parsed.name.id : '';
  if (!title) {
    // Entries written before the summary named things carry an id, or just "workspace".
    const object = entry.summary === 'workspace' ? '' : (directoryTitle(doc, entry.summary) ?? entry.summary);
    return object ? { object } : {};
  }
  const prefix = [`${title}: `, `#${id}: `].find((p) => entry.summary.startsWith(p));
  const detail = prefix ? entry.summary.slice(prefix.length) : entry.summary;
  return [title, id, `#${id}`].includes(detail) || !detail ? { title } : { title, detail };
}
