import { inviteToMeeting, type Participant } from '@concord/shared';
import { useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';
import type { Choosable } from '../people/matchPeople.ts';

/**
 * Invites someone of the workspace, chosen by name; the server turns the invitation into an item in
 * their inbox. People already on the list (and oneself: use Join) are not offered.
 */
export function InviteForm({ meeting, participants, people }: { meeting: DocumentState; participants: Participant[]; people: readonly Choosable[] }) {
  const { session } = useCollab();
  const [invited, setInvited] = useState<string | null>(null);
  const exclude = new Set([session.user.id, ...participants.map((p) => p.userId)]);

  function invite(person: Choosable) {
    // Someone else may have invited them meanwhile: then they are on the list already, which is fine.
    inviteToMeeting(meeting.doc, person.id, person.name, session.user.id);
    setInvited(person.name);
  }

  return (
    <div className="invite-form" role="group" aria-label="Invite someone">
      <PersonPicker people={people} exclude={exclude} label="Invite someone" placeholder="Invite by name" onChoose={invite} />
      {invited && (
        <p className="muted small" role="status">
          Invited {invited}.
        </p>
      )}
    </div>
  );
}
