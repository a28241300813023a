import { inviteToMeeting, isValidId, type Participant } from '@concord/shared';
import { useState, type FormEvent } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import type { AwarenessUser } from '@concord/shared';

/**
 * Invites someone by name and user id; choosing a name of someone seen online fills in their id.
 * The server turns the invitation into an item in their inbox.
 */
export function InviteForm({ meeting, participants, people }: { meeting: DocumentState; participants: Participant[]; people: AwarenessUser[] }) {
  const { session } = useCollab();
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const invitable = people.filter((person) => !participants.some((p) => p.userId === person.id));

  function chooseName(value: string) {
    setName(value);
    setProblem(null);
    const known = people.find((person) => person.name.toLowerCase() === value.trim().toLowerCase());
    if (known) setUserId(known.id);
  }

  function invite(event: FormEvent) {
    event.preventDefault();
    const id = userId.trim();
    if (!isValidId(id)) return setProblem('A user id is letters, digits, dots, dashes or underscores.');
    if (id === session.user.id) return setProblem('You are already here: use Join.');
    if (!inviteToMeeting(meeting.doc, id, name.trim(), session.user.id)) return setProblem(`${name.trim()} is already on the list.`);
    setName('');
    setUserId('');
    setProblem(null);
  }

  return (
    <form className="invite-form" onSubmit={invite} aria-label="Invite someone">
      <div className="row">
        <label className="visually-hidden" htmlFor="invite-name">
          Name of the person to invite
        </label>
        <input id="invite-name" className="grow" placeholder="Invite by name" list="invite-people" value={name} onChange={(e) => chooseName(e.target.value)} required maxLength={200} autoComplete="off" />
        <datalist id="invite-people">
          {invitable.map((person) => (
            <option key={person.id} value={person.name} />
          ))}
        </datalist>
        <label className="visually-hidden" htmlFor="invite-id">
          Their user id
        </label>
        <input id="invite-id" className="invite-id" placeholder="User id" value={userId} onChange={(e) => setUserId(e.target.value)} required maxLength={64} autoComplete="off" />
        <button type="submit" className="button" disabled={!name.trim() || !userId.trim()}>
          Invite
        </button>
      </div>
      {problem && (
        <p className="callout callout-error small" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
