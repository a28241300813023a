import type { DocumentState } from '../../collab/documentRegistry.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { Avatar } from './Avatar.tsx';
import { parsePeers, peopleFrom } from './peers.ts';
import { STATUS_LABELS } from './statusLabels.ts';

/** Who else is here right now, with their status. */
export function PresenceAvatars({ document, label }: { document: DocumentState; label: string }) {
  const { session } = useCollab();
  const people = peopleFrom(parsePeers(usePresence(document)), session.user.id);
  return (
    <ul className="presence" aria-label={label} data-testid="presence">
      {people.map((person) => (
        <li key={person.user.id} data-user={person.user.id} data-status={person.status}>
          <Avatar user={person.user} status={person.status} />
          <span className="visually-hidden">
            {person.user.name} ({STATUS_LABELS[person.status]})
          </span>
        </li>
      ))}
    </ul>
  );
}
