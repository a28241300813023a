import { setChannelMember, userColor, type ChannelEntry } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import type { Choosable } from '../people/matchPeople.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { Avatar } from '../presence/Avatar.tsx';

/**
 * Who may read a private channel. Admins add and remove members (the server refuses anyone else,
 * and closes a removed member's connection to the channel); everyone else sees the list.
 */
export function ChannelMembers({ workspace, channel, people }: { workspace: DocumentState; channel: ChannelEntry; people: readonly Choosable[] }) {
  const { session } = useCollab();
  const manages = session.user.role === 'admin';
  const names = new Map(people.map((person) => [person.id, person.name]));
  const nameOf = (id: string) => (id === session.user.id ? `${session.user.name} (you)` : (names.get(id) ?? id));
  const members = [...channel.members].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));

  return (
    <details className="card channel-members">
      <summary>Members ({members.length})</summary>
      <ul className="people-list" aria-label="Channel members" data-testid="channel-members">
        {members.map((id) => (
          <li key={id}>
            <Avatar user={{ id, name: names.get(id) ?? id, color: userColor(id) }} size="small" />
            <span>{nameOf(id)}</span>
            {manages && id !== session.user.id && (
              <button type="button" className="link-button danger" aria-label={`Remove ${nameOf(id)}`} onClick={() => setChannelMember(workspace.doc, channel.id, id, false)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {manages && <PersonPicker people={people} exclude={new Set(channel.members)} label="Add a member" placeholder="Add a member by name" onChoose={(person) => setChannelMember(workspace.doc, channel.id, person.id, true)} />}
    </details>
  );
}
