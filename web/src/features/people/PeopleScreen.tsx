import { canWrite, listPeople, MAX_DM_MEMBERS, userColor, type Person } from '@concord/shared';
import { useState, useSyncExternalStore } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { parsePeers, peopleFrom } from '../presence/peers.ts';
import { STATUS_LABELS } from '../presence/statusLabels.ts';
import { lastSeenText } from './lastSeen.ts';
import { useOpenDirectMessage } from './useOpenDirectMessage.ts';

/** Everyone who has used the workspace: who is here now, when the others were last seen, and a way to write to them. */
export function PeopleScreen({ workspace }: { workspace: DocumentState }) {
  const { session, presence } = useCollab();
  const mine = useSyncExternalStore(presence.subscribe, presence.get).status;
  const people = useObserved(workspace.doc, listPeople);
  // Everyone online has the directory open, so its awareness is where presence shows.
  const online = new Map(peopleFrom(parsePeers(usePresence(workspace)), '').map((p) => [p.user.id, p]));
  const openDm = useOpenDirectMessage(workspace);
  const writable = canWrite(session.user.role);
  const [selected, setSelected] = useState<string[]>([]);
  const others = MAX_DM_MEMBERS - 1;

  const toggle = (id: string) => setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : now.length < others ? [...now, id] : now));

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">People</h1>
          <p className="muted">Everyone who has opened this workspace ({people.length}).</p>
        </div>
        {writable && (
          <button type="button" className="button primary" disabled={selected.length === 0} onClick={() => openDm(selected)}>
            {selected.length > 1 ? `Message ${selected.length} people` : 'New message'}
          </button>
        )}
      </header>
      {writable && <p className="muted small">Tick up to {others} people for a group conversation.</p>}
      <ul className="people-list" data-testid="people">
        {people.length === 0 && <li className="empty">Nobody yet. People appear here once they open the workspace.</li>}
        {people.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            me={person.id === session.user.id}
            status={person.id === session.user.id ? mine : online.get(person.id)?.status}
            writable={writable}
            selected={selected.includes(person.id)}
            onToggle={() => toggle(person.id)}
            onMessage={() => openDm([person.id])}
          />
        ))}
      </ul>
    </section>
  );
}

function PersonRow(props: {
  person: Person;
  me: boolean;
  status: keyof typeof STATUS_LABELS | undefined;
  writable: boolean;
  selected: boolean;
  onToggle: () => void;
  onMessage: () => void;
}) {
  const { person, me, status } = props;
  const user = { id: person.id, name: person.name, color: userColor(person.id), ...(person.avatar ? { avatar: person.avatar } : {}) };
  return (
    <li className="person" data-user={person.id} data-status={status ?? 'offline'}>
      {props.writable && (
        <span className="person-select">
          {!me && <input type="checkbox" aria-label={`Select ${person.name}`} checked={props.selected} onChange={props.onToggle} />}
        </span>
      )}
      {/* A shortcut for the pointer; the labelled button does the same from the keyboard. */}
      <button type="button" className="avatar-button" onClick={props.onMessage} disabled={me || !props.writable} aria-hidden="true" tabIndex={-1}>
        <Avatar user={user} status={status} />
      </button>
      <div className="grow">
        <p>
          <strong>{person.name}</strong>
          {me && <span className="muted"> (you)</span>} <span className="pill">{person.role}</span>
        </p>
        <p className="muted small" data-testid="presence-text">
          {status ? STATUS_LABELS[status] : lastSeenText(person.lastSeenAt)}
        </p>
      </div>
      {props.writable && !me && (
        <button type="button" className="button small" onClick={props.onMessage}>
          Message {person.name}
        </button>
      )}
    </li>
  );
}
