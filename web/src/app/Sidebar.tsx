import type { ReactNode } from 'react';
import { canWrite, formatDocName, listFormEntries, listMeetingEntries, listNotesEntries, listPeople, unreadCount, type ChannelEntry } from '@concord/shared';
import { useCollab } from '../collab/CollabContext.ts';
import type { DocumentState } from '../collab/documentRegistry.ts';
import { useDocument } from '../collab/useDocument.ts';
import { useObserved } from '../collab/useObserved.ts';
import { NewChannelButton } from '../features/channel/NewChannelButton.tsx';
import { NewFormButton } from '../features/form/NewFormButton.tsx';
import { NewMeetingButton } from '../features/meeting/NewMeetingButton.tsx';
import { NewNotesButton } from '../features/notes/NewNotesButton.tsx';
import { UnreadInboxCount } from '../features/inbox/UnreadInboxCount.tsx';
import { dmTitle } from '../features/people/dmTitle.ts';
import { visibleChannels } from '../features/workspace/visibleChannels.ts';
import { recordTypes } from '../features/records/recordTypes.ts';
import { Link } from './Link.tsx';
import type { Route } from './route.ts';

/**
 * Records listed one by one; the rest are in the lists per type (features/records). Two thousand
 * links here made every navigation of a large workspace cost over half a second (docs/BENCHMARKS.md, "Records").
 */
const SIDEBAR_RECORDS = 12;

export function Sidebar({ workspace, route, onShowShortcuts }: { workspace: DocumentState; route: Route; onShowShortcuts: () => void }) {
  const { session } = useCollab();
  const directory = useObserved(workspace.doc, (doc) => ({
    channels: visibleChannels(doc, session.user.id).filter((c) => c.visibility !== 'dm'),
    dms: visibleChannels(doc, session.user.id).filter((c) => c.visibility === 'dm'),
    people: new Map(listPeople(doc).map((p) => [p.id, p])),
    meetings: listMeetingEntries(doc).sort((a, b) => a.scheduledAt - b.scheduledAt),
    forms: listFormEntries(doc),
    recordTypes: recordTypes(doc),
    notes: listNotesEntries(doc),
  }));
  const writable = canWrite(session.user.role);
  const current = (screen: Route['screen'], id?: string) => route.screen === screen && (!id || ('id' in route && route.id === id));

  return (
    <nav className="sidebar" aria-label="Workspace">
      <ul className="nav-list">
        <li>
          <Link to={{ screen: 'inbox' }} className="nav-item" ariaCurrent={current('inbox')}>
            <span>Inbox</span>
            <UnreadInboxCount />
          </Link>
        </li>
        <li>
          <Link to={{ screen: 'activity' }} className="nav-item" ariaCurrent={current('activity')}>
            Activity
          </Link>
        </li>
        <li>
          <Link to={{ screen: 'people' }} className="nav-item" ariaCurrent={current('people')}>
            People
          </Link>
        </li>
        {session.user.role === 'admin' && (
          <li>
            <Link to={{ screen: 'recordTypes' }} className="nav-item" ariaCurrent={current('recordTypes')}>
              Record types
            </Link>
          </li>
        )}
      </ul>
      <Section title="Channels" action={writable && <NewChannelButton workspace={workspace} />}>
        {directory.channels.map((channel) => (
          <li key={channel.id}>
            <ChannelLink channel={channel} current={current('channel', channel.id)} />
          </li>
        ))}
      </Section>
      <Section
        title="Direct messages"
        action={writable && (
          <Link to={{ screen: 'people' }} className="icon-button" ariaLabel="New message">
            +
          </Link>
        )}
      >
        {directory.dms.map((channel) => (
          <li key={channel.id}>
            <ChannelLink channel={channel} label={dmTitle(channel, directory.people, session.user.id)} current={current('channel', channel.id)} />
          </li>
        ))}
      </Section>
      <Section title="Meetings" action={writable && <NewMeetingButton workspace={workspace} />}>
        {directory.meetings.map((meeting) => (
          <li key={meeting.id}>
            <Link to={{ screen: 'meeting', id: meeting.id }} className="nav-item" ariaCurrent={current('meeting', meeting.id)}>
              <span className="nav-label">{meeting.title || 'Untitled meeting'}</span>
              <span className={`pill pill-${meeting.status}`}>{meeting.status}</span>
            </Link>
          </li>
        ))}
      </Section>
      <Section title="Records" action={writable && <NewFormButton workspace={workspace} />}>
        {directory.recordTypes.map(({ type, label }) => (
          <li key={`type-${type}`}>
            <Link to={{ screen: 'records', type, view: 'table' }} className="nav-item" ariaCurrent={route.screen === 'records' && route.type === type}>
              <span className="nav-label">{label}</span>
              <span className="muted small">list</span>
            </Link>
          </li>
        ))}
        {directory.forms.slice(0, SIDEBAR_RECORDS).map((form) => (
          <li key={form.id}>
            <Link to={{ screen: 'form', id: form.id }} className="nav-item" ariaCurrent={current('form', form.id)}>
              <span className="nav-label">{form.title || form.id}</span>
              <span className="muted small">{form.id}</span>
            </Link>
          </li>
        ))}
        {directory.forms.length > SIDEBAR_RECORDS && <li className="muted small nav-more">{directory.forms.length - SIDEBAR_RECORDS} more in the lists</li>}
      </Section>
      <Section title="Notes" action={writable && <NewNotesButton workspace={workspace} />}>
        {directory.notes.map((notes) => (
          <li key={notes.id}>
            <Link to={{ screen: 'notes', id: notes.id }} className="nav-item" ariaCurrent={current('notes', notes.id)}>
              <span className="nav-label">{notes.title || 'Untitled page'}</span>
            </Link>
          </li>
        ))}
      </Section>
      <button type="button" className="link-button shortcuts-link" onClick={onShowShortcuts}>
        Keyboard shortcuts <kbd>?</kbd>
      </button>
    </nav>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="nav-section">
      <div className="nav-heading">
        <h2>{title}</h2>
        {action}
      </div>
      <ul className="nav-list">{children}</ul>
    </section>
  );
}

function ChannelLink({ channel, label = `# ${channel.name}`, current }: { channel: ChannelEntry; label?: string; current: boolean }) {
  const { session } = useCollab();
  const document = useDocument(formatDocName({ org: session.user.org, kind: 'channel', id: channel.id }));
  const unread = useObserved(document.doc, (doc) => unreadCount(doc, session.user.id));
  return (
    <Link to={{ screen: 'channel', id: channel.id }} className="nav-item" ariaCurrent={current}>
      <span className="nav-label">{label}</span>
      {unread > 0 && !current && (
        <span className="badge" data-testid={`unread-${channel.id}`} aria-label={`${unread} unread`}>
          {unread}
        </span>
      )}
    </Link>
  );
}
