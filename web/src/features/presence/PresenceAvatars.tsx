import { canWrite, workspaceDocName } from '@concord/shared';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { useOpenDirectMessage } from '../people/useOpenDirectMessage.ts';
import { Avatar } from './Avatar.tsx';
import { parsePeers, peopleFrom } from './peers.ts';
import { STATUS_LABELS } from './statusLabels.ts';

/** Who else is here right now, with their status; a click on someone opens a conversation with them. */
export function PresenceAvatars({ document, label }: { document: DocumentState; label: string }) {
  const { session } = useCollab();
  const people = peopleFrom(parsePeers(usePresence(document)), session.user.id);
  const openDm = useOpenDirectMessage(useDocument(workspaceDocName(session.user.org)));
  const writable = canWrite(session.user.role);
  return (
    <ul className="presence" aria-label={label} data-testid="presence">
      {people.map((person) => {
        const face = (
          <>
            <Avatar user={person.user} status={person.status} />
            <span className="visually-hidden">
              {person.user.name} ({STATUS_LABELS[person.status]})
            </span>
          </>
        );
        return (
          <li key={person.user.id} data-user={person.user.id} data-status={person.status}>
            {writable ? (
              <button type="button" className="avatar-button" title={`Message ${person.user.name}`} onClick={() => openDm([person.user.id])}>
                {face}
              </button>
            ) : (
              face
            )}
          </li>
        );
      })}
    </ul>
  );
}
